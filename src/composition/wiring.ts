// The one place that builds the concrete objects: database, logger, clock, Slack client, scheduler and Bolt
// app. Tests and the CLI call these with their own clock and log destination instead of reaching into modules.
import { setTimeout as delay } from 'node:timers/promises';
import type { DestinationStream } from 'pino';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import { Semaphore } from 'async-mutex';
import { describeDatabase, type Config } from '../config';
import { createLogger, toBoltLogger, type Logger } from '../logger';
import type { Clock } from '../ports/clock';
import { buildJobs } from '../scheduling/jobs';
import { createScheduler, type Scheduler } from '../scheduling/scheduler';
import {
  closeDatabase,
  isDatabaseReachable,
  migrateDatabase,
  openDatabase,
  type Db,
} from '../storage/database';
import { asDb, asPostgres, closePostgres, migratePostgres, openPostgres } from '../storage/postgres-database';
import { dialectOf } from '../storage/tables';
import { withJobClaim } from '../storage/job-claims';
import { lastJobRuns, recordJobRun } from '../storage/job-runs';
import { createRepositories } from '../storage/repositories';
import { createCoalescedRuns } from '../use-cases/coalesced-runs';
import type { AppContext } from './app-context';
import { createInFlightWork } from '../slack/in-flight-work';
import { registerListeners } from '../slack/listeners';
import { createMessenger } from '../slack-api/slack-messenger';
import { nodeHttpFetch } from '../slack-api/node-http-fetch';
import { createSlackApp, fetchBotIdentity, type BotIdentity } from '../slack/slack-app';

const systemClock: Clock = { now: () => new Date() };

export interface BuildOptions {
  clock?: Clock;
  logDestination?: DestinationStream;
  logger?: Logger;
  /** Tests pass a short retry policy so a failing call does not retry for minutes. */
  clientOptions?: WebClientOptions;
  /** Tests drive the scheduler through runDueJobs(now) instead of its timer. */
  startScheduler?: boolean;
}

export interface StopOptions {
  /** How long to wait for a scheduler run and the work Slack requests started before closing anyway. */
  graceMs?: number;
}

// Long enough for a prompt run to finish the pair it is on; short enough for a container's stop timeout.
export const SHUTDOWN_GRACE_MS = 10_000;

// Prompts are due at a local hour; a five-minute tick sends them within minutes of it.
const SCHEDULER_TICK_MS = 5 * 60 * 1000;
const HOME_REDRAWS_AT_ONCE = 4;

export interface RunningApp {
  readonly context: AppContext;
  /** The HTTP port actually bound (useful when PORT=0), or null in Socket Mode. */
  readonly port: number | null;
  /** Waits until every piece of work started by a Slack request has finished. */
  settle(): Promise<void>;
  /** Runs every scheduled job once for this instant (what each scheduler tick does). */
  runDueJobs(now: Date): Promise<void>;
  /**
   * Stops taking new work, stops the scheduler, waits (at most graceMs) for work in flight, closes the HTTP
   * server or socket and the database. Resolves to whether everything in flight finished.
   */
  stop(options?: StopOptions): Promise<{ complete: boolean }>;
}

/** Opens the configured database and applies the migrations it lacks. Close it with closeAppDatabase. */
export async function createDatabase(config: Config): Promise<Db> {
  if (config.database.kind === 'sqlite') {
    const db = openDatabase(config.database.path);
    migrateDatabase(db);
    return db;
  }
  const db = openPostgres(config.database.url);
  try {
    await migratePostgres(db);
  } catch (error) {
    await closePostgres(db);
    throw error;
  }
  return asDb(db);
}

/** Closes either database: the SQLite file, or every connection of the PostgreSQL pool. */
export async function closeAppDatabase(db: Db): Promise<void> {
  if (dialectOf(db) === 'postgres') await closePostgres(asPostgres(db));
  else closeDatabase(db);
}

/** Everything but the Bolt app: what the CLI needs to run a job once. Close it with closeContext. */
/** What the Web API client and Bolt's respond() are built with: the app's own transport unless a test says. */
function clientOptionsOf(options: BuildOptions): WebClientOptions {
  return { fetch: nodeHttpFetch, ...options.clientOptions };
}

