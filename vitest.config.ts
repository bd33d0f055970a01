import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

// Unit tests (fast, no browser). End-to-end tests have their own config: vitest.e2e.config.ts.
export default defineConfig({
  plugins: [WxtVitest()],
  resolve: {
    // WXT's mocked `wxt/browser` imports `wxt/testing`, whose index also loads the Vite plugin (and esbuild),
    // which cannot start inside a jsdom environment; the mock only needs the fake browser.
    alias: [{ find: /^wxt\/testing$/, replacement: 'wxt/testing/fake-browser' }],
  },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/functional/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
