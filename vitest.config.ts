import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The tree is compiled once before the tests (tests/setup/build.ts); the clusters the tests start
    // then run the compiled JavaScript (harness/runtime.ts: hostRuntime), at half the CPU of tsx.
    globalSetup: ['tests/setup/build.ts'],
    env: { WORKER_STATE_LAB_USE_BUILD: '1' },
    // Integration tests start real clusters and real load: generous, but bounded.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two test files at a time on this 2-core box: verdicts do not depend on speed, only wall time does.
    maxWorkers: 2,
    maxConcurrency: 2,
  },
});
