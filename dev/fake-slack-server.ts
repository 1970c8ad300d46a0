// A Slack-compatible Web API server on 127.0.0.1 for tests, benchmarks and the offline demo. It records every
// call, answers with the shapes Slack documents for the methods this app uses, serves response_url and
// file-upload URLs, speaks Socket Mode, and can be told to fail chosen calls. It is as strict as Slack: what
// Slack refuses (a stale trigger, an unknown channel, broken Block Kit, the wrong token type…) it refuses too,
// with Slack's error, so a bug Slack would expose shows in tests.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { createRateLimiter, type RateLimits } from './fake-rate-limits';
import { parseJson, readApiRequest, readBody, send, tokenRefusal, uploadedBytes } from './fake-slack-http';
import { createResponseUrls, createTriggers } from './fake-interaction-grants';
import { createMethods, messageRefusal } from './fake-slack-methods';
import {
  createFakeWorkspace,
  MANIFEST_BOT_SCOPES,
  type FakeChannel,
  type FakeUser,
  type PostedMessage,
} from './fake-slack-workspace';

export { MANIFEST_BOT_SCOPES, type FakeChannel, type FakeUser, type PostedMessage };

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  token: string | null;
  at: number;
}

export type Fault = { error: string } | { status: 429; retryAfterSeconds: number } | { status: number };

export interface FakeSlackOptions {
  teamId?: string;
  botUserId?: string;
  rateLimits?: RateLimits;
  /** The bot token's scopes; by default those manifest.yml asks for. */
  scopes?: readonly string[];
  /** The fake's clock (ms since the epoch) for trigger and response_url lifetimes; real time by default. */
  now?: () => number;
}

export interface FakeSlack {
  readonly url: string;
  readonly apiUrl: string;
  readonly teamId: string;
  readonly botUserId: string;
  /** A person of the workspace: only they can be messaged, looked up or put in a group DM. */
  addUser(user: FakeUser): void;
  /** A public or private channel (DMs and group DMs come from conversations.open or channelFor). */
  addChannel(channel: FakeChannel): void;
  calls(method?: string): RecordedCall[];
  /** Messages as they stand now (chat.update applied), in posting order: the app's and people's. */
  messages(channel?: string): PostedMessage[];
  /** A person writes in a conversation (thread reply when threadTs is given); conversations.history sees it. */
  postAsUser(message: { channel: string; user: string; text: string; threadTs?: string }): PostedMessage;
  responses(): { id: string; body: Record<string, unknown> }[];
  uploads(): { fileId: string; filename: string; bytes: Buffer }[];
  /** The id of the modal (or Home tab) last opened, pushed or published, as Slack answered it. */
  lastViewId(): string | null;
  channelFor(userIds: readonly string[]): string;
  /** Makes the next `times` calls to `method` fail with this fault. */
  failNext(method: string, fault: Fault, times?: number): void;
  /** Makes every call that posts to this channel fail with a Slack error, e.g. channel_not_found. */
  failChannel(channel: string, error: string): void;
  /**
   * Holds the next call to `method` unanswered until released, so a test can act (stop the app, say) while
   * that call is in flight. `arrived` resolves once the call is here.
   */
  hold(method: string): { arrived: Promise<void>; release: () => void };
  /** A response_url as Slack puts one in a command or message interaction: 5 posts within 30 minutes. */
  responseUrl(): string;
  /** A trigger_id as Slack puts one in a command or interaction: opens one view within 3 seconds. */
  triggerId(): string;
  sendSocketEnvelope(
    type: 'slash_commands' | 'interactive' | 'events_api',
    payload: unknown,
  ): Promise<unknown>;
  /** Sends a message of Slack's own on every open socket, e.g. { type: 'disconnect', reason: 'refresh_requested' }. */
  sendSocketMessage(message: Record<string, unknown>): void;
  /** Cuts every open socket without a closing handshake, as a network failure would. */
  dropSocketConnections(): void;
  socketConnections(): number;
  close(): Promise<void>;
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const now = options.now ?? Date.now;
  const limiter = options.rateLimits === undefined ? null : createRateLimiter(options.rateLimits);
  const workspace = createFakeWorkspace({
    teamId: options.teamId ?? 'T0TEST',
    botUserId: options.botUserId ?? 'UBOT',
    scopes: options.scopes ?? MANIFEST_BOT_SCOPES,
  });
  const triggers = createTriggers(now);
  const responseUrls = createResponseUrls(now);
  const calls: RecordedCall[] = [];
  const responses: { id: string; body: Record<string, unknown> }[] = [];
  const faults = new Map<string, { fault: Fault; remaining: number }[]>();
  const failingChannels = new Map<string, string>();
  const holds = new Map<string, { arrive: () => void; released: Promise<void> }[]>();
  const sockets = new Set<WebSocket>();
  const acks = new Map<string, (payload: unknown) => void>();
  let envelopes = 0;

