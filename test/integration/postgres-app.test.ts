// The whole app on PostgreSQL: DATABASE_URL picks it, the start-up migrates it, Slack requests store into it,
// the scheduler matches from it, /healthz watches it and the CLI works on it. State is built only through
// signed requests: the seeders of the other tests write SQLite directly.
import { Writable } from 'node:stream';
import pg from 'pg';
import type { PostedMessage } from '../../dev/fake-slack-server';
import { runCli } from '../../src/cli';
import { asPostgres } from '../../src/storage/postgres-database';
import { tablesOf } from '../../src/storage/tables';
import { captureConsole } from '../support/capture-console';
import { createPostgresTestDatabase, type PostgresTestDatabase } from '../support/postgres-server';
import { signupFormValues } from '../support/signup-form-values';
import { startTestApp, TEAM, type TestApp } from '../support/test-app';

const MENTOR = 'U0PGMENTOR';
const MENTEE = 'U0PGMENTEE';
const CAST = [
  { id: MENTOR, teamId: TEAM, name: 'mentor', realName: 'Mia Mentor', tz: 'Europe/London' },
  { id: MENTEE, teamId: TEAM, name: 'mentee', realName: 'Max Mentee', tz: 'Europe/London' },
];

let database: PostgresTestDatabase;
let t: TestApp;

beforeEach(async () => {
  database = await createPostgresTestDatabase();
  t = await startTestApp({ users: CAST, env: { DATABASE_URL: database.url } });
});

afterEach(async () => {
  await t.close();
  await database.drop();
});

async function health(): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${t.baseUrl}/healthz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function pgCount(table: string): Promise<number> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const result = await client.query<{ n: string }>(`select count(*) as n from ${table}`);
    return Number(result.rows[0]?.n);
  } finally {
    await client.end();
  }
}

async function firstTopic(): Promise<number> {
  const catalogue = await t.app.context.repos.topics.listCatalogue(TEAM);
  return catalogue[0]!.id;
}

/** A junior offers to mentor and a senior asks for the same topic, through the modals: the find proposes. */
async function offerAndFind(): Promise<void> {
  const topic = await firstTopic();
  await t.command(MENTOR, 'offer');
  await t.submit({
    userId: MENTOR,
    callbackId: 'mentor_offer',
    values: signupFormValues({ topics: [topic], level: '1', department: 'Marketing', capacity: '1' }),
  });
  await t.command(MENTEE, 'find');
  await t.submit({
    userId: MENTEE,
    callbackId: 'mentor_find',
    values: signupFormValues({ topics: [topic], level: '5', department: 'Sales', goals: 'Learn the tools' }),
  });
}

const dmsTo = (userId: string) => t.fake.messages(t.fake.channelFor([userId]));

function acceptButton(message: PostedMessage | undefined): { action_id: string; value: string } | undefined {
  const blocks = (message?.blocks ?? []) as {
    type: string;
    elements?: { action_id: string; value: string }[];
  }[];
  return blocks.flatMap((block) => block.elements ?? []).find((b) => b.action_id === 'proposal_accept');
}

