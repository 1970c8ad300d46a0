// npm run bench:latency — acknowledgement time of every signed /mentor subcommand for the app as deployed
// (`node dist/src/cli.js start`, HTTP mode, 10k members and 5k pairs stored) on SQLite and, side by side, on
// PostgreSQL, beside a bare Bolt app whose handlers only ack, all compiled and run with plain node against the
// fake Slack, each in its own process, requests interleaved one at a time.
// Options: --no-build --quick (a small run that checks everything works) --rounds=5 --no-postgres
// --requests=3600 (per app and round: 400 of each subcommand, so that each one's p99 rests on several samples)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { option } from '../support/child';
import {
  buildDeployed,
  checkProductionOnly,
  runCli,
  startDeployed,
  stopDeployed,
  untilFirstTick,
  type Measured,
  type PackageCheck,
} from '../support/deployed';
import { startFakeSlackProcess, type FakeSlackProcess } from '../support/fake-slack-process';
import { startBenchPostgres } from '../support/postgres';
import { writeResult } from '../support/results';
import { quantile, spread, type Spread } from '../support/stats';
import { renderReport } from '../report';
import { BENCH_BOT_TOKEN, BENCH_SIGNING_SECRET } from './bench-slack';
import { memberId, seedProgramme } from './seed';
import { COMMANDS, commandAt, TEAM, timedCommand, type Command } from './traffic';

const MEMBERS = 10_000;
const PAIRS = 5_000;
const WARM_UP = 90;

/** app = the app on SQLite, postgres = the same app on PostgreSQL, bare = the bare Bolt app. */
export type Target = 'app' | 'postgres' | 'bare';

export interface Percentiles {
  p50: number;
  p99: number;
  count: number;
}

export type ByCommand = Record<Command | 'all', Percentiles>;

export interface LatencyRound {
  app: ByCommand;
  bare: ByCommand;
  postgres?: ByCommand;
  errors: number;
}

export interface LatencyResults {
  members: number;
  pairs: number;
  requestsPerRound: number;
  commands: Command[];
  rounds: LatencyRound[];
  /**
   * Every measured round's requests together (rounds × requestsPerRound per app): a command's p99 over all its
   * requests rests on rounds × 4 samples above it rather than 4 in one round, the figure the verdicts use.
   */
  pooled: { app: ByCommand; bare: ByCommand; postgres?: ByCommand };
  pooledRatio: PooledRatio;
  p99Ratio: Spread;
  p50Ratio: Spread;
  perCommandP99Ratio: Record<Command, Spread>;
  /** The app on PostgreSQL / the app on SQLite, same requests, same rounds. */
  postgres?: {
    description: string;
    p99Ratio: Spread;
    p50Ratio: Spread;
    perCommandP99Ratio: Record<Command, Spread>;
  };
  packages: Record<Target, PackageCheck>;
}

export interface PooledRatio {
  p99: number;
  p50: number;
  perCommandP99: Record<Command, number>;
  /** PostgreSQL / SQLite over the same requests. */
  postgres?: { p99: number; p50: number; perCommandP99: Record<Command, number> };
}

type Samples = Record<Command, number[]>;

function log(message: string): void {
  console.error(`[latency] ${message}`);
}

function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), count: sorted.length };
}

async function round(
  servers: Partial<Record<Target, Measured>>,
  fake: FakeSlackProcess,
  requests: number,
  offset: number,
  pool?: Partial<Record<Target, Samples>>,
): Promise<LatencyRound> {
  const targets = Object.keys(servers) as Target[];
  const times = Object.fromEntries(
    targets.map((t) => [t, Object.fromEntries(COMMANDS.map((c) => [c, [] as number[]]))]),
  ) as Record<Target, Record<Command, number[]>>;
  let errors = 0;
  for (let k = 0; k < requests; k++) {
    // Rotate who goes first, so no app always meets a machine just woken or just busied by another.
    const order = targets.map((_, j) => targets[(j + k + offset) % targets.length]!);
    const { command, userId } = commandAt(k, MEMBERS);
    for (const target of order) {
      const { ms, ok } = await timedCommand(servers[target]!.url, fake.grant, command, userId);
      if (!ok) errors++;
      times[target][command].push(ms);
    }
  }
  if (pool !== undefined) {
    for (const target of targets) {
      const into = (pool[target] ??= Object.fromEntries(COMMANDS.map((c) => [c, [] as number[]])) as Samples);
      for (const command of COMMANDS) into[command].push(...times[target][command]);
    }
  }
  const summarise = (target: Target): ByCommand => byCommand(times[target]);
  return {
    app: summarise('app'),
    bare: summarise('bare'),
    ...(servers.postgres ? { postgres: summarise('postgres') } : {}),
    errors,
  };
}

function byCommand(samples: Samples): ByCommand {
  return {
    ...Object.fromEntries(COMMANDS.map((command) => [command, percentiles(samples[command])])),
    all: percentiles(COMMANDS.flatMap((command) => samples[command])),
  } as ByCommand;
}

