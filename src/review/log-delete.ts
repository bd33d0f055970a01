/**
 * Deleting from the review log: by retention, by "delete" (selected or everything) and by "erase
 * everything Bouclier keeps". Only the last one removes what she keeps as evidence (pinned); the
 * others skip it until she unpins it. A screenshot goes with the last record that names it.
 */
import type { IDBPTransaction } from 'idb';
import { isPinned } from './types';
import type { LogDB, ReviewDB } from './log-schema';

/** Screenshots no record names any more (after records were deleted in `tx`). */
async function dropOrphanShots(tx: IDBPTransaction<ReviewDB, ('entries' | 'screenshots')[], 'readwrite'>, shots: Set<string>): Promise<void> {
  for (const id of shots) {
    if ((await tx.objectStore('entries').index('screenshot').count(id)) === 0) await tx.objectStore('screenshots').delete(id);
  }
}

/** Delete records first seen before `cutoff`, except those kept as evidence. Returns how many were deleted. */
export async function pruneBefore(db: LogDB, cutoff: number): Promise<number> {
  const tx = db.transaction(['entries', 'screenshots'], 'readwrite');
  let n = 0;
  const shots = new Set<string>();
  let cursor = await tx.objectStore('entries').index('firstSeen').openCursor(IDBKeyRange.upperBound(cutoff, true));
  while (cursor) {
    if (!isPinned(cursor.value)) {
      if (cursor.value.screenshot) shots.add(cursor.value.screenshot);
      await cursor.delete();
      n++;
    }
    cursor = await cursor.continue();
  }
  await dropOrphanShots(tx, shots);
  await tx.done;
  return n;
}

/** Delete these records, except those kept as evidence. */
export async function deleteEntries(db: LogDB, ids: string[]): Promise<{ deleted: string[]; pinned: string[] }> {
  const tx = db.transaction(['entries', 'screenshots'], 'readwrite');
  const entries = tx.objectStore('entries');
  const deleted: string[] = [];
  const pinned: string[] = [];
  const shots = new Set<string>();
  for (const id of ids) {
    const e = await entries.get(id);
    if (!e) continue;
    if (isPinned(e)) {
      pinned.push(id);
      continue;
    }
    if (e.screenshot) shots.add(e.screenshot);
    await entries.delete(id);
    deleted.push(id);
  }
  await dropOrphanShots(tx, shots);
  await tx.done;
  return { deleted, pinned };
}

/** "Delete everything" on the review page: every record except those kept as evidence. Returns how many stay. */
export async function deleteAllUnpinned(db: LogDB): Promise<number> {
  const tx = db.transaction(['entries', 'screenshots'], 'readwrite');
  const shots = new Set<string>();
  let kept = 0;
  let cursor = await tx.objectStore('entries').openCursor();
  while (cursor) {
    if (isPinned(cursor.value)) kept++;
    else {
      if (cursor.value.screenshot) shots.add(cursor.value.screenshot);
      await cursor.delete();
    }
    cursor = await cursor.continue();
  }
  await dropOrphanShots(tx, shots);
  await tx.done;
  return kept;
}

/** Everything, kept-as-evidence records and screenshots included: "erase everything Bouclier keeps" only. */
export async function clearLog(db: LogDB): Promise<void> {
  const tx = db.transaction(['entries', 'screenshots'], 'readwrite');
  await Promise.all([tx.objectStore('entries').clear(), tx.objectStore('screenshots').clear(), tx.done]);
}
