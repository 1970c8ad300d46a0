// The prompt library as the migration leaves it, `mentor-circles prompts …` and `mentor-circles send-prompts`.
import { runCli } from '../../src/cli';
import { startFakeSlack, type FakeSlack } from '../../dev/fake-slack-server';
import type { Db } from '../../src/storage/database';
import { tablesOf } from '../../src/storage/tables';
import { deliveriesOf, seedRunningPair } from '../support/seed-programme';
import { SEED_QUESTIONS } from '../support/seed-questions';
import { createAppDatabase, makeTempDir, withDatabaseOf, type AppDatabase } from '../support/test-database';
import { captureConsole } from '../support/capture-console';

let temp: { dir: string; cleanup: () => void };
let database: AppDatabase;
let env: Record<string, string>;

beforeEach(async () => {
  temp = makeTempDir();
  database = await createAppDatabase(temp.dir, 'mc.db');
  env = { ...database.env };
});
afterEach(async () => {
  await database.drop();
  temp.cleanup();
});

async function cli(...argv: string[]) {
  const output = captureConsole();
  try {
    const code = await runCli(argv, env);
    return { code, out: output.out.join('\n'), err: output.err.join('\n') };
  } finally {
    output.restore();
  }
}

const withDb = <T>(use: (db: Db) => T | Promise<T>): Promise<T> => withDatabaseOf(env, use);

/** The counts in send-prompts' closing line ("1 sent, 0 failed, …"), by what they count. */
const tally = (out: string) =>
  Object.fromEntries(
    [...out.matchAll(/(\d+) (sent|recovered|skipped|failed|need attention)\b/g)].map((m) => [
      m[2],
      Number(m[1]),
    ]),
  );

const library = () =>
  withDb(async (db) => {
    const { prompts } = tablesOf(db);
    return await db.select().from(prompts).orderBy(prompts.position, prompts.id);
  });

describe('the prompt library seeded by the migration', () => {
  it('holds the 11 #SMchat questions verbatim and in order, install-wide and enabled', async () => {
    const rows = await library();
    expect(rows.map((row) => row.text)).toEqual(SEED_QUESTIONS);
    expect(rows.map((row) => row.position)).toEqual(SEED_QUESTIONS.map((_q, index) => index + 1));
    expect(rows.every((row) => row.teamId === '' && row.enabled)).toBe(true);
  });
});

describe('mentor-circles prompts', () => {
  it('lists the library in order with ids and state', async () => {
    const { code, out } = await cli('prompts', 'list');
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/pos\s+id\s+state\s+question/);
    expect(lines).toHaveLength(12);
    SEED_QUESTIONS.forEach((question, index) => {
      expect(lines[index + 1]).toContain(question);
      expect(lines[index + 1]).toMatch(new RegExp(`^\\s*${index + 1}\\s+\\d+\\s+enabled`));
    });
  });

  it('adds a question at the end and shows it', async () => {
    const { code, out } = await cli('prompts', 'add', '  What did   you try this week?  ');
    expect(code).toBe(0);
    expect(out).toMatch(/Added prompt \d+ \(position 12\): What did you try this week\?/);
    const rows = await library();
    expect(rows).toHaveLength(12);
    expect(rows[11]).toMatchObject({
      text: 'What did you try this week?',
      position: 12,
      enabled: true,
      teamId: '',
    });
  });

  it('refuses an empty question and stores nothing', async () => {
    const { code, err } = await cli('prompts', 'add', '   ');
    expect(code).toBe(1);
    expect(err).toContain('empty');
    expect(await library()).toHaveLength(11);
  });

  it('disables and enables a prompt; list shows which', async () => {
    const second = (await library())[1]?.id ?? 0;
    expect((await cli('prompts', 'disable', String(second))).code).toBe(0);
    expect((await library())[1]?.enabled).toBe(false);
    expect((await cli('prompts', 'list')).out.split('\n')[2]).toMatch(/disabled\s+How can potential/);
    const enabled = await cli('prompts', 'enable', String(second));
    expect(enabled.code).toBe(0);
    expect(enabled.out).toContain('Enabled prompt');
    expect((await library())[1]?.enabled).toBe(true);
  });

  it('moves a prompt and renumbers the rest', async () => {
    const last = (await library())[10]?.id ?? 0;
    const { code, out } = await cli('prompts', 'move', String(last), '1');
    expect(code).toBe(0);
    expect(out).toContain('(position 1)');
    const rows = await library();
    expect(rows.map((row) => row.text)).toEqual([SEED_QUESTIONS[10], ...SEED_QUESTIONS.slice(0, 10)]);
    expect(rows.map((row) => row.position)).toEqual(rows.map((_row, index) => index + 1));
    // A position past the end puts it last.
    expect((await cli('prompts', 'move', String(last), '99')).code).toBe(0);
    expect((await library()).map((row) => row.text)).toEqual(SEED_QUESTIONS);
  });

  it.each([
    [['prompts', 'disable', '999'], 1, 'There is no prompt 999'],
    [['prompts', 'move', '999', '2'], 1, 'There is no prompt 999'],
    [['prompts', 'disable', 'two'], 2, 'Usage: mentor-circles prompts'],
    [['prompts', 'move', '1'], 2, 'Usage: mentor-circles prompts'],
    [['prompts', 'frobnicate'], 2, 'Usage: mentor-circles prompts'],
    [['prompts'], 2, 'Usage: mentor-circles prompts'],
  ])('answers %j with exit %i and says why', async (argv, expected, message) => {
    const { code, err } = await cli(...argv);
    expect(code).toBe(expected);
    expect(err).toContain(message);
    expect((await library()).map((row) => row.text)).toEqual(SEED_QUESTIONS);
  });

  it('is listed in the help', async () => {
    const { out } = await cli('help');
    expect(out).toContain('prompts list|add|disable|enable|move');
    expect(out).toContain('send-prompts [--at ISO-8601]');
  });
});

