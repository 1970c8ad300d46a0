// Stopping the app at any moment: SIGTERM or SIGINT stops new work, waits (bounded) for what is in flight,
// closes the port and the database and ends with exit code 0; a second signal ends it at once.
import { spawn } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { startFakeSlack, type FakeSlack } from '../../dev/fake-slack-server';
import { loadConfig } from '../../src/config';
import { FORM, postSigned, slashCommandBody } from '../../dev/signed-requests';
import { serveUntilSignalled } from '../../src/main';
import { count, eq } from 'drizzle-orm';
import { lastJobRuns, recordJobRun } from '../../src/storage/job-runs';
import { asPostgres } from '../../src/storage/postgres-database';
import { tablesOf } from '../../src/storage/tables';
import { PROMPT_EVENT_TYPE } from '../../src/views/prompt-message';
import { RESERVATION_LEASE_MS } from '../../src/use-cases/send-due-prompts';
import { SHUTDOWN_GRACE_MS, startApp } from '../../src/composition/wiring';
import { errorSummary } from '../../src/errors';
import { deliveriesOf, seedRunningPair, type SeededPair } from '../support/seed-programme';
import { createTestClock, HOUR } from '../support/test-clock';
import {
  createAppDatabase,
  isConnectionClosed,
  makeTempDir,
  testDatabaseKind,
  withDatabaseOf,
  type AppDatabase,
} from '../support/test-database';
import { SIGNING_SECRET, startTestApp, TEAM, type TestApp } from '../support/test-app';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => undefined as void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

async function answers(url: string): Promise<boolean> {
  return fetch(url).then(
    () => true,
    () => false,
  );
}

describe('stopping on a signal', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let database: AppDatabase;
  let t: TestApp;
  let signals: EventEmitter;
  const exits: number[] = [];
  beforeEach(async () => {
    temp = makeTempDir();
    database = await createAppDatabase(temp.dir);
    t = await startTestApp({ database: database.env });
    signals = new EventEmitter();
    exits.length = 0;
  });
  afterEach(async () => {
    await t.close();
    await database.drop();
    temp.cleanup();
  });

  /** Work a Slack request started and is still doing; when let go it writes to the database. */
  function workInFlight(name: string) {
    const gate = deferred();
    const work = t.app.context.inFlight.track(
      gate.promise.then(() => recordJobRun(t.app.context.db, name, t.clock.now(), {})),
    );
    return { finish: gate.resolve, work };
  }

  it('lets work in flight finish, refuses new requests meanwhile, then closes the port and the database', async () => {
    const inFlight = workInFlight('finished-before-close');
    const exit = serveUntilSignalled(t.app, { signals, exitNow: (code) => exits.push(code) });

    signals.emit('SIGTERM', 'SIGTERM');
    // While it waits, Slack is told to come back later (it retries), and nothing new starts.
    const refused = await postSigned(
      t.eventsUrl,
      SIGNING_SECRET,
      slashCommandBody({ teamId: TEAM, userId: 'U1', text: 'help', responseUrl: t.fake.responseUrl() }),
      FORM,
    );
    expect(refused.status).toBe(503);
    expect(await answers(`${t.baseUrl}/healthz`)).toBe(true);

    inFlight.finish();
    expect(await exit).toBe(0);
    expect(exits).toEqual([]);
    expect(isConnectionClosed(t.app.context.db)).toBe(true);
    expect(await answers(`${t.baseUrl}/healthz`)).toBe(false);
    // The work wrote its row before the database was closed.
    const jobs = await withDatabaseOf(database.env, async (db) =>
      (await lastJobRuns(db)).map((run) => run.job),
    );
    expect(jobs).toContain('finished-before-close');
    expect(t.logs.map((line) => JSON.parse(line) as { msg: string }).map((line) => line.msg)).toEqual(
      expect.arrayContaining(['stopping', 'stopped']),
    );
  });

  it('exits at once, with 128 + the signal number, on a second signal', async () => {
    const inFlight = workInFlight('never-waited-for');
    const exit = serveUntilSignalled(t.app, { signals, exitNow: (code) => exits.push(code) });

    signals.emit('SIGTERM', 'SIGTERM');
    signals.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual([130]);

    inFlight.finish();
    await exit;
  });

  it('stops anyway once the grace period is over, and says what it left behind', async () => {
    const inFlight = workInFlight('too-slow');
    const exit = serveUntilSignalled(t.app, { signals, exitNow: (code) => exits.push(code), graceMs: 0 });

    signals.emit('SIGINT', 'SIGINT');
    expect(await exit).toBe(0);
    expect(isConnectionClosed(t.app.context.db)).toBe(true);
    const warning = t.logs.find((line) => line.includes('stopped before work in flight finished'));
    expect(JSON.parse(warning ?? '{}')).toMatchObject({ level: 'warn', requestsInFlight: 1 });

    // The late work fails on the closed database instead of writing half of anything.
    inFlight.finish();
    const failure = await inFlight.work.then(
      () => 'it wrote',
      (error: unknown) => errorSummary(error).message,
    );
    expect(failure).toMatch(testDatabaseKind() === 'sqlite' ? /not open/ : /after calling end on the pool/);
  });
});

