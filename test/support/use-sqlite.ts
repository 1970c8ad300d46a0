// setupFiles of the jest project "integration: SQLite": the app under test runs on a fresh SQLite file.
import { TEST_DATABASE_ENV } from './test-database';

process.env[TEST_DATABASE_ENV] = 'sqlite';
