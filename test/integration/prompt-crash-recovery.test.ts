// A weekly prompt run that dies for real: `mentor-circles send-prompts` runs in a child process and is killed
// with SIGKILL while its chat.postMessage is in flight, so nothing of it survives but the database and what
// Slack holds. Then the app starts afresh on that database and its scheduler ticks: each pair ends up with
// exactly one message for the week, recorded as sent with that message's ts (the reserve → post with
// metadata → record scheme in src/use-cases/send-due-prompts.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { eq } from 'drizzle-orm';
import { startFakeSlack, type FakeSlack, type PostedMessage } from '../../dev/fake-slack-server';
import { tablesOf } from '../../src/storage/tables';
import { RESERVATION_LEASE_MS } from '../../src/use-cases/send-due-prompts';
import { deliveriesOf, seedRunningPair, type SeededPair } from '../support/seed-programme';
import { BOT_TOKEN, SIGNING_SECRET, startTestApp, TEAM, type TestApp } from '../support/test-app';
import { createTestClock, DAY } from '../support/test-clock';
import { createAppDatabase, makeTempDir, withDatabaseOf, type AppDatabase } from '../support/test-database';

const ROOT = path.resolve(__dirname, '../..');
const WEEK = 7 * DAY;
// Monday 10:05 in London, just after the pair's weekly slot; the weeks before it are the pair's history.
const MONDAY = new Date('2026-11-23T10:05:00Z');
// More than two pages of the 200 messages the app asks conversations.history for at a time.
const BUSY = 460;

let fake: FakeSlack;
let temp: { dir: string; cleanup: () => void };
let database: AppDatabase;
const apps: TestApp[] = [];
const children: ChildProcess[] = [];

beforeEach(async () => {
  fake = await startFakeSlack({ teamId: TEAM });
  temp = makeTempDir();
  database = await createAppDatabase(temp.dir);
});
afterEach(async () => {
  // A test that failed before its kill leaves its child running.
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  for (const app of apps.splice(0)) await app.close();
  await fake.close();
  await database.drop();
  temp.cleanup();
});

/** The app as a restart brings it up: a new process's state, the same database and Slack. */
async function startAppAt(instant: Date): Promise<TestApp> {
  const app = await startTestApp({ fake, database: database.env, clock: createTestClock(instant) });
  apps.push(app);
  return app;
}

let userSequence = 0;
async function seedLondonPair(): Promise<SeededPair> {
  userSequence += 1;
  return await withDatabaseOf(database.env, (db) =>
    seedRunningPair(db, fake, {
      mentor: { userId: `UMENTOR${userSequence}`, timeZone: 'Europe/London' },
      mentee: { userId: `UMENTEE${userSequence}`, timeZone: 'Europe/London' },
      startedAt: new Date('2026-01-01T00:00:00Z'),
    }),
  );
}

/** Both people talk in their group DM: `count` top-level messages, taking turns. */
function chatter(pair: SeededPair, count: number): void {
  for (let i = 0; i < count; i += 1) {
    const user = i % 2 === 0 ? pair.mentorId : pair.menteeId;
    fake.postAsUser({ channel: pair.channelId, user, text: `message ${i} from ${user}` });
  }
}

/** The app's weekly prompts in a channel, as Slack holds them. */
function promptsIn(channel: string): PostedMessage[] {
  return fake
    .messages(channel)
    .filter(
      (message) => (message.metadata as { event_type?: string } | undefined)?.event_type === 'mentor_prompt',
    );
}

const deliveryIdOf = (message: PostedMessage | undefined) =>
  (message?.metadata as { event_payload?: { delivery_id?: number } } | undefined)?.event_payload?.delivery_id;

/**
 * The pair's two weeks before MONDAY, sent by the app as usual, with the people talking around them: the
 * channel then holds older prompts of the pair, which tell a history lookup that it has gone back far enough.
 */
