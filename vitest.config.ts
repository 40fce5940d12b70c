import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // A private PostgreSQL cluster for the tests of that backend (tests/support/postgres-setup.ts).
    globalSetup: ['tests/support/postgres-setup.ts'],
  },
});