function pooledRatios(over: ByCommand, under: ByCommand) {
  return {
    p99: over.all.p99 / under.all.p99,
    p50: over.all.p50 / under.all.p50,
    perCommandP99: Object.fromEntries(COMMANDS.map((c) => [c, over[c].p99 / under[c].p99])) as Record<
      Command,
      number
    >,
  };
}

function ratios(rounds: LatencyRound[], over: 'app' | 'postgres', under: 'bare' | 'app') {
  const of = (pick: (r: ByCommand) => number) => spread(rounds.map((r) => pick(r[over]!) / pick(r[under])));
  return {
    p99Ratio: of((r) => r.all.p99),
    p50Ratio: of((r) => r.all.p50),
    perCommandP99Ratio: Object.fromEntries(COMMANDS.map((c) => [c, of((r) => r[c].p99)])) as Record<
      Command,
      Spread
    >,
  };
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const requests = Number(option(args, 'requests', quick ? '180' : '3600'));
  // Five rounds: one round's p99 ratio swings widely on a shared machine, and a median of five is steadier than
  // one of three.
  const roundCount = Number(option(args, 'rounds', quick ? '2' : '5'));
  const withPostgres = !args.includes('--no-postgres');
  buildDeployed(log, args);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mentor-latency-'));
  const people = Array.from({ length: MEMBERS }, (_, k) => ({
    id: memberId(k),
    teamId: TEAM,
    name: `person${k + 1}`,
    tz: 'UTC',
  }));
  const fake = await startFakeSlackProcess(TEAM, people);
  const postgres = withPostgres ? await startBenchPostgres() : null;
  const servers: Partial<Record<Target, Measured>> = {};
  try {
    const databasePath = path.join(dir, 'app.db');
    // Pairs formed just now: no weekly prompt is due while the commands are measured (the scheduler runs).
    seedProgramme(databasePath, { teamId: TEAM, members: MEMBERS, pairs: PAIRS, startedAt: new Date() });
    const slack = {
      SLACK_BOT_TOKEN: BENCH_BOT_TOKEN,
      SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      LOG_LEVEL: 'info',
    };
    let postgresUrl: string | null = null;
    if (postgres !== null) {
      postgresUrl = await postgres.createDatabase();
      await runCli(['copy-database', '--to', postgresUrl], { ...slack, DATABASE_PATH: databasePath }, dir);
    }
    servers.app = await startDeployed(
      'app',
      { ...slack, DATABASE_PATH: databasePath },
      dir,
      path.join(dir, 'app.log'),
    );
    if (postgresUrl !== null)
      servers.postgres = await startDeployed(
        'app',
        { ...slack, DATABASE_URL: postgresUrl },
        dir,
        path.join(dir, 'postgres.log'),
      );
    servers.bare = await startDeployed('bare', slack, dir, path.join(dir, 'bare.log'));
    for (const target of ['app', 'postgres'] as const)
      if (servers[target]) await untilFirstTick(servers[target].port);
    log(
      `${MEMBERS} members, ${PAIRS} pairs; ${Object.keys(servers).join(', ')}; ` +
        `${roundCount} rounds of ${requests} requests per app over ${COMMANDS.length} subcommands`,
    );
    await round(servers, fake, WARM_UP, 0); // JIT, connection pools, page caches
    const rounds: LatencyRound[] = [];
    const pool: Partial<Record<Target, Samples>> = {};
    for (let r = 0; r < roundCount; r++) {
      const last = await round(servers, fake, requests, r, pool);
      rounds.push(last);
      log(
        `round ${r + 1}: p99 app ${last.app.all.p99.toFixed(2)} ms, bare ${last.bare.all.p99.toFixed(2)} ms` +
          (last.postgres ? `, on PostgreSQL ${last.postgres.all.p99.toFixed(2)} ms` : '') +
          `, ${last.errors} errors`,
      );
    }
    const pooled = {
      app: byCommand(pool.app!),
      bare: byCommand(pool.bare!),
      ...(pool.postgres ? { postgres: byCommand(pool.postgres) } : {}),
    };
    const packages = {} as Record<Target, PackageCheck>;
    for (const [target, server] of Object.entries(servers) as [Target, Measured][])
      packages[target] = await checkProductionOnly(server, target);
    writeResult<LatencyResults>(
      'latency',
      `npm run bench:latency${args.length ? ` -- ${args.join(' ')}` : ''}`,
      startedAt,
      {
        members: MEMBERS,
        pairs: PAIRS,
        requestsPerRound: requests,
        commands: [...COMMANDS],
        rounds,
        pooled,
        pooledRatio: {
          ...pooledRatios(pooled.app, pooled.bare),
          ...(pooled.postgres ? { postgres: pooledRatios(pooled.postgres, pooled.app) } : {}),
        },
        ...ratios(rounds, 'app', 'bare'),
        ...(postgres !== null
          ? { postgres: { description: postgres.description, ...ratios(rounds, 'postgres', 'app') } }
          : {}),
        packages,
      },
    );
    renderReport();
  } finally {
    await Promise.all(Object.values(servers).map((server) => stopDeployed(server)));
    await postgres?.stop();
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
