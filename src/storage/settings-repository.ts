// A workspace's own programme settings (one row, a null column meaning "the default"). Saving writes the row and
// one audit entry per changed setting in one transaction.
import { eq, sql } from 'drizzle-orm';
import { SETTING_KEYS, type SettingKey, type SettingsOverrides } from '../domain/programme-settings';
import { parseWeekday } from '../domain/prompt-schedule';
import { recordAuditIn } from './audit-log';
import { once, prepareStatement } from './build-once';
import type { Db } from './database';
import type { workspaceSettings } from './schema';
import { storeFor } from './store';
import { tablesOf } from './tables';

export interface SettingsRepository {
  overrides(teamId: string): Promise<SettingsOverrides>;
  /**
   * Replaces the workspace's overrides with `overrides` (a key left out goes back to its default) and audits
   * every key whose value changed. Returns the keys that changed.
   */
  save(change: {
    teamId: string;
    actorId: string;
    overrides: SettingsOverrides;
    at: Date;
  }): Promise<SettingKey[]>;
}

type Row = typeof workspaceSettings.$inferSelect;

export function createSettingsRepository(db: Db): SettingsRepository {
  const { workspaceSettings: table } = tablesOf(db);
  const store = storeFor(db);
  // Read by nearly every command (the programme's name, its term): prepared once rather than built per call.
  // Outside a transaction a turn's connection is `db` itself on both databases (store.ts).
  // No .limit(1) (the key is the primary key): drizzle binds a limit, and SQLite re-prepares a statement whose
  // LIMIT is a bound parameter every time it runs.
  const overridesStatement = once(() =>
    prepareStatement(
      db,
      db
        .select()
        .from(table)
        .where(eq(table.teamId, sql.placeholder('teamId'))),
    ),
  );
  return {
    async overrides(teamId) {
      const [row] = await store.run(() => overridesStatement().execute({ teamId }));
      return row === undefined ? {} : toOverrides(row);
    },
    save: ({ teamId, actorId, overrides, at }) =>
      store.transaction(async (tx) => {
        const { workspaceSettings: t } = tablesOf(tx);
        const [row] = await tx.select().from(t).where(eq(t.teamId, teamId)).limit(1);
        const before = row === undefined ? {} : toOverrides(row);
        const changed = SETTING_KEYS.filter((key) => (before[key] ?? null) !== (overrides[key] ?? null));
        if (changed.length === 0) return [];
        const columns = toColumns(overrides);
        await tx
          .insert(t)
          .values({ teamId, ...columns, updatedAt: at })
          .onConflictDoUpdate({ target: t.teamId, set: { ...columns, updatedAt: at } });
        for (const key of changed) {
          await recordAuditIn(tx, {
            teamId,
            actorId,
            action: 'setting.changed',
            subject: key,
            before: before[key] ?? null,
            after: overrides[key] ?? null,
            at,
          });
        }
        return changed;
      }),
  };
}

function toOverrides(row: Row): SettingsOverrides {
  const overrides: SettingsOverrides = {};
  if (row.programmeName !== null) overrides.programmeName = row.programmeName;
  if (row.welcomeText !== null) overrides.welcomeText = row.welcomeText;
  const weekday = row.promptWeekday === null ? null : parseWeekday(row.promptWeekday);
  if (weekday !== null) overrides.promptWeekday = weekday;
  if (row.promptHour !== null) overrides.promptHour = row.promptHour;
  if (row.nudgeEnabled !== null) overrides.nudgeEnabled = row.nudgeEnabled;
  if (row.nudgeAfterHours !== null) overrides.nudgeAfterHours = row.nudgeAfterHours;
  if (row.minLevelGap !== null) overrides.minLevelGap = row.minLevelGap;
  if (row.proposalTtlHours !== null) overrides.proposalTtlHours = row.proposalTtlHours;
  if (row.reportHideNames !== null) overrides.reportHideNames = row.reportHideNames;
  if (row.membersAddTopics !== null) overrides.membersAddTopics = row.membersAddTopics;
  if (row.pairTermWeeks !== null) overrides.pairTermWeeks = row.pairTermWeeks;
  if (row.extensionWeeks !== null) overrides.extensionWeeks = row.extensionWeeks;
  return overrides;
}

function toColumns(overrides: SettingsOverrides) {
  return {
    programmeName: overrides.programmeName ?? null,
    // A welcome text set to "none" is stored as no override: the built-in introduction is the default.
    welcomeText: overrides.welcomeText ?? null,
    promptWeekday: overrides.promptWeekday ?? null,
    promptHour: overrides.promptHour ?? null,
    nudgeEnabled: overrides.nudgeEnabled ?? null,
    nudgeAfterHours: overrides.nudgeAfterHours ?? null,
    minLevelGap: overrides.minLevelGap ?? null,
    proposalTtlHours: overrides.proposalTtlHours ?? null,
    reportHideNames: overrides.reportHideNames ?? null,
    membersAddTopics: overrides.membersAddTopics ?? null,
    pairTermWeeks: overrides.pairTermWeeks ?? null,
    extensionWeeks: overrides.extensionWeeks ?? null,
  };
}
