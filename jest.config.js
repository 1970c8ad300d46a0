/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // Integration tests open real ports and SQLite files; two workers fit a 2-core machine.
  maxWorkers: 2,
  testTimeout: 20000,
  // One real PostgreSQL per run (test/support/postgres-server.ts); each test file creates its own database.
  globalSetup: '<rootDir>/test/support/jest-global-setup.ts',
  globalTeardown: '<rootDir>/test/support/jest-global-teardown.ts',
};
