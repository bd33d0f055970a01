import { defineConfig } from 'vitest/config';

// Real-browser tests: Debian's Chromium with the built extension (.output/chrome-mv3).
// One file at a time: the machine has 2 cores and each file drives a whole browser.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    testTimeout: 90_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
