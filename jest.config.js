// Three projects: the unit tests, the integration tests with the app on SQLite, and the same integration tests
// again with the app on PostgreSQL. A new integration test runs on both. `npx jest <file>` runs a file in every
// project it belongs to; `--selectProjects "integration: PostgreSQL"` picks one (CONTRIBUTING.md).

const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };

// Integration tests that are about one database and so run in the SQLite project only.
const SQLITE_ONLY = [
  // The bytes of the SQLite file after an erasure (PostgreSQL: docs/operations.md, "Erasure").
  'erasure-bytes',
  // An SQLite install made before the migrations moved upgrades in place.
  'sqlite-upgrade',
  // `backup` copies the SQLite file (on PostgreSQL it points to pg_dump, tested in postgres-app).
  'backup',
  // copy-database copies a SQLite file into PostgreSQL: it uses both already.
  'copy-database-cli',
  // Creating the SQLite file and its folders, migrating it twice.
  'database',
  // The CLI's usage, configuration errors and `migrate` on a file (PostgreSQL's migrate: postgres-migrations).
  'cli',
  // The demo runs on its own database (SQLite, or PostgreSQL with --postgres).
  'demo',
  // The fake Slack server alone: no app, no database.
  'fake-slack-strict',
  // The app's transport for Slack requests alone: no app, no database.
  'node-http-fetch',
  // A real start on SQLite must not load the PostgreSQL driver.
  'sqlite-without-pg',
];
// Integration tests that set up PostgreSQL (or both databases) themselves: they run once, in the SQLite project.
const OWN_DATABASES = [
  'postgres-app',
  'postgres-migrations',
  'postgres-restart',
  'replicas',
  'repositories-both-databases',
];

const inIntegration = (names) => names.map((name) => `<rootDir>/test/integration/${name}\\.test\\.ts$`);

/** @type {import('jest').Config} */
module.exports = {
  // Integration tests open real ports and databases; two workers fit a 2-core machine.
  maxWorkers: 2,
  testTimeout: 20000,
  // One real PostgreSQL per run (test/support/postgres-server.ts); each test file creates its own database.
  globalSetup: '<rootDir>/test/support/jest-global-setup.ts',
  globalTeardown: '<rootDir>/test/support/jest-global-teardown.ts',
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/unit'],
      testMatch: ['**/*.test.ts'],
      transform,
    },
    {
      displayName: 'integration: SQLite',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/integration'],
      testMatch: ['**/*.test.ts'],
      transform,
      setupFiles: ['<rootDir>/test/support/use-sqlite.ts'],
    },
    {
      displayName: 'integration: PostgreSQL',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/integration'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: inIntegration([...SQLITE_ONLY, ...OWN_DATABASES]),
      transform,
      setupFiles: ['<rootDir>/test/support/use-postgres.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/fail-on-concurrent-pg-queries.ts'],
    },
  ],
};
