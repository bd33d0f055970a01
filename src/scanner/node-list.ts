/**
 * A NodeList as an array, read by index: spreading it or walking it with for…of goes through its
 * iterator, which costs more than the reads themselves when it runs for every comment of a thread.
 */
export function arrayOf<T extends Node>(list: NodeListOf<T>): T[] {
  const out = new Array<T>(list.length);
  for (let i = 0; i < out.length; i++) out[i] = list[i]!;
  return out;
}
