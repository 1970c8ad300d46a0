// Builds the Bolt app for either connection mode, with the health route and the error net every listener
// runs inside.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { App, HTTPReceiver, SocketModeReceiver, type CustomRoute, type RespondFn } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { Config } from '../config';
import { toBoltLogger, type Logger } from '../logger';
import type { InFlightWork } from './in-flight-work';

export const EVENTS_PATH = '/slack/events';
export const HEALTH_PATH = '/healthz';
export const APOLOGY = 'Sorry, something went wrong on our side. Please try again in a minute.';
// Slack sends small payloads; anything near this is not Slack.
const BODY_LIMIT_BYTES = 1024 * 1024;
const SOCKET_CLOSE_WAIT_MS = 5000;

export interface Health {
  ok: boolean;
  body: Record<string, unknown>;
}

export interface SlackAppOptions {
  config: Config;
  logger: Logger;
  inFlight: InFlightWork;
  health: () => Health;
  clientOptions?: WebClientOptions;
}

export interface SlackApp {
  readonly app: App;
  /** Stops taking requests; in Socket Mode waits (bounded) until the socket has closed cleanly. */
  stop(): Promise<void>;
}

export function createSlackApp({
  config,
  logger,
  inFlight,
  health,
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

  const receiver: HTTPReceiver | SocketModeReceiver =
    config.slack.appToken !== null
      ? new SocketModeReceiver({
          appToken: config.slack.appToken,
          logger: boltLogger,
          customRoutes,
          // The socket client opens its connection through the same (possibly local) Web API.
          installerOptions: { clientOptions: allClientOptions, port: config.port },
        })
      : new HTTPReceiver({
          signingSecret: config.slack.signingSecret ?? '',
          endpoints: EVENTS_PATH,
          port: config.port,
          customRoutes,
          logger: boltLogger,
          bodyLimit: BODY_LIMIT_BYTES,
        });

  const app = new App({
    token: config.slack.botToken,
    receiver,
    logger: boltLogger,
    clientOptions: allClientOptions,
  });

  app.use(async (args) => {
    const { next, body } = args;
    // Only commands and interactions carry a response_url; Bolt adds respond for those.
    const respond = (args as { respond?: RespondFn }).respond;
    try {
      await inFlight.track(next());
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

  return {
    app,
    async stop() {
      if (receiver instanceof SocketModeReceiver) {
        const client = receiver.client;
        const closed = new Promise<void>((resolve) => client.once('disconnected', () => resolve()));
        await app.stop();
        await Promise.race([closed, delay(SOCKET_CLOSE_WAIT_MS, undefined, { ref: false })]);
      } else {
        await app.stop();
      }
    },
  };
}

function healthHandler(health: () => Health) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    const { ok, body } = health();
    res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
}

/** The error's class and message, never its payload: Slack errors can echo request data. */
export function errorSummary(error: unknown): { name: string; message: string; code?: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const slackError = (error as { data?: { error?: unknown } }).data?.error;
    return {
      name: error.name,
      message: typeof slackError === 'string' ? slackError : error.message,
      ...(typeof code === 'string' ? { code } : {}),
    };
  }
  return { name: 'unknown', message: String(error) };
}
