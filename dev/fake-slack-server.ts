// A Slack-compatible Web API server on 127.0.0.1 for tests, benchmarks and the offline demo. It records every
// call, answers with the shapes Slack documents for the methods this app uses, serves response_url and
// file-upload URLs, speaks Socket Mode, and can be told to fail chosen calls.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { createRateLimiter, type RateLimits } from './fake-rate-limits';

export interface FakeUser {
  id: string;
  teamId: string;
  name: string;
  realName?: string;
  tz?: string | null;
  isAdmin?: boolean;
  isOwner?: boolean;
  deleted?: boolean;
}

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  token: string | null;
  at: number;
}

export interface PostedMessage {
  channel: string;
  ts: string;
  threadTs?: string;
  text?: string;
  blocks?: unknown[];
  metadata?: unknown;
  updates: number;
}

export type Fault = { error: string } | { status: 429; retryAfterSeconds: number } | { status: number };

export interface FakeSlack {
  readonly url: string;
  readonly apiUrl: string;
  readonly teamId: string;
  readonly botUserId: string;
  addUser(user: FakeUser): void;
  calls(method?: string): RecordedCall[];
  /** Messages as they stand now (chat.update applied), in posting order. */
  messages(channel?: string): PostedMessage[];
  responses(): { id: string; body: Record<string, unknown> }[];
  uploads(): { fileId: string; filename: string; bytes: Buffer }[];
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
  responseUrl(): string;
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

const JSON_FIELDS = ['blocks', 'view', 'attachments', 'files', 'metadata'];

export async function startFakeSlack(
  options: { teamId?: string; botUserId?: string; rateLimits?: RateLimits } = {},
): Promise<FakeSlack> {
  const teamId = options.teamId ?? 'T0TEST';
  const limiter = options.rateLimits === undefined ? null : createRateLimiter(options.rateLimits);
  const botUserId = options.botUserId ?? 'UBOT';
  const users = new Map<string, FakeUser>();
  const calls: RecordedCall[] = [];
  const messages: PostedMessage[] = [];
  const responses: { id: string; body: Record<string, unknown> }[] = [];
  const uploads: { fileId: string; filename: string; bytes: Buffer }[] = [];
  const pendingUploads = new Map<string, string>();
  const faults = new Map<string, { fault: Fault; remaining: number }[]>();
  const failingChannels = new Map<string, string>();
  const holds = new Map<string, { arrive: () => void; released: Promise<void> }[]>();
  const channels = new Map<string, string>();
  const sockets = new Set<WebSocket>();
  const acks = new Map<string, (payload: unknown) => void>();
  let sequence = 0;
  let tsCounter = 1_700_000_000_000_100;
  const nextTs = () => {
    tsCounter += 100;
    const text = String(tsCounter);
    return `${text.slice(0, 10)}.${text.slice(10)}`;
  };

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

  function route(req: IncomingMessage, res: ServerResponse, raw: Buffer): void {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/api/')) return api(req, res, path.slice('/api/'.length), raw);
    if (path.startsWith('/response/')) {
      responses.push({ id: path.slice('/response/'.length), body: JSON.parse(raw.toString('utf8') || '{}') });
      return send(res, 200, 'ok');
    }
    if (path.startsWith('/upload/')) {
      const fileId = path.slice('/upload/'.length);
      uploadedBytes(req.headers['content-type'], raw).then(
        (bytes) => {
          uploads.push({ fileId, filename: pendingUploads.get(fileId) ?? fileId, bytes });
          send(res, 200, `OK - ${bytes.length}`);
        },
        (error: unknown) => send(res, 400, String(error)),
      );
      return;
    }
    send(res, 404, 'not found');
  }

  function api(req: IncomingMessage, res: ServerResponse, method: string, raw: Buffer, held = false): void {
    const params = parseParams(req.headers['content-type'], raw);
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ')
      ? auth.slice('Bearer '.length)
      : ((params.token as string) ?? null);
    const hold = held ? undefined : holds.get(method)?.shift();
    if (hold !== undefined) {
      hold.arrive();
      void hold.released.then(() => api(req, res, method, raw, true));
      return;
    }
    calls.push({ method, params, token, at: Date.now() });

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
    if (token === null || token === '') return send(res, 200, { ok: false, error: 'not_authed' });
    // As on Slack, a user id as the channel of a message means the app's DM with that user.
    if (method === 'chat.postMessage' && typeof params.channel === 'string' && /^[UW]/.test(params.channel)) {
      params.channel = channelFor([params.channel]);
    }
    const retryAfter =
      limiter !== null && method === 'chat.postMessage'
        ? limiter.take(String(params.channel), Date.now())
        : 0;
    if (retryAfter > 0) {
      res.setHeader('Retry-After', String(retryAfter));
      return send(res, 429, { ok: false, error: 'ratelimited' });
    }
    const channelError = typeof params.channel === 'string' ? failingChannels.get(params.channel) : undefined;
    if (channelError !== undefined) return send(res, 200, { ok: false, error: channelError });
    send(res, 200, answer(method, params));
  }

  function answer(method: string, params: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake.slack.test/',
          team: 'Test Workspace',
          user: 'mentor-circles',
          team_id: teamId,
          user_id: botUserId,
          bot_id: 'B0TEST',
          is_enterprise_install: false,
        };
      case 'users.info': {
        const user = users.get(String(params.user));
        return user === undefined
          ? { ok: false, error: 'user_not_found' }
          : { ok: true, user: userShape(user) };
      }
      case 'conversations.open': {
        const ids = String(params.users ?? '')
          .split(',')
          .filter((id) => id !== '');
        if (ids.length === 0) return { ok: false, error: 'users_list_not_supplied' };
        return { ok: true, channel: { id: channelFor(ids) } };
      }
      case 'chat.postMessage': {
        const ts = nextTs();
        const message: PostedMessage = {
          channel: String(params.channel),
          ts,
          updates: 0,
          ...(typeof params.thread_ts === 'string' ? { threadTs: params.thread_ts } : {}),
          ...(typeof params.text === 'string' ? { text: params.text } : {}),
          ...(Array.isArray(params.blocks) ? { blocks: params.blocks } : {}),
          ...(params.metadata !== undefined ? { metadata: params.metadata } : {}),
        };
        messages.push(message);
        return { ok: true, channel: message.channel, ts, message: { text: message.text ?? '', ts } };
      }
      case 'conversations.history': {
        // Top-level messages only (thread replies stay in conversations.replies), newest first, paged by an
        // opaque cursor; metadata is returned only when include_all_metadata is set, as Slack does.
        const withMetadata = params.include_all_metadata === true || params.include_all_metadata === 'true';
        const limit = Math.min(Math.max(Number(params.limit ?? 100) || 100, 1), 999);
        const offset = typeof params.cursor === 'string' && params.cursor !== '' ? Number(params.cursor) : 0;
        const history = messages
          .filter((m) => m.channel === params.channel && (m.threadTs === undefined || m.threadTs === m.ts))
          .reverse();
        const page = history.slice(offset, offset + limit);
        const hasMore = offset + limit < history.length;
        return {
          ok: true,
          messages: page.map((m) => ({
            type: 'message',
            user: botUserId,
            bot_id: 'B0TEST',
            text: m.text ?? '',
            ts: m.ts,
            ...(withMetadata && m.metadata !== undefined ? { metadata: m.metadata } : {}),
          })),
          has_more: hasMore,
          pin_count: 0,
          response_metadata: { next_cursor: hasMore ? String(offset + limit) : '' },
        };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'chat.update': {
        const message = messages.find((m) => m.channel === params.channel && m.ts === params.ts);
        if (message === undefined) return { ok: false, error: 'message_not_found' };
        if (typeof params.text === 'string') message.text = params.text;
        if (Array.isArray(params.blocks)) message.blocks = params.blocks;
        message.updates += 1;
        return { ok: true, channel: message.channel, ts: message.ts, text: message.text ?? '' };
      }
      case 'views.open':
      case 'views.push':
      case 'views.update':
      case 'views.publish': {
        sequence += 1;
        const view = (params.view ?? {}) as Record<string, unknown>;
        const id =
          typeof params.view_id === 'string' ? params.view_id : `V${String(sequence).padStart(8, '0')}`;
        return { ok: true, view: { ...view, id, team_id: teamId, hash: `h${sequence}` } };
      }
      case 'files.getUploadURLExternal': {
        sequence += 1;
        const fileId = `F${String(sequence).padStart(8, '0')}`;
        pendingUploads.set(fileId, String(params.filename ?? fileId));
        return { ok: true, upload_url: `${url}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        const files = Array.isArray(params.files) ? (params.files as { id: string; title?: string }[]) : [];
        return {
          ok: true,
          files: files.map((f) => ({ id: f.id, title: f.title ?? '', name: pendingUploads.get(f.id) })),
        };
      }
      case 'apps.connections.open':
        return { ok: true, url: `${url.replace('http', 'ws')}/socket` };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  function channelFor(ids: readonly string[]): string {
    const key = [...ids].sort().join(',');
    let id = channels.get(key);
    if (id === undefined) {
      // Slack gives a DM a D… id and a group DM (mpim) a G… id.
      id = `${ids.length === 1 ? 'D' : 'G'}${String(channels.size + 1).padStart(8, '0')}`;
      channels.set(key, id);
    }
    return id;
  }

  function userShape(user: FakeUser) {
    return {
      id: user.id,
      team_id: user.teamId,
      name: user.name,
      real_name: user.realName ?? user.name,
      deleted: user.deleted ?? false,
      tz: user.tz ?? null,
      is_admin: user.isAdmin ?? false,
      is_owner: user.isOwner ?? false,
      is_bot: false,
      profile: { real_name: user.realName ?? user.name, display_name: user.name },
    };
  }

  return {
    url,
    apiUrl: `${url}/api/`,
    teamId,
    botUserId,
    addUser: (user) => users.set(user.id, user),
    calls: (method) => calls.filter((call) => method === undefined || call.method === method),
    messages: (channel) => messages.filter((m) => channel === undefined || m.channel === channel),
    responses: () => [...responses],
    uploads: () => [...uploads],
    channelFor,
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
    responseUrl() {
      sequence += 1;
      return `${url}/response/R${sequence}`;
    },
    sendSocketEnvelope(type, payload) {
      sequence += 1;
      const envelopeId = `env-${sequence}`;
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

/** The file itself: the SDK posts it as multipart form data (one part), as a browser would. */
async function uploadedBytes(contentType: string | undefined, raw: Buffer): Promise<Buffer> {
  if (contentType?.startsWith('multipart/form-data') !== true) return raw;
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  for (const value of form.values()) {
    return typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(await value.arrayBuffer());
  }
  return Buffer.alloc(0);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseParams(contentType: string | undefined, raw: Buffer): Record<string, unknown> {
  const text = raw.toString('utf8');
  if (text === '') return {};
  if (contentType?.includes('application/json')) return JSON.parse(text) as Record<string, unknown>;
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    params[key] = JSON_FIELDS.includes(key) ? parseJsonOr(value) : value;
  }
  return params;
}

function parseJsonOr(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' });
  res.end(text);
}
