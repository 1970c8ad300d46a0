// The pause rule of src/domain/pause.ts (isPaused) in SQL, for queries that filter on it: a pause with no end
// lasts until resumed, and a pause whose end has passed no longer counts, even before the scheduler clears it.
import { and, gt, isNotNull, isNull, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

export interface PauseColumns {
  pausedAt: AnySQLiteColumn;
  pausedUntil: AnySQLiteColumn;
}

/** 1 while the member is on a break at `now`, else 0 (also 0 when the member row is missing). */
// Written with drizzle's operators on the columns, so `now` is bound as each dialect stores the column (epoch
// milliseconds on SQLite, a timestamp on PostgreSQL), and a case gives 0/1 where PostgreSQL has booleans.
export function onBreakSql(member: PauseColumns, now: Date | SQLWrapper): SQL<number> {
  const onBreak = and(
    isNotNull(member.pausedAt),
    or(isNull(member.pausedUntil), gt(member.pausedUntil, now)),
  );
  return sql<number>`(case when ${onBreak} then 1 else 0 end)`.mapWith(Number);
}

export function notOnBreakSql(member: PauseColumns, now: Date | SQLWrapper): SQL {
  return sql`${onBreakSql(member, now)} = 0`;
}
