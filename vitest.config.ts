import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/stress/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Suites build models and indexes; on 2 cores running them side by side only adds contention.
    fileParallelism: false,
  },
});
