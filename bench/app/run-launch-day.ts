// npm run bench:launch-day — launch day: people sign up through the offer and find modals, several at a time,
// while the matching runs that every sign-up starts go on in the same app. The figure is the time until each
// HTTP acknowledgement arrives (the slash command that opens the modal and the modal's submission): Slack
// gives up after 3 s, and a matching run over a large pool must not hold the event loop that answers them.
// The app runs in this process (startApp, HTTP mode, port 0, SQLite, the scheduler off) against the fake Slack.
// Options: --people=10000 --concurrency=8
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { startFakeSlack, type FakeSlack } from '../../dev/fake-slack-server';
import {
  FORM,
  interactionBody,
  postSigned,
  slashCommandBody,
  viewSubmissionPayload,
} from '../../dev/signed-requests';
import { loadConfig } from '../../src/config';
import { startApp, type RunningApp } from '../../src/composition/wiring';
import { DEPARTMENTS } from '../../src/domain/catalogue';
import { FIND_CALLBACK_ID, OFFER_CALLBACK_ID } from '../../src/views/signup-modals';
import { signupFormValues } from '../../test/support/signup-form-values';
import { option } from '../support/child';
import { writeResult } from '../support/results';
import { quantile } from '../support/stats';
import { BENCH_BOT_TOKEN, BENCH_SIGNING_SECRET } from './bench-slack';
import { memberId, seedProgramme } from './seed';

const TEAM = 'T0BENCH';

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

async function startRealApp(fake: FakeSlack, dir: string): Promise<RunningApp> {
  const loaded = loadConfig({
    SLACK_BOT_TOKEN: BENCH_BOT_TOKEN,
    SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    DATABASE_PATH: path.join(dir, 'app.db'),
    LOG_LEVEL: 'info',
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  return startApp(loaded.config, {
    logDestination: pino.destination({ dest: path.join(dir, 'app.log'), sync: false }),
    startScheduler: false,
  });
}

// Person k: even people offer (levels 1–3), odd people look for a mentor (levels 4–6); topics and departments
// spread so that most mentees have several mentors to choose from and the pool grows as people arrive.
function signupOf(k: number, topicIds: readonly number[]) {
  const mentor = k % 2 === 0;
  const topics = [topicIds[k % topicIds.length]!, topicIds[(k * 7 + 3) % topicIds.length]!];
  const department = DEPARTMENTS[k % DEPARTMENTS.length]!;
  return mentor
    ? {
        text: 'offer',
        callbackId: OFFER_CALLBACK_ID,
        values: signupFormValues({
          topics,
          level: String(1 + (k % 3)),
          department,
          capacity: String(1 + (k % 2)),
        }),
      }
    : {
        text: 'find',
        callbackId: FIND_CALLBACK_ID,
        values: signupFormValues({ topics, level: String(4 + (k % 3)), department }),
      };
}

async function signUp(
  url: string,
  fake: FakeSlack,
  k: number,
  topicIds: readonly number[],
): Promise<number[]> {
  const userId = memberId(k);
  const signup = signupOf(k, topicIds);
  const times: number[] = [];
  const timed = async (body: string): Promise<void> => {
    const started = performance.now();
    const response = await postSigned(url, BENCH_SIGNING_SECRET, body, FORM);
    times.push(response.status === 200 ? performance.now() - started : Number.POSITIVE_INFINITY);
  };
  await timed(
    slashCommandBody({
      teamId: TEAM,
      userId,
      text: signup.text,
      responseUrl: fake.responseUrl(),
      triggerId: fake.triggerId(),
    }),
  );
  await timed(
    interactionBody(
      viewSubmissionPayload({ teamId: TEAM, userId, callbackId: signup.callbackId, values: signup.values }),
    ),
  );
  return times;
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const args = process.argv.slice(2);
  const people = Number(option(args, 'people', '10000'));
  const concurrency = Number(option(args, 'concurrency', '8'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mentor-launch-day-'));
  seedProgramme(path.join(dir, 'app.db'), { teamId: TEAM, members: people, pairs: 0, startedAt: new Date() });
  const fake = await startFakeSlack({ teamId: TEAM });
  for (let k = 0; k < people; k++)
    fake.addUser({ id: memberId(k), teamId: TEAM, name: `person${k + 1}`, tz: 'UTC' });
  const app = await startRealApp(fake, dir);
  const url = `http://127.0.0.1:${app.port}/slack/events`;
  const topicIds = (
    app.context.db.$client.prepare("select id from topics where team_id = '' order by id").all() as {
      id: number;
    }[]
  ).map((row) => row.id);
  const acks: number[] = [];
  let next = 0;
  let stored = { offers: 0, requests: 0, proposals: 0 };
  try {
    log(`${people} people signing up, ${concurrency} at a time`);
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let k = next++; k < people; k = next++) {
          acks.push(...(await signUp(url, fake, k, topicIds)));
          if (k > 0 && k % 1000 === 0) log(`${k} signed up`);
        }
      }),
    );
    const count = (table: string) =>
      (app.context.db.$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    stored = { offers: count('offers'), requests: count('requests'), proposals: count('proposals') };
  } finally {
    await app.stop();
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const answered = acks.filter((ms) => Number.isFinite(ms)).sort((a, b) => a - b);
  const p99 = quantile(answered, 0.99);
  const overThree = acks.filter((ms) => ms >= 3000).length;
  const results: LaunchDayResults = {
    people,
    concurrency,
    requests: acks.length,
    p50Ms: quantile(answered, 0.5),
    p99Ms: p99,
    maxMs: answered[answered.length - 1] ?? 0,
    overOneSecond: acks.filter((ms) => ms >= 1000).length,
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
  console.log(JSON.stringify(results));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
