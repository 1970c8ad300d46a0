// Reads the environment once, at start-up, into a typed Config. Every problem is reported at once so an
// operator fixes them in one go rather than one restart per variable.
import { parseWeekday, type Weekday } from './domain/prompt-schedule';

export interface Config {
  slack: {
    botToken: string;
    signingSecret: string | null;
    appToken: string | null;
    apiUrl: string | null;
  };
  port: number;
  database: DatabaseConfig;
  adminUserIds: readonly string[];
  prompt: { weekday: Weekday; hour: number; nudgeEnabled: boolean; nudgeAfterHours: number };
  matching: { minLevelGap: number; proposalTtlHours: number };
  /** A pairing's term and how long one extension adds, in weeks. */
  term: { weeks: number; extensionWeeks: number };
  report: { hideNames: boolean };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

/** SQLite in one file by default; PostgreSQL when DATABASE_URL is set (it wins over DATABASE_PATH). */
export type DatabaseConfig = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Turns a variable's trimmed text into its value, or returns `refuse(problem)`. */
type Parse<T> = (text: string, refuse: (problem: string) => undefined) => T | undefined;

export function loadConfig(env: Readonly<Record<string, string | undefined>>): ConfigResult {
  // Checked apart from the rest so they are reported even when another variable is also wrong.
  const problems = missingSlackCredentials(env);
  const refuse = (problem: string) => {
    problems.push(problem);
    return undefined;
  };
  /** A variable's value: `fallback` when it is unset or blank, else what `parse` makes of it. */
  const read = <T>(name: string, fallback: T, parse: Parse<T>): T => {
    const text = (env[name] ?? '').trim();
    return text === '' ? fallback : (parse(text, refuse) ?? fallback);
  };
  const text = (name: string, parse: Parse<string> = (value) => value) =>
    read<string | undefined>(name, undefined, parse);

  // Read in the order the problems are listed in.
  const botToken = text(
    'SLACK_BOT_TOKEN',
    startingWith('xoxb-', 'SLACK_BOT_TOKEN must be a bot token starting with xoxb-'),
  );
  const signingSecret = text('SLACK_SIGNING_SECRET');
  const appToken = text(
    'SLACK_APP_TOKEN',
    startingWith('xapp-', 'SLACK_APP_TOKEN must be an app-level token starting with xapp-'),
  );
  const apiUrl = text('SLACK_API_URL', (value, refuse) =>
    /^https?:\/\/[^\s]+$/.test(value)
      ? value
      : refuse('SLACK_API_URL must be an http(s) URL such as https://slack.com/api/'),
  );
  const port = read('PORT', 3000, wholeNumberIn('PORT', 0, 65535));
  const databasePath = read('DATABASE_PATH', './data/mentor-circles.db', (value) => value);
  const databaseUrl = text('DATABASE_URL', (value, refuse) =>
    isPostgresUrl(value)
      ? value
      : // The value itself is not repeated: it may hold a password.
        refuse(
          'DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/mentor_circles',
        ),
  );
  const adminUserIds = read('MENTOR_ADMINS', [], slackUserIds);
  const weekday = read<Weekday>(
    'PROMPT_WEEKDAY',
    'monday',
    (value, refuse) => parseWeekday(value) ?? refuse('PROMPT_WEEKDAY must be a day of the week, like monday'),
  );
  const hour = read('PROMPT_HOUR', 10, wholeNumberIn('PROMPT_HOUR', 0, 23));
  const nudgeEnabled = read('NUDGE_ENABLED', true, trueOrFalse('NUDGE_ENABLED'));
  const nudgeAfterHours = read('NUDGE_AFTER_HOURS', 72, wholeNumberIn('NUDGE_AFTER_HOURS', 1, 144));
  const minLevelGap = read('MIN_LEVEL_GAP', 1, wholeNumberIn('MIN_LEVEL_GAP', 1, 5));
  const proposalTtlHours = read('PROPOSAL_TTL_HOURS', 72, wholeNumberIn('PROPOSAL_TTL_HOURS', 1, 24 * 30));
  const hideNames = read('REPORT_HIDE_NAMES', false, trueOrFalse('REPORT_HIDE_NAMES'));
  const termWeeks = read('PAIR_TERM_WEEKS', 26, wholeNumberIn('PAIR_TERM_WEEKS', 4, 104));
  const extensionWeeks = read('PAIR_EXTENSION_WEEKS', 12, wholeNumberIn('PAIR_EXTENSION_WEEKS', 4, 52));
  const logLevel = read<Config['logLevel']>('LOG_LEVEL', 'info', logLevelOf);

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    config: {
      slack: {
        botToken: botToken ?? '',
        signingSecret: signingSecret ?? null,
        appToken: appToken ?? null,
        // The SDK joins method names onto this base, so it must end with a slash.
        apiUrl: apiUrl === undefined ? null : apiUrl.replace(/\/?$/, '/'),
      },
      port,
      database:
        databaseUrl === undefined
          ? { kind: 'sqlite', path: databasePath }
          : { kind: 'postgres', url: databaseUrl },
      adminUserIds,
      prompt: { weekday, hour, nudgeEnabled, nudgeAfterHours },
      matching: { minLevelGap, proposalTtlHours },
      term: { weeks: termWeeks, extensionWeeks },
      report: { hideNames },
      logLevel,
    },
  };
}

