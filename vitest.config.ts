import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Most test files wait — on child processes, servers, leases and grace periods — more than
    // they compute: three forks on two cores take `npm test` from 5 minutes to about 3.5.
    maxWorkers: 3,
    // A private PostgreSQL cluster for the tests of that backend (tests/support/postgres-setup.ts).
    globalSetup: ['tests/support/postgres-setup.ts'],
  },
});
