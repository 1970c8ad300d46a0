// JSON-lines logs. Secrets and message text never reach a log line: tokens are redacted by key wherever they
// appear, and the app never passes message text to the logger in the first place.
import pino, { type DestinationStream, type Logger } from 'pino';
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';

export type { Logger } from 'pino';

const REDACTED_KEYS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'authorization',
  'text',
  '*.token',
  '*.text',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.authorization',
  'headers.authorization',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_KEYS, censor: '[redacted]' },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** Bolt logs through our logger, so its lines are JSON with the same fields. */
export function toBoltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...messages: unknown[]) =>
      child[level](messages.map((m) => (m instanceof Error ? m.message : String(m))).join(' '));
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
