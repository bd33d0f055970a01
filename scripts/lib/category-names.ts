/**
 * Category names as the extension shows them (its `category_<id>` strings in public/_locales), for Node
 * scripts that print categories: the extension's words stay the only vocabulary.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Messages = Record<string, { message: string } | undefined>;

export function categoryNamer(lang: 'en' | 'fr' = 'en'): (id: string) => string {
  const file = join(import.meta.dirname, '../../public/_locales', lang, 'messages.json');
  const messages = JSON.parse(readFileSync(file, 'utf8')) as Messages;
  return (id) => messages[`category_${id}`]?.message ?? id; // an id with no string is still worth printing
}
