// Two replicas of the app on one PostgreSQL database, sharing one Slack: the scheduler of each claims a job
// before running it, so running both at the same instant sends every weekly prompt once and records every job
// once; a job one replica holds is skipped by the other, until the holder's connection dies.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import type { PostedMessage } from '../../dev/fake-slack-server';
import { matchingDeps } from '../../src/composition/use-case-deps';
import { asPostgres } from '../../src/storage/postgres-database';
import { matchAllTeams } from '../../src/use-cases/match-all-teams';
import { tablesOf } from '../../src/storage/tables';
import { SEND_PROMPTS_JOB } from '../../src/scheduling/prompt-jobs';
import { createPostgresTestDatabase, type PostgresTestDatabase } from '../support/postgres-server';
import { signupFormValues } from '../support/signup-form-values';
import { RESERVATION_LEASE_MS } from '../../src/use-cases/send-due-prompts';
import { BOT_TOKEN, SIGNING_SECRET, startTestApp, TEAM, type TestApp } from '../support/test-app';
import { createTestClock, DAY } from '../support/test-clock';
import { makeTempDir } from '../support/test-database';

const PAIRS = 3;
const mentorOf = (i: number) => `U0RMENTOR${i}`;
const menteeOf = (i: number) => `U0RMENTEE${i}`;
const CAST = Array.from({ length: PAIRS }, (_, i) => [
  { id: mentorOf(i), teamId: TEAM, name: `mentor${i}`, realName: `Mentor ${i}`, tz: 'Europe/London' },
  { id: menteeOf(i), teamId: TEAM, name: `mentee${i}`, realName: `Mentee ${i}`, tz: 'Europe/London' },
]).flat();

let database: PostgresTestDatabase;
let a: TestApp;
let b: TestApp;
const afterCleanup: (() => void)[] = [];

beforeEach(async () => {
  database = await createPostgresTestDatabase();
  const clock = createTestClock();
  a = await startTestApp({ users: CAST, clock, env: { DATABASE_URL: database.url } });
  b = await startTestApp({ fake: a.fake, clock, env: { DATABASE_URL: database.url } });
});

afterEach(async () => {
  for (const cleanup of afterCleanup.splice(0)) cleanup();
  await b.close();
  await a.close();
  await database.drop();
});

function acceptButton(message: PostedMessage | undefined): { action_id: string; value: string } | undefined {
  const blocks = (message?.blocks ?? []) as {
    type: string;
    elements?: { action_id: string; value: string }[];
  }[];
  return blocks.flatMap((block) => block.elements ?? []).find((b) => b.action_id === 'proposal_accept');
}

/** Pair i: the mentor offers on replica a, the mentee finds on replica b, the mentor accepts on either. */
async function formPairs(count: number): Promise<void> {
  const topic = (await a.app.context.repos.topics.listCatalogue(TEAM))[0]!.id;
  for (let i = 0; i < count; i += 1) {
    await a.command(mentorOf(i), 'offer');
    await a.submit({
      userId: mentorOf(i),
      callbackId: 'mentor_offer',
      values: signupFormValues({ topics: [topic], level: '1', department: 'Marketing', capacity: '1' }),
    });
    await b.command(menteeOf(i), 'find');
    await b.submit({
      userId: menteeOf(i),
      callbackId: 'mentor_find',
      values: signupFormValues({ topics: [topic], level: '5', department: 'Sales', goals: 'Grow' }),
    });
    const proposal = a.fake
      .messages(a.fake.channelFor([mentorOf(i)]))
      .find((message) => acceptButton(message) !== undefined);
    const replica = i % 2 === 0 ? a : b;
    await replica.click({
      userId: mentorOf(i),
      actionId: 'proposal_accept',
      value: acceptButton(proposal)!.value,
      message: { channel: proposal!.channel, ts: proposal!.ts },
    });
  }
  const { db } = a.app.context;
  expect(await db.select().from(tablesOf(db).pairs)).toHaveLength(count);
}

