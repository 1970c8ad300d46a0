// The app on a PostgreSQL server that restarts under it recovers by itself: while the server is down, requests
// get the usual apology (acknowledged in time), nothing is stored, /healthz says 503 and a scheduler run fails
// without taking the process down; once the server is back, the same requests work and the next run succeeds.
// The server is this file's own, since the run's shared one cannot be stopped.
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../dev/embedded-postgres';
import { APOLOGY } from '../../src/views/apology';
import { signupFormValues } from '../support/signup-form-values';
import { startTestApp, TEAM, type TestApp } from '../support/test-app';

const MENTOR = 'U0RSMENTOR';
const MENTEE = 'U0RSMENTEE';
const CAST = [
  { id: MENTOR, teamId: TEAM, name: 'mentor', realName: 'Mia Mentor', tz: 'Europe/London' },
  { id: MENTEE, teamId: TEAM, name: 'mentee', realName: 'Max Mentee', tz: 'Europe/London' },
];

let server: EmbeddedPostgres;
let t: TestApp;

beforeAll(async () => {
  server = await startEmbeddedPostgres();
  t = await startTestApp({ users: CAST, env: { DATABASE_URL: server.url } });
}, 60_000);

afterAll(async () => {
  await t?.close();
  await server?.remove();
});

async function healthStatus(): Promise<number> {
  return (await fetch(`${t.baseUrl}/healthz`)).status;
}

async function count(table: string): Promise<number> {
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    const result = await client.query<{ n: string }>(`select count(*) as n from ${table}`);
    return Number(result.rows[0]?.n);
  } finally {
    await client.end();
  }
}

const submitFind = (topic: number) =>
  t.submit({
    userId: MENTEE,
    callbackId: 'mentor_find',
    values: signupFormValues({ topics: [topic], level: '5', department: 'Sales', goals: 'Learn the tools' }),
  });

const logged = (message: string) =>
  t.logs.filter((line) => (JSON.parse(line) as { msg?: string }).msg === message).length;

it('answers with the apology while PostgreSQL is down, stores nothing, and works again once it is back', async () => {
  // Before the restart: an offer is stored, and the pool holds idle connections the restart will break.
  const [topic] = await t.app.context.repos.topics.listCatalogue(TEAM);
  await t.submit({
    userId: MENTOR,
    callbackId: 'mentor_offer',
    values: signupFormValues({ topics: [topic!.id], level: '1', department: 'Marketing', capacity: '1' }),
  });
  expect(await count('offers')).toBe(1);
  expect(await healthStatus()).toBe(200);

  await server.stop();

  const status = await t.command(MENTEE, 'status');
  expect(status.status).toBe(200);
  expect(status.json()).toMatchObject({ response_type: 'ephemeral', text: APOLOGY });
  const find = await submitFind(topic!.id);
  expect(find.status).toBe(200);
  expect(find.json()).toMatchObject({ response_action: 'errors', errors: { topics: APOLOGY } });
  expect(await healthStatus()).toBe(503);
  const failedBefore = logged('job failed');
  await t.tick();
  expect(logged('job failed')).toBeGreaterThan(failedBefore);

  await server.start();

  expect(await healthStatus()).toBe(200);
  // Nothing from the outage was stored, half or whole.
  expect(await count('requests')).toBe(0);
  expect(await count('proposals')).toBe(0);
  const again = await t.command(MENTEE, 'status');
  expect(again.status).toBe(200);
  expect(again.body).not.toContain(APOLOGY);
  await submitFind(topic!.id);
  expect(await count('requests')).toBe(1);
  // The find is matched at once: the mentor is asked.
  expect(await count('proposals')).toBe(1);

  const failedDuringOutage = logged('job failed');
  t.clock.advance(60 * 60 * 1000);
  await t.tick();
  expect(logged('job failed')).toBe(failedDuringOutage);
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  const runs = await client.query<{ job: string }>('select job from job_runs where last_run_at = $1', [
    t.clock.now(),
  ]);
  await client.end();
  expect(runs.rows.length).toBeGreaterThan(0);
  expect(await healthStatus()).toBe(200);
}, 60_000);
