import { defineConfig } from 'vitest/config';

/** Browser tests: the built app, started once, driven by Debian's Chromium through playwright-core. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Pages load their data after they render: on a busy 2-core machine that can take seconds.
    expect: { poll: { timeout: 10_000 } },
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-results/e2e.json' }]] : ['default'],
  },
});
