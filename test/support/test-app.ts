// Starts the real app (real Bolt HTTP receiver on port 0, a real database from the migrations) against the
// fake Slack server, and sends it requests signed exactly as Slack signs them. The database is a fresh SQLite
// file, or a fresh PostgreSQL database when MENTOR_CIRCLES_TEST_DATABASE=postgres (test-database.ts).
import { Writable } from 'node:stream';
import type { WebClientOptions } from '@slack/web-api';
import { loadConfig, type Config } from '../../src/config';
import { startFakeSlack, type FakeSlack, type FakeUser } from '../../dev/fake-slack-server';
import {
  blockActionPayload,
  eventBody,
  FORM,
  interactionBody,
  JSON_TYPE,
  postSigned,
  slashCommandBody,
  viewSubmissionPayload,
  type ButtonClick,
  type SignOptions,
  type SlackHttpResponse,
  type ViewSubmission,
} from '../../dev/signed-requests';
import { startApp, type RunningApp } from '../../src/composition/wiring';
import { createTestClock, type TestClock } from './test-clock';
import { createAppDatabase, makeTempDir } from './test-database';

export const SIGNING_SECRET = 'test-signing-secret';
export const BOT_TOKEN = 'xoxb-test-bot-token';
export const TEAM = 'T0TEST';

export interface TestApp {
  readonly fake: FakeSlack;
  readonly app: RunningApp;
  readonly clock: TestClock;
  readonly config: Config;
  readonly eventsUrl: string;
  readonly baseUrl: string;
  /** Every JSON log line the app wrote. */
  readonly logs: string[];
  command(
    userId: string,
    text: string,
    options?: SignOptions & { teamId?: string },
  ): Promise<SlackHttpResponse>;
  click(
    click: Omit<ButtonClick, 'teamId' | 'responseUrl' | 'triggerId'> & { teamId?: string },
  ): Promise<SlackHttpResponse>;
  submit(submission: Omit<ViewSubmission, 'teamId'> & { teamId?: string }): Promise<SlackHttpResponse>;
  event(
    event: Record<string, unknown>,
    options?: { eventId?: string; teamId?: string },
  ): Promise<SlackHttpResponse>;
  post(body: string, contentType: string, options?: SignOptions): Promise<SlackHttpResponse>;
  settle(): Promise<void>;
  /** Runs the scheduler once at the test clock's current instant. */
  tick(): Promise<void>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  clock?: TestClock;
  users?: FakeUser[];
  fake?: FakeSlack;
  /**
   * An existing database to run on instead of a fresh one (a restart): DATABASE_PATH or DATABASE_URL, as
   * AppDatabase.env gives it. The test removes it.
   */
  database?: Record<string, string>;
  /** A SQLite file to run on, for tests that are about the file itself. */
  databasePath?: string;
  /** WebClient options; the default is no retries, so a failure shows at once. */
  clientOptions?: WebClientOptions;
}

let eventSequence = 0;

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const clock = options.clock ?? createTestClock();
  // The fake Slack reads the same clock, so a trigger's 3 seconds are the app's seconds, not the machine's.
  const fake = options.fake ?? (await startFakeSlack({ teamId: TEAM, now: () => clock.now().getTime() }));
  for (const user of options.users ?? []) fake.addUser(user);
  const temp = makeTempDir();
  const fresh =
    options.database === undefined && options.databasePath === undefined
      ? await createAppDatabase(temp.dir)
      : undefined;
  const result = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    ...(options.databasePath === undefined ? {} : { DATABASE_PATH: options.databasePath }),
    ...options.database,
    ...fresh?.env,
    LOG_LEVEL: 'info',
    ...options.env,
  });
  if (!result.ok) throw new Error(result.problems.join('; '));
  const config = result.config;
  const logs: string[] = [];
  const logDestination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((line) => line !== ''),
      );
      done();
    },
  });
  const app = await startApp(config, {
    clock,
    logDestination,
    // No retries in tests: a failure shows at once instead of after minutes of backoff.
    clientOptions: options.clientOptions ?? { retryConfig: { retries: 0 } },
    startScheduler: false,
  });
  const baseUrl = `http://127.0.0.1:${app.port}`;
  const eventsUrl = `${baseUrl}/slack/events`;

  const post = (body: string, contentType: string, signOptions: SignOptions = {}) =>
    postSigned(eventsUrl, SIGNING_SECRET, body, contentType, signOptions);
  // Each helper waits for the app to finish the work the request started, so a test reads a settled world.
  const settled = async (response: Promise<SlackHttpResponse>) => {
    const answer = await response;
    await app.settle();
    return answer;
  };

  return {
    fake,
    app,
    clock,
    config,
    eventsUrl,
    baseUrl,
    logs,
    command: (userId, text, { teamId, ...signOptions } = {}) =>
      settled(
        post(
          slashCommandBody({
            teamId: teamId ?? TEAM,
            userId,
            text,
            responseUrl: fake.responseUrl(),
            triggerId: fake.triggerId(),
          }),
          FORM,
          signOptions,
        ),
      ),
    click: (click) =>
      settled(
        post(
          interactionBody(
            blockActionPayload({
              teamId: TEAM,
              // As on Slack, only a click on a message carries a response_url.
              ...(click.message === undefined ? {} : { responseUrl: fake.responseUrl() }),
              triggerId: fake.triggerId(),
              ...click,
            }),
          ),
          FORM,
        ),
      ),
    submit: (submission) =>
      settled(
        post(
          interactionBody(
            viewSubmissionPayload({ teamId: TEAM, triggerId: fake.triggerId(), ...submission }),
          ),
          FORM,
        ),
      ),
    event: (event, { eventId, teamId } = {}) => {
      eventSequence += 1;
      return settled(post(eventBody(teamId ?? TEAM, eventId ?? `Ev${eventSequence}`, event), JSON_TYPE));
    },
    post: (body, contentType, signOptions) => settled(post(body, contentType, signOptions)),
    settle: () => app.settle(),
    tick: () => app.runDueJobs(clock.now()),
    async close() {
      await app.stop();
      if (options.fake === undefined) await fake.close();
      await fresh?.drop();
      temp.cleanup();
    },
  };
}

export interface SocketModeApp {
  readonly fake: FakeSlack;
  readonly app: RunningApp;
  readonly clock: TestClock;
  close(): Promise<void>;
}

/**
 * The real app in Socket Mode (an app-level token, so it opens a socket to the fake Slack instead of listening
 * for signed requests), with a fresh database; the HTTP port serves only /healthz.
 */
export async function startSocketModeApp(
  options: { users?: FakeUser[]; port?: number } = {},
): Promise<SocketModeApp> {
  const clock = createTestClock();
  const fake = await startFakeSlack({ teamId: TEAM, now: () => clock.now().getTime() });
  for (const user of options.users ?? []) fake.addUser(user);
  const temp = makeTempDir();
  const database = await createAppDatabase(temp.dir, 'socket.db');
  const result = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_APP_TOKEN: 'xapp-test',
    SLACK_API_URL: fake.apiUrl,
    PORT: String(options.port ?? 0),
    ...database.env,
    LOG_LEVEL: 'silent',
  });
  if (!result.ok) throw new Error(result.problems.join('; '));
  const app = await startApp(result.config, {
    clock,
    clientOptions: { retryConfig: { retries: 0 } },
    startScheduler: false,
  });
  return {
    fake,
    app,
    clock,
    async close() {
      await app.stop();
      await fake.close();
      await database.drop();
      temp.cleanup();
    },
  };
}
