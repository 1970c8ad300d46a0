// mentor-circles copy-database: a SQLite install with a programme in progress moves into an empty PostgreSQL
// database with every row, id, date, flag and JSON value intact, and the app then runs on the copy.
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { runCli } from '../../src/cli';
import { closeDatabase, migrateDatabase, openDatabase, type Db } from '../../src/storage/database';
import { recordJobRun } from '../../src/storage/job-runs';
import { closePostgres, openPostgres, type PostgresDb } from '../../src/storage/postgres-database';
import * as sqliteTables from '../../src/storage/schema';
import * as postgresTables from '../../src/storage/schema-postgres';
import { captureConsole } from '../support/capture-console';
import { createPostgresTestDatabase, type PostgresTestDatabase } from '../support/postgres-server';
import {
  seedCustomTopic,
  seedDelivery,
  seedExclusion,
  seedFeedback,
  seedMember,
  seedOffer,
  seedPair,
  seedProposal,
  seedRequest,
} from '../support/seed-programme';
import { signupFormValues } from '../support/signup-form-values';
import { startTestApp, TEAM } from '../support/test-app';
import { makeTempDir } from '../support/test-database';

const MENTOR = { userId: 'U0CPMENTOR', name: 'Mia Mentor', level: 1, department: 'Marketing' };
const MENTEE = { userId: 'U0CPMENTEE', name: 'Max Mentee', level: 5, department: 'Sales' };
const NEWCOMER = 'U0CPNEW';
const STARTED = new Date('2026-10-05T09:30:15.123Z');
const CUSTOM_TOPIC = 'Podcasting for teams';

let temp: { dir: string; cleanup: () => void };
let database: PostgresTestDatabase;
let env: Record<string, string>;

beforeEach(async () => {
  temp = makeTempDir();
  database = await createPostgresTestDatabase();
  env = { DATABASE_PATH: path.join(temp.dir, 'install.db'), LOG_LEVEL: 'silent' };
});

afterEach(async () => {
  await database.drop();
  temp.cleanup();
});

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const output = captureConsole();
  try {
    const code = await runCli(args, env);
    return { code, out: output.out.join('\n'), err: output.err.join('\n') };
  } finally {
    output.restore();
  }
}

/** A programme in progress: an accepted proposal, its pair, a prompt answered, feedback, a job run. */
async function seedInstall(): Promise<{ pairId: number }> {
  const db = openDatabase(env.DATABASE_PATH!);
  try {
    migrateDatabase(db);
    await seedMember(db, { ...MENTOR, timeZone: 'Europe/London', profileFetchedAt: STARTED });
    await seedMember(db, { ...MENTEE, pausedAt: STARTED, pausedUntil: new Date('2026-12-01T00:00:00.000Z') });
    await seedExclusion(db, MENTEE.userId, 'U0CPOTHER');
    await seedCustomTopic(db, CUSTOM_TOPIC);
    const offerId = await seedOffer(db, {
      userId: MENTOR.userId,
      topics: ['Social media', CUSTOM_TOPIC],
      note: 'Happy to help',
    });
    const requestId = await seedRequest(db, {
      userId: MENTEE.userId,
      topics: [CUSTOM_TOPIC],
      status: 'matched',
      matchedAt: STARTED,
    });
    const proposalId = await seedProposal(db, {
      mentor: MENTOR,
      mentee: MENTEE,
      requestId,
      offerId,
      status: 'accepted',
      createdAt: STARTED,
      expiresAt: new Date('2026-10-08T09:30:15.123Z'),
      sharedTopics: [CUSTOM_TOPIC],
      waitingDays: 3,
    });
    const pairId = await seedPair(db, {
      mentor: MENTOR,
      mentee: MENTEE,
      proposalId,
      offerId,
      channelId: 'G0CPPAIR',
      startedAt: STARTED,
      sharedTopics: [CUSTOM_TOPIC],
    });
    await seedDelivery(db, {
      pairId,
      channelId: 'G0CPPAIR',
      weekKey: '2026-W41',
      sentAt: STARTED,
      answeredAt: new Date('2026-10-06T10:00:00.000Z'),
    });
    await seedFeedback(db, {
      pairId,
      userId: MENTEE.userId,
      role: 'mentee',
      rating: 5,
      wouldRecommend: true,
    });
    await seedFeedback(db, {
      pairId,
      userId: MENTOR.userId,
      role: 'mentor',
      rating: 3,
      wouldRecommend: false,
    });
    await recordJobRun(db, 'match', STARTED, { proposed: 1 });
    return { pairId };
  } finally {
    closeDatabase(db);
  }
}

