import { defineConfig } from 'vitest/config';

/**
 * Three projects: `unit` (pure code, no I/O), `api` (in-process API tests against a real database,
 * SQLite by default or PostgreSQL when TEST_DATABASE_URL is set) and `e2e` (Playwright driving Chromium
 * against a real server). scripts/test.ts runs them all and prints the summed result.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['common/**/*.test.ts', 'server/engines/**/*.test.ts', 'web/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'api',
          include: ['server/**/*.test.ts'],
          exclude: ['server/engines/**'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.spec.ts'],
          environment: 'node',
          // Pages load over real HTTP; give polled expectations time to settle.
          expect: { poll: { timeout: 15_000, interval: 100 } },
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
