// npm run bench:fanout — the weekly prompt run for 10k active pairs against a fake Slack that enforces 1 message
// per second per channel and a workspace cap per minute (429 + Retry-After), run as deployed: the compiled CLI
// with plain node in child processes. On SQLite one `send-prompts --at …` process; on PostgreSQL two replicas at
// the same instant (two `tick --at …` processes, each claiming jobs as the app's scheduler does, or two
// `send-prompts`). Each once straight through, once with a process killed with SIGKILL about half way.
// Options: --no-build --quick --pairs=10000 --per-minute=4000 --per-channel=1 --scenarios=clean,kill
// --databases=sqlite,postgres --replica-command=tick|send-prompts
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startFakeSlack, type FakeSlack } from '../../dev/fake-slack-server';
import { closeDatabase, openDatabase } from '../../src/storage/database';
import { option } from '../support/child';
import { APP_CLI, appEnv, buildDeployed, runCli } from '../support/deployed';
import { startBenchPostgres, type BenchPostgres } from '../support/postgres';
import { writeResult } from '../support/results';
import { renderReport } from '../report';
import { BENCH_BOT_TOKEN, BENCH_SIGNING_SECRET } from './bench-slack';
import { seedProgramme, type SeededPair } from './seed';

const TEAM = 'T0BENCH';
// A Monday, 10:00 UTC: the default prompt slot of every seeded pair (members are in UTC).
const SLOT = new Date('2026-11-30T10:00:00Z');
const LEASE_MS = 60 * 60 * 1000;

export type Database = 'sqlite' | 'postgres';

export interface RunFigures {
  label: string;
  /** Spawn of the first process to exit of the last one (includes starting Node and loading the app). */
  wallSeconds: number;
  /** Exit code or signal of each process of the run. */
  exits: string[];
  postedDuring: number;
}

export interface FanoutScenario {
  name: 'clean' | 'kill';
  database: Database;
  /** Processes started at once: 1 on SQLite, the replicas on PostgreSQL. */
  replicas: number;
  /** What each process runs: `send-prompts` or `tick` (every job due, claimed as the scheduler claims it). */
  command: string;
  pairs: number;
  perMinute: number;
  perChannelPerSecond: number;
  /** (pairs − burst) / rate: no client can post them all faster under these limits. */
  lowerBoundSeconds: number;
  runs: RunFigures[];
  /** First chat.postMessage call to the last one, over all runs (kill scenario: minus the recovery run). */
  postingSeconds: number;
  /** Sum of the runs' wall times before the recovery run. */
  wallSeconds: number;
  ratio: number;
  postCalls: number;
  rateLimited: number;
  prompts: number;
  duplicates: number;
  lost: number;
  deliveries: Record<string, number>;
  killedAfterPosts?: number;
  /** Reservations the kill left unconfirmed, resolved by the run after the lease: found posted vs posted then. */
  leftReserved?: number;
  recovered?: number;
  postedByRecovery?: number;
}

export interface FanoutResults {
  scenarios: FanoutScenario[];
  /** How PostgreSQL was run, when it was. */
  postgres?: string;
}

function log(message: string): void {
  console.error(`[fanout] ${message}`);
}

interface Setup {
  database: Database;
  vars: Record<string, string>;
  dir: string;
  logFile: string;
  databaseUrl: string | null;
  databasePath: string;
}

function startProcess(setup: Setup, command: string, at: Date): ChildProcess {
  const out = fs.openSync(setup.logFile, 'a');
  // cwd: a folder with no .env in it.
  const child = spawn(process.execPath, [APP_CLI, command, '--at', at.toISOString()], {
    cwd: setup.dir,
    env: appEnv(setup.vars),
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  return child;
}

/** Starts `count` processes at once and waits for all; kills the first still running once enough are posted. */
async function timedRun(
  label: string,
  fake: FakeSlack,
  setup: Setup,
  command: string,
  count: number,
  at: Date,
  killAfterPosts?: number,
): Promise<RunFigures> {
  const postedBefore = fake.messages().length;
  const started = performance.now();
  const children = Array.from({ length: count }, () => startProcess(setup, command, at));
  const exits = children.map(
    (child) =>
      new Promise<string>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? String(code)))),
  );
  let watcher: NodeJS.Timeout | undefined;
  if (killAfterPosts !== undefined) {
    watcher = setInterval(() => {
      if (fake.messages().length - postedBefore < killAfterPosts) return;
      clearInterval(watcher);
      // Replicas ticking together: the one still running is the one posting (the other skipped the claimed job).
      children.find((child) => child.exitCode === null && child.signalCode === null)?.kill('SIGKILL');
    }, 20);
  }
  const codes = await Promise.all(exits);
  clearInterval(watcher);
  return {
    label,
    wallSeconds: (performance.now() - started) / 1000,
    exits: codes,
    postedDuring: fake.messages().length - postedBefore,
  };
}

