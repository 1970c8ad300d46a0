// What stands between the internet and Bolt in HTTP mode, and between any payload and the listeners. Bolt
// alone answers some hostile requests badly: a signed body of `null` crashes its request handler, a payload of
// a type it does not know waits three seconds and then gets 404, and a signed payload missing a field it
// reads gets 500. So requests are checked here first: refused early, with a 4xx, and without touching the
// database.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  HTTPModuleFunctions,
  isValidSlackRequest,
  type BufferedIncomingMessage,
  type HTTPReceiver,
} from '@slack/bolt';
import { z } from 'zod';
import type { Logger } from '../logger';

/** Slack sends a few kilobytes at most; anything near this is not Slack. */
export const BODY_LIMIT_BYTES = 1024 * 1024;
const FORM = 'application/x-www-form-urlencoded';

/** A signed payload whose shape no Slack request has: refused with 400 (HTTP) or acknowledged and dropped. */
export class MalformedPayloadError extends Error {
  override readonly name = 'MalformedPayloadError';
}

export interface HttpGuardOptions {
  path: string;
  signingSecret: string;
  bodyLimit: number;
  logger: Logger;
  /** True once shutdown has begun: new requests get 503 so Slack retries them against the next process. */
  isDraining: () => boolean;
}

/**
 * Puts the transport checks in front of the receiver's own request listener: method and path routing stay
 * Bolt's; for POSTs to the events path the body is read here, bounded, and handed to Bolt already buffered
 * (Bolt uses a request's `rawBody` when it is there).
 */
export function guardHttpReceiver(receiver: HTTPReceiver, options: HttpGuardOptions): void {
  const boltListener = receiver.requestListener;
  const log = options.logger.child({ component: 'http' });
  receiver.requestListener = (req, res) => {
    if (req.method !== 'POST' || pathOf(req) !== options.path) {
      boltListener(req, res);
      return;
    }
    screen(req, options).then(
      (refusal) => {
        if (refusal === null) {
          boltListener(req, res);
          return;
        }
        log.warn({ status: refusal.status, reason: refusal.reason }, 'request refused');
        refuse(req, res, refusal.status);
      },
      (error: unknown) => {
        log.error(
          { err: error instanceof Error ? error.message : String(error) },
          'request screening failed',
        );
        refuse(req, res, 500);
      },
    );
  };
}

interface Refusal {
  status: number;
  reason: string;
}

async function screen(req: IncomingMessage, options: HttpGuardOptions): Promise<Refusal | null> {
  if (options.isDraining()) return { status: 503, reason: 'shutting down' };
  const contentType = req.headers['content-type'] ?? '';
  // Bolt parses a body as a form only for exactly this content type, and as JSON otherwise.
  if (contentType !== FORM && mediaType(contentType) !== 'application/json') {
    return { status: 415, reason: 'unsupported content type' };
  }
  const declaredLength = Number(req.headers['content-length'] ?? 0);
  if (declaredLength > options.bodyLimit) return { status: 413, reason: 'body too large' };
  try {
    await HTTPModuleFunctions.bufferIncomingMessage(req, options.bodyLimit);
  } catch (error) {
    if (HTTPModuleFunctions.isRawBodyError(error) && error.statusCode === 413) {
      return { status: 413, reason: 'body too large' };
    }
    return { status: 400, reason: 'unreadable body' };
  }
  const buffered = req as BufferedIncomingMessage;
  let body: unknown;
  try {
    body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
  } catch {
    // Bolt checks the signature first and answers 401, or 400 for a signed body it cannot parse.
    return null;
  }
  if (isPlainObject(body)) return null;
  // Bolt would crash on `null` and wait three seconds on the rest; refuse them here, in Bolt's order.
  return isSigned(buffered, options.signingSecret)
    ? { status: 400, reason: 'body is not an object' }
    : { status: 401, reason: 'bad signature' };
}

function isSigned(req: BufferedIncomingMessage, signingSecret: string): boolean {
  const signature = req.headers['x-slack-signature'];
  const timestamp = req.headers['x-slack-request-timestamp'];
  if (typeof signature !== 'string' || typeof timestamp !== 'string') return false;
  return isValidSlackRequest({
    signingSecret,
    body: req.rawBody.toString(),
    headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) },
  });
}

function refuse(req: IncomingMessage, res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  // The rest of an unread body is not drained: the connection is closed once the answer is out.
  res.writeHead(status, { connection: 'close', ...(status === 503 ? { 'retry-after': '10' } : {}) });
  res.end(() => {
    if (!req.complete) req.socket.destroy();
  });
}

