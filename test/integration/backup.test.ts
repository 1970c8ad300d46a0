// Backups are taken while the app keeps writing, and only count once the copy has been opened and checked.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../../src/cli';
import { backupDatabase, checkBackup } from '../../src/storage/backup';
import { openDatabase } from '../../src/storage/database';
import { countRows, createTestDatabase, makeTempDir } from '../support/test-database';
import { startTestApp, TEAM } from '../support/test-app';
import { captureConsole } from '../support/capture-console';
import { logSink } from '../support/log-lines';

/** One write as the app makes them: a member and their exclusion, in one transaction. */
function writeMemberWithExclusion(sqlite: Database.Database, n: number): void {
  sqlite.transaction(() => {
    sqlite
      .prepare('insert into members (team_id, user_id, name) values (?, ?, ?)')
      .run(TEAM, `UW${n}`, `Writer ${n} ${'x'.repeat(200)}`);
    sqlite
      .prepare('insert into exclusions (team_id, user_id, excluded_user_id) values (?, ?, ?)')
      .run(TEAM, `UW${n}`, 'UBOSS');
  })();
}

describe('online backup', () => {
  it('makes a consistent copy while writes land between its steps, from the app and from its own connection', async () => {
    const source = createTestDatabase();
    const temp = makeTempDir();
    // Another connection to the same file: the running app, while the backup runs in the CLI.
    const app = new Database(source.file);
    app.pragma('busy_timeout = 5000');
    try {
      for (let n = 0; n < 500; n += 1) writeMemberWithExclusion(app, n);
      const before = (await countRows(source.db)).members ?? 0;
      let written = 500;
      let steps = 0;
      const result = await backupDatabase(source.db, path.join(temp.dir, 'copy.db'), {
        pagesPerStep: 5,
        onProgress: () => {
          steps += 1;
          // Writes during the first steps only: each one from another connection restarts SQLite's copy.
          if (steps <= 20) {
            writeMemberWithExclusion(steps % 2 === 0 ? app : source.db.$client, written);
            written += 1;
          }
        },
      });
      const after = (await countRows(source.db)).members ?? 0;

      expect(steps).toBeGreaterThan(20);
      expect(result.integrity).toBe('ok');
      expect(fs.existsSync(`${result.file}-wal`)).toBe(false);
      const copied = result.rowCounts;
      expect(copied.members).toBeGreaterThanOrEqual(before);
      expect(copied.members).toBeLessThanOrEqual(after);
      // Every write is in the copy whole or not at all.
      expect(copied.exclusions).toBe(copied.members);
      expect(copied.prompts).toBe(11);
      // And the copy stands on its own: it opens and reads like any database file.
      const copy = openDatabase(result.file);
      expect(await countRows(copy)).toEqual(copied);
      copy.$client.close();
    } finally {
      app.close();
      source.close();
      temp.cleanup();
    }
  });

  it('refuses to overwrite an existing file', async () => {
    const source = createTestDatabase();
    try {
      await expect(backupDatabase(source.db, source.file)).rejects.toThrow(/already exists/);
    } finally {
      source.close();
    }
  });
});

describe('mentor-circles backup FILE', () => {
  it('backs up the database of a running app, prints the check, and the copy restores into a working app', async () => {
    const temp = makeTempDir();
    const live = path.join(temp.dir, 'live.db');
    const backup = path.join(temp.dir, 'backup.db');
    const t = await startTestApp({ databasePath: live });
    const output = captureConsole();
    const logs = logSink();
    try {
      await t.command('U1', 'help');
      writeMemberWithExclusion(t.app.context.db.$client, 1);
      const code = await runCli(['backup', backup], { DATABASE_PATH: live }, logs.stream);
      output.restore();

      expect(code).toBe(0);
      const printed = output.out.join('\n');
      expect(printed).toContain(`Backed up ${live} to ${backup}`);
      expect(printed).toContain('Integrity check: ok');
      expect(printed).toMatch(/members\s+1\b/);
      expect(printed).toMatch(/prompts\s+11\b/);
      expect(logs.lines).toEqual([
        expect.objectContaining({ component: 'cli', command: 'backup', exitCode: 0, msg: 'cli run' }),
      ]);
      expect(typeof logs.lines[0]?.runId).toBe('string');
      expect(checkBackup(backup).integrity).toBe('ok');
    } finally {
      output.restore();
      await t.close();
    }

    // Restoring (docs/operations.md): with the app stopped, put the copy where DATABASE_PATH points and start it.
    const restored = path.join(temp.dir, 'restored.db');
    fs.copyFileSync(backup, restored);
    const again = await startTestApp({ databasePath: restored });
    try {
      expect((await countRows(again.app.context.db)).members).toBe(1);
      expect((await fetch(`${again.baseUrl}/healthz`)).status).toBe(200);
    } finally {
      await again.close();
      temp.cleanup();
    }
  });

  it.each<[string, string[], number, RegExp]>([
    ['without a file name', [], 2, /Usage: mentor-circles backup FILE/],
    ['onto an existing file', ['EXISTING'], 1, /already exists/],
    ['when there is no database yet', ['NEW'], 1, /There is no database at/],
  ])('fails %s, changing nothing', async (_case, args, expected, message) => {
    const temp = makeTempDir();
    const existing = path.join(temp.dir, 'existing.db');
    fs.writeFileSync(existing, 'keep me');
    const source = createTestDatabase();
    const databasePath = args[0] === 'NEW' ? path.join(temp.dir, 'missing.db') : source.file;
    const file = args[0] === 'EXISTING' ? existing : path.join(temp.dir, 'new.db');
    const output = captureConsole();
    try {
      const code = await runCli(
        ['backup', ...(args.length === 0 ? [] : [file])],
        { DATABASE_PATH: databasePath },
        logSink().stream,
      );
      output.restore();
      expect(code).toBe(expected);
      expect(output.err.join('\n')).toMatch(message);
      expect(fs.readFileSync(existing, 'utf8')).toBe('keep me');
      expect(fs.existsSync(path.join(temp.dir, 'missing.db'))).toBe(false);
      expect(fs.existsSync(path.join(temp.dir, 'new.db'))).toBe(false);
    } finally {
      output.restore();
      source.close();
      temp.cleanup();
    }
  });
});
