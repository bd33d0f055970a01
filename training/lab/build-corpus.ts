/**
 * Unlabelled texts for the masked-token pretraining of the encoder (training/lab/pretrain.py), featurized by the
 * runtime's own featurizer so pretraining sees exactly the ids the extension computes.
 *
 *   npx tsx training/build-corpus.ts [--corpora DIR] [--out DIR] [--scale F]
 *
 * Reads `<corpora>/<name>/<name>.txt.gz` (one text per line; default `$BOUCLIER_CORPORA` or ../shared/corpora),
 * takes a deterministic stride sample of each corpus (QUOTA × scale texts), maps each corpus's user and link
 * placeholders to the ones our featurizer already sees in real comments, and writes `features.bin` and
 * `corpus-stats.json` into `<out>` (default training/work/corpus). Texts are never copied into the repository.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { FeatureFileBuilder } from '../../src/classifier/feature-file.ts';
import { featurize } from '../../src/classifier/featurize.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Texts per corpus. French gets as much as English although it has less social-media text: it is the language
 * the labelled data serves worst. Literature and debates are capped so that comments' register dominates.
 */
export const QUOTA: Record<string, number> = {
  'en-sentiment140': 110_000,
  'en-tweeteval-nontoxic': 60_000,
  'fr-assemblee-debats-cv': 60_000,
  'fr-literature-cv': 50_000,
  'fr-theatre-cv': 30_000,
  'fr-tremolo-tweets-sample': 10_000,
  'fr-allocine-tv-reviews': 4_000,
};

/** One spelling for the placeholders each corpus uses for mentions and links. */
export function unifyPlaceholders(text: string): string {
  return text
    .replace(/@(?:user|XXX)\b/g, '@someone')
    .replace(/\bUSER\b/g, '@someone')
    .replace(/\b(?:URL|url_path)\b/g, 'https://example.com');
}

/** Every `step`-th line, `n` at most: the same sample every run. */
export function strideSample<T>(xs: readonly T[], n: number): T[] {
  if (xs.length <= n) return [...xs];
  const step = xs.length / n;
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(xs[Math.floor(i * step)] as T);
  return out;
}

function parseArgs(argv: string[]): { corpora: string; out: string; scale: number } {
  let corpora = process.env['BOUCLIER_CORPORA'] ?? resolve(REPO_ROOT, '..', 'shared', 'corpora');
  let out = join(REPO_ROOT, 'training', 'work', 'corpus');
  let scale = 1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--corpora') corpora = resolve(next());
    else if (a === '--out') out = resolve(next());
    else if (a === '--scale') scale = Number(next());
    else throw new Error(`unknown option ${a}`);
  }
  if (!(scale > 0)) throw new Error('--scale must be a positive number');
  return { corpora, out, scale };
}

function main(): void {
  const { corpora, out, scale } = parseArgs(process.argv.slice(2));
  if (!existsSync(corpora)) throw new Error(`corpora folder not found: ${corpora} (use --corpora DIR or BOUCLIER_CORPORA)`);
  const builder = new FeatureFileBuilder();
  const stats: Record<string, { available: number; taken: number }> = {};
  for (const [name, quota] of Object.entries(QUOTA)) {
    const path = join(corpora, name, `${name}.txt.gz`);
    if (!existsSync(path)) {
      process.stderr.write(`build-corpus: ${name} missing, skipped\n`);
      continue;
    }
    const lines = gunzipSync(readFileSync(path)).toString('utf8').split('\n').filter(Boolean);
    const taken = strideSample(lines, Math.round(quota * scale));
    for (const t of taken) builder.push(featurize(unifyPlaceholders(t)));
    stats[name] = { available: lines.length, taken: taken.length };
    process.stderr.write(`build-corpus: ${name}: ${taken.length} of ${lines.length}\n`);
  }
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'features.bin'), builder.toBytes());
  writeFileSync(join(out, 'corpus-stats.json'), JSON.stringify(stats, null, 2));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
