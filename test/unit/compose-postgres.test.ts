// compose.postgres.yaml, read as Compose reads it: PostgreSQL and two replicas of the app in Socket Mode, both
// on that PostgreSQL, everything health-checked, and no password written into the file.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

interface ComposeService {
  image?: string;
  build?: string;
  env_file?: string | string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: unknown[];
}

const root = path.resolve(__dirname, '../..');
const compose = parse(fs.readFileSync(path.join(root, 'compose.postgres.yaml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const services = Object.entries(compose.services);
const replicas = services.filter(([, service]) => service.build === '.');
const [postgresName, postgres] = services.find(([, service]) => service.image?.startsWith('postgres:')) ?? [];

/** Compose's `${NAME}`, `${NAME:?message}` and `${NAME:-default}`, given the values of .env. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::?[?-][^}]*)?\}/g, (_whole, name: string) => {
    const found = env[name];
    if (found === undefined) throw new Error(`${name} is not set`);
    return found;
  });
}

const requiredVariable = (name: string) => new RegExp(`^\\$\\{${name}:\\?[^}]+\\}$`);

describe('compose.postgres.yaml', () => {
  it('runs one PostgreSQL, health-checked with pg_isready, its password required from .env', () => {
    expect(postgres).toBeDefined();
    expect(postgres!.healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(postgres!.environment?.POSTGRES_PASSWORD).toMatch(requiredVariable('POSTGRES_PASSWORD'));
  });

  it('runs two replicas of the app image, each on that PostgreSQL once it is healthy', () => {
    expect(replicas.map(([name]) => name)).toHaveLength(2);
    for (const [name, replica] of replicas) {
      const url = new URL(
        interpolate(replica.environment?.DATABASE_URL ?? '', { POSTGRES_PASSWORD: 'example' }),
      );
      expect({ name, protocol: url.protocol, host: url.hostname, port: url.port }).toEqual({
        name,
        protocol: 'postgres:',
        host: postgresName,
        port: '5432',
      });
      expect({ name, user: url.username, database: url.pathname.slice(1) }).toEqual({
        name,
        user: postgres!.environment?.POSTGRES_USER,
        database: postgres!.environment?.POSTGRES_DB,
      });
      // The password comes from .env, never from this file.
      expect(url.password).toBe('example');
      expect(replica.depends_on?.[postgresName!]).toEqual({ condition: 'service_healthy' });
    }
  });

  it('runs both replicas in Socket Mode: the app-level token is required, and no port is published', () => {
    for (const [, replica] of replicas) {
      expect(replica.environment?.SLACK_APP_TOKEN).toMatch(requiredVariable('SLACK_APP_TOKEN'));
      expect(replica.env_file).toBe('.env');
      expect(replica.ports).toBeUndefined();
    }
  });

  it('checks each replica through /healthz, which fails while the database is unreachable', () => {
    for (const [, replica] of replicas) {
      expect(replica.healthcheck?.test.join(' ')).toContain('/healthz');
    }
  });

  it('names only variables that .env.example documents', () => {
    const documented = fs.readFileSync(path.join(root, '.env.example'), 'utf8');
    const text = fs.readFileSync(path.join(root, 'compose.postgres.yaml'), 'utf8');
    for (const [, name] of text.matchAll(/\$\{(\w+)/g))
      expect(documented).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
  });
});
