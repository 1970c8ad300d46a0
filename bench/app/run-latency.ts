// npm run bench:latency — response time of signed /mentor requests (the HTTP acknowledgement) for the real app
// (HTTP mode, 10k members and 5k pairs stored) beside a bare Bolt app whose /mentor handler only acks, both
// against the fake Slack, each in its own process, requests interleaved one at a time; then the RSS of the
// real app with 10k members and 10k pairs after the same sequence vs the bare app, each in a fresh process.
// Options: --requests=1500 (per app and round) --rounds=3
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeSlack, type FakeSlack } from '../../dev/fake-slack-server';
import { FORM, postSigned, slashCommandBody } from '../../dev/signed-requests';
import { option } from '../support/child';
import { writeResult } from '../support/results';
import { quantile, spread, type Spread } from '../support/stats';
import { renderReport } from '../report';
import { memberId, seedProgramme } from './seed';
import { BENCH_SIGNING_SECRET, type ChildMessage } from './bench-slack';

const TEAM = 'T0BENCH';
const MEMBERS = 10_000;
const MEMORY_REQUESTS = 600;
const COMMANDS = ['help', 'status', 'offer'] as const;
type Command = (typeof COMMANDS)[number];
type Target = 'app' | 'bare';

interface Server {
  child: ChildProcess;
  url: string;
}

export interface Percentiles {
  p50: number;
  p99: number;
  count: number;
}

export interface LatencyRound {
  app: Record<Command | 'all', Percentiles>;
  bare: Record<Command | 'all', Percentiles>;
  errors: number;
}

export interface MemoryFigures {
  rssMiB: number;
  heapUsedMiB: number;
}

export interface LatencyResults {
  members: number;
  pairs: number;
  requestsPerRound: number;
  rounds: LatencyRound[];
  p99Ratio: Spread;
  p50Ratio: Spread;
  perCommandP99Ratio: Record<Command, Spread>;
  memory: {
    members: number;
    pairs: number;
    requests: number;
    /** The run with the median ratio. */
    app: MemoryFigures;
    bare: MemoryFigures;
    ratio: Spread;
    runs: { app: MemoryFigures; bare: MemoryFigures }[];
  };
}

function log(message: string): void {
  console.error(`[latency] ${message}`);
}

function startServer(mode: Target, fake: FakeSlack, databasePath: string, logFile: string): Promise<Server> {
  const child = fork(path.join(__dirname, 'server-child.ts'), [mode, fake.apiUrl, databasePath, logFile], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
    child.once('message', (message: ChildMessage) => {
      if (message.type === 'ready') resolve({ child, url: `http://127.0.0.1:${message.port}/slack/events` });
    });
  });
}

function memoryOf(server: Server): Promise<MemoryFigures> {
  return new Promise((resolve) => {
    server.child.once('message', (message: ChildMessage) => {
      if (message.type === 'memory')
        resolve({ rssMiB: message.rss / 2 ** 20, heapUsedMiB: message.heapUsed / 2 ** 20 });
    });
    server.child.send('memory');
  });
}

function stopServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.child.removeAllListeners('exit');
    server.child.once('exit', () => resolve());
    server.child.send('stop');
  });
}

function commandAt(k: number): { text: Command; userId: string } {
  // Spread over everyone; a prime step visits mentors, mentees and people without pairs alike.
  return { text: COMMANDS[k % COMMANDS.length]!, userId: memberId((k * 7919) % MEMBERS) };
}

async function timedCommand(
  server: Server,
  fake: FakeSlack,
  k: number,
): Promise<{ ms: number; ok: boolean }> {
  const { text, userId } = commandAt(k);
  const body = slashCommandBody({
    teamId: TEAM,
    userId,
    text,
    responseUrl: fake.responseUrl(),
    triggerId: fake.triggerId(),
  });
  const started = performance.now();
  const response = await postSigned(server.url, BENCH_SIGNING_SECRET, body, FORM);
  return { ms: performance.now() - started, ok: response.status === 200 };
}

function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), count: sorted.length };
}

