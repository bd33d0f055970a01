/** How pages follow the log's write health, which the background publishes (background.ts, writer.ts). */
import { reviewStatus } from '../store/review-keys';
import type { ReviewStatus } from './types';

/** Current status and its changes; returns an unsubscribe function. */
export function watchStatus(cb: (s: ReviewStatus | null) => void): () => void {
  void reviewStatus.read().then(cb, () => cb(null));
  return reviewStatus.watch(cb);
}
