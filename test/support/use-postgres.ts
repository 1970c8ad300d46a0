// setupFiles of the jest project "integration: PostgreSQL": the app under test runs on a fresh database of the
// run's PostgreSQL (jest-global-setup.ts starts it).
import { TEST_DATABASE_ENV } from './test-database';

process.env[TEST_DATABASE_ENV] = 'postgres';
