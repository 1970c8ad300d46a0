// The admin tables on SQLite and on a real PostgreSQL: added admins, settings overrides and the audit log each
// change writes in the same transaction, read back the same on both.
import path from 'node:path';
import { closeDatabase, migrateDatabase, openDatabase, type Db } from '../../src/storage/database';
import { asDb, closePostgres, migratePostgres, openPostgres } from '../../src/storage/postgres-database';
import { createRepositories, type Repositories } from '../../src/storage/repositories';
import { createPostgresTestDatabase } from '../support/postgres-server';
import { HOUR } from '../support/test-clock';
import { makeTempDir } from '../support/test-database';

const TEAM = 'T0ADMINS';
const OTHER_TEAM = 'T0OTHER';
const NOW = new Date('2026-11-23T09:00:00.000Z');
const LATER = new Date(NOW.getTime() + HOUR);

interface Backend {
  db: Db;
  close(): Promise<void>;
}

async function openSqlite(): Promise<Backend> {
  const { dir, cleanup } = makeTempDir();
  const db = openDatabase(path.join(dir, 'admin.db'));
  migrateDatabase(db);
  return {
    db,
    async close() {
      closeDatabase(db);
      cleanup();
    },
  };
}

async function openPostgresBackend(): Promise<Backend> {
  const database = await createPostgresTestDatabase();
  const pg = openPostgres(database.url);
  await migratePostgres(pg);
  return {
    db: asDb(pg),
    async close() {
      await closePostgres(pg);
      await database.drop();
    },
  };
}

describe.each([
  ['SQLite', openSqlite],
  ['PostgreSQL', openPostgresBackend],
])('admin storage on %s', (_name, open) => {
  let backend: Backend;
  let repos: Repositories;
  beforeEach(async () => {
    backend = await open();
    repos = createRepositories(backend.db);
  });
  afterEach(async () => {
    await backend.close();
  });

  it("reads someone's admin rights: added in Slack or not, and their stored workspace role", async () => {
    const profile = { name: 'Ada', timeZone: null };
    await repos.members.saveProfile(TEAM, 'U0ADA', { ...profile, isWorkspaceAdmin: true }, NOW);
    await repos.members.saveProfile(TEAM, 'U0BEN', { ...profile, isWorkspaceAdmin: false }, LATER);
    await repos.members.saveProfile(OTHER_TEAM, 'U0BEN', { ...profile, isWorkspaceAdmin: true }, NOW);
    await repos.programmeAdmins.add({ teamId: TEAM, userId: 'U0BEN', actorId: 'U0ADA', at: NOW });

    expect(await repos.programmeAdmins.rightsOf(TEAM, 'U0ADA')).toEqual({
      listed: false,
      storedRole: { isWorkspaceAdmin: true, fetchedAt: NOW },
    });
    expect(await repos.programmeAdmins.rightsOf(TEAM, 'U0BEN')).toEqual({
      listed: true,
      storedRole: { isWorkspaceAdmin: false, fetchedAt: LATER },
    });
    expect(await repos.programmeAdmins.rightsOf(OTHER_TEAM, 'U0BEN')).toEqual({
      listed: false,
      storedRole: { isWorkspaceAdmin: true, fetchedAt: NOW },
    });
    expect(await repos.programmeAdmins.rightsOf(TEAM, 'U0NOBODY')).toEqual({
      listed: false,
      storedRole: null,
    });
  });

  it('adds an admin once, removes them once, and audits exactly those changes', async () => {
    const change = { teamId: TEAM, userId: 'U0NEW', actorId: 'U0ADMIN', at: NOW };
    expect(await repos.programmeAdmins.add(change)).toBe(true);
    expect(await repos.programmeAdmins.add({ ...change, at: LATER })).toBe(false);
    expect(await repos.programmeAdmins.rightsOf(TEAM, 'U0NEW')).toEqual({ listed: true, storedRole: null });
    expect(await repos.programmeAdmins.rightsOf(OTHER_TEAM, 'U0NEW')).toEqual({
      listed: false,
      storedRole: null,
    });
    expect(await repos.programmeAdmins.list(TEAM)).toEqual([
      { userId: 'U0NEW', addedBy: 'U0ADMIN', addedAt: NOW },
    ]);

    expect(await repos.programmeAdmins.remove({ ...change, actorId: 'U0NEW', at: LATER })).toBe(true);
    expect(await repos.programmeAdmins.remove({ ...change, at: LATER })).toBe(false);
    expect(await repos.programmeAdmins.list(TEAM)).toEqual([]);

    expect(await repos.auditLog.all(TEAM)).toEqual([
      expect.objectContaining({
        actorId: 'U0ADMIN',
        action: 'admin.added',
        subject: 'U0NEW',
        before: null,
        after: 'U0NEW',
        at: NOW,
      }),
      expect.objectContaining({
        actorId: 'U0NEW',
        action: 'admin.removed',
        subject: 'U0NEW',
        before: 'U0NEW',
        after: null,
        at: LATER,
      }),
    ]);
    expect(await repos.auditLog.all(OTHER_TEAM)).toEqual([]);
  });

  it('saves settings overrides per workspace and audits each changed key with its value before and after', async () => {
    expect(await repos.settings.overrides(TEAM)).toEqual({});
    const first = {
      promptHour: 7,
      nudgeEnabled: false,
      programmeName: 'Learn Together',
      promptWeekday: 'friday' as const,
    };
    expect(
      await repos.settings.save({ teamId: TEAM, actorId: 'U0ADMIN', overrides: first, at: NOW }),
    ).toEqual(['programmeName', 'promptWeekday', 'promptHour', 'nudgeEnabled']);
    expect(await repos.settings.overrides(TEAM)).toEqual(first);
    expect(await repos.settings.overrides(OTHER_TEAM)).toEqual({});

    const second = {
      promptHour: 8,
      nudgeEnabled: false,
      programmeName: 'Learn Together',
      promptWeekday: 'friday' as const,
    };
    expect(
      await repos.settings.save({ teamId: TEAM, actorId: 'U0ADMIN', overrides: second, at: LATER }),
    ).toEqual(['promptHour']);
    expect(
      await repos.settings.save({ teamId: TEAM, actorId: 'U0ADMIN', overrides: second, at: LATER }),
    ).toEqual([]);

    const page = await repos.auditLog.page(TEAM, 0, 2);
    expect(page.total).toBe(5);
    expect(page.entries.map((entry) => [entry.subject, entry.before, entry.after])).toEqual([
      ['promptHour', 7, 8],
      ['nudgeEnabled', null, false],
    ]);
    const rest = await repos.auditLog.page(TEAM, 4, 2);
    expect(rest.entries.map((entry) => [entry.subject, entry.before, entry.after])).toEqual([
      ['programmeName', null, 'Learn Together'],
    ]);
  });
});
