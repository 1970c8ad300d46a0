// Builds the Bolt app for either connection mode, with the health route, the request guard and the error net
// every listener runs inside.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import {
  App,
  defaultProcessEventErrorHandler,
  HTTPModuleFunctions,
  HTTPReceiver,
  SocketModeReceiver,
  type AckFn,
  type AppOptions,
  type CustomRoute,
  type ReceiverEvent,
  type RespondFn,
} from '@slack/bolt';
import type { WebClient, WebClientOptions } from '@slack/web-api';
import type { Config } from '../config';
import { newLogId, toBoltLogger, withLogFields, type Logger } from '../logger';
import { errorSummary } from '../errors';
import { APOLOGY } from '../views/apology';
import type { InFlightWork } from './in-flight-work';
import { BODY_LIMIT_BYTES, checkPayload, guardHttpReceiver, MalformedPayloadError } from './request-guard';

export const EVENTS_PATH = '/slack/events';
export const HEALTH_PATH = '/healthz';
const SOCKET_CLOSE_WAIT_MS = 5000;

export interface Health {
  ok: boolean;
  body: Record<string, unknown>;
}

export interface BotIdentity {
  botId: string;
  botUserId: string;
}

export interface SlackAppOptions {
  config: Config;
  logger: Logger;
  inFlight: InFlightWork;
  health: () => Promise<Health>;
  /** From fetchBotIdentity: given to Bolt, it does not call auth.test itself (unawaited, at construction). */
  identity: BotIdentity;
  clientOptions?: WebClientOptions;
}

export interface SlackApp {
  readonly app: App;
  /** Starts listening; resolves to the HTTP port actually bound, or null in Socket Mode. */
  start(): Promise<number | null>;
  /** From now on new requests are refused (HTTP: 503, so Slack retries them against the next process). */
  stopTakingWork(): void;
  /** Closes the HTTP server (dropping idle and unfinished connections) or the socket (bounded wait). */
  stop(): Promise<void>;
}

/**
 * Asks Slack who the bot is, once, at start-up: a wrong token stops the app with Slack's reason instead of
 * failing every request later. (Left to Bolt, the call's failure would be an unhandled rejection.)
 */
export async function fetchBotIdentity(client: WebClient): Promise<BotIdentity> {
  let result: Awaited<ReturnType<WebClient['auth']['test']>>;
  try {
    result = await client.auth.test();
  } catch (error) {
    throw new Error(`Slack did not accept SLACK_BOT_TOKEN: ${errorSummary(error).message}`, { cause: error });
  }
  if (typeof result.bot_id !== 'string' || typeof result.user_id !== 'string') {
    throw new Error('SLACK_BOT_TOKEN is not a bot token: auth.test returned no bot id');
  }
  return { botId: result.bot_id, botUserId: result.user_id };
}

export function createSlackApp({
  config,
  logger,
  inFlight,
  health,
  identity,
  clientOptions,
}: SlackAppOptions): SlackApp {
  const boltLogger = toBoltLogger(logger);
  const allClientOptions: WebClientOptions = {
    ...clientOptions,
    ...(config.slack.apiUrl === null ? {} : { slackApiUrl: config.slack.apiUrl }),
  };
  const customRoutes: CustomRoute[] = [
    { path: HEALTH_PATH, method: ['GET'], handler: healthHandler(health) },
  ];
  let draining = false;

  const receiver: HTTPReceiver | SocketModeReceiver =
    config.slack.appToken !== null
      ? new SocketModeReceiver({
          appToken: config.slack.appToken,
          logger: boltLogger,
          customRoutes,
          // The socket client opens its connection through the same (possibly local) Web API.
          installerOptions: { clientOptions: allClientOptions, port: config.port },
          // A payload the app refuses is acknowledged, so Slack does not send it again.
          processEventErrorHandler: async (args) =>
            args.error instanceof MalformedPayloadError || defaultProcessEventErrorHandler(args),
        })
      : new HTTPReceiver({
          signingSecret: config.slack.signingSecret ?? '',
          endpoints: EVENTS_PATH,
          port: config.port,
          customRoutes,
          logger: boltLogger,
          bodyLimit: BODY_LIMIT_BYTES,
          processEventErrorHandler: async (args) => {
            if (!(args.error instanceof MalformedPayloadError)) {
              return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
            }
            if (!args.response.headersSent) HTTPModuleFunctions.buildNoBodyResponse(args.response, 400);
            return true;
          },
        });
  if (receiver instanceof HTTPReceiver) {
    guardHttpReceiver(receiver, {
      path: EVENTS_PATH,
      signingSecret: config.slack.signingSecret ?? '',
      bodyLimit: BODY_LIMIT_BYTES,
      logger,
      isDraining: () => draining,
    });
  }

  const app = new GuardedApp(
    {
      token: config.slack.botToken,
      ...identity,
      receiver,
      logger: boltLogger,
      clientOptions: allClientOptions,
      // Nothing here keeps per-conversation state; Bolt's default store looked every request up and made a
      // "not found" Error for it.
      convoStore: false,
    },
    { logger: logger.child({ component: 'slack' }), inFlight },
  );

  app.use(async (args) => {
    const { next, body } = args;
    // Only commands and interactions carry a response_url; Bolt adds respond for those.
    const respond = (args as { respond?: RespondFn }).respond;
    try {
      await next();
    } catch (error) {
      logger.error(
        { component: 'slack', err: errorSummary(error), type: 'type' in body ? body.type : 'command' },
        'listener failed',
      );
      // A person should never see a raw error: apologise where Slack gave us a way to answer.
      await respond?.({ response_type: 'ephemeral', replace_original: false, text: APOLOGY }).catch(
        () => undefined,
      );
    }
  });

  let server: Server | null = null;
  return {
    app,
    async start() {
      const started = (await app.start(config.port)) as unknown;
      if (receiver instanceof SocketModeReceiver) return null;
      server = started as Server;
      const address = server.address();
      return typeof address === 'object' && address !== null ? address.port : null;
    },
    stopTakingWork() {
      draining = true;
    },
    async stop() {
      if (receiver instanceof SocketModeReceiver) {
        const client = receiver.client;
        const closed = new Promise<void>((resolve) => client.once('disconnected', () => resolve()));
        await app.stop();
        await Promise.race([closed, delay(SOCKET_CLOSE_WAIT_MS, undefined, { ref: false })]);
        return;
      }
      const closing = app.stop();
      // What is still connected now is idle or a client that never finished its request.
      server?.closeAllConnections();
      await closing;
    },
  };
}

