/**
 * Why a classify request failed, and what to send next, so that one poisoned text cannot blind a tab.
 *
 * A failure (an error answer, a send that throws, no answer) is either the host's (down, restarting:
 * every request fails) or the batch's (one text the host or the browser's messaging cannot take). The
 * host's next answer tells: if it answers, the failed batch is to blame and is split in halves, each
 * sent alone (mixed with other texts, a poisoned one would fail them too), until the text that fails
 * alone is found; that one is tried alone once more, then given up ("could not be checked") while the
 * rest of the batch is judged. When nothing else is out, an empty request asks whether the host is up.
 * While it is down, the texts stay pending and are retried: a batch is never retried unchanged while
 * the host answers.
 */

/** A text failing alone while the host answers is tried once more (a restart may have hit it) before it is given up. */
const ALONE_TRIES = 2;
const RETRY_MS = 1500;

export interface TriageOptions {
  /** Is this text still waiting for its verdict? (A copy may have been answered meanwhile.) */
  waiting(key: string): boolean;
  /** Are batches out (their answers will tell whether the host is up)? */
  busy(): boolean;
  /** An empty request: resolves when the host answers (and reports it), rejects when it does not. */
  probe(): Promise<void>;
  /** The host is down: report it; `retry` after a while. */
  down(e: unknown): void;
  /** Send these texts again with the others (host down). */
  retry(keys: string[]): void;
  /** This text could not be checked. */
  giveUp(key: string): void;
  /** Send what is ready. */
  pump(): void;
}

export function createTriage(o: TriageOptions) {
  /** Parts of failed requests, each to be sent alone and before new texts. */
  const parts: string[][] = [];
  /** Failed requests not blamed yet: the host's next answer tells whether it is up (they are to blame) or down. */
  let suspects: string[][] = [];
  const strikes = new Map<string, number>();
  let lastAnswerOk = false;
  let probing = false;

  /** `keys` failed with the host up: split them, or give up the one text that keeps failing alone. */
  function blame(keys: string[]): void {
    const left = keys.filter(o.waiting);
    if (left.length > 1) {
      const mid = Math.ceil(left.length / 2);
      parts.push(left.slice(0, mid), left.slice(mid));
    } else if (left.length === 1) {
      const key = left[0]!;
      const tries = (strikes.get(key) ?? 0) + 1;
      strikes.set(key, tries);
      if (tries < ALONE_TRIES) parts.push(left);
      else {
        strikes.delete(key);
        o.giveUp(key);
      }
    }
  }

  function probe(): void {
    probing = true;
    o.probe().then(
      () => {
        probing = false;
        o.pump();
      },
      (e: unknown) => {
        probing = false;
        lastAnswerOk = false;
        o.down(e);
        const again = suspects;
        suspects = [];
        setTimeout(() => o.retry(again.flat().filter(o.waiting)), RETRY_MS);
      },
    );
  }

  return {
    /** The host answered a request: those that failed meanwhile failed for what they carried. */
    answered(): void {
      lastAnswerOk = true;
      const blamed = suspects;
      suspects = [];
      for (const keys of blamed) blame(keys);
    },
    /** Texts to blame straight away (the host answered without their scores). */
    blame,
    failed(keys: string[]): void {
      const justAnswered = lastAnswerOk;
      lastAnswerOk = false;
      // The host was answering a moment ago: split at once. Giving a text up is final, so a single text
      // waits for the host's next answer.
      if (justAnswered && keys.length > 1) {
        blame(keys);
        o.pump();
        return;
      }
      suspects.push(keys);
      if (!o.busy() && !probing) probe();
    },
    /** The next part of a failed request to send alone, if any. */
    next(): string[] | undefined {
      for (let part = parts.shift(); part; part = parts.shift()) {
        const keys = part.filter(o.waiting);
        if (keys.length > 0) return keys;
      }
      return undefined;
    },
  };
}

export type Triage = ReturnType<typeof createTriage>;
