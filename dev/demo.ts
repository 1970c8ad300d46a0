// `npm run demo`: a whole reverse-mentoring programme, offline, in well under a minute. The real app runs in
// HTTP mode against the project's fake Slack server and a fresh temporary database; a made-up company of about
// 60 people signs up, gets matched, answers (or ignores) eleven weeks of prompts, pauses, ends and leaves, and
// runs a whole term's journey (goals, fit check, extend or wrap up, close survey, follow-up), every step as a
// request signed exactly as Slack signs it. The app's clock is moved by the demo and the scheduler
// is run for each simulated tick, so nothing waits for real time. What people saw is read back from what the
// fake Slack server recorded and written as a transcript (terminal, text and HTML) into ./demo-output/.
// This file starts and stops everything and writes the files; the story itself is in dev/demo-story.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../src/config';
import { startApp, type RunningApp } from '../src/composition/wiring';
import { LAUNCH_CHANNEL } from './demo-admin';
import { createAgenda } from './demo-agenda';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { PROGRAMME_START, PROMPT_HOUR } from './demo-calendar';
import { BOT_USER, castFrom } from './demo-cast';
import { demoCompany, seededRandom } from './demo-company';
import { createDemoSlackClient } from './demo-slack-client';
import { createSlackRecorder } from './demo-slack-recorder';
import { planStory } from './demo-story';
import type { Transcript } from './demo-transcript';
import { transcriptToHtml } from './demo-transcript-html';
import { transcriptToText } from './demo-transcript-text';
import { startFakeSlack, type PostedMessage } from './fake-slack-server';

export interface DemoOptions {
  /** How many people work at the company (about 60 by default; the tests use fewer). */
  people?: number;
  /**
   * Weeks of prompts after the sign-up week (11 by default, at least 4): the demo's 6-week term, a follow-up
   * 30 days after it, and the report. Fewer weeks show less of the journey.
   */
  weeks?: number;
  /** Where the transcript, CSV files and charts go (./demo-output by default). */
  outputDir?: string;
  /** Where the transcript and a summary are printed; nothing is printed when omitted. */
  log?: (text: string) => void;
  seed?: number;
  /** Runs the app on a PostgreSQL server of its own (embedded, started and removed here) instead of SQLite. */
  postgres?: boolean;
}

export interface DemoResult {
  transcript: Transcript;
  /** The transcript as printed. */
  text: string;
  html: string;
  /** Every file written, as absolute paths. */
  files: string[];
  /** Every message as it stands at the end (updates applied), from the fake Slack server. */
  messages: PostedMessage[];
  /** Every message posted or updated, in the order the app sent them (chat.postMessage and chat.update). */
  sent: { method: string; channel: string; text: string; blocks: unknown[] }[];
  /** Ephemeral answers sent to response_url. */
  responses: Record<string, unknown>[];
  /** Display names by Slack user id, as the transcript shows them. */
  names: (userId: string) => string;
  /** Warnings and errors the app logged (JSON lines); a healthy run has none. */
  problems: string[];
  wallMs: number;
}

const TEAM = 'T0DEMO';
const SIGNING_SECRET = 'demo-signing-secret';
const BOT_TOKEN = 'xoxb-demo-bot-token';

