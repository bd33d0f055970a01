import { defineConfig } from 'wxt';
import { SUPPORTED_HOST_PERMISSIONS } from './src/platforms/hosts';

// Manifest kept minimal on purpose (privacy is the product):
// - host permissions only for the platforms we support, never <all_urls>;
// - Mastodon instances are requested one by one at run time (optional_host_permissions);
// - extension pages need 'wasm-unsafe-eval' for onnxruntime-web, and nothing else remote.
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  modules: ['@wxt-dev/module-react'],
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', ...(browser === 'firefox' ? [] : ['offscreen'])],
    host_permissions: SUPPORTED_HOST_PERMISSIONS,
    optional_host_permissions: ['https://*/*'],
    content_security_policy:
      browser === 'firefox'
        ? undefined
        : { extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'" },
    web_accessible_resources: [],
    browser_specific_settings:
      browser === 'firefox' ? { gecko: { id: 'bouclier@bouclier.invalid' } } : undefined,
  }),
});
