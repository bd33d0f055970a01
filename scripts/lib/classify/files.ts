/**
 * classify's files: the input opened and checked, the output planned (its directory exists, it is not the input:
 * by real path and by device + inode) before the model loads, and written to a temporary file beside it that is
 * renamed over it only when the run completes.
 */
import {
  accessSync,
  constants as fsConstants,
  createWriteStream,
  fchmodSync,
  fstatSync,
  openSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  type Stats,
  type WriteStream,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError } from './args.ts';

export const errnoOf = (e: unknown): string | undefined =>
  e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' ? (e as NodeJS.ErrnoException).code : undefined;

/** A system error in words, without Node's "ENOENT: …, open '…'" wrapping. */
export function reason(e: unknown): string {
  switch (errnoOf(e)) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return (e as Error).message;
  }
}

function statOrUndefined(fd: number): Stats | undefined {
  try {
    return fstatSync(fd);
  } catch {
    return undefined; // closed stdin/stdout: nothing to compare
  }
}

/** Both are regular files and the same one: a path, a symlink or a hard link to it all have its dev + ino. */
const sameFile = (a: Stats | undefined, b: Stats | undefined): boolean =>
  a !== undefined && b !== undefined && a.isFile() && b.isFile() && a.dev === b.dev && a.ino === b.ino;

export interface Input {
  name: string;
  fd: number;
  stat?: Stats;
  real?: string;
}

export function openInput(input: string): Input {
  if (input === '-') return { name: 'stdin', fd: 0, stat: statOrUndefined(0) };
  let fd: number;
  try {
    fd = openSync(input, 'r');
  } catch (e) {
    throw new CliError(`cannot read ${input}: ${reason(e)}`);
  }
  const stat = fstatSync(fd);
  // Reading a directory only fails later, after the output was created: refuse now.
  if (stat.isDirectory()) throw new CliError(`cannot read ${input}: it is a directory, not a file`);
  return { name: input, fd, stat, real: realpathSync(input) };
}

export type OutputPlan = { kind: 'stdout' } | { kind: 'file'; name: string; target: string; existing?: Stats };

/** Check the output can be written and is not the input, before anything is created. */
export function planOutput(output: string, input: Input): OutputPlan {
  if (output === '-') {
    // `classify --input in.jsonl >> in.jsonl` would read its own results forever
    if (sameFile(statOrUndefined(1), input.stat)) throw new CliError(`stdout is the input file ${input.name}: write the results to another file`);
    return { kind: 'stdout' };
  }
  // Replace what a symlink points to, not the symlink itself (as writing through it did).
  let target = resolve(output);
  let existing: Stats | undefined;
  try {
    target = realpathSync(output);
    existing = statSync(target);
  } catch (e) {
    if (errnoOf(e) !== 'ENOENT') throw new CliError(`cannot write ${output}: ${reason(e)}`);
  }
  if (existing?.isDirectory()) throw new CliError(`cannot write ${output}: it is a directory; give a file name`);
  if ((input.real !== undefined && input.real === target) || sameFile(existing, input.stat)) {
    const how = input.name === 'stdin' ? 'stdin is redirected from it' : `it is the input file ${input.name}`;
    throw new CliError(`--output ${output}: ${how}; the results would replace the texts, write them to another file`);
  }
  const dir = dirname(target);
  const shownDir = dirname(output);
  let dirStat: Stats;
  try {
    dirStat = statSync(dir);
  } catch (e) {
    if (errnoOf(e) === 'ENOENT') throw new CliError(`cannot write ${output}: directory ${shownDir} does not exist (create it first)`);
    throw new CliError(`cannot write ${output}: ${reason(e)}`);
  }
  if (!dirStat.isDirectory()) throw new CliError(`cannot write ${output}: ${shownDir} is not a directory`);
  try {
    accessSync(dir, fsConstants.W_OK);
  } catch {
    throw new CliError(`cannot write ${output}: no permission to create files in ${shownDir}`);
  }
  if (existing) {
    // Renaming would replace a read-only file; writing into it never could.
    try {
      accessSync(target, fsConstants.W_OK);
    } catch {
      throw new CliError(`cannot write ${output}: the file is read-only`);
    }
  }
  return { kind: 'file', name: output, target, existing };
}

/** The output file, written beside its target under a temporary name and renamed over it on success. */
export class AtomicOutput {
  readonly tmp: string;
  readonly stream: WriteStream;
  private done = false;

  constructor(private readonly plan: Extract<OutputPlan, { kind: 'file' }>) {
    // Same directory, so the final rename stays on one filesystem (atomic); dot-named, so it looks like what it is.
    this.tmp = join(dirname(plan.target), `.${basename(plan.target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    let fd: number;
    try {
      fd = openSync(this.tmp, 'wx'); // opened here, not by the stream, so a failure is reported before any work
    } catch (e) {
      throw new CliError(`cannot write ${plan.name}: ${reason(e)}`);
    }
    if (plan.existing) fchmodSync(fd, plan.existing.mode & 0o7777);
    // flush: the data is on disk before the rename makes the name point at it
    this.stream = createWriteStream(this.tmp, { fd, flush: true });
  }

  async commit(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.once('close', () => resolve());
      this.stream.end();
    });
    renameSync(this.tmp, this.plan.target);
    this.done = true;
  }

  /** Drop the temporary file (idempotent, synchronous so a signal handler can call it before exiting). */
  discard(): void {
    if (this.done) return;
    this.done = true;
    this.stream.destroy();
    try {
      unlinkSync(this.tmp);
    } catch {
      // already gone
    }
  }
}
