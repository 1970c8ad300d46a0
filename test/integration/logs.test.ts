// What an operator reads: one JSON object per line, with level, time, component and the id of the request or
// run it belongs to; and never a token, the signing secret, the database password or anything a person wrote.
import { eq } from 'drizzle-orm';
import { JSON_TYPE } from '../../dev/signed-requests';
import { tablesOf } from '../../src/storage/tables';
import { BOT_TOKEN, SIGNING_SECRET, startTestApp, TEAM, type TestApp } from '../support/test-app';
import { createPostgresTestDatabase } from '../support/postgres-server';
import { signupFormValues } from '../support/signup-form-values';

const MENTOR = 'U0LOGMENTOR';
const MENTEE = 'U0LOGMENTEE';
// What people typed; each must stay out of the log.
const NOTE = 'Private note: I teach TikTok 7f3a';
const GOALS = 'Private goals: learn prompts 91bc';
const MESSAGE = 'Private message in the group DM 5d2e';
const COMMAND_TEXT = 'dance with-my-secret-word-42aa';
const HOSTILE = 'hostile body content 0c77';

type LogLine = Record<string, unknown> & { level: string; time: string; msg: string };

describe('logs of a full flow (LOG_LEVEL=debug)', () => {
  let t: TestApp;
  let lines: LogLine[];
  beforeAll(async () => {
    t = await startTestApp({
      env: { LOG_LEVEL: 'debug' },
      users: [
        { id: MENTOR, teamId: TEAM, name: 'mentor', realName: 'Mia Mentor', tz: 'Europe/London' },
        { id: MENTEE, teamId: TEAM, name: 'mentee', realName: 'Max Mentee', tz: 'Europe/London' },
      ],
    });
    const db = t.app.context.db;
    const { topics } = tablesOf(db);
    const [first] = await db
      .select({ id: topics.id })
      .from(topics)
      .where(eq(topics.teamId, ''))
      .orderBy(topics.id)
      .limit(1);
    if (first === undefined) throw new Error('the migrations seeded no install-wide topic');
    const topic = first.id;

    await t.command(MENTOR, 'help');
    await t.command(MENTOR, COMMAND_TEXT);
    await t.command(MENTOR, 'offer');
    await t.submit({
      userId: MENTOR,
      callbackId: 'mentor_offer',
      values: signupFormValues({
        topics: [topic],
        level: '1',
        department: 'Marketing',
        capacity: '1',
        note: NOTE,
      }),
    });
    await t.command(MENTEE, 'find');
    await t.submit({
      userId: MENTEE,
      callbackId: 'mentor_find',
      values: signupFormValues({ topics: [topic], level: '5', department: 'Marketing', goals: GOALS }),
    });
    await t.event({
      type: 'message',
      channel: t.fake.channelFor([MENTOR, MENTEE]),
      channel_type: 'mpim',
      user: MENTEE,
      text: MESSAGE,
      ts: '1764000000.000100',
    });
    // A Slack failure, so error paths are in the log too.
    t.fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    await t.command(MENTOR, 'status');
    // Refused before Bolt: its body must not be echoed either.
    await t.post(JSON.stringify({ type: 'event_callback', text: HOSTILE }), JSON_TYPE, { secret: 'wrong' });
    await t.post(JSON.stringify({ type: 'event_callback', text: HOSTILE }), 'text/plain');
    await t.tick();
    lines = t.logs.map((line) => JSON.parse(line) as LogLine);
  });
  afterAll(async () => {
    await t.close();
  });

  it('never contains a token, the signing secret, anything a person typed, nor who they are', async () => {
    const everything = t.logs.join('\n');
    // People's ids and names too: a log line cannot be erased when someone leaves.
    const people = [MENTOR, MENTEE, 'Mia Mentor', 'Max Mentee'];
    for (const secret of [
      BOT_TOKEN,
      SIGNING_SECRET,
      NOTE,
      GOALS,
      MESSAGE,
      COMMAND_TEXT,
      HOSTILE,
      ...people,
    ]) {
      expect(everything).not.toContain(secret);
    }
    // The flow did happen: the note was stored and the debug lines of the SDKs are there.
    const db = t.app.context.db;
    const { offers } = tablesOf(db);
    expect(await db.select({ note: offers.note }).from(offers)).toEqual([{ note: NOTE }]);
    expect(lines.some((line) => line.component === 'bolt' && line.level === 'debug')).toBe(true);
    expect(lines.some((line) => line.component === 'slack-api')).toBe(true);
  });

  it('writes one JSON object per line with level and time', () => {
    expect(lines.length).toBeGreaterThan(20);
    for (const raw of t.logs) expect(raw.match(/"component":/g)?.length ?? 0).toBeLessThanOrEqual(1);
    for (const line of lines) {
      expect(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).toContain(line.level);
      expect(new Date(line.time).toISOString()).toBe(line.time);
      expect(typeof line.msg).toBe('string');
    }
  });

  it('summarises each Slack request on one line, with a request id shared by everything it logged', () => {
    const handled = lines.filter((line) => line.msg === 'request handled');
    expect(handled.map((line) => line.kind)).toEqual(
      expect.arrayContaining(['command', 'view_submission', 'event_callback']),
    );
    for (const line of handled) {
      expect(line).toMatchObject({ component: 'slack', teamId: TEAM });
      expect(typeof line.requestId).toBe('string');
      expect(typeof line.ms).toBe('number');
    }
    expect(new Set(handled.map((line) => line.requestId)).size).toBe(handled.length);
    // A listener's own line (from the offer's submission) carries the id of the request it served.
    const offerSubmission = handled.find((line) => line.name === 'mentor_offer');
    const fromThatRequest = lines.filter((line) => line.requestId === offerSubmission?.requestId);
    expect(fromThatRequest.map((line) => line.component)).toEqual(
      expect.arrayContaining(['signup', 'slack']),
    );
  });

  it('gives each scheduler run a run id on all its lines and one summary line', () => {
    const runs = lines.filter((line) => line.msg === 'scheduler run');
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ component: 'scheduler', failed: [] });
    const jobLines = lines.filter((line) => line.msg === 'job run');
    expect(jobLines.length).toBeGreaterThan(0);
    for (const line of jobLines) expect(line.runId).toBe(runs[0]?.runId);
  });

  it('logs refused requests with the reason (their bodies are checked above)', () => {
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ component: 'http', level: 'warn', msg: 'request refused', status: 415 }),
        expect.objectContaining({
          component: 'bolt',
          level: 'warn',
          msg: expect.stringContaining('signature mismatch') as unknown,
        }),
      ]),
    );
  });
});

describe('logs on PostgreSQL (DATABASE_URL)', () => {
  it('never contain the password of the database URL, from start-up to shutdown', async () => {
    const database = await createPostgresTestDatabase();
    const t = await startTestApp({ env: { LOG_LEVEL: 'debug', DATABASE_URL: database.url } });
    try {
      await t.command('U1', 'help');
      await t.tick();
    } finally {
      await t.close();
      await database.drop();
    }
    const everything = t.logs.join('\n');
    const { password } = new URL(database.url);
    expect(password).not.toBe('');
    expect(everything).not.toContain(password);
    // The start-up line does say which database is used.
    expect(everything).toContain('"database":"postgres"');
  });
});

describe('LOG_LEVEL', () => {
  it('leaves out lines below the level', async () => {
    const t = await startTestApp({ env: { LOG_LEVEL: 'warn' } });
    try {
      await t.command('U1', 'help');
      await t.post('{}', 'text/plain');
      const levels = new Set(t.logs.map((line) => (JSON.parse(line) as LogLine).level));
      expect([...levels]).toEqual(['warn']);
    } finally {
      await t.close();
    }
  });
});