/**
 * Bolt's App with one entry point wrapped: every request gets an id on all its log lines and is counted as
 * in-flight work; payloads no Slack request has are refused before Bolt reads them; and a request no listener
 * acknowledged is acknowledged once the listeners are done, instead of Slack waiting three seconds for a 404.
 */
class GuardedApp extends App {
  constructor(
    options: AppOptions,
    private readonly guard: { logger: Logger; inFlight: InFlightWork },
  ) {
    super(options);
  }

  override processEvent(event: ReceiverEvent): Promise<void> {
    return this.guard.inFlight.track(withLogFields({ requestId: newLogId() }, () => this.handle(event)));
  }

  private async handle(event: ReceiverEvent): Promise<void> {
    const { logger } = this.guard;
    const startedAt = performance.now();
    const check = checkPayload(event.body);
    if (!check.ok) {
      if (check.acknowledgeOnly) {
        logger.warn({ kind: check.problem }, 'request acknowledged and ignored');
        await event.ack();
        return;
      }
      logger.warn({ problem: check.problem }, 'request refused');
      throw new MalformedPayloadError(check.problem);
    }
    let acknowledged = false;
    const ack: AckFn<unknown> = async (response) => {
      acknowledged = true;
      await event.ack(response);
    };
    const summary = describeRequest(event.body as Record<string, unknown>);
    await super.processEvent({ ...event, ack });
    if (!acknowledged) {
      logger.warn(summary, 'no listener acknowledged the request');
      // Too late when the listeners took longer than Bolt's wait: the receiver has answered already.
      await ack().catch(() => undefined);
    }
    logger.info({ ...summary, ms: Math.round(performance.now() - startedAt) }, 'request handled');
  }
}

/**
 * What an operator needs to recognise a request: its kind, team and the app's own names, never its content,
 * nor who sent it: a log line cannot be erased when that person leaves (/mentor leave).
 */
function describeRequest(body: Record<string, unknown>): Record<string, unknown> {
  const field = (value: unknown, key: string): unknown =>
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  const team = body.team_id ?? field(body.team, 'id') ?? field(body.user, 'team_id');
  const detail =
    body.command ??
    field(Array.isArray(body.actions) ? body.actions[0] : undefined, 'action_id') ??
    field(body.view, 'callback_id') ??
    field(body.event, 'type');
  return {
    kind: typeof body.command === 'string' ? 'command' : body.type,
    teamId: team,
    name: detail,
    ...(typeof body.event_id === 'string' ? { eventId: body.event_id } : {}),
  };
}

function healthHandler(health: () => Promise<Health>) {
  const answer = async (res: ServerResponse) => {
    // A check that fails outright (the database closing mid-check, say) is an unhealthy answer, not a crash.
    const { ok, body } = await health().catch((): Health => ({ ok: false, body: { ok: false } }));
    res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  return (_req: IncomingMessage, res: ServerResponse) => {
    void answer(res);
  };
}
