/** The builder's one hash: row ids, split buckets and sampling order all come from a text's SHA-1 in hex. */
import { createHash } from 'node:crypto';

export const sha1 = (s: string): string => createHash('sha1').update(s).digest('hex');
