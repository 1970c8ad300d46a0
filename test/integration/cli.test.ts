import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../src/cli';
import { SETUP_GUIDE } from '../../src/config';
import { countRows, makeTempDir } from '../support/test-database';
import { openDatabase } from '../../src/storage/database';
import { captureConsole } from '../support/capture-console';

describe('mentor-circles CLI', () => {
  it('prints usage and exits 2 for an unknown command', async () => {
    const output = captureConsole();
    const code = await runCli(['frobnicate'], {});
    output.restore();
    expect(code).toBe(2);
    expect(output.err.join('\n')).toContain('Unknown command: frobnicate');
    expect(output.err.join('\n')).toContain('migrate');
  });

  it('explains how to create the Slack app and exits non-zero when started with no token at all', async () => {
    const output = captureConsole();
    const code = await runCli(['start'], {});
    output.restore();
    expect(code).toBe(1);
    const text = output.err.join('\n');
    expect(text).toBe(SETUP_GUIDE);
    for (const hint of [
      'manifest.yml',
      'SLACK_BOT_TOKEN',
      'SLACK_APP_TOKEN',
      'SLACK_SIGNING_SECRET',
      'npm run demo',
    ]) {
      expect(text).toContain(hint);
    }
  });

  it('lists every configuration problem, without a stack trace, when started half-configured', async () => {
    const output = captureConsole();
    const code = await runCli(['start'], { SLACK_BOT_TOKEN: 'xoxb-1', PROMPT_HOUR: '25' });
    output.restore();
    expect(code).toBe(1);
    const text = output.err.join('\n');
    expect(text).toContain('SLACK_SIGNING_SECRET is required');
    expect(text).toContain('PROMPT_HOUR');
    expect(text).not.toMatch(/\bat .+\.ts:\d+/);
  });

  it('migrates a new database and is idempotent', async () => {
    const temp = makeTempDir();
    const file = path.join(temp.dir, 'db', 'mc.db');
    const output = captureConsole();
    try {
      expect(await runCli(['migrate'], { DATABASE_PATH: file })).toBe(0);
      expect(await runCli(['migrate'], { DATABASE_PATH: file })).toBe(0);
      expect(fs.existsSync(file)).toBe(true);
      const db = openDatabase(file);
      expect((await countRows(db)).prompts).toBe(11);
      db.$client.close();
    } finally {
      output.restore();
      temp.cleanup();
    }
  });
});
