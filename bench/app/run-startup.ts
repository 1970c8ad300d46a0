// npm run bench:startup — time from spawning `npm start` (in this checkout, installed and built) to the first
// healthy /healthz, beside `node dist/src/cli.js start` (the same app without npm and whatever npm start runs
// first), runs alternating. The app starts on a database that already holds 10k members and 10k pairs, against
// the fake Slack (the app asks Slack who it is before it listens).
// Options: --no-build --quick --runs=5
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeSlack } from '../../dev/fake-slack-server';
import { option, REPO_ROOT } from '../support/child';
import { APP_CLI, appEnv, buildDeployed, freePort } from '../support/deployed';
import { writeResult } from '../support/results';
import { spread, type Spread } from '../support/stats';
import { renderReport } from '../report';
import { BENCH_BOT_TOKEN, BENCH_SIGNING_SECRET } from './bench-slack';
import { seedProgramme } from './seed';
import { TEAM } from './traffic';

export type StartWay = 'npm start' | 'node dist/src/cli.js start';
const WAYS: StartWay[] = ['npm start', 'node dist/src/cli.js start'];

export interface StartupResults {
  members: number;
  pairs: number;
  /** Seconds from spawn to the first 200 from /healthz, per way, in run order. */
  seconds: Record<StartWay, number[]>;
  spread: Record<StartWay, Spread>;
  /** What `npm start` ran on this checkout (its pre-script and script), for the report. */
  npmStart: string;
}

function log(message: string): void {
  console.error(`[startup] ${message}`);
}

async function untilHealthy(port: number, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the app exited with ${child.exitCode} before it was healthy`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function timeStart(way: StartWay, vars: Record<string, string>): Promise<number> {
  const port = await freePort();
  const env = appEnv({ ...vars, PORT: String(port) });
  const started = performance.now();
  // Its own process group: npm runs the app through a shell, and stopping the group stops them all.
  const child =
    way === 'npm start'
      ? spawn('npm', ['start', '--silent'], { cwd: REPO_ROOT, env, stdio: 'ignore', detached: true })
      : spawn(process.execPath, [APP_CLI, 'start'], { cwd: REPO_ROOT, env, stdio: 'ignore', detached: true });
  try {
    await untilHealthy(port, child);
    return (performance.now() - started) / 1000;
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
  }
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const args = process.argv.slice(2);
  const runs = Number(option(args, 'runs', args.includes('--quick') ? '2' : '5'));
  // "Installed and built": whatever building npm start may do, the build is up to date before the first run.
  buildDeployed(log, args);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mentor-startup-'));
  const fake = await startFakeSlack({ teamId: TEAM });
  try {
    const databasePath = path.join(dir, 'app.db');
    seedProgramme(databasePath, { teamId: TEAM, members: 10_000, pairs: 10_000, startedAt: new Date() });
    const vars = {
      SLACK_BOT_TOKEN: BENCH_BOT_TOKEN,
      SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      DATABASE_PATH: databasePath,
      LOG_LEVEL: 'info',
    };
    const seconds: Record<StartWay, number[]> = { 'npm start': [], 'node dist/src/cli.js start': [] };
    for (let run = 0; run < runs; run++) {
      for (const way of run % 2 === 0 ? WAYS : [...WAYS].reverse()) {
        const time = await timeStart(way, vars);
        seconds[way].push(time);
        log(`run ${run + 1}, ${way}: ${time.toFixed(2)} s to a healthy /healthz`);
      }
    }
    const scripts = (
      JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    writeResult<StartupResults>(
      'startup',
      `npm run bench:startup${args.length ? ` -- ${args.join(' ')}` : ''}`,
      startedAt,
      {
        members: 10_000,
        pairs: 10_000,
        seconds,
        spread: {
          'npm start': spread(seconds['npm start']),
          'node dist/src/cli.js start': spread(seconds['node dist/src/cli.js start']),
        },
        npmStart: [scripts.prestart && `prestart: \`${scripts.prestart}\``, `start: \`${scripts.start}\``]
          .filter(Boolean)
          .join(', '),
      },
    );
    renderReport();
  } finally {
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Only when run, not when the report imports this file for its types.
if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