async function deliveryCounts(setup: Setup): Promise<Record<string, number>> {
  const statement = 'select status, count(*) as n from prompt_deliveries group by status';
  let rows: { status: string; n: number | string }[];
  if (setup.databaseUrl !== null) {
    const client = new pg.Client({ connectionString: setup.databaseUrl });
    await client.connect();
    try {
      rows = (await client.query<{ status: string; n: string }>(statement)).rows;
    } finally {
      await client.end();
    }
  } else {
    const db = openDatabase(setup.databasePath);
    rows = db.$client.prepare(statement).all() as { status: string; n: number }[];
    closeDatabase(db);
  }
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
}

function promptsPerChannel(fake: FakeSlack): Map<string, number> {
  const counts = new Map<string, number>();
  for (const message of fake.messages()) {
    const metadata = message.metadata as { event_type?: string } | undefined;
    if (metadata?.event_type !== 'mentor_prompt') continue;
    counts.set(message.channel, (counts.get(message.channel) ?? 0) + 1);
  }
  return counts;
}

interface ScenarioOptions {
  pairs: number;
  perMinute: number;
  perChannelPerSecond: number;
  replicaCommand: string;
}

async function scenario(
  name: FanoutScenario['name'],
  database: Database,
  postgres: BenchPostgres | null,
  options: ScenarioOptions,
): Promise<FanoutScenario> {
  const { pairs: pairCount, perMinute, perChannelPerSecond } = options;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mentor-fanout-'));
  const databasePath = path.join(dir, 'app.db');
  const fake = await startFakeSlack({
    teamId: TEAM,
    rateLimits: { perChannelPerSecond, workspacePerMinute: perMinute },
  });
  try {
    const seeded: SeededPair[] = seedProgramme(databasePath, {
      teamId: TEAM,
      members: Math.max(2 * Math.ceil(Math.sqrt(pairCount)) + 2, Math.min(2 * pairCount, 20_000)),
      pairs: pairCount,
      startedAt: new Date(SLOT.getTime() - 7 * 24 * 3600 * 1000),
    });
    // The fake posts only into conversations it knows: open each pair's group DM there, as matching would have.
    for (const pair of seeded) {
      if (fake.channelFor([pair.mentorId, pair.menteeId]) !== pair.channelId)
        throw new Error(`seeded channel ${pair.channelId} is not the fake's group DM of pair ${pair.id}`);
    }
    const slack = {
      SLACK_BOT_TOKEN: BENCH_BOT_TOKEN,
      SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      LOG_LEVEL: 'info',
    };
    let databaseUrl: string | null = null;
    if (database === 'postgres') {
      databaseUrl = await postgres!.createDatabase();
      await runCli(['copy-database', '--to', databaseUrl], { ...slack, DATABASE_PATH: databasePath }, dir);
    }
    const setup: Setup = {
      database,
      dir,
      databasePath,
      databaseUrl,
      logFile: path.join(dir, 'cli.log'),
      vars: {
        ...slack,
        ...(databaseUrl === null ? { DATABASE_PATH: databasePath } : { DATABASE_URL: databaseUrl }),
      },
    };
    const replicas = database === 'postgres' ? 2 : 1;
    const command = database === 'postgres' ? options.replicaCommand : 'send-prompts';
    const runs: RunFigures[] = [];
    log(
      `${database} ${name}: ${pairCount} pairs, ${replicas} × ${command}, ${perMinute}/min, ${perChannelPerSecond}/s per channel`,
    );
    const who = replicas === 1 ? command : `${replicas} replicas: ${command}`;
    if (name === 'clean') {
      runs.push(await timedRun(who, fake, setup, command, replicas, SLOT));
    } else {
      runs.push(
        await timedRun(
          `${who}, one SIGKILLed at half`,
          fake,
          setup,
          command,
          replicas,
          SLOT,
          Math.floor(pairCount / 2),
        ),
      );
      // On PostgreSQL this stands for the replicas' next scheduler tick; on SQLite for a restart.
      runs.push(
        await timedRun(
          replicas === 1 ? 'restart at once (same instant)' : `${who}, again at once (same instant)`,
          fake,
          setup,
          command,
          replicas,
          SLOT,
        ),
      );
    }
    const postCallsBeforeRecovery = fake.calls('chat.postMessage');
    const wallSeconds = runs.reduce((sum, run) => sum + run.wallSeconds, 0);
    let leftReserved: number | undefined;
    let recovered: number | undefined;
    let postedByRecovery: number | undefined;
    if (name === 'kill') {
      leftReserved = (await deliveryCounts(setup)).reserved ?? 0;
      const messagesBefore = fake.messages().length;
      // Reservations younger than the lease are left alone (another run may be posting them): the scheduler
      // resolves them on its first tick after the lease; here a run one lease later stands for it.
      runs.push(
        await timedRun(
          'run after the lease (+61 min)',
          fake,
          setup,
          command,
          replicas,
          new Date(SLOT.getTime() + LEASE_MS + 60_000),
        ),
      );
      postedByRecovery = fake.messages().length - messagesBefore;
      recovered = leftReserved - postedByRecovery;
    }
    const perChannel = promptsPerChannel(fake);
    const prompts = [...perChannel.values()].reduce((sum, n) => sum + n, 0);
    const duplicates = [...perChannel.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    const lost = seeded.filter((pair) => (perChannel.get(pair.channelId) ?? 0) === 0).length;
    const firstCall = postCallsBeforeRecovery[0]?.at ?? 0;
    const lastCall = postCallsBeforeRecovery[postCallsBeforeRecovery.length - 1]?.at ?? 0;
    const rate = perMinute / 60;
    const lowerBoundSeconds = Math.max(0, (pairCount - Math.max(1, rate)) / rate);
    const postCalls = fake.calls('chat.postMessage').length;
    return {
      name,
      database,
      replicas,
      command,
      pairs: pairCount,
      perMinute,
      perChannelPerSecond,
      lowerBoundSeconds,
      runs,
      postingSeconds: (lastCall - firstCall) / 1000,
      wallSeconds,
      ratio: wallSeconds / lowerBoundSeconds,
      postCalls,
      rateLimited: postCalls - fake.messages().length,
      prompts,
      duplicates,
      lost,
      deliveries: await deliveryCounts(setup),
      ...(name === 'kill'
        ? { killedAfterPosts: runs[0]!.postedDuring, leftReserved, recovered, postedByRecovery }
        : {}),
    };
  } finally {
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const options: ScenarioOptions = {
    pairs: Number(option(args, 'pairs', quick ? '1000' : '10000')),
    perMinute: Number(option(args, 'per-minute', '4000')),
    perChannelPerSecond: Number(option(args, 'per-channel', '1')),
    replicaCommand: option(args, 'replica-command', 'tick'),
  };
  const names = option(args, 'scenarios', 'clean,kill').split(',') as FanoutScenario['name'][];
  const databases = option(args, 'databases', 'sqlite,postgres').split(',') as Database[];
  buildDeployed(log, args);
  const postgres = databases.includes('postgres') ? await startBenchPostgres() : null;
  const scenarios: FanoutScenario[] = [];
  try {
    for (const database of databases) {
      for (const name of names) {
        const result = await scenario(name, database, postgres, options);
        log(
          `${database} ${name}: ${result.wallSeconds.toFixed(1)} s vs lower bound ${result.lowerBoundSeconds.toFixed(1)} s ` +
            `(${result.ratio.toFixed(3)}×), ${result.rateLimited} calls rate-limited, ${result.duplicates} duplicates, ${result.lost} lost`,
        );
        scenarios.push(result);
      }
    }
  } finally {
    await postgres?.stop();
  }
  writeResult<FanoutResults>(
    'fanout',
    `npm run bench:fanout${args.length ? ` -- ${args.join(' ')}` : ''}`,
    startedAt,
    { scenarios, ...(postgres !== null ? { postgres: postgres.description } : {}) },
  );
  renderReport();
}

// Only when run, not when the report imports this file for its types.
if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