export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const startedAt = performance.now();
  const weeks = Math.max(4, options.weeks ?? 11);
  const outputDir = path.resolve(options.outputDir ?? 'demo-output');
  const log = options.log ?? (() => undefined);
  const seed = options.seed ?? 20260504;
  const random = seededRandom(seed + 1);
  const cast = castFrom(demoCompany(options.people ?? 60, seed));
  const { people, names, admin } = cast;

  const fake = await startFakeSlack({ teamId: TEAM, botUserId: BOT_USER });
  for (const person of people) {
    fake.addUser({
      id: person.id,
      teamId: TEAM,
      name: person.handle,
      realName: person.name,
      tz: person.timeZone,
      isAdmin: person.role === 'admin',
    });
  }
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'mentor-circles-demo-'));
  const problems: string[] = [];
  let app: RunningApp | null = null;
  let postgres: EmbeddedPostgres | null = null;
  try {
    if (options.postgres === true) postgres = await startEmbeddedPostgres();
    const config = loadConfig({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      // A throwaway server: the app may use its default database.
      ...(postgres === null ? { DATABASE_PATH: path.join(temp, 'demo.db') } : { DATABASE_URL: postgres.url }),
      MENTOR_ADMINS: admin.id,
      PROMPT_WEEKDAY: 'monday',
      PROMPT_HOUR: String(PROMPT_HOUR),
      // Only warnings and errors reach the demo: a healthy run has none.
      LOG_LEVEL: 'warn',
    });
    if (!config.ok) throw new Error(config.problems.join('; '));
    let now = PROGRAMME_START.toMillis();
    const running = await startApp(config.config, {
      clock: { now: () => new Date(now) },
      logDestination: new Writable({
        write(chunk: Buffer, _encoding, done) {
          problems.push(...chunk.toString('utf8').split('\n').filter(Boolean));
          done();
        },
      }),
      clientOptions: { retryConfig: { retries: 0 } },
      startScheduler: false,
    });
    app = running;

    const slack = createDemoSlackClient({
      eventsUrl: `http://127.0.0.1:${running.port}/slack/events`,
      signingSecret: SIGNING_SECRET,
      teamId: TEAM,
      fake,
    });
    const recorder = createSlackRecorder(fake, names);
    // The app writes to a person's DM by user id; Slack (and the fake) answer with the DM's channel.
    for (const person of people) recorder.knowChannel(fake.channelFor([person.id]), [person.id]);
    // The company's everyone-channel, where the admin posts the launch invitation.
    fake.addChannel({ ...LAUNCH_CHANNEL, members: people.map((person) => person.id) });
    recorder.nameChannel(LAUNCH_CHANNEL.id, LAUNCH_CHANNEL.name);

    const agenda = createAgenda();
    const story = planStory({
      cast,
      weeks,
      random,
      now: () => now,
      schedule: agenda.schedule,
      slack,
      fake,
      recorder,
      settle: () => running.settle(),
      runDueJobs: (at) => running.runDueJobs(at),
    });
    const { transcript } = story;

    log(`Mentor Circles demo: ${people.length} people, ${weeks} weeks of prompts, seed ${seed}.`);
    await agenda.run(story.endsAt, (at) => {
      now = Math.max(now, at);
    });

    // --- What people saw, written out ----------------------------------------------------------------------
    fs.mkdirSync(outputDir, { recursive: true });
    const files: string[] = [];
    const write = (name: string, content: string | Buffer) => {
      const file = path.join(outputDir, name);
      fs.writeFileSync(file, content);
      files.push(file);
    };
    for (const upload of fake.uploads()) write(path.basename(upload.filename), upload.bytes);
    const text = transcriptToText(
      transcript,
      names,
      people.map((person) => person.name),
    );
    const html = transcriptToHtml(transcript, names, (name) => path.basename(name));
    write('transcript.txt', text);
    write('transcript.html', html);
    const messages = fake.messages();
    const sent = fake
      .calls()
      .filter((call) => call.method === 'chat.postMessage' || call.method === 'chat.update')
      .map((call) => ({
        method: call.method,
        channel: String(call.params.channel),
        text: String(call.params.text ?? ''),
        blocks: Array.isArray(call.params.blocks) ? call.params.blocks : [],
      }));
    const wallMs = performance.now() - startedAt;
    log(text);
    log(
      `${transcript.steps.length} steps, ${messages.length} messages, ${story.pairs.length} pairs. Written to ${outputDir}: ${files.map((file) => path.basename(file)).join(', ')}`,
    );
    log(
      `Open ${path.join(outputDir, 'transcript.html')} for the Slack-like view. Done in ${(wallMs / 1000).toFixed(1)} s.`,
    );
    if (problems.length > 0) log(`The app logged ${problems.length} warnings or errors (see above).`);
    const responses = fake.responses().map((response) => response.body);
    return { transcript, text, html, files, messages, sent, responses, names, problems, wallMs };
  } finally {
    if (app !== null) await app.stop({ graceMs: 2000 });
    await postgres?.remove();
    await fake.close();
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const number = (name: string) => {
    const found = process.argv.find((value) => value.startsWith(`--${name}=`));
    return found === undefined ? undefined : Number(found.slice(name.length + 3));
  };
  const people = number('people');
  const weeks = number('weeks');
  const result = await runDemo({
    ...(people === undefined ? {} : { people }),
    ...(weeks === undefined ? {} : { weeks }),
    postgres: process.argv.includes('--postgres'),
    log: (text) => process.stdout.write(`${text}\n`),
  });
  if (result.problems.length > 0) {
    for (const line of result.problems.slice(0, 10)) process.stderr.write(`${line}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `The demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  });
}
