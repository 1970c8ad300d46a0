// npm run bench:launch-day — launch day: everyone signs up through the offer and find modals, several at a time,
// while the matching runs that the sign-ups start go on in the same app. The figure is the time until each
// HTTP acknowledgement arrives (the slash command that opens the modal and the modal's submission): Slack gives
// up after 3 s, and a matching run over a large pool must not hold the event loop that answers them.
// The app runs as deployed (`node dist/src/cli.js start`, SQLite, its scheduler on) against the fake Slack.
// Options: --no-build --quick --people=10000 --concurrency=8
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startFakeSlack } from '../../dev/fake-slack-server';
import { option } from '../support/child';
import { buildDeployed, checkProductionOnly, startDeployed, stopDeployed } from '../support/deployed';
import { writeResult } from '../support/results';
import { quantile } from '../support/stats';
import { renderReport } from '../report';
import { BENCH_BOT_TOKEN, BENCH_SIGNING_SECRET } from './bench-slack';
import { catalogueTopicIds, memberId, seedProgramme } from './seed';
import { inParallel, TEAM, timedSignUp, type Timed } from './traffic';

export interface LaunchDayResults {
  people: number;
  concurrency: number;
  requests: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  overOneSecond: number;
  overThreeSeconds: number;
  errors: number;
  wallSeconds: number;
  /** What the sign-ups left behind: every one saved, and the matching runs' proposals. */
  stored: { offers: number; requests: number; proposals: number };
  /** Met when p99 < 1 s and no acknowledgement took 3 s or more. */
  met: boolean;
}

function log(message: string): void {
  console.error(`[launch-day] ${message}`);
}

function storedCounts(databasePath: string): LaunchDayResults['stored'] {
  const db = new Database(databasePath, { readonly: true });
  try {
    const count = (table: string) =>
      (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    return { offers: count('offers'), requests: count('requests'), proposals: count('proposals') };
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const people = Number(option(args, 'people', quick ? '1000' : '10000'));
  const concurrency = Number(option(args, 'concurrency', '8'));
  buildDeployed(log, args);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mentor-launch-day-'));
  const databasePath = path.join(dir, 'app.db');
  // Everyone is a member of the workspace with no offer or request yet: the pool grows as they sign up.
  seedProgramme(databasePath, { teamId: TEAM, members: people, pairs: 0, startedAt: new Date() });
  const topicIds = catalogueTopicIds(databasePath);
  const fake = await startFakeSlack({ teamId: TEAM });
  for (let k = 0; k < people; k++)
    fake.addUser({ id: memberId(k), teamId: TEAM, name: `person${k + 1}`, tz: 'UTC' });
  const app = await startDeployed(
    'app',
    {
      SLACK_BOT_TOKEN: BENCH_BOT_TOKEN,
      SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      LOG_LEVEL: 'info',
      DATABASE_PATH: databasePath,
    },
    dir,
    path.join(dir, 'app.log'),
  );
  const acks: Timed[] = [];
  try {
    log(`${people} people signing up, ${concurrency} at a time`);
    await inParallel(people, concurrency, async (k) => {
      acks.push(...(await timedSignUp(app.url, fake, k, people, topicIds)));
      if (k > 0 && k % 1000 === 0) log(`${k} signed up`);
    });
    await checkProductionOnly(app, 'the app');
  } finally {
    await stopDeployed(app);
    await fake.close();
  }
  const stored = storedCounts(databasePath);
  fs.rmSync(dir, { recursive: true, force: true });
  const answered = acks.filter((a) => a.ok).map((a) => a.ms);
  answered.sort((a, b) => a - b);
  const overThree = acks.filter((a) => a.ms >= 3000).length;
  const p99 = quantile(answered, 0.99);
  const results: LaunchDayResults = {
    people,
    concurrency,
    requests: acks.length,
    p50Ms: quantile(answered, 0.5),
    p99Ms: p99,
    maxMs: answered[answered.length - 1] ?? 0,
    overOneSecond: acks.filter((a) => a.ms >= 1000).length,
    overThreeSeconds: overThree,
    errors: acks.length - answered.length,
    wallSeconds: (performance.now() - startedAt) / 1000,
    stored,
    met: p99 < 1000 && overThree === 0 && answered.length === acks.length,
  };
  writeResult<LaunchDayResults>(
    'launch-day',
    `npm run bench:launch-day${args.length ? ` -- ${args.join(' ')}` : ''}`,
    startedAt,
    results,
  );
  renderReport();
  console.log(JSON.stringify(results));
}

// Only when run, not when the report imports this file for its types.
if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
