// Stopping the app at any moment: SIGTERM or SIGINT stops new work, waits (bounded) for what is in flight,
// closes the port and the database and ends with exit code 0; a second signal ends it at once.
import { spawn } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import path from 'node:path';
import readline from 'node:readline';
import { startFakeSlack } from '../../src/dev/fake-slack-server';
import { FORM, postSigned, slashCommandBody } from '../../src/dev/signed-requests';
import { serveUntilSignalled } from '../../src/main';
import { openDatabase } from '../../src/storage/database';
import { lastJobRuns, recordJobRun } from '../../src/storage/job-runs';
import { makeTempDir } from '../support/test-database';
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
  let file: string;
  let t: TestApp;
  let signals: EventEmitter;
  const exits: number[] = [];
  beforeEach(async () => {
    temp = makeTempDir();
    file = path.join(temp.dir, 'app.db');
    t = await startTestApp({ databasePath: file });
    signals = new EventEmitter();
    exits.length = 0;
  });
  afterEach(async () => {
    await t.close();
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
    expect(t.app.context.db.$client.open).toBe(false);
    expect(await answers(`${t.baseUrl}/healthz`)).toBe(false);
    // The work wrote its row before the database was closed.
    const reopened = openDatabase(file);
    expect(lastJobRuns(reopened).map((run) => run.job)).toContain('finished-before-close');
    reopened.$client.close();
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
    expect(t.app.context.db.$client.open).toBe(false);
    const warning = t.logs.find((line) => line.includes('stopped before work in flight finished'));
    expect(JSON.parse(warning ?? '{}')).toMatchObject({ level: 'warn', requestsInFlight: 1 });

    // The late work fails on the closed database instead of writing half of anything.
    inFlight.finish();
    await expect(inFlight.work).rejects.toThrow(/not open/);
  });
});

describe('the real process', () => {
  const root = path.resolve(__dirname, '../..');

  it('stops on SIGTERM with exit code 0 and its port closed', async () => {
    const fake = await startFakeSlack();
    const temp = makeTempDir();
    // The CLI exactly as `mentor-circles start` runs it, compiled on the fly; cwd has no .env to pick up.
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'src/cli.ts'), 'start'], {
      cwd: temp.dir,
      env: {
        PATH: process.env.PATH,
        SLACK_BOT_TOKEN: 'xoxb-child',
        SLACK_SIGNING_SECRET: 'child-secret',
        SLACK_API_URL: fake.apiUrl,
        PORT: '0',
        DATABASE_PATH: path.join(temp.dir, 'child.db'),
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
      temp.cleanup();
    }
    // Compiling the app in the child takes a few seconds on a busy machine.
  }, 60_000);
});