export async function createContext(config: Config, options: BuildOptions = {}): Promise<AppContext> {
  const logger = options.logger ?? createLogger(config.logLevel, options.logDestination);
  const db = await createDatabase(config);
  const client = new WebClient(config.slack.botToken, {
    ...clientOptionsOf(options),
    ...(config.slack.apiUrl === null ? {} : { slackApiUrl: config.slack.apiUrl }),
    logger: toBoltLogger(logger, 'slack-api'),
  });
  return {
    config,
    db,
    client,
    messenger: createMessenger(client),
    repos: createRepositories(db),
    clock: options.clock ?? systemClock,
    logger,
    inFlight: createInFlightWork(),
    matchingRuns: createCoalescedRuns(),
    homeRedraws: new Semaphore(HOME_REDRAWS_AT_ONCE),
  };
}

export async function closeContext(context: AppContext): Promise<void> {
  await context.inFlight.settle();
  await closeAppDatabase(context.db);
}

export function createAppScheduler(context: AppContext): Scheduler {
  return createScheduler(buildJobs(context), {
    clock: context.clock,
    logger: context.logger,
    recordRun: (job, at, summary) => recordJobRun(context.db, job, at, summary),
    claim: (job, at, work) => withJobClaim(context.db, job, at, work),
  });
}

export async function startApp(config: Config, options: BuildOptions = {}): Promise<RunningApp> {
  const context = await createContext(config, options);
  const { db, logger, inFlight } = context;
  let identity: BotIdentity;
  try {
    identity = await fetchBotIdentity(context.client);
  } catch (error) {
    await closeAppDatabase(db);
    throw error;
  }
  const scheduler = createAppScheduler(context);
  const slack = createSlackApp({
    config,
    logger,
    inFlight,
    identity,
    clientOptions: clientOptionsOf(options),
    health: async () => {
      const reachable = await isDatabaseReachable(db);
      return {
        ok: reachable,
        body: {
          ok: reachable,
          database: reachable ? 'ok' : 'unreachable',
          schedulerLastSuccessAt: scheduler.lastSuccessAt()?.toISOString() ?? null,
          // Survives restarts: when each job last ran to completion.
          jobs: reachable
            ? Object.fromEntries((await lastJobRuns(db)).map((run) => [run.job, run.lastRunAt.toISOString()]))
            : null,
        },
      };
    },
  });
  registerListeners(slack.app, context);

  let port: number | null;
  try {
    port = await slack.start();
  } catch (error) {
    // The port taken, say: nothing else was started, so the database is all there is to close.
    await closeAppDatabase(db);
    throw error;
  }
  if (options.startScheduler !== false) scheduler.start(SCHEDULER_TICK_MS);
  // Stopping twice (a test's cleanup after a signal, say) waits for the one stop.
  let stopping: Promise<{ complete: boolean }> | null = null;
  // `port` is the app's own; the database's (PostgreSQL) is logged as databasePort.
  const { port: databasePort, ...database } = describeDatabase(config.database);
  logger.info(
    {
      component: 'app',
      mode: config.slack.appToken === null ? 'http' : 'socket',
      port,
      ...database,
      ...(databasePort === undefined ? {} : { databasePort }),
    },
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
    stop(stopOptions) {
      stopping ??= stopApp(stopOptions);
      return stopping;
    },
  };

  async function stopApp({ graceMs = SHUTDOWN_GRACE_MS }: StopOptions = {}): Promise<{ complete: boolean }> {
    const startedAt = performance.now();
    slack.stopTakingWork();
    const grace = new AbortController();
    const finished = await Promise.race([
      (async () => {
        await scheduler.stop();
        await inFlight.settle();
        return true;
      })(),
      delay(graceMs, false, { signal: grace.signal }).catch(() => false),
    ]);
    grace.abort();
    try {
      await slack.stop();
    } finally {
      await closeAppDatabase(db);
    }
    const log = { component: 'app', ms: Math.round(performance.now() - startedAt) };
    if (finished) logger.info(log, 'stopped');
    else logger.warn({ ...log, requestsInFlight: inFlight.size }, 'stopped before work in flight finished');
    return { complete: finished };
  }
}