function startingWith(prefix: string, problem: string): Parse<string> {
  return (value, refuse) => (value.startsWith(prefix) ? value : refuse(problem));
}

function wholeNumberIn(name: string, min: number, max: number): Parse<number> {
  return (value, refuse) => {
    const parsed = Number(value);
    return Number.isInteger(parsed) && parsed >= min && parsed <= max
      ? parsed
      : refuse(`${name} must be a whole number from ${min} to ${max}`);
  };
}

function trueOrFalse(name: string): Parse<boolean> {
  return (value, refuse) => {
    if (/^(1|true|yes|on)$/i.test(value)) return true;
    if (/^(0|false|no|off)$/i.test(value)) return false;
    return refuse(`${name} must be true or false`);
  };
}

const slackUserIds: Parse<string[]> = (value, refuse) => {
  const ids = value
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  const bad = ids.filter((id) => !/^[UW][A-Z0-9]+$/.test(id));
  return bad.length === 0
    ? ids
    : refuse(
        `MENTOR_ADMINS must be Slack user ids (like U012AB3CD), separated by commas; not: ${bad.join(', ')}`,
      );
};

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const logLevelOf: Parse<Config['logLevel']> = (value, refuse) => {
  const level = value.toLowerCase();
  return (
    LOG_LEVELS.find((known) => known === level) ?? refuse(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`)
  );
};

export function isPostgresUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
}

/** Which database is used, for logs and messages: never the URL itself, which may hold a password. */
export function describeDatabase(database: DatabaseConfig): Record<string, string | number> {
  if (database.kind === 'sqlite') return { database: 'sqlite', path: database.path };
  const url = new URL(database.url);
  return {
    database: 'postgres',
    host: url.hostname,
    port: url.port === '' ? 5432 : Number(url.port),
    name: decodeURIComponent(url.pathname.replace(/^\//, '')),
  };
}

/** The same in a few words, after "Database": its file, or "app on db:5432 (PostgreSQL)". */
export function databaseLabel(database: DatabaseConfig): string {
  const d = describeDatabase(database);
  return database.kind === 'sqlite' ? database.path : `${d.name} on ${d.host}:${d.port} (PostgreSQL)`;
}

function missingSlackCredentials(env: Readonly<Record<string, string | undefined>>): string[] {
  const isSet = (name: string) => (env[name] ?? '').trim() !== '';
  const problems: string[] = [];
  if (!isSet('SLACK_BOT_TOKEN')) problems.push('SLACK_BOT_TOKEN is required');
  if (!isSet('SLACK_APP_TOKEN') && !isSet('SLACK_SIGNING_SECRET')) {
    problems.push('SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  return problems;
}

/** True when no Slack credential is set at all: the person has not created the Slack app yet. */
export function hasNoSlackCredentials(env: Readonly<Record<string, string | undefined>>): boolean {
  return ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'].every(
    (name) => (env[name] ?? '').trim() === '',
  );
}

export function describeConfigProblems(problems: readonly string[]): string {
  return [
    'Mentor Circles cannot start: the configuration has problems.',
    ...problems.map((problem) => `  - ${problem}`),
    'See "Environment variables" in README.md.',
  ].join('\n');
}

export const SETUP_GUIDE = `Mentor Circles needs a Slack app before it can start.
(Just looking? npm run demo runs a whole programme offline, with no Slack app or workspace.)

1. Go to https://api.slack.com/apps, choose "Create New App" → "From an app manifest",
   pick your workspace and paste the contents of manifest.yml from this folder.
2. Install the app to your workspace, then copy its credentials into the environment
   (or a .env file; see .env.example):
     SLACK_BOT_TOKEN       OAuth & Permissions → Bot User OAuth Token (xoxb-…)
   and either, for Socket Mode (no public URL needed):
     SLACK_APP_TOKEN       Basic Information → App-Level Tokens, scope connections:write (xapp-…)
   or, for HTTP mode (set the request URLs in the manifest to https://<your host>/slack/events):
     SLACK_SIGNING_SECRET  Basic Information → Signing Secret
3. Run npm start again.

Every variable is described under "Environment variables" in README.md.`;
