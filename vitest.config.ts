import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Integration tests start real clusters and real load: generous, but bounded.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two test files at a time on this 2-core box: verdicts do not depend on speed, only wall time does.
    maxWorkers: 2,
    maxConcurrency: 2,
  },
});
