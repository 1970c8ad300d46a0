// The one place that builds the concrete objects: database, logger, clock, Slack app. Tests and the CLI call
// buildApp with their own clock and log destination instead of reaching into modules.
import type { Server } from 'node:http';
import type { DestinationStream } from 'pino';
import type { WebClientOptions } from '@slack/web-api';
import type { Config } from './config';
import { createLogger, type Logger } from './logger';
import { systemClock, type Clock } from './scheduling/clock';
import {
  closeDatabase,
  isDatabaseReachable,
  migrateDatabase,
  openDatabase,
  type Db,
} from './storage/database';
import type { AppContext } from './slack/app-context';
import { createInFlightWork } from './slack/in-flight-work';
import { registerListeners } from './slack/listeners';
import { createMessenger } from './slack/messenger';
import { buildJobs } from './scheduling/jobs';
import { createScheduler } from './scheduling/scheduler';
import { createRepositories } from './storage/repositories';
import { recordJobRun } from './storage/job-runs';
import { createSlackApp } from './slack/slack-app';

export interface BuildOptions {
  clock?: Clock;
  logDestination?: DestinationStream;
  logger?: Logger;
  /** Tests pass a short retry policy so a failing call does not retry for minutes. */
  clientOptions?: WebClientOptions;
  /** Tests drive the scheduler through runDueJobs(now) instead of its timer. */
  startScheduler?: boolean;
}

// Prompts are due at a local hour; a five-minute tick sends them within minutes of it.
const SCHEDULER_TICK_MS = 5 * 60 * 1000;

export interface RunningApp {
  readonly context: AppContext;
  /** The HTTP port actually bound (useful when PORT=0), or null in Socket Mode. */
  readonly port: number | null;
  /** Waits until every piece of work started by a Slack request has finished. */
  settle(): Promise<void>;
  /** Runs every scheduled job once for this instant (what each scheduler tick does). */
  runDueJobs(now: Date): Promise<void>;
  stop(): Promise<void>;
}

export function createDatabase(config: Config): Db {
  const db = openDatabase(config.databasePath);
  migrateDatabase(db);
  return db;
}

export async function startApp(config: Config, options: BuildOptions = {}): Promise<RunningApp> {
  const logger = options.logger ?? createLogger(config.logLevel, options.logDestination);
  const clock = options.clock ?? systemClock;
  const db = createDatabase(config);
  const inFlight = createInFlightWork();

  const slack = createSlackApp({
    config,
    logger,
    inFlight,
    ...(options.clientOptions === undefined ? {} : { clientOptions: options.clientOptions }),
    health: () => {
      const reachable = isDatabaseReachable(db);
      return { ok: reachable, body: { ok: reachable, database: reachable ? 'ok' : 'unreachable' } };
    },
  });
  const context: AppContext = {
    config,
    db,
    client: slack.app.client,
    messenger: createMessenger(slack.app.client),
    repos: createRepositories(db),
    clock,
    logger,
    inFlight,
  };
  registerListeners(slack.app, context);
  const scheduler = createScheduler(buildJobs(context), {
    clock,
    logger,
    recordRun: (job, at, summary) => recordJobRun(db, job, at, summary),
  });

  const started = (await slack.app.start(config.port)) as unknown;
  const port = config.slack.appToken === null ? boundPort(started) : null;
  if (options.startScheduler !== false) scheduler.start(SCHEDULER_TICK_MS);
  logger.info(
    { component: 'app', mode: config.slack.appToken === null ? 'http' : 'socket', port },
    'Mentor Circles is running',
  );

  return {
    context,
    port,
    settle: () => inFlight.settle(),
    async runDueJobs(now) {
      await scheduler.runDueJobs(now);
      await inFlight.settle();
    },
    async stop() {
      await scheduler.stop();
      await slack.stop();
      await inFlight.settle();
      closeDatabase(db);
    },
  };
}

function boundPort(server: unknown): number | null {
  const address = (server as Server | undefined)?.address?.();
  return typeof address === 'object' && address !== null ? address.port : null;
}
