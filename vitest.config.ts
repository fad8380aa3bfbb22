import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser and load tests each start Chromium or a server; two cores cannot run many at once.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