async function earlierWeeks(pair: SeededPair): Promise<void> {
  const app = await startTestApp({
    fake,
    database: database.env,
    clock: createTestClock(new Date(MONDAY.getTime() - 2 * WEEK)),
  });
  try {
    chatter(pair, 10);
    await app.tick();
    chatter(pair, 10);
    app.clock.advance(WEEK);
    await app.tick();
    chatter(pair, 10);
  } finally {
    await app.close();
  }
  expect(promptsIn(pair.channelId)).toHaveLength(2);
}

/**
 * Runs `mentor-circles send-prompts --at <at>` as a child process and kills it with SIGKILL once its
 * chat.postMessage has reached the fake Slack, which holds that call unanswered. With `slackPosts`, Slack then
 * goes through with the post (it answers into the dead connection): the process died after Slack accepted the
 * message and before the app recorded it. Without, the held call is never carried out: the process died after
 * reserving the delivery and before the post reached Slack.
 */
async function killDuringPost(at: Date, { slackPosts }: { slackPosts: boolean }): Promise<void> {
  const held = fake.hold('chat.postMessage');
  const child = spawn(
    process.execPath,
    [
      '--import',
      pathToFileURL(require.resolve('tsx')).href,
      path.join(ROOT, 'src/cli.ts'),
      'send-prompts',
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
        SLACK_API_URL: fake.apiUrl,
        ...database.env,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const first = await Promise.race([held.arrived.then(() => 'posting'), exited.then(() => 'exited')]);
  if (first === 'exited') throw new Error(`send-prompts ended before it posted:\n${output}`);

  child.kill('SIGKILL');
  const [, signal] = await exited;
  expect(signal).toBe('SIGKILL');
  if (slackPosts) {
    held.release();
    // The fake carries out the released call in the microtasks release() queued; let them run.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const lastSendSummary = async (app: TestApp) => {
  const { db } = app.app.context;
  const { jobRuns } = tablesOf(db);
  const [row] = await db.select().from(jobRuns).where(eq(jobRuns.job, 'send-prompts'));
  return JSON.parse(row?.lastSummary ?? '{}') as Record<string, number>;
};

/** Pages of history read past the first, by following Slack's cursor. */
const laterHistoryPagesRead = () =>
  fake.calls('conversations.history').filter((call) => typeof call.params.cursor === 'string').length;

describe('a weekly prompt run killed with SIGKILL in the middle of a post', () => {
  it('after Slack accepted the post: the restarted app pages back through a busy group DM, finds the prompt by its metadata and records it without posting again', async () => {
    const pair = await seedLondonPair();
    await earlierWeeks(pair);

    await killDuringPost(MONDAY, { slackPosts: true });
    const crashed = promptsIn(pair.channelId)[2];
    expect(promptsIn(pair.channelId)).toHaveLength(3);
    // While the app was down, both people kept talking: the prompt is now well past the first page.
    chatter(pair, BUSY);

    const app = await startAppAt(MONDAY);
    expect((await deliveriesOf(app.app.context.db, pair.pairId))[2]).toMatchObject({
      id: deliveryIdOf(crashed),
      status: 'reserved',
      messageTs: null,
    });
    // Ticking at once, the reservation may still be in another run's hands: nothing is posted or asked.
    await app.tick();
    expect(promptsIn(pair.channelId)).toHaveLength(3);
    expect(fake.calls('conversations.history')).toHaveLength(0);

    // After the lease it asks Slack, finds the message by its metadata and records it without posting.
    app.clock.advance(RESERVATION_LEASE_MS);
    await app.tick();
    expect(await lastSendSummary(app)).toMatchObject({ sent: 0, recovered: 1 });
    expect(laterHistoryPagesRead()).toBeGreaterThanOrEqual(2);
    expect((await deliveriesOf(app.app.context.db, pair.pairId))[2]).toMatchObject({
      status: 'sent',
      messageTs: crashed?.ts,
    });
    await app.tick();
    expect(promptsIn(pair.channelId)).toHaveLength(3);
  }, 60_000);

  it('before the post reached Slack: the restarted app pages back to the pair’s previous prompt, then posts it once', async () => {
    const pair = await seedLondonPair();
    await earlierWeeks(pair);

    await killDuringPost(MONDAY, { slackPosts: false });
    expect(promptsIn(pair.channelId)).toHaveLength(2);
    chatter(pair, BUSY);

    const app = await startAppAt(new Date(MONDAY.getTime() + RESERVATION_LEASE_MS));
    const reserved = (await deliveriesOf(app.app.context.db, pair.pairId))[2];
    expect(reserved).toMatchObject({ status: 'reserved', messageTs: null });
    await app.tick();
    expect(await lastSendSummary(app)).toMatchObject({ sent: 1, recovered: 0 });
    await app.tick();

    const prompts = promptsIn(pair.channelId);
    expect(prompts).toHaveLength(3);
    expect(deliveryIdOf(prompts[2])).toBe(reserved?.id);
    expect((await deliveriesOf(app.app.context.db, pair.pairId))[2]).toMatchObject({
      status: 'sent',
      messageTs: prompts[2]?.ts,
    });
    expect(laterHistoryPagesRead()).toBeGreaterThanOrEqual(2);
  }, 60_000);
});

describe('after a run killed in the middle of a post, when', () => {
  it('the app then stays down past the end of the week, the next week settles that week first', async () => {
    const unposted = await seedLondonPair();
    await killDuringPost(MONDAY, { slackPosts: false });
    // A second run a minute later leaves the first pair's fresh reservation alone and dies posting the second's.
    const posted = await seedLondonPair();
    await killDuringPost(new Date(MONDAY.getTime() + 60_000), { slackPosts: true });
    const [postedFirst] = promptsIn(posted.channelId);
    expect(postedFirst).toBeDefined();
    expect(promptsIn(unposted.channelId)).toHaveLength(0);

    // Back a week later, at the next slot.
    const app = await startAppAt(new Date(MONDAY.getTime() + WEEK));
    await app.tick();
    expect(promptsIn(posted.channelId)).toHaveLength(2);
    expect(await deliveriesOf(app.app.context.db, posted.pairId)).toMatchObject([
      { status: 'sent', messageTs: postedFirst?.ts },
      { status: 'sent', messageTs: promptsIn(posted.channelId)[1]?.ts },
    ]);
    // The week that was never posted stays missed, as any missed week does; this week's question goes out.
    expect(promptsIn(unposted.channelId)).toHaveLength(1);
    expect(await deliveriesOf(app.app.context.db, unposted.pairId)).toMatchObject([
      { status: 'failed', error: 'week_missed' },
      { status: 'sent', messageTs: promptsIn(unposted.channelId)[0]?.ts },
    ]);
  }, 60_000);

  it('this install cannot read history, the prompt is posted again rather than lost', async () => {
    const pair = await seedLondonPair();
    await killDuringPost(MONDAY, { slackPosts: false });
    const app = await startAppAt(new Date(MONDAY.getTime() + RESERVATION_LEASE_MS));
    fake.failNext('conversations.history', { error: 'missing_scope' });
    await app.tick();
    expect(promptsIn(pair.channelId)).toHaveLength(1);
    expect(await deliveriesOf(app.app.context.db, pair.pairId)).toMatchObject([
      { status: 'sent', messageTs: promptsIn(pair.channelId)[0]?.ts },
    ]);
  }, 60_000);

  it('Slack cannot say whether it was posted, the delivery stays reserved until it can', async () => {
    const pair = await seedLondonPair();
    await killDuringPost(MONDAY, { slackPosts: true });
    const [crashed] = promptsIn(pair.channelId);
    const app = await startAppAt(new Date(MONDAY.getTime() + RESERVATION_LEASE_MS));
    fake.failNext('conversations.history', { status: 500 });
    await app.tick();
    expect(await deliveriesOf(app.app.context.db, pair.pairId)).toMatchObject([{ status: 'reserved' }]);

    app.clock.advance(RESERVATION_LEASE_MS);
    await app.tick();
    expect(promptsIn(pair.channelId)).toHaveLength(1);
    expect(await deliveriesOf(app.app.context.db, pair.pairId)).toMatchObject([
      { status: 'sent', messageTs: crashed?.ts },
    ]);
  }, 60_000);
});
