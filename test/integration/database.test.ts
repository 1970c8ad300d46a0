import { closeDatabase, migrateDatabase, openDatabase } from '../../src/storage/database';
import { countRows, makeTempDir } from '../support/test-database';
import path from 'node:path';

describe('the database', () => {
  it('is built from the migrations on an empty file, and migrating again on restart changes nothing', async () => {
    const temp = makeTempDir();
    const file = path.join(temp.dir, 'nested', 'mentor-circles.db');
    try {
      const first = openDatabase(file);
      migrateDatabase(first);
      const afterFirst = await countRows(first);
      closeDatabase(first);

      const second = openDatabase(file);
      migrateDatabase(second);
      expect(await countRows(second)).toEqual(afterFirst);
      expect(second.$client.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(second.$client.pragma('foreign_keys', { simple: true })).toBe(1);
      closeDatabase(second);

      for (const table of [
        'members',
        'topics',
        'offers',
        'requests',
        'proposals',
        'pairs',
        'prompts',
        'prompt_deliveries',
        'feedback',
        'processed_events',
      ]) {
        expect(afterFirst).toHaveProperty(table);
      }
    } finally {
      temp.cleanup();
    }
  });

  it('carries the Slack team id on every table', () => {
    const temp = makeTempDir();
    try {
      const db = openDatabase(path.join(temp.dir, 'x.db'));
      migrateDatabase(db);
      const tables = db.$client
        .prepare(
          "select name from sqlite_master where type='table' and name not like 'sqlite_%' and name not like '__drizzle%'",
        )
        .all() as { name: string }[];
      const withoutTeam = tables
        .map(({ name }) => name)
        .filter((name) => !['offer_topics', 'request_topics', 'job_runs'].includes(name))
        .filter(
          (name) =>
            !(db.$client.prepare(`pragma table_info("${name}")`).all() as { name: string }[]).some(
              (c) => c.name === 'team_id',
            ),
        );
      expect(withoutTeam).toEqual([]);
      closeDatabase(db);
    } finally {
      temp.cleanup();
    }
  });
});
