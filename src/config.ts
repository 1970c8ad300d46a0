// Reads the environment once, at start-up, into a typed Config. Every problem is reported at once so an
// operator fixes them in one go rather than one restart per variable.
import { z } from 'zod';
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

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const integerIn = (name: string, min: number, max: number, fallback: number) =>
  optionalText.transform((value, ctx) => {
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      ctx.addIssue({ code: 'custom', message: `${name} must be a whole number from ${min} to ${max}` });
      return z.NEVER;
    }
    return parsed;
  });

const boolean = (name: string, fallback: boolean) =>
  optionalText.transform((value, ctx) => {
    if (value === undefined) return fallback;
    if (/^(1|true|yes|on)$/i.test(value)) return true;
    if (/^(0|false|no|off)$/i.test(value)) return false;
    ctx.addIssue({ code: 'custom', message: `${name} must be true or false` });
    return z.NEVER;
  });

const envSchema = z.object({
  SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xoxb-'), {
    message: 'SLACK_BOT_TOKEN must be a bot token starting with xoxb-',
  }),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xapp-'), {
    message: 'SLACK_APP_TOKEN must be an app-level token starting with xapp-',
  }),
  SLACK_API_URL: optionalText.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), {
    message: 'SLACK_API_URL must be an http(s) URL such as https://slack.com/api/',
  }),
  PORT: integerIn('PORT', 0, 65535, 3000),
  DATABASE_PATH: optionalText.transform((v) => v ?? './data/mentor-circles.db'),
  DATABASE_URL: optionalText.refine((v) => v === undefined || isPostgresUrl(v), {
    // The value itself is not repeated: it may hold a password.
    message:
      'DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/mentor_circles',
  }),
  MENTOR_ADMINS: optionalText.transform((value, ctx) => {
    const ids = (value ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== '');
    const bad = ids.filter((id) => !/^[UW][A-Z0-9]+$/.test(id));
    if (bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `MENTOR_ADMINS must be Slack user ids (like U012AB3CD), separated by commas; not: ${bad.join(', ')}`,
      });
      return z.NEVER;
    }
    return ids;
  }),
  PROMPT_WEEKDAY: optionalText.transform((value, ctx) => {
    const weekday = parseWeekday(value ?? 'monday');
    if (weekday === null) {
      ctx.addIssue({ code: 'custom', message: 'PROMPT_WEEKDAY must be a day of the week, like monday' });
      return z.NEVER;
    }
    return weekday;
  }),
  PROMPT_HOUR: integerIn('PROMPT_HOUR', 0, 23, 10),
  NUDGE_ENABLED: boolean('NUDGE_ENABLED', true),
  NUDGE_AFTER_HOURS: integerIn('NUDGE_AFTER_HOURS', 1, 144, 72),
  MIN_LEVEL_GAP: integerIn('MIN_LEVEL_GAP', 1, 5, 1),
  PROPOSAL_TTL_HOURS: integerIn('PROPOSAL_TTL_HOURS', 1, 24 * 30, 72),
  REPORT_HIDE_NAMES: boolean('REPORT_HIDE_NAMES', false),
  PAIR_TERM_WEEKS: integerIn('PAIR_TERM_WEEKS', 4, 104, 26),
  PAIR_EXTENSION_WEEKS: integerIn('PAIR_EXTENSION_WEEKS', 4, 52, 12),
  LOG_LEVEL: optionalText.transform((value, ctx) => {
    const level = (value ?? 'info').toLowerCase();
    const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
    const known = levels.find((l) => l === level);
    if (known === undefined) {
      ctx.addIssue({ code: 'custom', message: `LOG_LEVEL must be one of ${levels.join(', ')}` });
      return z.NEVER;
    }
    return known;
  }),
});

export function loadConfig(env: Readonly<Record<string, string | undefined>>): ConfigResult {
  const parsed = envSchema.safeParse(env);
  // Checked apart from the schema so they are reported even when another variable is also wrong.
  const missing = missingSlackCredentials(env);
  if (!parsed.success || missing.length > 0) {
    return {
      ok: false,
      problems: [...missing, ...(parsed.error?.issues.map((issue) => issue.message) ?? [])],
    };
  }
  const e = parsed.data;
  return {
    ok: true,
    config: {
      slack: {
        botToken: e.SLACK_BOT_TOKEN ?? '',
        signingSecret: e.SLACK_SIGNING_SECRET ?? null,
        appToken: e.SLACK_APP_TOKEN ?? null,
        // The SDK joins method names onto this base, so it must end with a slash.
        apiUrl: e.SLACK_API_URL === undefined ? null : e.SLACK_API_URL.replace(/\/?$/, '/'),
      },
      port: e.PORT,
      database:
        e.DATABASE_URL === undefined
          ? { kind: 'sqlite', path: e.DATABASE_PATH }
          : { kind: 'postgres', url: e.DATABASE_URL },
      adminUserIds: e.MENTOR_ADMINS,
      prompt: {
        weekday: e.PROMPT_WEEKDAY,
        hour: e.PROMPT_HOUR,
        nudgeEnabled: e.NUDGE_ENABLED,
        nudgeAfterHours: e.NUDGE_AFTER_HOURS,
      },
      matching: { minLevelGap: e.MIN_LEVEL_GAP, proposalTtlHours: e.PROPOSAL_TTL_HOURS },
      term: { weeks: e.PAIR_TERM_WEEKS, extensionWeeks: e.PAIR_EXTENSION_WEEKS },
      report: { hideNames: e.REPORT_HIDE_NAMES },
      logLevel: e.LOG_LEVEL,
    },
  };
}

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
