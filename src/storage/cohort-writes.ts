// What other repositories ask of cohorts inside their own transactions: the cohort a new sign-up joins, which
// sign-ups a matching run may see, and the cohort and term a new pair takes. Kept apart from the cohorts
// repository so the offers, requests, matching-pool and proposals repositories can use them without a cycle.
import { and, eq, gt, isNull, lte, notInArray, or, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { cohortTermEnd } from '../domain/cohorts';
import type { Db } from './database';
import { tablesOf } from './tables';

export interface JoinedCohort {
  id: number;
  name: string;
  startsAt: Date;
}

/** The cohort a sign-up made at `now` joins: the one whose sign-up window is open, if any. */
export async function openCohortIn(tx: Db, teamId: string, now: Date): Promise<JoinedCohort | null> {
  const { cohorts } = tablesOf(tx);
  const [row] = await tx
    .select({ id: cohorts.id, name: cohorts.name, startsAt: cohorts.startsAt })
    .from(cohorts)
    .where(
      and(
        eq(cohorts.teamId, teamId),
        lte(cohorts.signupOpensAt, now),
        gt(cohorts.signupClosesAt, now),
        isNull(cohorts.matchedAt),
      ),
    )
    .orderBy(cohorts.id)
    .limit(1);
  return row ?? null;
}

type CohortColumn = AnySQLiteColumn;

/**
 * Which offers and requests a matching run sees, as a condition on their cohort column. Evergreen (null): those
 * of no cohort, and those of a cohort already matched (people its start left unmatched wait with everyone
 * else); a cohort's sign-ups stay out until then. A cohort id: that cohort's sign-ups only.
 */
export async function matchingScopeIn(
  tx: Db,
  teamId: string,
  cohortId: number | null,
): Promise<(column: CohortColumn) => SQL | undefined> {
  if (cohortId !== null) return (column) => eq(column, cohortId);
  const { cohorts } = tablesOf(tx);
  const waiting = (
    await tx
      .select({ id: cohorts.id })
      .from(cohorts)
      .where(and(eq(cohorts.teamId, teamId), isNull(cohorts.matchedAt)))
  ).map((row) => row.id);
  if (waiting.length === 0) return () => undefined;
  return (column) => or(isNull(column), notInArray(column, waiting));
}

/**
 * A pair made from a proposal whose request and offer both joined the same cohort belongs to that cohort, and
 * its term runs from the cohort's start for the cohort's term (this wins over the workspace's term), unless
 * that term is already over when the pair forms.
 */
export async function applyCohortTermIn(
  tx: Db,
  teamId: string,
  pair: { pairId: number; requestId: number | null; offerId: number | null },
  now: Date,
): Promise<void> {
  if (pair.requestId === null || pair.offerId === null) return;
  const { cohorts, offers, pairs, requests } = tablesOf(tx);
  const [request] = await tx
    .select({ cohortId: requests.cohortId })
    .from(requests)
    .where(and(eq(requests.teamId, teamId), eq(requests.id, pair.requestId)));
  const [offer] = await tx
    .select({ cohortId: offers.cohortId })
    .from(offers)
    .where(and(eq(offers.teamId, teamId), eq(offers.id, pair.offerId)));
  const cohortId = request?.cohortId ?? null;
  if (cohortId === null || offer?.cohortId !== cohortId) return;
  const [cohort] = await tx
    .select({ startsAt: cohorts.startsAt, termWeeks: cohorts.termWeeks })
    .from(cohorts)
    .where(and(eq(cohorts.teamId, teamId), eq(cohorts.id, cohortId)));
  if (cohort === undefined) return;
  const termEndsAt = cohortTermEnd(cohort);
  await tx
    .update(pairs)
    .set(termEndsAt.getTime() > now.getTime() ? { cohortId, termEndsAt } : { cohortId })
    .where(and(eq(pairs.teamId, teamId), eq(pairs.id, pair.pairId)));
}
