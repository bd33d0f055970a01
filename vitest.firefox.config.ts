import { defineConfig } from 'vitest/config';

// Real-Firefox tests: Debian's firefox-esr (headless) with the BUILT Firefox extension (.output/firefox-mv2),
// driven over WebDriver BiDi (tests/e2e-firefox/firefox-harness.ts). One file, one browser at a time.
export default defineConfig({
  test: {
    include: ['tests/e2e-firefox/**/*.e2e.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
