// What a CLI test that talks to Slack needs: the fake Slack with the workspace's people, a fresh database (SQLite
// or PostgreSQL, as test-database.ts's testDatabaseKind says) and the environment the CLI reads.
import { startFakeSlack, type FakeSlack } from '../../dev/fake-slack-server';
import { runCli } from '../../src/cli';
import { captureConsole } from './capture-console';
import { createAppDatabase, makeTempDir } from './test-database';

export interface CliSetup {
  fake: FakeSlack;
  env: Record<string, string>;
  /** Runs `mentor-circles <args>` in-process, capturing what it printed. */
  run(...args: string[]): Promise<{ code: number; out: string; err: string }>;
  close(): Promise<void>;
}

export async function startCliSetup(userIds: readonly string[]): Promise<CliSetup> {
  const fake = await startFakeSlack();
  // Slack messages only people of the workspace.
  for (const id of userIds) fake.addUser({ id, teamId: fake.teamId, name: id });
  const temp = makeTempDir();
  const database = await createAppDatabase(temp.dir, 'cli.db');
  const env: Record<string, string> = {
    SLACK_BOT_TOKEN: 'xoxb-cli-test',
    SLACK_SIGNING_SECRET: 'cli-secret',
    SLACK_API_URL: fake.apiUrl,
    ...database.env,
    LOG_LEVEL: 'silent',
  };
  return {
    fake,
    env,
    async run(...args) {
      const output = captureConsole();
      try {
        const code = await runCli(args, env);
        return { code, out: output.out.join('\n'), err: output.err.join('\n') };
      } finally {
        output.restore();
      }
    },
    async close() {
      await fake.close();
      await database.drop();
      temp.cleanup();
    },
  };
}
