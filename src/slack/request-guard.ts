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
import {
  array,
  literal,
  nullable,
  optional,
  record,
  refine,
  size,
  string,
  type,
  union,
  validate,
  type Struct,
  type StructError,
  // @ts-expect-error -- superstruct's types are marked ESM (superstruct#1287); Node requires its CommonJS build.
} from 'superstruct';
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
// the listeners read before they can check anything themselves. Everything else Slack may add is allowed:
// `type` checks the fields named and ignores the rest (and, like `record`, refuses arrays).
const id = refine(string(), 'size', (value) => value !== '' && isAtMostCharacters(value, 255));
const callbackId = refine(string(), 'size', (value) => isAtMostCharacters(value, 255));
const anyObject = type({});
const interactionUser = type({ id, team_id: optional(id) });
const interactionTeam = optional(nullable(type({ id })));

/** Counted in characters (Unicode code points), not UTF-16 units: an emoji is one character. */
function isAtMostCharacters(value: string, max: number): boolean {
  return value.length <= max || [...value].length <= max;
}

/** Bolt needs the team from one or the other. superstruct may run this when other fields failed: trust none. */
function hasTeam(body: { team?: unknown; user?: unknown }): boolean {
  const fieldOf = (value: unknown, key: string) => (isPlainObject(value) ? value[key] : undefined);
  return fieldOf(body.team, 'id') !== undefined || fieldOf(body.user, 'team_id') !== undefined;
}

const slashCommand = type({
  command: refine(string(), 'slash', (command) => command.startsWith('/')),
  team_id: id,
  user_id: id,
  channel_id: id,
  text: string(),
  trigger_id: string(),
  response_url: string(),
});

const eventCallback = type({
  type: literal('event_callback'),
  team_id: id,
  event_id: id,
  authorizations: optional(array(type({ team_id: optional(nullable(id)) }))),
  event: type({
    type: size(string(), 1, Infinity),
    // Bolt looks into these with `in` to find the conversation: they must be objects or strings.
    channel: optional(union([string(), anyObject])),
    item: optional(anyObject),
    // Bolt reads `user.id` when the user is not a string, and `subteam.created_by`, to learn who acted.
    user: optional(union([string(), anyObject])),
    subteam: optional(anyObject),
  }),
});

const blockActions = refine(
  type({
    type: literal('block_actions'),
    user: interactionUser,
    team: interactionTeam,
    channel: optional(type({ id })),
    actions: size(array(type({ action_id: id, block_id: optional(id), type: string() })), 1, Infinity),
  }),
  'team',
  hasTeam,
);

const viewPayload = <T>(view: Struct<T>) =>
  refine(
    type({
      user: interactionUser,
      team: interactionTeam,
      view,
      response_urls: optional(array(type({ response_url: string() }))),
    }),
    'team',
    hasTeam,
  );

const viewSubmission = viewPayload(
  type({
    id,
    callback_id: callbackId,
    private_metadata: optional(string()),
    state: type({ values: record(string(), record(string(), anyObject)) }),
  }),
);
const viewClosed = viewPayload(type({ id, callback_id: callbackId }));

/**
 * Checks a payload of each kind the app handles, returning its first failure. A Map, not an object, so a
 * payload type such as `constructor` finds nothing rather than Object's own properties.
 */
const SHAPES = new Map<string, (body: unknown) => StructError | undefined>([
  ['event_callback', (body) => validate(body, eventCallback)[0]],
  ['command', (body) => validate(body, slashCommand)[0]],
  ['block_actions', (body) => validate(body, blockActions)[0]],
  ['view_submission', (body) => validate(body, viewSubmission)[0]],
  ['view_closed', (body) => validate(body, viewClosed)[0]],
]);

/** Payload types Slack sends that need nothing but an acknowledgement. */
const ACKNOWLEDGED_ONLY = new Set(['app_rate_limited']);

export type PayloadCheck = { ok: true } | { ok: false; acknowledgeOnly: boolean; problem: string };

/** Whether this (signature-checked) body is a Slack request the app handles. */
export function checkPayload(body: unknown): PayloadCheck {
  if (!isPlainObject(body)) return { ok: false, acknowledgeOnly: false, problem: 'not an object' };
  const kind = kindOf(body);
  if (ACKNOWLEDGED_ONLY.has(kind)) return { ok: false, acknowledgeOnly: true, problem: kind };
  const failureOf = SHAPES.get(kind);
  if (failureOf === undefined) {
    return { ok: false, acknowledgeOnly: false, problem: `unsupported payload type ${kind.slice(0, 40)}` };
  }
  const failure = failureOf(body);
  return failure === undefined
    ? { ok: true }
    : { ok: false, acknowledgeOnly: false, problem: `${kind}: ${describeFailure(failure)}` };
}

/**
 * Where and how a payload fails, from the failure's path and type or check only: superstruct's own message
 * repeats the value received, which may be what someone typed, and the problem is logged.
 */
function describeFailure(failure: StructError): string {
  const where = failure.path.length === 0 ? 'payload' : failure.path.join('.');
  if (failure.refinement !== undefined) return `${where} fails the ${failure.refinement} check`;
  const expected = failure.type === 'type' ? 'object' : failure.type;
  return failure.value === undefined
    ? `${where} is missing (expected ${expected})`
    : `${where} has the wrong type (expected ${expected})`;
}

// The same order Bolt uses to decide what a body is, so a body is checked as what Bolt will treat it as.
function kindOf(body: Record<string, unknown>): string {
  if (body.event !== undefined) return 'event_callback';
  if (body.command !== undefined) return 'command';
  if (body.name !== undefined || body.type === 'block_suggestion') return 'options';
  if (body.actions !== undefined || body.type === 'dialog_submission') return 'block_actions';
  return typeof body.type === 'string' ? body.type : 'without a type';
}
