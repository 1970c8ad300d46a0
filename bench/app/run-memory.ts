// npm run bench:memory — RSS of the app as deployed (`node dist/src/cli.js start`, SQLite, 10k members and 10k
// pairs stored) beside the bare Bolt app, both compiled and run with plain node, each run a fresh pair of
// processes: idle right after start (the app's first scheduler tick done), after the same interleaved /mentor
// traffic, and after a burst of sign-ups through the offer and find modals.
// Options: --no-build --quick --runs=3 --requests=900 --signups=3000 --parallel=8
//   --snapshots=DIR also writes a V8 heap snapshot of the app at each moment into DIR (after the figures are read),
//   to compare in Chrome's DevTools or with a script what the heap holds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeSlack, type FakeSlack } from '../../dev/fake-slack-server';
import { option } from '../support/child';
import {
  ask,
  buildDeployed,
  checkProductionOnly,
  heapSnapshotOf,
  startDeployed,
  stopDeployed,
  untilFirstTick,
  type Measured,
} from '../support/deployed';
import { writeResult } from '../support/results';
import { spread, type Spread } from '../support/stats';
import { renderReport } from '../report';
import { BENCH_BOT_TOKEN, BENCH_SIGNING_SECRET } from './bench-slack';
import { catalogueTopicIds, memberId, seedProgramme } from './seed';
import { commandAt, grantsOf, inParallel, signUp, TEAM, timedCommand } from './traffic';

const MEMBERS = 10_000;
const PAIRS = 10_000;
const MiB = 2 ** 20;

export type Moment = 'idle' | 'traffic' | 'signups';
export const MOMENTS: Moment[] = ['idle', 'traffic', 'signups'];

export interface MemoryFigures {
  /** RSS after two full garbage collections, once it stops falling. */
  rssMiB: number;
  /** RSS when asked, before the collections. */
  rssAsFoundMiB: number;
  heapUsedMiB: number;
}

export interface MemoryRun {
  app: Record<Moment, MemoryFigures>;
  bare: Record<Moment, MemoryFigures>;
  failedRequests: number;
}

export interface MemoryResults {
  members: number;
  pairs: number;
  requests: number;
  signups: number;
  parallel: number;
  runs: MemoryRun[];
  /** app / bare RSS (after collection) per moment, over the runs. */
  ratio: Record<Moment, Spread>;
  ratioAsFound: Record<Moment, Spread>;
  appRss: Record<Moment, Spread>;
  bareRss: Record<Moment, Spread>;
  packagesLoaded: { app: number; bare: number };
}

function log(message: string): void {
  console.error(`[memory] ${message}`);
}

async function memoryOf(server: Measured): Promise<MemoryFigures> {
  const answer = await ask(server, 'memory');
  return {
    rssMiB: answer.rss / MiB,
    rssAsFoundMiB: answer.rssAsFound / MiB,
    heapUsedMiB: answer.heapUsed / MiB,
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));

