#!/usr/bin/env node
// mentor-circles <command>: the app's entry point for operators. Each command loads the configuration
// the same way the server does, so a command that works here works in production.
import fs from 'node:fs';
import {
  describeConfigProblems,
  hasNoSlackCredentials,
  loadConfig,
  SETUP_GUIDE,
  type Config,
} from './config';
import { closeDatabase } from './storage/database';
import { createDatabase } from './wiring';
import { runServer } from './main';

const USAGE = `Usage: mentor-circles <command>

Commands:
  start                       run the Slack app (Socket Mode or HTTP, from the environment)
  migrate                     bring the database schema up to date and exit
  help                        show this help`;

export async function runCli(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [command] = argv;
  switch (command) {
    case 'start':
      return runServer(env);
    case 'migrate':
      return withConfig(env, { needsSlack: false }, (config) => {
        const db = createDatabase(config);
        closeDatabase(db);
        console.log(`Database ${config.databasePath} is up to date.`);
        return 0;
      });
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return 0;
    default:
      console.error(command === undefined ? USAGE : `Unknown command: ${command}\n\n${USAGE}`);
      return 2;
  }
}

/**
 * Commands that only touch the database do not need Slack credentials, so they are filled with placeholders
 * when absent; the other variables are still checked.
 */
async function withConfig(
  env: NodeJS.ProcessEnv,
  { needsSlack }: { needsSlack: boolean },
  run: (config: Config) => number | Promise<number>,
): Promise<number> {
  const effective = needsSlack
    ? env
    : { SLACK_BOT_TOKEN: 'xoxb-offline', SLACK_SIGNING_SECRET: 'offline', ...env };
  if (needsSlack && hasNoSlackCredentials(env)) {
    console.error(SETUP_GUIDE);
    return 1;
  }
  const result = loadConfig(effective);
  if (!result.ok) {
    console.error(describeConfigProblems(result.problems));
    return 1;
  }
  return run(result.config);
}

export { withConfig };

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