function promptsTo(mentor: string, mentee: string): PostedMessage[] {
  return a.fake
    .messages(a.fake.channelFor([mentor, mentee]))
    .filter(
      (message) => (message.metadata as { event_type?: string } | undefined)?.event_type === 'mentor_prompt',
    );
}

const logLines = (app: TestApp) => app.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
const jobRunsLogged = (app: TestApp, job: string) =>
  logLines(app).filter((line) => line.msg === 'job run' && line.job === job).length;
const skipsLogged = (app: TestApp, job: string) =>
  logLines(app).filter((line) => line.msg === 'claimed by another replica' && line.job === job).length;

// Other test files run their own databases on the same server at the same time.
const IN_THIS_DATABASE = 'database = (select oid from pg_database where datname = current_database())';

async function query<T extends pg.QueryResultRow>(statement: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<T>(statement)).rows;
  } finally {
    await client.end();
  }
}

// A week after the pairs formed, past their weekly slot.
const nextWeek = () => new Date(a.clock.now().getTime() + 7 * DAY + 65 * 60 * 1000);

describe('two replicas on one PostgreSQL database', () => {
  it('run each job once and send every pair one prompt when both schedulers run at the same instant', async () => {
    await formPairs(PAIRS);
    const at = nextWeek();
    a.clock.set(at);
    await Promise.all([a.app.runDueJobs(at), b.app.runDueJobs(at)]);

    for (let i = 0; i < PAIRS; i += 1) expect(promptsTo(mentorOf(i), menteeOf(i))).toHaveLength(1);
    const jobs = await query<{ job: string; last_run_at: Date }>('select job, last_run_at from job_runs');
    expect(jobs.length).toBeGreaterThan(0);
    for (const { job, last_run_at } of jobs) {
      expect(new Date(last_run_at).getTime()).toBe(at.getTime());
      // Run by one replica, skipped by the other.
      expect(jobRunsLogged(a, job) + jobRunsLogged(b, job)).toBe(1);
      expect(skipsLogged(a, job) + skipsLogged(b, job)).toBe(1);
    }
    // Matching proposed each request once.
    const perRequest = await query<{ n: string }>(
      'select count(*) as n from proposals group by request_id having count(*) > 1',
    );
    expect(perRequest).toEqual([]);
  });

  it('skip a job the other replica holds, and run it once the holder lets go', async () => {
    await formPairs(1);
    const at = nextWeek();
    a.clock.set(at);
    const held = a.fake.hold('chat.postMessage');
    const first = a.app.runDueJobs(at);
    await held.arrived;

    await b.app.runDueJobs(at);
    expect(skipsLogged(b, SEND_PROMPTS_JOB)).toBe(1);
    expect(jobRunsLogged(b, SEND_PROMPTS_JOB)).toBe(0);

    held.release();
    await first;
    expect(jobRunsLogged(a, SEND_PROMPTS_JOB)).toBe(1);
    expect(promptsTo(mentorOf(0), menteeOf(0))).toHaveLength(1);
  });

  it('let the other replica run a job whose holder lost its database connection', async () => {
    await formPairs(1);
    const at = nextWeek();
    a.clock.set(at);
    const held = a.fake.hold('chat.postMessage');
    const first = a.app.runDueJobs(at);
    await held.arrived;

    // The holder's claim dies with its connection, as when its process is killed.
    const ended = await query<{ ended: boolean }>(
      `select pg_terminate_backend(pid) as ended from pg_locks
        where locktype = 'advisory' and granted and pid <> pg_backend_pid() and ${IN_THIS_DATABASE}`,
    );
    expect(ended).toEqual([{ ended: true }]);

    await b.app.runDueJobs(at);
    expect(skipsLogged(b, SEND_PROMPTS_JOB)).toBe(0);
    expect(jobRunsLogged(b, SEND_PROMPTS_JOB)).toBe(1);

    held.release();
    await first;
    // The reservation taken by the first replica kept the second from posting the same week's prompt.
    expect(promptsTo(mentorOf(0), menteeOf(0))).toHaveLength(1);
    expect(asPostgres(a.app.context.db).$client.ending).toBe(false);
  });

  it("propose a mentor's last place once when both run matching for the workspace at once", async () => {
    const topic = (await a.app.context.repos.topics.listCatalogue(TEAM))[0]!.id;
    for (let i = 0; i < PAIRS; i += 1) {
      await b.command(menteeOf(i), 'find');
      await b.submit({
        userId: menteeOf(i),
        callbackId: 'mentor_find',
        values: signupFormValues({ topics: [topic], level: '5', department: 'Sales', goals: 'Grow' }),
      });
    }
    // Stored without the follow-up matching a signed offer starts, so both replicas' runs find it unmatched.
    const now = a.clock.now();
    await a.app.context.repos.offers.saveOpenOffer({
      teamId: TEAM,
      userId: mentorOf(0),
      profile: { name: 'Mentor 0', timeZone: 'Europe/London', isWorkspaceAdmin: false },
      profileFetchedAt: now,
      level: 1,
      department: 'Marketing',
      excludedUserIds: [],
      now,
      capacity: 1,
      note: null,
      topicIds: [topic],
      customTopics: [],
    });
    expect(await query('select id from proposals')).toEqual([]);

    const runs = await Promise.all([
      matchAllTeams(matchingDeps(a.app.context)),
      matchAllTeams(matchingDeps(b.app.context)),
    ]);
    expect(runs.flat().reduce((sum, run) => sum + run.proposed.length, 0)).toBe(1);
    expect(await query('select id from proposals')).toHaveLength(1);
    const asked = a.fake
      .messages(a.fake.channelFor([mentorOf(0)]))
      .filter((message) => acceptButton(message) !== undefined);
    expect(asked).toHaveLength(1);
  });

  it('settle once a prompt reserved by a replica killed with SIGKILL in the middle of its post', async () => {
    await formPairs(1);
    const at = nextWeek();
    const temp = makeTempDir();
    afterCleanup.push(temp.cleanup);
    const held = a.fake.hold('chat.postMessage');
    const child = spawn(
      process.execPath,
      [
        '--import',
        pathToFileURL(require.resolve('tsx')).href,
        path.resolve(__dirname, '../../src/cli.ts'),
        'tick',
        '--at',
        at.toISOString(),
      ],
      {
        // A folder with no .env in it, and only the variables this run needs.
        cwd: temp.dir,
        env: {
          PATH: process.env.PATH,
          SLACK_BOT_TOKEN: BOT_TOKEN,
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          SLACK_API_URL: a.fake.apiUrl,
          DATABASE_URL: database.url,
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    const first = await Promise.race([held.arrived.then(() => 'posting'), exited.then(() => 'exited')]);
    if (first === 'exited') throw new Error(`tick ended before it posted:\n${output}`);
    afterCleanup.push(() => child.kill('SIGKILL'));
    child.kill('SIGKILL');
    expect((await exited)[1]).toBe('SIGKILL');
    // Slack goes through with the post the dead process sent: only the app's record of it is missing.
    held.release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(promptsTo(mentorOf(0), menteeOf(0))).toHaveLength(1);
    // PostgreSQL ends the dead process's session, and its claim with it.
    while (
      (await query(`select pid from pg_locks where locktype = 'advisory' and ${IN_THIS_DATABASE}`)).length > 0
    );

    const later = new Date(at.getTime() + RESERVATION_LEASE_MS);
    a.clock.set(later);
    await Promise.all([a.app.runDueJobs(later), b.app.runDueJobs(later)]);
    expect(promptsTo(mentorOf(0), menteeOf(0))).toHaveLength(1);
    const [run] = await query<{ last_summary: string }>(
      `select last_summary from job_runs where job = '${SEND_PROMPTS_JOB}'`,
    );
    expect(JSON.parse(run!.last_summary)).toMatchObject({ sent: 0, recovered: 1 });
    const deliveries = await query<{ status: string; message_ts: string }>(
      'select status, message_ts from prompt_deliveries',
    );
    expect(deliveries).toEqual([{ status: 'sent', message_ts: promptsTo(mentorOf(0), menteeOf(0))[0]?.ts }]);
  }, 60_000);
});
