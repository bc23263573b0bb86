import { defineConfig } from 'vitest/config';

/** The suites that run against a whole hub: they run once on each store. */
const HUB_SUITES = ['test/{hub,mcp,scenarios,http,access}/**/*.test.ts'];
const BROWSER_SUITES = ['test/web/**/*.test.ts'];

export default defineConfig({
  test: {
    // Guards against a test that hangs, not goals: the whole suite shares two cores with hubs,
    // PostgreSQL and a browser, and a busy moment must not fail a test that works.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default', ['json', { outputFile: 'test-results/results.json' }]],
    projects: [
      // Every other test: the hub suites on SQLite, the store suites on both stores, several nodes on PostgreSQL.
      { extends: true, test: { name: 'main', include: ['test/**/*.test.ts'], exclude: BROWSER_SUITES } },
      // The dashboard in Chromium: one test walks a whole view, step by step, in a real browser.
      { extends: true, test: { name: 'web', include: BROWSER_SUITES, testTimeout: 120_000 } },
      // The same hub suites with every hub on PostgreSQL (test/support/store-choice.ts).
      { extends: true, test: { name: 'postgres', include: HUB_SUITES, env: { BATON_TEST_STORE: 'postgres' } } },
    ],
  },
});