describe('stopping during a weekly prompt run', () => {
  // Monday 10:30 in London: every seeded pair's question is due.
  const DUE = '2026-11-23T10:30:00Z';
  const PAIRS = 10;

  function promptsIn(fake: FakeSlack, channel: string) {
    return fake
      .messages(channel)
      .filter((message) => (message.metadata as { event_type?: string })?.event_type === PROMPT_EVENT_TYPE);
  }

  it.each([
    ['waits for the run to finish; after a restart nothing is sent twice', SHUTDOWN_GRACE_MS, 0, false],
    [
      'closes the database under the run when the grace period is over; after a restart (past the reservation lease) the posted prompts are found, not sent again',
      0,
      RESERVATION_LEASE_MS + HOUR,
      true,
    ],
  ])('%s', async (_case, graceMs, restartAfterMs, cutShort) => {
    const fake = await startFakeSlack();
    const temp = makeTempDir();
    const database = await createAppDatabase(temp.dir);
    const clock = createTestClock(DUE);
    try {
      const first = await startTestApp({ fake, database: database.env, clock });
      const pairs: SeededPair[] = [];
      for (let n = 0; n < PAIRS; n++) {
        pairs.push(
          await seedRunningPair(first.app.context.db, fake, {
            mentor: { userId: `UMENTOR${n}`, timeZone: 'Europe/London' },
            mentee: { userId: `UMENTEE${n}`, timeZone: 'Europe/London' },
            startedAt: new Date('2026-01-01T00:00:00Z'),
          }),
        );
      }
      const signals = new EventEmitter();
      const exit = serveUntilSignalled(first.app, { signals, exitNow: () => undefined, graceMs });

      // The signal comes while a prompt is being posted.
      const post = fake.hold('chat.postMessage');
      const run = first.app.runDueJobs(clock.now());
      await post.arrived;
      signals.emit('SIGTERM', 'SIGTERM');
      if (graceMs === 0) expect(await exit).toBe(0);
      post.release();
      await run.catch(() => undefined);
      expect(await exit).toBe(0);
      await first.close();
      // Cut short, some prompts were posted without being recorded as sent: their reservations remain.
      const [unconfirmed] = await withDatabaseOf(database.env, (db) => {
        const { promptDeliveries } = tablesOf(db);
        return db
          .select({ n: count() })
          .from(promptDeliveries)
          .where(eq(promptDeliveries.status, 'reserved'));
      });
      if (unconfirmed === undefined) throw new Error('no count');
      if (cutShort) expect(unconfirmed.n).toBeGreaterThan(0);
      else expect(unconfirmed.n).toBe(0);

      clock.advance(restartAfterMs);
      const second = await startTestApp({ fake, database: database.env, clock });
      try {
        await second.tick();
        await second.tick();
        const recovered = second.logs
          .map((line) => JSON.parse(line) as { job?: string; recovered?: number })
          .filter((line) => line.job === 'send-prompts')
          .reduce((sum, line) => sum + (line.recovered ?? 0), 0);
        expect(recovered).toBe(cutShort ? unconfirmed.n : 0);
        for (const pair of pairs) {
          expect(promptsIn(fake, pair.channelId)).toHaveLength(1);
          expect((await deliveriesOf(second.app.context.db, pair.pairId)).map((d) => d.status)).toEqual([
            'sent',
          ]);
        }
      } finally {
        await second.close();
      }
    } finally {
      await fake.close();
      await database.drop();
      temp.cleanup();
    }
  });
});

