/**
 * Save text as a file she downloads (exports, settings backup): an object URL and an <a download>,
 * nothing leaves the device. Returns the URL (valid for a minute) so a caller can also open it in a tab.
 */
export function download(name: string, mime: string, content: string): string {
  const url = URL.createObjectURL(new Blob([content], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return url;
}