type TableName = keyof typeof sqliteTables;
const TABLE_NAMES = Object.keys(sqliteTables) as TableName[];

// Rows as drizzle returns them (Dates, booleans, parsed JSON), in a stable order, to compare the two sides.
function sorted(rows: readonly unknown[]): unknown[] {
  return [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

function sqliteContent(): Record<string, unknown[]> {
  const db: Db = openDatabase(env.DATABASE_PATH!);
  try {
    return Object.fromEntries(
      TABLE_NAMES.map((name) => [name, sorted(db.select().from(sqliteTables[name]).all())]),
    );
  } finally {
    closeDatabase(db);
  }
}

async function postgresContent(): Promise<Record<string, unknown[]>> {
  const db: PostgresDb = openPostgres(database.url, { maxConnections: 1 });
  try {
    const content: Record<string, unknown[]> = {};
    for (const name of TABLE_NAMES) content[name] = sorted(await db.select().from(postgresTables[name]));
    return content;
  } finally {
    await closePostgres(db);
  }
}

/** Which of these tables PostgreSQL has statistics for (an ANALYZE ran on them). */
async function analyzedTables(tables: string[]): Promise<string[]> {
  const db: PostgresDb = openPostgres(database.url, { maxConnections: 1 });
  try {
    const { rows } = await db.$client.query<{ relname: string }>(
      'select relname from pg_stat_user_tables where relname = any($1) and last_analyze is not null order by relname',
      [tables],
    );
    return rows.map((row) => row.relname);
  } finally {
    await closePostgres(db);
  }
}

describe('mentor-circles copy-database --to URL', () => {
  it('copies every table with its ids, dates, flags and JSON, prints and verifies the counts, never the password', async () => {
    const { pairId } = await seedInstall();

    const copy = await cli('copy-database', '--to', database.url);

    expect(copy.err).toBe('');
    expect(copy.code).toBe(0);
    const url = new URL(database.url);
    expect(copy.out).toContain(`Copied ${env.DATABASE_PATH} to ${url.pathname.slice(1)} on 127.0.0.1:`);
    expect(copy.out).toMatch(/^ {2}members +2 → 2$/m);
    expect(copy.out).toMatch(/^ {2}feedback +2 → 2$/m);
    expect(copy.out).toMatch(/^ {2}prompt_deliveries +1 → 1$/m);
    expect(copy.out).toMatch(/^ {2}job_runs +1 → 1$/m);
    expect(copy.out).toContain('Verified');
    expect(url.password).not.toBe('');
    expect(copy.out).not.toContain(url.password);

    const source = sqliteContent();
    const target = await postgresContent();
    expect(target).toEqual(source);
    // A few values spelled out, so that equal-but-wrong conversions on both sides would still show.
    const pair = target.pairs![0] as typeof postgresTables.pairs.$inferSelect;
    expect(pair).toMatchObject({ id: pairId, crossDepartment: true, startedAt: STARTED });
    expect(pair.sharedTopics).toEqual([CUSTOM_TOPIC]);
    const proposal = target.proposals![0] as typeof postgresTables.proposals.$inferSelect;
    expect(proposal.reasons).toMatchObject({
      sharedTopics: [CUSTOM_TOPIC],
      waitingDays: 3,
      crossDepartment: true,
    });
    expect(target.feedback!.map((row) => (row as { wouldRecommend: boolean }).wouldRecommend).sort()).toEqual(
      [false, true],
    );
    // The planner has statistics for the copied tables from the first request on, not once autovacuum runs.
    expect(await analyzedTables(['members', 'pairs', 'prompt_deliveries'])).toEqual([
      'members',
      'pairs',
      'prompt_deliveries',
    ]);
  });

  it('leaves an app on the copy that knows the programme and hands out fresh ids', async () => {
    await seedInstall();
    expect((await cli('copy-database', '--to', database.url)).code).toBe(0);
    const copied = await postgresContent();
    const maxOfferId = Math.max(...copied.offers!.map((row) => (row as { id: number }).id));
    const maxTopicId = Math.max(...copied.topics!.map((row) => (row as { id: number }).id));

    const t = await startTestApp({
      env: { DATABASE_URL: database.url },
      users: [
        { id: NEWCOMER, teamId: TEAM, name: 'newcomer', realName: 'Nia Newcomer', tz: 'Europe/London' },
      ],
    });
    try {
      const catalogue = await t.app.context.repos.topics.listCatalogue(TEAM);
      const custom = catalogue.find((topic) => topic.name === CUSTOM_TOPIC);
      expect(custom).toBeDefined();
      const mentorOffer = await t.app.context.repos.offers.findOpenOffer(TEAM, MENTOR.userId);
      expect(mentorOffer).toMatchObject({ note: 'Happy to help' });

      await t.command(NEWCOMER, 'offer');
      const response = await t.submit({
        userId: NEWCOMER,
        callbackId: 'mentor_offer',
        values: signupFormValues({ topics: [custom!.id], level: '1', department: 'Legal', capacity: '1' }),
      });
      expect(response.status).toBe(200);
      const offer = await t.app.context.repos.offers.findOpenOffer(TEAM, NEWCOMER);
      expect(offer?.id).toBe(maxOfferId + 1);
    } finally {
      await t.close();
    }
    // A topic typed in afterwards takes the next id too, after the custom one.
    const db = openPostgres(database.url, { maxConnections: 1 });
    try {
      const [topic] = await db
        .insert(postgresTables.topics)
        .values({ teamId: TEAM, name: 'Another', nameKey: 'another' })
        .returning();
      expect(topic!.id).toBe(maxTopicId + 1);
    } finally {
      await closePostgres(db);
    }
  });

  it('refuses a second copy into the now non-empty database, saying which tables have rows, and changes nothing', async () => {
    await seedInstall();
    expect((await cli('copy-database', '--to', database.url)).code).toBe(0);
    const before = await postgresContent();

    const again = await cli('copy-database', '--to', database.url);

    expect(again.code).toBe(1);
    expect(again.err).toContain('is not empty, so nothing was copied');
    expect(again.err).toMatch(/^ {2}members: 2$/m);
    expect(again.err).toMatch(/^ {2}pairs: 1$/m);
    expect(await postgresContent()).toEqual(before);
  });

  it('copies nothing at all when a row cannot be written: one transaction', async () => {
    await seedInstall();
    // Feedback is copied late, after the pairs: a row pointing at a missing pair (SQLite lets it be with its
    // foreign keys off) makes PostgreSQL refuse the copy only once most tables are written.
    const db = openDatabase(env.DATABASE_PATH!);
    try {
      db.$client.pragma('foreign_keys = off');
      db.update(sqliteTables.feedback)
        .set({ pairId: 9999 })
        .where(eq(sqliteTables.feedback.role, 'mentor'))
        .run();
    } finally {
      closeDatabase(db);
    }

    const copy = await cli('copy-database', '--to', database.url);

    expect(copy.code).toBe(1);
    expect(copy.err).toContain('failed, nothing was copied');
    const target = await postgresContent();
    for (const name of TABLE_NAMES.filter((n) => n !== 'topics' && n !== 'prompts')) {
      expect([name, target[name]]).toEqual([name, []]);
    }
    // The failed run left the database as the migrations made it, so a fixed source copies afterwards.
    expect(target.topics!.length).toBeGreaterThan(0);
  });

  it('refuses a URL that is not PostgreSQL, without echoing it, and a source that is already PostgreSQL', async () => {
    await seedInstall();
    const bad = await cli('copy-database', '--to', 'mysql://root:s3cret@db/app');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--to must be a PostgreSQL URL');
    expect(bad.err).not.toContain('s3cret');
    expect((await cli('copy-database')).code).toBe(2);

    env = { ...env, DATABASE_URL: database.url };
    const onPostgres = await cli('copy-database', '--to', database.url);
    expect(onPostgres.code).toBe(1);
    expect(onPostgres.err).toContain('already runs on PostgreSQL');
    expect(onPostgres.err).not.toContain(new URL(database.url).password);
  });
});
