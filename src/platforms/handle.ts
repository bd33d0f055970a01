/**
 * Account handles as the platforms show them: in an attribute, a profile link or the text of a link.
 * One cleaning for what the scanner reads from a page and for what she types in the options page, so
 * that "is this her account?" is an exact comparison of two keys made the same way.
 */

/** The handle in `raw`: "/@handle", "/user/handle/", "https://x.com/handle", "@handle" → "handle". */
export function cleanHandle(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let h = raw.trim();
  // href="/@handle", "/user/handle/", "https://x.com/handle" → handle
  const m = /(?:^|\/)@?([\w.-]+)\/?$/.exec(h.replace(/[?#].*$/, ''));
  if (h.includes('/') && m) h = m[1]!;
  h = h.replace(/^@/, '');
  return h.length > 0 && h.length <= 100 ? h : null;
}

/** The comparison key of a handle: cleaned, lower-case (platform handles are case-insensitive). */
export function handleKey(raw: string | null | undefined): string | null {
  return cleanHandle(raw)?.toLowerCase() ?? null;
}
