import { describe, expect, it } from 'vitest';
import { createLogWriter } from '../../../src/review/writer';
import type { EntryInput, ReviewStatus } from '../../../src/review/types';

const e = (i: number): EntryInput => ({
  platform: 'x', kind: 'comment', pageUrl: 'https://x.com/a', thread: 'https://x.com/a', permalink: `https://x.com/a/status/${i}`,
  author: 'a', displayName: null, text: `text ${i}`, labels: ['insult'], scores: {}, action: 'blur', source: 'model', seenAt: 1,
});

describe('log writer: a failing database never loses entries silently', () => {
  it('keeps entries queued and reports the error and the unsaved count, then writes them all once storage works again', async () => {
    let failing = true;
    const written: EntryInput[] = [];
    const statuses: ReviewStatus[] = [];
    let persisted: EntryInput[] = [];
    const w = createLogWriter({
      async write(batch) {
        if (failing) throw new DOMException('Quota exceeded', 'QuotaExceededError');
        written.push(...batch);
      },
      async persistUnsaved(entries) {
        persisted = [...entries];
      },
      publishStatus: (s) => statuses.push(s),
      flushDelayMs: 1_000_000,
    });
    w.add([e(1), e(2)]);
    w.add([e(3)]);
    await w.flush();
    expect(written).toHaveLength(0);
    expect(statuses.at(-1)).toMatchObject({ unsaved: 3, dropped: 0 });
    expect(statuses.at(-1)!.error).toContain('QuotaExceededError');
    expect(persisted).toHaveLength(3); // survives the worker going to sleep
    w.add([e(4)]); // arrives while storage is failing: counted at once
    expect(statuses.at(-1)).toMatchObject({ unsaved: 4 });
    await Promise.resolve();
    expect(persisted).toHaveLength(4);
    failing = false;
    await w.retryNow();
    expect(written.map((x) => x.text)).toEqual(['text 1', 'text 2', 'text 3', 'text 4']);
    expect(statuses.at(-1)).toMatchObject({ error: null, unsaved: 0 });
    expect(persisted).toHaveLength(0);
  });

  it('counts what it had to refuse when the queue is full, so the user is told', async () => {
    const statuses: ReviewStatus[] = [];
    const w = createLogWriter({
      write: async () => {
        throw new Error('broken');
      },
      persistUnsaved: async () => undefined,
      publishStatus: (s) => statuses.push(s),
      flushDelayMs: 1_000_000,
    });
    const many = Array.from({ length: 20_005 }, (_, i) => e(i));
    w.add(many);
    expect(w.pending()).toBe(20_000);
    expect(statuses.at(-1)!.dropped).toBe(5);
  });
});
