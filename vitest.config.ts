import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    globalSetup: ['src/server/test/global-setup.ts'],
    // Each PGlite instance takes ~0.5 GB; two workers fit this project's 2-core machines.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    // Hooks build a whole app on a fresh database: on a shared 2-core machine that can take a minute.
    hookTimeout: 120_000,
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-results/vitest.json' }]] : ['default'],
  },
});
