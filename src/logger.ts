// JSON-lines logs. Secrets and message text never reach a log line: tokens are redacted by key wherever they
// appear, the app never passes message text to the logger, and the Slack SDKs' own lines lose any payload
// they would dump. Every line written while handling one Slack request or one scheduler/CLI run carries that
// request's or run's id, so an operator can follow one piece of work through the log.
import { AsyncLocalStorage } from 'node:async_hooks';
import crypto from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';

export type { Logger } from 'pino';

// Keys whose values never reach a line, at the top of a line or one level down (say `err.token`).
const SECRET_KEYS: ReadonlySet<string> = new Set([
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'authorization',
  'text',
]);
const CENSOR = '[redacted]';

export type LogFields = { requestId: string } | { runId: string };

const currentFields = new AsyncLocalStorage<LogFields>();

/** Runs `work` so that every line logged inside it, however deep and however late, carries `fields`. */
export function withLogFields<T>(fields: LogFields, work: () => T): T {
  return currentFields.run(fields, work);
}

/** A short random id for one request or run: unique enough to grep for, short enough to read. */
export function newLogId(): string {
  // Twelve random hex digits of a v4 UUID (its version digit comes later): randomUUID draws from a buffered
  // pool, where randomBytes asked the system for six bytes on every request.
  const uuid = crypto.randomUUID();
  return uuid.slice(0, 8) + uuid.slice(9, 13);
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      // Top-level secrets by pino's `redact` (it covers child loggers' bindings too), secrets one level down by
      // withoutNestedSecrets: pino's wildcard paths (`*.token`) would put every field of every line through a copy.
      formatters: { level: (label) => ({ level: label }), log: withoutNestedSecrets },
      redact: { paths: [...SECRET_KEYS], censor: CENSOR },
      // A copy: pino merges each line's own fields into the object the mixin returns.
      mixin: () => ({ ...currentFields.getStore() }),
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** The line itself when nothing in it is secret (most lines): copied only to censor. */
function withoutNestedSecrets(fields: Record<string, unknown>): Record<string, unknown> {
  let clean = fields;
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    if (!isPlainObject(value)) continue;
    const censored = censorKeys(value);
    if (censored === value) continue;
    if (clean === fields) clean = { ...fields };
    clean[key] = censored;
  }
  return clean;
}

function censorKeys(fields: Record<string, unknown>): Record<string, unknown> {
  let clean = fields;
  for (const key of Object.keys(fields)) {
    if (!SECRET_KEYS.has(key)) continue;
    if (clean === fields) clean = { ...fields };
    clean[key] = CENSOR;
  }
  return clean;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Bolt and the Web API client log through our logger, so their lines are JSON with the same fields. */
export function toBoltLogger(logger: Logger, component = 'bolt'): BoltLogger {
  const child = logger.child({ component });
  // The SDKs build their debug lines (whole request bodies) whatever the level: a line that will not be written
  // is dropped before it is searched for a payload to cut.
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...messages: unknown[]) => {
      if (child.isLevelEnabled(level)) child[level](withoutPayload(messages.map(describe).join(' ')));
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: () => undefined,
    getLevel: () => boltLevel(logger.level),
    setName: () => undefined,
  };
}

function describe(message: unknown): string {
  if (message instanceof Error) return message.message;
  return typeof message === 'string' ? message : '[object]';
}

// The SDKs' debug lines dump request and response bodies ("http request body: {…}", "ack() call begins (body:
// …)", "Error details: …"): those hold message text and user input, so everything from the dump on is cut.
const PAYLOAD_START = /\b(?:body|result|headers|details|storedResponse|payload)\b\s*:|[{[]/i;

function withoutPayload(message: string): string {
  const start = message.search(PAYLOAD_START);
  return start === -1 ? message : `${message.slice(0, start).trimEnd()} [payload omitted]`;
}

function boltLevel(level: string): LogLevel {
  switch (level) {
    case 'debug':
    case 'trace':
      return LogLevel.DEBUG;
    case 'warn':
      return LogLevel.WARN;
    case 'error':
    case 'fatal':
    case 'silent':
      return LogLevel.ERROR;
    default:
      return LogLevel.INFO;
  }
}
