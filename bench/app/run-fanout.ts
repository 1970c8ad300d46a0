// npm run bench:fanout — the weekly prompt run for 10k active pairs against a fake Slack that enforces 1 message
// per second per channel and a workspace cap per minute (429 + Retry-After), run as the real CLI
// (`src/cli.ts send-prompts --at …`) in a child process: once straight through, once killed with SIGKILL about
// half way and restarted. Options: --pairs=10000 --per-minute=4000 --per-channel=1 --scenarios=clean,kill
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeSlack, type FakeSlack } from '../../dev/fake-slack-server';
import { closeDatabase, openDatabase } from '../../src/storage/database';
import { option, REPO_ROOT } from '../support/child';
import { writeResult } from '../support/results';
import { renderReport } from '../report';
import { seedProgramme, type SeededPair } from './seed';

const TEAM = 'T0BENCH';
// A Monday, 10:00 UTC: the default prompt slot of every seeded pair (members are in UTC).
const SLOT = new Date('2026-11-30T10:00:00Z');
const LEASE_MS = 60 * 60 * 1000;

export interface RunFigures {
  label: string;
  /** Spawn to exit of the CLI process (includes starting Node and loading the app). */
  wallSeconds: number;
  exitCode: number | null;
  signal: string | null;
  postedDuring: number;
}

export interface FanoutScenario {
  name: 'clean' | 'kill';
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

function log(message: string): void {
  console.error(`[fanout] ${message}`);
}

function childEnv(fake: FakeSlack, databasePath: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('SLACK_') && !key.startsWith('PROMPT_') && !key.startsWith('NUDGE_'))
      env[key] = value;
  }
  return {
    ...env,
    SLACK_BOT_TOKEN: 'xoxb-bench-token',
    SLACK_SIGNING_SECRET: 'bench-signing-secret',
    SLACK_API_URL: fake.apiUrl,
    DATABASE_PATH: databasePath,
    LOG_LEVEL: 'info',
  };
}

function sendPrompts(env: NodeJS.ProcessEnv, at: Date, logFile: string): ChildProcess {
  const out = fs.openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'src', 'cli.ts'), 'send-prompts', '--at', at.toISOString()],
    { cwd: REPO_ROOT, env, stdio: ['ignore', out, out] },
  );
  fs.closeSync(out);
  return child;
}

async function timedRun(
  label: string,
  fake: FakeSlack,
  env: NodeJS.ProcessEnv,
  at: Date,
  logFile: string,
  killAfterPosts?: number,
): Promise<RunFigures> {
  const postedBefore = fake.messages().length;
  const started = performance.now();
  const child = sendPrompts(env, at, logFile);
  let watcher: NodeJS.Timeout | undefined;
  if (killAfterPosts !== undefined) {
    watcher = setInterval(() => {
      if (fake.messages().length - postedBefore >= killAfterPosts) {
        child.kill('SIGKILL');
        clearInterval(watcher);
      }
    }, 20);
  }
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('exit', (code, sig) => resolve([code, sig])),
  );
  clearInterval(watcher);
  return {
    label,
    wallSeconds: (performance.now() - started) / 1000,
    exitCode,
    signal,
    postedDuring: fake.messages().length - postedBefore,
  };
}

function deliveryCounts(databasePath: string): Record<string, number> {
  const db = openDatabase(databasePath);
  const rows = db.$client
    .prepare('select status, count(*) as n from prompt_deliveries group by status')
    .all() as { status: string; n: number }[];
  closeDatabase(db);
  return Object.fromEntries(rows.map((row) => [row.status, row.n]));
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

async function scenario(
  name: FanoutScenario['name'],
  pairCount: number,
  perMinute: number,
  perChannelPerSecond: number,
): Promise<FanoutScenario> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mentor-fanout-'));
  const databasePath = path.join(dir, 'app.db');
  const logFile = path.join(dir, 'cli.log');
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
    const env = childEnv(fake, databasePath);
    const runs: RunFigures[] = [];
    log(`${name}: ${pairCount} pairs, ${perMinute}/min, ${perChannelPerSecond}/s per channel`);
    if (name === 'clean') {
      runs.push(await timedRun('send-prompts', fake, env, SLOT, logFile));
    } else {
      runs.push(
        await timedRun('send-prompts, SIGKILL at half', fake, env, SLOT, logFile, Math.floor(pairCount / 2)),
      );
      runs.push(await timedRun('restart at once (same instant)', fake, env, SLOT, logFile));
    }
    const postCallsBeforeRecovery = fake.calls('chat.postMessage');
    const wallSeconds = runs.reduce((sum, run) => sum + run.wallSeconds, 0);
    let leftReserved: number | undefined;
    let recovered: number | undefined;
    let postedByRecovery: number | undefined;
    if (name === 'kill') {
      leftReserved = deliveryCounts(databasePath).reserved ?? 0;
      const messagesBefore = fake.messages().length;
      // Reservations younger than the lease are left alone (another run may be posting them): the scheduler
      // resolves them on its first tick after the lease; here a run one lease later stands for it.
      const recovery = await timedRun(
        'run after the lease (+61 min)',
        fake,
        env,
        new Date(SLOT.getTime() + LEASE_MS + 60_000),
        logFile,
      );
      runs.push(recovery);
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
      deliveries: deliveryCounts(databasePath),
      ...(name === 'kill'
        ? { killedAfterPosts: runs[0]!.postedDuring, leftReserved, recovered, postedByRecovery }
        : {}),
    };
  } finally {
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface FanoutResults {
  scenarios: FanoutScenario[];
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const args = process.argv.slice(2);
  const pairCount = Number(option(args, 'pairs', '10000'));
  const perMinute = Number(option(args, 'per-minute', '4000'));
  const perChannel = Number(option(args, 'per-channel', '1'));
  const names = option(args, 'scenarios', 'clean,kill').split(',') as FanoutScenario['name'][];
  const scenarios: FanoutScenario[] = [];
  for (const name of names) {
    const result = await scenario(name, pairCount, perMinute, perChannel);
    log(
      `${name}: ${result.wallSeconds.toFixed(1)} s vs lower bound ${result.lowerBoundSeconds.toFixed(1)} s ` +
        `(${result.ratio.toFixed(3)}×), ${result.rateLimited} calls rate-limited, ${result.duplicates} duplicates, ${result.lost} lost`,
    );
    scenarios.push(result);
  }
  writeResult<FanoutResults>(
    'fanout',
    `npm run bench:fanout${args.length ? ` -- ${args.join(' ')}` : ''}`,
    startedAt,
    {
      scenarios,
    },
  );
  renderReport();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