  const server = http.createServer((req, res) => {
    readBody(req)
      .then((raw) => route(req, res, raw))
      .catch((error: unknown) => send(res, 500, { ok: false, error: String(error) }));
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
        if (message.envelope_id !== undefined) acks.get(message.envelope_id)?.(message.payload ?? null);
      });
      ws.send(
        JSON.stringify({
          type: 'hello',
          num_connections: sockets.size,
          connection_info: { app_id: 'A0TEST' },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const methods = createMethods({ workspace, triggers, url });

  async function route(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/api/')) return api(req, res, path.slice('/api/'.length), raw);
    if (path.startsWith('/response/')) return respond(res, path.slice('/response/'.length), raw);
    if (path.startsWith('/upload/')) {
      const fileId = path.slice('/upload/'.length);
      const filename = workspace.pendingUploads.get(fileId);
      if (filename === undefined) return send(res, 404, 'file_not_found');
      const bytes = await uploadedBytes(req.headers['content-type'], raw).catch(() => null);
      if (bytes === null) return send(res, 400, 'invalid_upload');
      workspace.uploads.push({ fileId, filename, bytes });
      return send(res, 200, `OK - ${bytes.length}`);
    }
    send(res, 404, 'not found');
  }

  // A post to a response_url: Slack answers refusals with an HTTP error status and a one-word body.
  function respond(res: ServerResponse, id: string, raw: Buffer): void {
    const refusal = responseUrls.refusal(id);
    if (refusal !== null) return send(res, refusal.status, refusal.error);
    const body = parseJson(raw.toString('utf8'));
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return send(res, 400, 'invalid_payload');
    const message = body as Record<string, unknown>;
    if (message.delete_original !== true) {
      const invalid = messageRefusal(message);
      if (invalid !== null) return send(res, 400, String(invalid.error));
    }
    responseUrls.use(id);
    responses.push({ id, body: message });
    send(res, 200, 'ok');
  }

  async function api(req: IncomingMessage, res: ServerResponse, method: string, raw: Buffer): Promise<void> {
    const request = await readApiRequest(req, raw);
    const params = 'params' in request ? request.params : {};
    const token = 'params' in request ? request.token : null;
    const hold = holds.get(method)?.shift();
    if (hold !== undefined) {
      hold.arrive();
      await hold.released;
    }
    calls.push({ method, params, token, at: now() });

    const queued = faults.get(method)?.find((entry) => entry.remaining > 0);
    if (queued !== undefined) {
      queued.remaining -= 1;
      const fault = queued.fault;
      if ('error' in fault) return send(res, 200, { ok: false, error: fault.error });
      if (fault.status === 429 && 'retryAfterSeconds' in fault) {
        res.setHeader('Retry-After', String(fault.retryAfterSeconds));
        return send(res, 429, { ok: false, error: 'ratelimited' });
      }
      return send(res, fault.status, { ok: false, error: 'fatal_error' });
    }
    if ('error' in request) return send(res, 200, { ok: false, error: request.error });
    const tokenError = tokenRefusal(method, token);
    if (tokenError !== null) return send(res, 200, { ok: false, error: tokenError });
    if (method === 'chat.postMessage') params.channel = workspace.resolveChannel(params.channel);
    const retryAfter =
      limiter !== null && method === 'chat.postMessage' ? limiter.take(String(params.channel), now()) : 0;
    if (retryAfter > 0) {
      res.setHeader('Retry-After', String(retryAfter));
      return send(res, 429, { ok: false, error: 'ratelimited' });
    }
    const channelError = typeof params.channel === 'string' ? failingChannels.get(params.channel) : undefined;
    if (channelError !== undefined) return send(res, 200, { ok: false, error: channelError });
    send(res, 200, methods.answer(method, params));
  }

  return {
    url,
    apiUrl: `${url}/api/`,
    teamId: workspace.teamId,
    botUserId: workspace.botUserId,
    addUser: (user) => workspace.users.set(user.id, user),
    addChannel: (channel) => workspace.addChannel(channel),
    calls: (method) => calls.filter((call) => method === undefined || call.method === method),
    messages: (channel) => workspace.messages.filter((m) => channel === undefined || m.channel === channel),
    postAsUser({ channel, user, text, threadTs }) {
      const message: PostedMessage = {
        channel,
        ts: workspace.nextTs(),
        text,
        user,
        updates: 0,
        ...(threadTs === undefined ? {} : { threadTs }),
      };
      workspace.messages.push(message);
      return message;
    },
    responses: () => [...responses],
    uploads: () => [...workspace.uploads],
    lastViewId: () => [...workspace.views.keys()].at(-1) ?? null,
    channelFor: (userIds) => workspace.channelFor(userIds),
    failNext(method, fault, times = 1) {
      faults.set(method, [...(faults.get(method) ?? []), { fault, remaining: times }]);
    },
    failChannel: (channel, error) => failingChannels.set(channel, error),
    hold(method) {
      let arrive = () => undefined as void;
      let release = () => undefined as void;
      const arrived = new Promise<void>((resolve) => {
        arrive = resolve;
      });
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      holds.set(method, [...(holds.get(method) ?? []), { arrive, released }]);
      return { arrived, release };
    },
    responseUrl: () => `${url}/response/${responseUrls.issue()}`,
    triggerId: () => triggers.issue(),
    sendSocketEnvelope(type, payload) {
      envelopes += 1;
      const envelopeId = `env-${envelopes}`;
      const acked = new Promise<unknown>((resolve) => acks.set(envelopeId, resolve));
      const envelope = JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== 'events_api',
      });
      for (const socket of sockets) socket.send(envelope);
      return acked;
    },
    sendSocketMessage(message) {
      for (const socket of sockets) socket.send(JSON.stringify(message));
    },
    dropSocketConnections() {
      for (const socket of sockets) socket.terminate();
    },
    socketConnections: () => sockets.size,
    async close() {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