function pathOf(req: IncomingMessage): string | null {
  try {
    return new URL(req.url ?? '', 'http://localhost').pathname;
  } catch {
    return null;
  }
}

function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The shapes below are what Slack sends for the payload kinds this app handles, reduced to the fields Bolt and
// the listeners read before they can check anything themselves. Everything else Slack may add is allowed.
const id = z.string().min(1).max(255);
const teamOrUserTeam = (body: { team?: { id: string } | null; user: { team_id?: string | undefined } }) =>
  body.team?.id !== undefined || body.user.team_id !== undefined;
const interactionUser = z.object({ id, team_id: id.optional() });
const interactionTeam = z.object({ id }).nullable().optional();

const slashCommand = z.object({
  command: z.string().startsWith('/'),
  team_id: id,
  user_id: id,
  channel_id: id,
  text: z.string(),
  trigger_id: z.string(),
  response_url: z.string(),
});

const eventCallback = z.object({
  type: z.literal('event_callback'),
  team_id: id,
  event_id: id,
  authorizations: z.array(z.object({ team_id: id.nullable().optional() })).optional(),
  event: z.object({
    type: z.string().min(1),
    // Bolt looks into these with `in` to find the conversation: they must be objects or strings.
    channel: z.union([z.string(), z.object({})]).optional(),
    item: z.object({}).optional(),
    // Bolt reads `user.id` when the user is not a string, and `subteam.created_by`, to learn who acted.
    user: z.union([z.string(), z.object({})]).optional(),
    subteam: z.object({}).optional(),
  }),
});

const blockActions = z
  .object({
    type: z.literal('block_actions'),
    user: interactionUser,
    team: interactionTeam,
    channel: z.object({ id }).optional(),
    actions: z.array(z.object({ action_id: id, block_id: id.optional(), type: z.string() })).min(1),
  })
  .refine(teamOrUserTeam, { message: 'has no team' });

const viewPayload = (view: z.ZodType) =>
  z
    .object({
      user: interactionUser,
      team: interactionTeam,
      view,
      response_urls: z.array(z.object({ response_url: z.string() })).optional(),
    })
    .refine(teamOrUserTeam, { message: 'has no team' });

const viewSubmission = viewPayload(
  z.object({
    id,
    callback_id: z.string().max(255),
    private_metadata: z.string().optional(),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), z.object({}))) }),
  }),
);
const viewClosed = viewPayload(z.object({ id, callback_id: z.string().max(255) }));

const SHAPES: Record<string, z.ZodType> = {
  event_callback: eventCallback,
  command: slashCommand,
  block_actions: blockActions,
  view_submission: viewSubmission,
  view_closed: viewClosed,
};

/** Payload types Slack sends that need nothing but an acknowledgement. */
const ACKNOWLEDGED_ONLY = new Set(['app_rate_limited']);

export type PayloadCheck = { ok: true } | { ok: false; acknowledgeOnly: boolean; problem: string };

/** Whether this (signature-checked) body is a Slack request the app handles. */
export function checkPayload(body: unknown): PayloadCheck {
  if (!isPlainObject(body)) return { ok: false, acknowledgeOnly: false, problem: 'not an object' };
  const kind = kindOf(body);
  if (ACKNOWLEDGED_ONLY.has(kind)) return { ok: false, acknowledgeOnly: true, problem: kind };
  const shape = SHAPES[kind];
  if (shape === undefined) {
    return { ok: false, acknowledgeOnly: false, problem: `unsupported payload type ${kind.slice(0, 40)}` };
  }
  const result = shape.safeParse(body);
  if (result.success) return { ok: true };
  const issue = result.error.issues[0];
  const where = issue === undefined || issue.path.length === 0 ? 'payload' : issue.path.join('.');
  return {
    ok: false,
    acknowledgeOnly: false,
    problem: `${kind}: ${where} ${issue?.message ?? 'is invalid'}`,
  };
}

// The same order Bolt uses to decide what a body is, so a body is checked as what Bolt will treat it as.
function kindOf(body: Record<string, unknown>): string {
  if (body.event !== undefined) return 'event_callback';
  if (body.command !== undefined) return 'command';
  if (body.name !== undefined || body.type === 'block_suggestion') return 'options';
  if (body.actions !== undefined || body.type === 'dialog_submission') return 'block_actions';
  return typeof body.type === 'string' ? body.type : 'without a type';
}
