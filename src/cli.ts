#!/usr/bin/env node
// mentor-circles <command>: the app's entry point for operators. Each command loads the configuration
// the same way the server does, so a command that works here works in production.
import fs from 'node:fs';
import pino, { type DestinationStream } from 'pino';
import {
  databaseLabel,
  describeConfigProblems,
  hasNoSlackCredentials,
  loadConfig,
  SETUP_GUIDE,
  type Config,
} from './config';
import { BACKUP_USAGE, runBackupCommand } from './cli/backup-command';
import { COPY_DATABASE_USAGE, runCopyDatabaseCommand } from './cli/copy-database-command';
import { errorSummary } from './errors';
import { createLogger, newLogId, withLogFields } from './logger';
import { runServer } from './main';
import { runMatchCommand } from './cli/match-command';
import {
  PROMPTS_USAGE,
  runPromptsCommand,
  runSendPromptsCommand,
  SEND_PROMPTS_USAGE,
} from './cli/prompt-commands';
import { REPORT_USAGE, runReportCommand } from './cli/report-command';
import { runTickCommand, TICK_USAGE } from './cli/tick-command';
import { closeAppDatabase, createDatabase } from './composition/wiring';

export interface CliCommand {
  usage: string;
  summary: string;
  run(args: readonly string[], env: NodeJS.ProcessEnv): Promise<number>;
}

// One entry per command; `mentor-circles help` lists them in this order.
const COMMANDS: Record<string, CliCommand> = {
  start: {
    usage: 'start',
    summary: 'run the Slack app (Socket Mode or HTTP, from the environment)',
    run: (_args, env) => runServer(env),
  },
  migrate: {
    usage: 'migrate',
    summary: 'bring the database schema up to date and exit',
    run: (_args, env) =>
      withConfig(env, { needsSlack: false }, async (config) => {
        await closeAppDatabase(await createDatabase(config));
        console.log(`Database ${databaseLabel(config.database)} is up to date.`);
        return 0;
      }),
  },
  match: {
    usage: 'match',
    summary: 'run matching now for every workspace with open requests and print the proposals',
    run: (_args, env) => withConfig(env, { needsSlack: true }, runMatchCommand),
  },
  report: {
    usage: REPORT_USAGE,
    summary: 'print the admin report, or write it as CSV files (report --help for the options)',
    run: (args, env) => withConfig(env, { needsSlack: false }, (config) => runReportCommand(args, config)),
  },
  'send-prompts': {
    usage: SEND_PROMPTS_USAGE,
    summary: 'send the weekly prompts due at that instant (default now) and print a summary',
    run: (args, env) =>
      withConfig(env, { needsSlack: true }, (config) => runSendPromptsCommand(args, config)),
  },
  tick: {
    usage: TICK_USAGE,
    summary: 'run every scheduled job due at that instant (default now), as one scheduler tick does',
    run: (args, env) => withConfig(env, { needsSlack: true }, (config) => runTickCommand(args, config)),
  },
  prompts: {
    usage: PROMPTS_USAGE,
    summary: 'manage the prompt library (disabled prompts are never sent)',
    run: (args, env) => withConfig(env, { needsSlack: false }, (config) => runPromptsCommand(args, config)),
  },
  backup: {
    usage: BACKUP_USAGE,
    summary: 'copy the database to FILE while the app keeps running, then check the copy',
    run: (args, env) => withConfig(env, { needsSlack: false }, (config) => runBackupCommand(args, config)),
  },
  'copy-database': {
    usage: COPY_DATABASE_USAGE,
    summary: 'copy the SQLite database into an empty PostgreSQL database, then check the counts',
    run: (args, env) =>
      withConfig(env, { needsSlack: false }, (config) => runCopyDatabaseCommand(args, config)),
  },
};

export function usage(): string {
  const width = Math.max(...Object.values(COMMANDS).map((command) => command.usage.length));
  const lines = Object.values(COMMANDS).map(
    (command) => `  ${command.usage.padEnd(width + 2)}${command.summary}`,
  );
  return [
    'Usage: mentor-circles <command>',
    '',
    'Commands:',
    ...lines,
    `  ${'help'.padEnd(width + 2)}show this help`,
  ].join('\n');
}

export async function runCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  /** Where the run's log lines go: stderr, so that stdout stays the command's output (a report, say). */
  logDestination: DestinationStream = pino.destination({ dest: 2, sync: true }),
): Promise<number> {
  const [name, ...args] = argv;
  if (name === 'help' || name === '--help' || name === '-h') {
    console.log(usage());
    return 0;
  }
  const command = name === undefined ? undefined : COMMANDS[name];
  if (command === undefined) {
    console.error(name === undefined ? usage() : `Unknown command: ${name}\n\n${usage()}`);
    return 2;
  }
  // The server logs its own life; every other command is one run, with one summary line and a run id on
  // every line it logs.
  if (name === 'start') return command.run(args, env);
  const logger = createLogger(cliLogLevel(env), logDestination).child({ component: 'cli' });
  const startedAt = performance.now();
  const exitCode = await withLogFields({ runId: newLogId() }, async () => {
    const code = await command.run(args, env).catch((error: unknown) => {
      logger.error({ command: name, err: errorSummary(error).message }, 'cli failed');
      throw error;
    });
    logger.info({ command: name, exitCode: code, ms: Math.round(performance.now() - startedAt) }, 'cli run');
    return code;
  });
  return exitCode;
}

function cliLogLevel(env: NodeJS.ProcessEnv): string {
  const level = (env.LOG_LEVEL ?? '').trim().toLowerCase();
  return level in pino.levels.values || level === 'silent' ? level : 'info';
}

/**
 * Loads the configuration for a command, or prints what is wrong and returns 1. Commands that only touch the
 * database do not need Slack credentials, so placeholders fill them when absent; the rest is still checked.
 */
export async function withConfig(
  env: NodeJS.ProcessEnv,
  { needsSlack }: { needsSlack: boolean },
  run: (config: Config) => number | Promise<number>,
): Promise<number> {
  if (needsSlack && hasNoSlackCredentials(env)) {
    console.error(SETUP_GUIDE);
    return 1;
  }
  const effective = needsSlack
    ? env
    : { SLACK_BOT_TOKEN: 'xoxb-offline', SLACK_SIGNING_SECRET: 'offline', ...env };
  const result = loadConfig(effective);
  if (!result.ok) {
    console.error(describeConfigProblems(result.problems));
    return 1;
  }
  return run(result.config);
}

if (require.main === module) {
  // A .env file beside the app is read if present; variables already set in the environment win.
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  runCli(process.argv.slice(2), process.env).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`mentor-circles failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
