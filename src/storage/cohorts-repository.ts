// A workspace's cohorts: the admin's list, opening one (with its audit entry, checked against the other
// cohorts inside the same write transaction), the cohorts due to be matched, and matching one exactly once:
// the cohort is claimed (matchedAt set) in the very transaction that stores its proposals, so two replicas, or
// a crash between the two, can never match a cohort twice or leave it claimed without its proposals.
import { and, asc, eq, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { Cohort, CohortFormResult } from '../domain/cohorts';
import { recordAuditIn } from './audit-log';
import type { Db } from './database';
import { insertProposalsIn, type ProposalDraft } from './proposals-repository';
import { storeFor } from './store';
import { tablesOf } from './tables';

export interface CohortListing extends Cohort {
  /** Offers and requests made inside its window. */
  offers: number;
  requests: number;
}

export type OpenCohortOutcome =
  { ok: true; cohort: Cohort } | { ok: false; errors: Extract<CohortFormResult, { ok: false }>['errors'] };

export interface CohortsRepository {
  /** The workspace's cohorts, the most recent start first, with how many signed up. */
  list(teamId: string): Promise<CohortListing[]>;
  /** Id and name of each of the workspace's cohorts, for filtering reports. */
  cohortsOf(teamId: string): Promise<{ id: number; name: string }[]>;
  /** Stores the cohort the form describes, checked against the workspace's cohorts as they are now. */
  open(request: {
    teamId: string;
    actorId: string;
    at: Date;
    check: (existing: readonly Cohort[]) => CohortFormResult;
  }): Promise<OpenCohortOutcome>;
  /** Cohorts of every workspace whose start has come and that are not matched yet. */
  dueForMatching(now: Date): Promise<(Cohort & { teamId: string })[]>;
  /**
   * Claims the cohort for matching and stores its proposals, in one transaction; null when it was already
   * matched (by another replica, or an earlier run). Returns the ids of the proposals stored.
   */
  claimAndPropose(
    teamId: string,
    cohortId: number,
    drafts: readonly ProposalDraft[],
    now: Date,
    expiresAt: Date,
  ): Promise<number[] | null>;
}

export function createCohortsRepository(db: Db): CohortsRepository {
  const { cohorts } = tablesOf(db);
  const store = storeFor(db);

  return {
    async list(teamId) {
      return store.transaction((tx) => listIn(tx, teamId), 'read');
    },

    async cohortsOf(teamId) {
      return store.run((q) =>
        q
          .select({ id: cohorts.id, name: cohorts.name })
          .from(cohorts)
          .where(eq(cohorts.teamId, teamId))
          .orderBy(asc(cohorts.startsAt), asc(cohorts.id)),
      );
    },

    async open({ teamId, actorId, at, check }) {
      return store.transaction(async (tx): Promise<OpenCohortOutcome> => {
        const existing = await cohortsIn(tx, teamId);
        const parsed = check(existing);
        if (!parsed.ok) return parsed;
        const { draft } = parsed;
        const [row] = await tx
          .insert(cohorts)
          .values({ teamId, ...draft, createdBy: actorId, createdAt: at })
          .returning();
        await recordAuditIn(tx, {
          teamId,
          actorId,
          action: 'cohort.opened',
          subject: draft.name,
          before: null,
          after: {
            signupOpensAt: draft.signupOpensAt.toISOString(),
            signupClosesAt: draft.signupClosesAt.toISOString(),
            startsAt: draft.startsAt.toISOString(),
            termWeeks: draft.termWeeks,
          },
          at,
        });
        return { ok: true, cohort: toCohort(row!) };
      }, 'write');
    },

    async dueForMatching(now) {
      const rows = await store.run((q) =>
        q
          .select()
          .from(cohorts)
          .where(and(isNull(cohorts.matchedAt), lte(cohorts.startsAt, now)))
          .orderBy(asc(cohorts.startsAt), asc(cohorts.id)),
      );
      return rows.map((row) => ({ ...toCohort(row), teamId: row.teamId }));
    },

    async claimAndPropose(teamId, cohortId, drafts, now, expiresAt) {
      return store.transaction(async (tx) => {
        const claimed = await tx
          .update(cohorts)
          .set({ matchedAt: now })
          .where(
            and(
              eq(cohorts.teamId, teamId),
              eq(cohorts.id, cohortId),
              isNull(cohorts.matchedAt),
              lte(cohorts.startsAt, now),
            ),
          )
          .returning({ id: cohorts.id });
        if (claimed.length === 0) return null;
        return drafts.length === 0 ? [] : insertProposalsIn(tx, teamId, drafts, now, expiresAt);
      }, 'write');
    },
  };
}

async function cohortsIn(tx: Db, teamId: string): Promise<Cohort[]> {
  const { cohorts } = tablesOf(tx);
  const rows = await tx
    .select()
    .from(cohorts)
    .where(eq(cohorts.teamId, teamId))
    .orderBy(asc(cohorts.startsAt), asc(cohorts.id));
  return rows.map(toCohort);
}

async function listIn(tx: Db, teamId: string): Promise<CohortListing[]> {
  const { offers, requests } = tablesOf(tx);
  const count = sql<number>`count(*)`.mapWith(Number);
  const offerCounts = await tx
    .select({ cohortId: offers.cohortId, count })
    .from(offers)
    .where(and(eq(offers.teamId, teamId), isNotNull(offers.cohortId)))
    .groupBy(offers.cohortId);
  const requestCounts = await tx
    .select({ cohortId: requests.cohortId, count })
    .from(requests)
    .where(and(eq(requests.teamId, teamId), isNotNull(requests.cohortId)))
    .groupBy(requests.cohortId);
  const byCohort = (rows: { cohortId: number | null; count: number }[]) =>
    new Map(rows.map((row) => [row.cohortId, row.count]));
  const offered = byCohort(offerCounts);
  const requested = byCohort(requestCounts);
  return (await cohortsIn(tx, teamId)).reverse().map((cohort) => ({
    ...cohort,
    offers: offered.get(cohort.id) ?? 0,
    requests: requested.get(cohort.id) ?? 0,
  }));
}

/** A cohort row's columns without the ones the domain has no use for. */
function toCohort(row: Cohort): Cohort {
  return {
    id: row.id,
    name: row.name,
    signupOpensAt: row.signupOpensAt,
    signupClosesAt: row.signupClosesAt,
    startsAt: row.startsAt,
    termWeeks: row.termWeeks,
    matchedAt: row.matchedAt,
  };
}
