/**
 * An open review page learns of changes to the log without polling: what one context announces, the
 * others hear (records named, or "everything"); a context never hears its own announcements.
 */
import { describe, expect, it } from 'vitest';
import { announceLogChange, LOG_CHANNEL, watchLogChanges, type LogChange } from '../../../src/review/log-changes';

const settle = () => new Promise((r) => setTimeout(r, 30));

describe('log change announcements', () => {
  it('another context hears the records named, or "everything" when too many changed at once', async () => {
    const other = new BroadcastChannel(LOG_CHANNEL);
    const heard: unknown[] = [];
    other.onmessage = (e: MessageEvent) => heard.push(e.data);
    announceLogChange({ ids: ['x|p|1', 'x|p|2'] });
    announceLogChange({ ids: [] });
    announceLogChange({ ids: Array.from({ length: 1001 }, (_, i) => `x|p|${i}`) });
    await settle();
    expect(heard).toEqual([{ ids: ['x|p|1', 'x|p|2'] }, { all: true }]);
    other.close();
  });

  it('a page hears others (malformed messages ignored), not itself', async () => {
    const heard: LogChange[] = [];
    const stop = watchLogChanges((c) => heard.push(c));
    const other = new BroadcastChannel(LOG_CHANNEL);
    other.postMessage({ ids: ['a', 3] });
    other.postMessage('junk');
    other.postMessage({ all: true });
    announceLogChange({ ids: ['mine'] });
    await settle();
    expect(heard).toEqual([{ ids: ['a'] }, { all: true }]);
    stop();
    other.close();
  });
});
