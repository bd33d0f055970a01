/**
 * Host permissions = content-script matches: exactly the platforms Bouclier supports, never
 * <all_urls>. Mastodon instances (arbitrary domains) are granted one by one at run time through
 * optional host permissions, requested from the popup.
 */
export const SUPPORTED_HOST_PERMISSIONS: string[] = [
  'https://x.com/*',
  'https://twitter.com/*',
  'https://www.reddit.com/*',
  'https://old.reddit.com/*',
  'https://chat.reddit.com/*',
  'https://www.youtube.com/*',
  'https://www.instagram.com/*',
  'https://www.facebook.com/*',
  'https://m.facebook.com/*',
  'https://www.messenger.com/*',
  'https://www.tiktok.com/*',
  'https://bsky.app/*',
  'https://www.twitch.tv/*',
  'https://www.linkedin.com/*',
  'https://www.threads.com/*',
  'https://www.threads.net/*',
];
