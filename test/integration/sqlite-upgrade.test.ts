// Installs made before the SQLite migrations moved from migrations/ to migrations/sqlite/ recorded the hash of
// each migration file they applied. The files moved unchanged, so such an install upgrades in place.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { closeDatabase, migrateDatabase, MIGRATIONS_FOLDER, openDatabase } from '../../src/storage/database';
import * as schema from '../../src/storage/schema';
import { createOrganisationRepository } from '../../src/storage/organisation-repository';
import { DEFAULT_ORGANISATION, levelNameOf, levelPosition } from '../../src/domain/organisation';
import { countRows, makeTempDir } from '../support/test-database';

// sha256 of 0000_init.sql and 0001_seed_catalogues.sql as every existing install holds them.
const HASHES_IN_EXISTING_INSTALLS = [
  'c7b4481a89032f3c30fcac8e4987806b40e37d06a4b05da480b2b86bf30c351c',
  'eb65e803dec4c4fc5709fd7a136eba6cb6757744214a491ccc5762d076b8ff70',
];

describe('an SQLite database built before the migrations moved to migrations/sqlite/', () => {
  it('upgrades in place: nothing applied twice, nothing lost', async () => {
    const temp = makeTempDir();
    try {
      // The old layout: the SQLite migrations at the top of migrations/.
      const oldFolder = path.join(temp.dir, 'migrations');
      fs.cpSync(MIGRATIONS_FOLDER, oldFolder, { recursive: true });
      const file = path.join(temp.dir, 'mentor-circles.db');
      const old = drizzle(new Database(file), { schema });
      migrate(old, { migrationsFolder: oldFolder });
      old.run(sql`insert into members (team_id, user_id, name) values ('T1', 'U1', 'Ada')`);
      const before = await countRows(old);
      old.$client.close();

      const db = await openDatabase(file);
      await migrateDatabase(db);
      expect(await countRows(db)).toEqual(before);
      expect(before.members).toBe(1);
      const applied = db.$client.prepare('select hash from __drizzle_migrations order by id').all() as {
        hash: string;
      }[];
      expect(applied.map((row) => row.hash).slice(0, HASHES_IN_EXISTING_INSTALLS.length)).toEqual(
        HASHES_IN_EXISTING_INSTALLS,
      );
      const journal = JSON.parse(
        fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'),
      );
      expect(applied).toHaveLength(journal.entries.length);
      await closeDatabase(db);
    } finally {
      temp.cleanup();
    }
  });
});

describe('an SQLite install from before per-workspace levels and departments', () => {
  it('upgrades with today’s lists: everyone keeps their level and department, matching sees the same order', async () => {
    const temp = makeTempDir();
    try {
      // The migrations as they were: everything before the one that adds the workspace's ladder.
      const oldFolder = path.join(temp.dir, 'migrations');
      fs.cpSync(MIGRATIONS_FOLDER, oldFolder, { recursive: true });
      const journalFile = path.join(oldFolder, 'meta', '_journal.json');
      const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
      const first = journal.entries.findIndex((entry) =>
        fs.readFileSync(path.join(oldFolder, `${entry.tag}.sql`), 'utf8').includes('workspace_levels'),
      );
      expect(first).toBeGreaterThan(0);
      fs.writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, first) }));

      const file = path.join(temp.dir, 'mentor-circles.db');
      const old = drizzle(new Database(file), { schema });
      migrate(old, { migrationsFolder: oldFolder });
      old.run(sql`insert into members (team_id, user_id, name, level, department) values
        ('T1', 'U1', 'Ada', 1, 'Engineering'), ('T1', 'U2', 'Ben', 5, 'People/HR'), ('T1', 'U3', 'Cy', 6, 'Legal')`);
      const members = old.$client.prepare('select * from members order by user_id').all();
      old.$client.close();

      const db = await openDatabase(file);
      await migrateDatabase(db);
      expect(db.$client.prepare('select * from members order by user_id').all()).toEqual(members);
      const org = await createOrganisationRepository(db).overview('T1');
      expect(org.organisation).toEqual(DEFAULT_ORGANISATION);
      expect([1, 5, 6].map((level) => levelNameOf(org.organisation, level))).toEqual([
        'Intern or graduate',
        'Senior manager or director',
        'Executive (VP and above)',
      ]);
      expect(levelPosition(org.organisation, 5)).toBe(5);
      expect(org.levelHolders).toEqual(
        new Map([
          [1, 1],
          [5, 1],
          [6, 1],
        ]),
      );
      await closeDatabase(db);
    } finally {
      temp.cleanup();
    }
  });
});