describe('a start that fails', () => {
  it.each([
    ['the port is taken', 'xoxb-test', /EADDRINUSE/],
    ['Slack refuses the bot token', 'xoxb-revoked', /Slack did not accept SLACK_BOT_TOKEN: invalid_auth/],
  ])('when %s, fails with the reason and leaves the database closed', async (_case, token, reason) => {
    const fake = await startFakeSlack();
    const temp = makeTempDir();
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    const address = taken.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    if (token === 'xoxb-revoked') fake.failNext('auth.test', { error: 'invalid_auth' });
    const database = await createAppDatabase(temp.dir);
    const result = loadConfig({
      SLACK_BOT_TOKEN: token,
      SLACK_SIGNING_SECRET: 'secret',
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
      ...database.env,
      LOG_LEVEL: 'silent',
    });
    if (!result.ok) throw new Error(result.problems.join('; '));
    try {
      await expect(
        startApp(result.config, { clientOptions: { retryConfig: { retries: 0 } }, startScheduler: false }),
      ).rejects.toThrow(reason);
      const file = database.env.DATABASE_PATH;
      if (file !== undefined) {
        // SQLite removes the -wal file when the last connection to a database closes.
        expect(fs.existsSync(file)).toBe(true);
        expect(fs.existsSync(`${file}-wal`)).toBe(false);
      } else {
        // PostgreSQL: no session of the app's pool is left on the database (the pool reuses its one idle
        // connection for this count, so only that connection itself is left out).
        const others = await withDatabaseOf(database.env, async (db) => {
          const { rows } = await asPostgres(db).$client.query(
            'select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
          );
          return rows;
        });
        expect(others).toEqual([{ n: 0 }]);
      }
    } finally {
      taken.close();
      await fake.close();
      await database.drop();
      temp.cleanup();
    }
  });
});

describe('the real process', () => {
  const root = path.resolve(__dirname, '../..');

  it('stops on SIGTERM with exit code 0 and its port closed', async () => {
    const fake = await startFakeSlack();
    const temp = makeTempDir();
    const database = await createAppDatabase(temp.dir, 'child.db');
    // The CLI exactly as `mentor-circles start` runs it, compiled on the fly; cwd has no .env to pick up.
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'src/cli.ts'), 'start'], {
      cwd: temp.dir,
      env: {
        PATH: process.env.PATH,
        SLACK_BOT_TOKEN: 'xoxb-child',
        SLACK_SIGNING_SECRET: 'child-secret',
        SLACK_API_URL: fake.apiUrl,
        PORT: '0',
        ...database.env,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const lines: Record<string, unknown>[] = [];
      const running = new Promise<number>((resolve) => {
        readline.createInterface({ input: child.stdout }).on('line', (line) => {
          const entry = JSON.parse(line) as Record<string, unknown>;
          lines.push(entry);
          if (entry.msg === 'Mentor Circles is running') resolve(entry.port as number);
        });
      });
      const port = await running;
      const healthUrl = `http://127.0.0.1:${port}/healthz`;
      expect((await fetch(healthUrl)).status).toBe(200);

      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];

      expect({ code, signal }).toEqual({ code: 0, signal: null });
      expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining(['stopping', 'stopped']));
      expect(await answers(healthUrl)).toBe(false);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await fake.close();
      await database.drop();
      temp.cleanup();
    }
    // Compiling the app in the child takes a few seconds on a busy machine.
  }, 60_000);
});
