import { defineConfig, type Wxt } from 'wxt';
import type { Plugin } from 'vite';
import fs from 'node:fs';
import path from 'node:path';
import { SUPPORTED_HOST_PERMISSIONS } from './src/platforms/hosts';

/**
 * onnxruntime-web contains `new URL("ort-wasm-simd-threaded….wasm", import.meta.url)`; Vite would
 * then emit a second copy of the (large) wasm and even inline it as base64 into bundles. We always pass
 * ORT an explicit wasm URL (the copy below), so the pattern is neutralised at build time.
 */
function ortWithoutAssetUrl(): Plugin {
  return {
    name: 'bouclier-ort-without-asset-url',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('onnxruntime-web')) return null;
      const out = code.replace(/new URL\(\s*["'`]ort[^"'`]*\.(?:wasm|mjs)["'`]\s*,\s*import\.meta\.url\s*\)/g, '"bouclier:ort-wasm-url-unused"');
      return out === code ? null : { code: out, map: null };
    },
  };
}

/** The model and the ORT wasm are shipped inside the extension (no CDN, no remote code). */
const BUNDLED_FILES = [
  { src: 'models/bouclier.onnx', dest: 'models/bouclier.onnx' },
  { src: 'models/model.json', dest: 'models/model.json' },
  { src: 'node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.wasm', dest: 'ort/ort-wasm-simd-threaded.wasm' },
];

// Manifest kept minimal on purpose (privacy is the product):
// - host permissions only for the platforms we support, never <all_urls>;
// - Mastodon instances are requested one by one at run time (optional_host_permissions);
// - extension pages need 'wasm-unsafe-eval' for onnxruntime-web, and nothing else remote.
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  modules: ['@wxt-dev/module-react'],
  // BOUCLIER_UNMINIFIED=1: readable bundles for a CPU profile (docs/benchmarks.md).
  vite: () => ({ plugins: [ortWithoutAssetUrl()], ...(process.env.BOUCLIER_UNMINIFIED ? { build: { minify: false } } : {}) }),
  hooks: {
    'build:publicAssets': (wxt: Wxt, files) => {
      for (const f of BUNDLED_FILES) {
        const absoluteSrc = path.resolve(wxt.config.root, f.src);
        if (!fs.existsSync(absoluteSrc)) {
          throw new Error(`${f.src} is missing: the extension never ships without its model (run "npm run train").`);
        }
        files.push({ absoluteSrc, relativeDest: f.dest });
      }
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'contextMenus', 'scripting', 'activeTab', ...(browser === 'firefox' ? [] : ['offscreen'])],
    host_permissions: SUPPORTED_HOST_PERMISSIONS,
    // Firefox MV2 has no optional_host_permissions (WXT drops it there): optional origins go in optional_permissions.
    ...(browser === 'firefox' ? { optional_permissions: ['https://*/*'] } : { optional_host_permissions: ['https://*/*'] }),
    content_security_policy:
      browser === 'firefox'
        ? undefined
        : { extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'" },
    web_accessible_resources: [],
    // Mozilla requires new add-ons to declare what they collect: nothing leaves her device.
    browser_specific_settings:
      browser === 'firefox'
        ? { gecko: { id: 'bouclier@bouclier.invalid', data_collection_permissions: { required: ['none'] } } }
        : undefined,
  }),
});