async function round(servers: Record<Target, Server>, fake: FakeSlack, requests: number, offset: number) {
  const times: Record<Target, Record<Command, number[]>> = {
    app: { help: [], status: [], offer: [] },
    bare: { help: [], status: [], offer: [] },
  };
  let errors = 0;
  for (let k = 0; k < requests; k++) {
    // Alternate who goes first, so neither app always meets a machine just woken or just busied by the other.
    const order: Target[] = (k + offset) % 2 === 0 ? ['app', 'bare'] : ['bare', 'app'];
    for (const target of order) {
      const { ms, ok } = await timedCommand(servers[target], fake, k);
      if (!ok) errors++;
      times[target][commandAt(k).text].push(ms);
    }
  }
  const summarise = (target: Target) =>
    ({
      ...Object.fromEntries(COMMANDS.map((command) => [command, percentiles(times[target][command])])),
      all: percentiles(COMMANDS.flatMap((command) => times[target][command])),
    }) as Record<Command | 'all', Percentiles>;
  return { app: summarise('app'), bare: summarise('bare'), errors };
}

async function withServers<T>(
  fake: FakeSlack,
  dir: string,
  pairs: number,
  tag: string,
  work: (servers: Record<Target, Server>) => Promise<T>,
): Promise<T> {
  const databasePath = path.join(dir, `app-${tag}.db`);
  seedProgramme(databasePath, {
    teamId: TEAM,
    members: MEMBERS,
    pairs,
    startedAt: new Date(Date.now() - 7 * 86_400_000),
  });
  const app = await startServer('app', fake, databasePath, path.join(dir, `app-${tag}.log`));
  const bare = await startServer('bare', fake, '', '/dev/null');
  try {
    return await work({ app, bare });
  } finally {
    await Promise.all([stopServer(app), stopServer(bare)]);
  }
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const args = process.argv.slice(2);
  const requests = Number(option(args, 'requests', '1500'));
  const roundCount = Number(option(args, 'rounds', '3'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mentor-latency-'));
  const fake = await startFakeSlack({ teamId: TEAM });
  for (let k = 0; k < MEMBERS; k++)
    fake.addUser({ id: memberId(k), teamId: TEAM, name: `person${k + 1}`, tz: 'UTC' });
  try {
    log(`latency: ${MEMBERS} members, 5000 pairs, ${roundCount} rounds of ${requests} requests per app`);
    const rounds = await withServers(fake, dir, 5000, 'latency', async (servers) => {
      await round(servers, fake, 90, 0); // warm-up: JIT, connection pools, SQLite page cache
      const measured: LatencyRound[] = [];
      for (let r = 0; r < roundCount; r++) {
        measured.push(await round(servers, fake, requests, r));
        const last = measured[measured.length - 1]!;
        log(
          `round ${r + 1}: p99 app ${last.app.all.p99.toFixed(2)} ms, bare ${last.bare.all.p99.toFixed(2)} ms`,
        );
      }
      return measured;
    });
    const memoryRuns: { app: MemoryFigures; bare: MemoryFigures }[] = [];
    for (let run = 0; run < roundCount; run++) {
      log(`memory ${run + 1}: 10000 members, 10000 pairs, fresh processes`);
      memoryRuns.push(
        await withServers(fake, dir, 10_000, `memory-${run}`, async (servers) => {
          await round(servers, fake, MEMORY_REQUESTS, run);
          return { app: await memoryOf(servers.app), bare: await memoryOf(servers.bare) };
        }),
      );
    }
    const memoryRatios = memoryRuns.map((run) => run.app.rssMiB / run.bare.rssMiB);
    const middle = memoryRuns[memoryRatios.indexOf(spread(memoryRatios).median)] ?? memoryRuns[0]!;
    const ratioOf = (pick: (r: LatencyRound, t: Target) => number) =>
      spread(rounds.map((r) => pick(r, 'app') / pick(r, 'bare')));
    writeResult<LatencyResults>(
      'latency',
      `npm run bench:latency${args.length ? ` -- ${args.join(' ')}` : ''}`,
      startedAt,
      {
        members: MEMBERS,
        pairs: 5000,
        requestsPerRound: requests,
        rounds,
        p99Ratio: ratioOf((r, t) => r[t].all.p99),
        p50Ratio: ratioOf((r, t) => r[t].all.p50),
        perCommandP99Ratio: Object.fromEntries(
          COMMANDS.map((c) => [c, ratioOf((r, t) => r[t][c].p99)]),
        ) as Record<Command, Spread>,
        memory: {
          members: MEMBERS,
          pairs: 10_000,
          requests: MEMORY_REQUESTS,
          app: middle.app,
          bare: middle.bare,
          ratio: spread(memoryRatios),
          runs: memoryRuns,
        },
      },
    );
    renderReport();
  } finally {
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