async function oneRun(
  run: number,
  fake: FakeSlack,
  dir: string,
  sizes: { requests: number; signups: number; parallel: number },
  snapshots: string | null,
): Promise<{ figures: MemoryRun; packages: { app: number; bare: number } }> {
  const databasePath = path.join(dir, `memory-${run}.db`);
  // Pairs formed just now: the scheduler's first tick finds no weekly prompt due.
  seedProgramme(databasePath, { teamId: TEAM, members: MEMBERS, pairs: PAIRS, startedAt: new Date() });
  const topicIds = catalogueTopicIds(databasePath);
  const slack = {
    SLACK_BOT_TOKEN: BENCH_BOT_TOKEN,
    SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    LOG_LEVEL: 'info',
  };
  // Which one starts first alternates between runs.
  const startApp = () =>
    startDeployed('app', { ...slack, DATABASE_PATH: databasePath }, dir, path.join(dir, `app-${run}.log`));
  const startBare = () => startDeployed('bare', slack, dir, path.join(dir, `bare-${run}.log`));
  let servers: { app: Measured; bare: Measured };
  if (run % 2 === 0) {
    const app = await startApp();
    servers = { app, bare: await startBare() };
  } else {
    const bare = await startBare();
    servers = { app: await startApp(), bare };
  }
  let failed = 0;
  try {
    await untilFirstTick(servers.app.port);
    await settle();
    const idle = { app: await memoryOf(servers.app), bare: await memoryOf(servers.bare) };
    const snapshot = async (moment: Moment) => {
      if (snapshots === null) return;
      const file = await heapSnapshotOf(
        servers.app,
        path.join(snapshots, `app-${run}-${moment}.heapsnapshot`),
      );
      log(`heap snapshot of the app: ${file}`);
    };
    await snapshot('idle');
    for (let k = 0; k < sizes.requests; k++) {
      const { command, userId } = commandAt(k, MEMBERS);
      for (const server of (k + run) % 2 === 0 ? [servers.app, servers.bare] : [servers.bare, servers.app]) {
        if (!(await timedCommand(server.url, grantsOf(fake), command, userId)).ok) failed++;
      }
    }
    await settle();
    const traffic = { app: await memoryOf(servers.app), bare: await memoryOf(servers.bare) };
    await snapshot('traffic');
    for (const server of [servers.app, servers.bare]) {
      await inParallel(sizes.signups, sizes.parallel, async (k) => {
        if (!(await signUp(server.url, fake, k, MEMBERS, topicIds))) failed++;
      });
    }
    await settle();
    const signups = { app: await memoryOf(servers.app), bare: await memoryOf(servers.bare) };
    await snapshot('signups');
    const packages = {
      app: (await checkProductionOnly(servers.app, 'the app')).loaded,
      bare: (await checkProductionOnly(servers.bare, 'the bare Bolt app')).loaded,
    };
    const pick = (who: 'app' | 'bare') => ({ idle: idle[who], traffic: traffic[who], signups: signups[who] });
    return { figures: { app: pick('app'), bare: pick('bare'), failedRequests: failed }, packages };
  } finally {
    await Promise.all([stopDeployed(servers.app), stopDeployed(servers.bare)]);
  }
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const runCount = Number(option(args, 'runs', quick ? '1' : '3'));
  const sizes = {
    requests: Number(option(args, 'requests', quick ? '180' : '900')),
    signups: Number(option(args, 'signups', quick ? '300' : '3000')),
    parallel: Number(option(args, 'parallel', '8')),
  };
  const snapshotOption = option(args, 'snapshots', '');
  const snapshots = snapshotOption === '' ? null : path.resolve(snapshotOption);
  if (snapshots !== null) fs.mkdirSync(snapshots, { recursive: true });
  buildDeployed(log, args);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mentor-memory-'));
  const fake = await startFakeSlack({ teamId: TEAM });
  for (let k = 0; k < MEMBERS; k++)
    fake.addUser({ id: memberId(k), teamId: TEAM, name: `person${k + 1}`, tz: 'UTC' });
  try {
    const runs: MemoryRun[] = [];
    let packagesLoaded = { app: 0, bare: 0 };
    for (let run = 0; run < runCount; run++) {
      log(
        `run ${run + 1}: ${MEMBERS} members, ${PAIRS} pairs, ${sizes.requests} requests, ${sizes.signups} sign-ups`,
      );
      const { figures, packages } = await oneRun(run, fake, dir, sizes, snapshots);
      packagesLoaded = packages;
      runs.push(figures);
      log(
        MOMENTS.map(
          (m) =>
            `${m}: app ${figures.app[m].rssMiB.toFixed(0)} MiB, bare ${figures.bare[m].rssMiB.toFixed(0)} MiB`,
        ).join('; ') + `; ${figures.failedRequests} failed requests`,
      );
    }
    const per = (pick: (run: MemoryRun, m: Moment) => number) =>
      Object.fromEntries(MOMENTS.map((m) => [m, spread(runs.map((run) => pick(run, m)))])) as Record<
        Moment,
        Spread
      >;
    writeResult<MemoryResults>(
      'memory',
      `npm run bench:memory${args.length ? ` -- ${args.join(' ')}` : ''}`,
      startedAt,
      {
        members: MEMBERS,
        pairs: PAIRS,
        ...sizes,
        runs,
        ratio: per((run, m) => run.app[m].rssMiB / run.bare[m].rssMiB),
        ratioAsFound: per((run, m) => run.app[m].rssAsFoundMiB / run.bare[m].rssAsFoundMiB),
        appRss: per((run, m) => run.app[m].rssMiB),
        bareRss: per((run, m) => run.bare[m].rssMiB),
        packagesLoaded,
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