describe('mentor-circles send-prompts', () => {
  let fake: FakeSlack;
  beforeEach(async () => {
    fake = await startFakeSlack();
    env = { ...env, SLACK_BOT_TOKEN: 'xoxb-cli', SLACK_SIGNING_SECRET: 'cli', SLACK_API_URL: fake.apiUrl };
  });
  afterEach(async () => {
    await fake.close();
  });

  it('sends what is due at --at, prints each pair and the summary, and sends nothing on a second run', async () => {
    const seeded = await withDb(async (db) => [
      await seedRunningPair(db, fake, {
        mentor: { userId: 'UM1' },
        mentee: { userId: 'UE1', timeZone: 'Europe/London' },
        startedAt: new Date('2026-11-01T00:00:00Z'),
      }),
      await seedRunningPair(db, fake, {
        mentor: { userId: 'UM2' },
        mentee: { userId: 'UE2', timeZone: 'America/New_York' },
        startedAt: new Date('2026-11-01T00:00:00Z'),
      }),
    ]);
    const first = await cli('send-prompts', '--at', '2026-11-23T10:30:00Z');
    expect(first.code).toBe(0);
    expect(first.out).toContain('2026-11-23T10:30:00.000Z');
    expect(first.out).toMatch(new RegExp(`pair ${seeded[0]?.pairId} \\[T0TEST\\] 2026-W48: sent`));
    expect(first.out).not.toContain(`pair ${seeded[1]?.pairId} `);
    expect(tally(first.out)).toEqual({ sent: 1, recovered: 0, skipped: 0, failed: 0, 'need attention': 0 });
    expect(fake.messages(seeded[0]?.channelId)).toHaveLength(1);

    const second = await cli('send-prompts', '--at', '2026-11-23T15:30:00Z');
    expect(tally(second.out)).toEqual({ sent: 1, recovered: 0, skipped: 1, failed: 0, 'need attention': 0 });
    expect(second.out).toMatch(/2026-W48: skipped \(already_sent\)/);
    expect(fake.messages(seeded[0]?.channelId)).toHaveLength(1);
    expect(fake.messages(seeded[1]?.channelId)).toHaveLength(1);
    await withDb(async (db) =>
      expect(await deliveriesOf(db, seeded[1]?.pairId ?? 0)).toMatchObject([{ status: 'sent' }]),
    );
  });

  it('says which pairs need attention and exits 1', async () => {
    const pair = await withDb(
      async (db) =>
        await seedRunningPair(db, fake, {
          mentor: { userId: 'UM1' },
          mentee: { userId: 'UE1', timeZone: 'Europe/London' },
          startedAt: new Date('2026-11-01T00:00:00Z'),
        }),
    );
    fake.failChannel(pair.channelId, 'is_archived');
    const { code, out } = await cli('send-prompts', '--at', '2026-11-23T10:30:00Z');
    expect(code).toBe(1);
    expect(out).toMatch(new RegExp(`pair ${pair.pairId} .*NEEDS ATTENTION \\(is_archived\\)`));
    expect(out).toContain('1 need attention');
  });

  it.each([[['--at']], [['--at', 'next monday']], [['--at', '2026-11-23T10:00:00']], [['--when', 'x']]])(
    'refuses %j with usage and exit 2, sending nothing',
    async (args) => {
      const { code, err } = await cli('send-prompts', ...args);
      expect(code).toBe(2);
      expect(err).toContain('send-prompts [--at ISO-8601]');
      expect(fake.calls('chat.postMessage')).toHaveLength(0);
    },
  );
});
