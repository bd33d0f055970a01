import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

// Unit tests (fast, no browser). End-to-end tests have their own config: vitest.e2e.config.ts.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/functional/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
