import { describe, expect, it } from 'vitest';
import { atPassEnd, busyStats, timed } from '../../src/scanner/busy';

function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // busy on purpose: the accounting must see main-thread time
  }
}

describe('busy: one count of the extension main-thread time', () => {
  it('counts nested calls once, in the outermost part, and keeps the longest task', () => {
    const before = busyStats();
    const value = timed('render', () => {
      spin(3);
      return timed('labels', () => {
        spin(3);
        return 42;
      });
    });
    expect(value).toBe(42);
    const after = busyStats();
    expect(after.tasks - before.tasks).toBe(1);
    expect((after.byPart.render ?? 0) - (before.byPart.render ?? 0)).toBeGreaterThanOrEqual(6);
    expect(after.byPart.labels ?? 0).toBe(before.byPart.labels ?? 0);
    expect(after.busyMs - before.busyMs).toBeGreaterThanOrEqual(6);
    expect(after.maxTaskMs).toBeGreaterThanOrEqual(6);
  });

  it('still counts a callback that throws, and lets the error through', () => {
    const before = busyStats();
    expect(() =>
      timed('guard', () => {
        spin(1);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    const after = busyStats();
    expect(after.tasks - before.tasks).toBe(1);
    expect((after.byPart.guard ?? 0) - (before.byPart.guard ?? 0)).toBeGreaterThanOrEqual(1);
    // the depth is restored: the next call is counted on its own
    timed('read', () => spin(1));
    expect(busyStats().tasks - after.tasks).toBe(1);
  });

  it('runs what was left for the end of a callback once, inside its time, and at once outside any', () => {
    const order: string[] = [];
    const before = busyStats();
    timed('render', () => {
      atPassEnd(() => order.push('end'));
      timed('labels', () => atPassEnd(() => order.push('end of nested')));
      order.push('body');
    });
    expect(order).toEqual(['body', 'end', 'end of nested']);
    expect(busyStats().tasks - before.tasks).toBe(1);
    atPassEnd(() => order.push('outside'));
    expect(order.at(-1)).toBe('outside');
  });
});
