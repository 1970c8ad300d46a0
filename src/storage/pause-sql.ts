// The pause rule of src/domain/pause.ts (isPaused) in SQL, for queries that filter on it: a pause with no end
// lasts until resumed, and a pause whose end has passed no longer counts, even before the scheduler clears it.
import { sql, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

export interface PauseColumns {
  pausedAt: AnySQLiteColumn;
  pausedUntil: AnySQLiteColumn;
}

/** 1 while the member is on a break at `now`, else 0 (also 0 when the member row is missing). */
// SQLite only: compares the stored epoch milliseconds with now.getTime(), and a comparison is the integer 0 or 1;
// PostgreSQL will need timestamps compared with a Date and the boolean cast (or a case) to 0/1.
export function onBreakSql(member: PauseColumns, now: Date): SQL<number> {
  return sql<number>`coalesce(${member.pausedAt} is not null and (${member.pausedUntil} is null or ${member.pausedUntil} > ${now.getTime()}), 0)`;
}

export function notOnBreakSql(member: PauseColumns, now: Date): SQL {
  return sql`${onBreakSql(member, now)} = 0`;
}
