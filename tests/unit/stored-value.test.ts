/**
 * One storage key read and written through the persisted layer: the stored format is the value itself
 * (what earlier versions wrote reads back), reads are repaired by `parse`, read-modify-writes in one
 * context never lose one another, and every change (a cleared area included) reaches its watchers.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createStoredValue } from '../../src/store/persisted';

const numbers = (raw: unknown): number[] => (Array.isArray(raw) ? raw.filter((n): n is number => typeof n === 'number') : []);

describe('stored value', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads what is stored under its key, repaired, and writes the value as it is', async () => {
    const v = createStoredValue({ key: 'nums', area: 'local', parse: numbers });
    expect(await v.read()).toEqual([]);
    await fakeBrowser.storage.local.set({ nums: [1, 'x', 2] });
    expect(await v.read()).toEqual([1, 2]);
    await v.write([3]);
    expect(await fakeBrowser.storage.local.get('nums')).toEqual({ nums: [3] });
    await v.remove();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('serialises updates to one key, even from two handles on it', async () => {
    const a = createStoredValue({ key: 'nums', area: 'local', parse: numbers });
    const b = createStoredValue({ key: 'nums', area: 'local', parse: numbers });
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).update((prev) => [...prev, i])));
    expect((await a.read()).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('an update that returns the value unchanged writes nothing', async () => {
    const v = createStoredValue({ key: 'nums', area: 'local', parse: numbers });
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    expect(await v.update((prev) => prev)).toEqual([]);
    expect(set).not.toHaveBeenCalled();
  });

  it('tells watchers of every change to its key in its area, and stops when asked', async () => {
    const v = createStoredValue({ key: 'nums', area: 'local', parse: numbers });
    const seen: number[][] = [];
    const stop = v.watch((n) => seen.push(n));
    await fakeBrowser.storage.local.set({ nums: [1] });
    await fakeBrowser.storage.local.set({ other: [2] });
    await fakeBrowser.storage.sync.set({ nums: [3] });
    await fakeBrowser.storage.local.clear();
    stop();
    await fakeBrowser.storage.local.set({ nums: [4] });
    expect(seen).toEqual([[1], []]);
  });

  it('keeps session values in storage.session', async () => {
    const v = createStoredValue({ key: 'status', area: 'session', parse: numbers });
    await v.write([1]);
    expect(await fakeBrowser.storage.session.get('status')).toEqual({ status: [1] });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });
});