describe('the app on PostgreSQL (DATABASE_URL)', () => {
  it('runs on the PostgreSQL database, says so at start-up without the password, and /healthz checks it', async () => {
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, database: 'ok' });
    // Migrated at start: the prompt library is in the PostgreSQL database.
    expect(await pgCount('prompts')).toBeGreaterThan(0);

    const url = new URL(database.url);
    const started = t.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(started.find((line) => line.msg === 'Mentor Circles is running')).toMatchObject({
      port: t.app.port,
      database: 'postgres',
      host: url.hostname,
      databasePort: Number(url.port),
      name: url.pathname.slice(1),
    });
    expect(url.password).not.toBe('');
    expect(t.logs.join('\n')).not.toContain(url.password);
    expect(t.logs.join('\n')).not.toContain(database.url);
  });

  it('stores a signed /mentor offer and sends the confirmation DM', async () => {
    const topic = await firstTopic();
    await t.command(MENTOR, 'offer');
    const response = await t.submit({
      userId: MENTOR,
      callbackId: 'mentor_offer',
      values: signupFormValues({ topics: [topic], level: '1', department: 'Marketing', capacity: '2' }),
    });
    expect(response.status).toBe(200);

    const offer = await t.app.context.repos.offers.findOpenOffer(TEAM, MENTOR);
    expect(offer).toMatchObject({ capacity: 2 });
    expect(await pgCount('offers')).toBe(1);
    const confirmation = dmsTo(MENTOR).at(-1);
    expect(JSON.stringify(confirmation?.blocks)).toContain('Thank you for offering to mentor!');
    expect(JSON.stringify(confirmation?.blocks)).toContain('up to 2 people');
  });

  it('proposes a match to a more senior person, runs the scheduler, and creates the pair on Accept', async () => {
    await offerAndFind();
    await t.tick();

    const proposal = dmsTo(MENTOR).find((message) => acceptButton(message) !== undefined);
    const button = acceptButton(proposal);
    expect(button).toBeDefined();
    expect(await pgCount('proposals')).toBe(1);
    // Every job ran and recorded its run in the PostgreSQL database.
    expect(await pgCount('job_runs')).toBeGreaterThan(0);

    const response = await t.click({
      userId: MENTOR,
      actionId: 'proposal_accept',
      value: button!.value,
      message: { channel: proposal!.channel, ts: proposal!.ts },
    });
    expect(response.status).toBe(200);
    const { db } = t.app.context;
    const pairs = await db.select().from(tablesOf(db).pairs);
    expect(pairs).toEqual([
      expect.objectContaining({ mentorId: MENTOR, menteeId: MENTEE, status: 'active' }),
    ]);
    expect(t.fake.messages(t.fake.channelFor([MENTOR, MENTEE]))).toHaveLength(1);
  });

  it('closes the pool on graceful shutdown', async () => {
    const pool = asPostgres(t.app.context.db).$client;
    expect(pool.ending).toBe(false);
    expect(await t.app.stop()).toEqual({ complete: true });
    expect(pool.ending).toBe(true);
    expect(pool.totalCount).toBe(0);
  });

  it('answers 503 on /healthz when the database is gone', async () => {
    await database.drop();
    const { status, body } = await health();
    expect(status).toBe(503);
    expect(body).toMatchObject({ ok: false, database: 'unreachable' });
  });
});

describe('the CLI on PostgreSQL', () => {
  const quiet = () =>
    new Writable({
      write(_chunk, _encoding, done) {
        done();
      },
    });

  it('migrates the database named by DATABASE_URL, again without harm, and names it without the password', async () => {
    const fresh = await createPostgresTestDatabase();
    const output = captureConsole();
    try {
      const env = { DATABASE_URL: fresh.url, DATABASE_PATH: '/nonexistent/ignored.db' };
      expect(await runCli(['migrate'], env, quiet())).toBe(0);
      expect(await runCli(['migrate'], env, quiet())).toBe(0);
    } finally {
      output.restore();
    }
    const url = new URL(fresh.url);
    expect(output.out.join('\n')).toContain(
      `${url.pathname.slice(1)} on ${url.hostname}:${url.port} (PostgreSQL)`,
    );
    expect(output.out.join('\n')).not.toContain(url.password);
    const client = new pg.Client({ connectionString: fresh.url });
    await client.connect();
    const prompts = await client.query<{ n: string }>('select count(*) as n from prompts');
    await client.end();
    await fresh.drop();
    expect(Number(prompts.rows[0]?.n)).toBeGreaterThan(0);
  });

  it('matches, sends the due prompts and reports from the PostgreSQL database', async () => {
    const env = {
      DATABASE_URL: database.url,
      SLACK_BOT_TOKEN: 'xoxb-cli',
      SLACK_SIGNING_SECRET: 'cli-secret',
      SLACK_API_URL: t.fake.apiUrl,
    };
    await offerAndFind();
    const output = captureConsole();
    const codes: number[] = [];
    try {
      codes.push(await runCli(['match'], env, quiet()));
      codes.push(await runCli(['send-prompts', '--at', t.clock.now().toISOString()], env, quiet()));
      codes.push(await runCli(['report'], env, quiet()));
    } finally {
      output.restore();
    }
    expect(output.err).toEqual([]);
    expect(codes).toEqual([0, 0, 0]);
    // The find already proposed the match; the run finds nothing more to propose and proposes nothing twice.
    expect(await pgCount('proposals')).toBe(1);
    expect(output.out.join('\n')).toContain(`Workspace ${TEAM}: 0 proposals`);
    expect(output.out.join('\n')).toContain('Proposals pending: 1');
    expect(output.out.join('\n')).toContain('Done: 0 sent');
  });

  it('explains that backups of a PostgreSQL database belong to the database, with the pg_dump command', async () => {
    const output = captureConsole();
    let code: number;
    try {
      code = await runCli(['backup', '/backups/mc.dump'], { DATABASE_URL: database.url }, quiet());
    } finally {
      output.restore();
    }
    expect(code).toBe(1);
    const text = output.err.join('\n');
    expect(text).toContain('backups of a PostgreSQL database belong to the database');
    expect(text).toContain('pg_dump --format=custom --file=/backups/mc.dump "$DATABASE_URL"');
    expect(text).not.toContain(new URL(database.url).password);
  });
});
