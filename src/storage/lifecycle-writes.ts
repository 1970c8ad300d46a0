// Every write of a proposal's or a pair's status, in one place. Each update moves only rows that are still in a
// status the domain allows to lead to the new one (src/domain/pair-lifecycle.ts), as a condition of the UPDATE
// itself: a second click, a concurrent job or another process that got there first makes the write a no-op,
// reported as `false` (or an empty list), never a forbidden change. Callers pass the database or the
// transaction they are in, so a status change commits together with the rest of its work.
import { and, eq, inArray, lte, or, type SQL } from 'drizzle-orm';
import {
  NEW_PAIR_STATUS,
  NEW_PROPOSAL_STATUS,
  pairStatusesLeadingTo,
  proposalStatusesLeadingTo,
  type PairStatus,
  type ProposalStatus,
} from '../domain/pair-lifecycle';
import type { Db } from './database';
import { pairs, proposals } from './schema';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** The database, or the transaction the write belongs to. */
export type Writer = Db | Tx;

export type NewProposal = Omit<typeof proposals.$inferInsert, 'id' | 'status' | 'decidedAt'>;
export type NewPair = Omit<typeof pairs.$inferInsert, 'id' | 'status' | 'endedAt' | 'endedBy'>;
/** What a pending proposal can become. */
export type ProposalDecision = Exclude<ProposalStatus, typeof NEW_PROPOSAL_STATUS>;

/** Stores new proposals, waiting for their mentor's answer; returns their ids in insertion order. */
export function insertPendingProposals(writer: Writer, rows: readonly NewProposal[]): number[] {
  if (rows.length === 0) return [];
  return writer
    .insert(proposals)
    .values(rows.map((row) => ({ ...row, status: NEW_PROPOSAL_STATUS })))
    .returning({ id: proposals.id })
    .all()
    .map((row) => row.id);
}

/** Closes a proposal that is still pending; false when it was already closed. */
export function decideProposal(
  writer: Writer,
  teamId: string,
  proposalId: number,
  decision: ProposalDecision,
  decidedAt: Date,
): boolean {
  const result = writer
    .update(proposals)
    .set({ status: decision, decidedAt })
    .where(
      and(
        eq(proposals.teamId, teamId),
        eq(proposals.id, proposalId),
        inArray(proposals.status, proposalStatusesLeadingTo(decision)),
      ),
    )
    .run();
  return result.changes > 0;
}

/** Expires every proposal of the workspace still pending at its expiry; returns their ids. */
export function expireDueProposals(writer: Writer, teamId: string, now: Date): number[] {
  return writer
    .update(proposals)
    .set({ status: 'expired', decidedAt: now })
    .where(
      and(
        eq(proposals.teamId, teamId),
        inArray(proposals.status, proposalStatusesLeadingTo('expired')),
        lte(proposals.expiresAt, now),
      ),
    )
    .returning({ id: proposals.id })
    .all()
    .map((row) => row.id);
}

/** Stores the pair an accepted proposal becomes, running from the start; returns its id. */
export function insertActivePair(writer: Writer, pair: NewPair): number {
  return writer
    .insert(pairs)
    .values({ ...pair, status: NEW_PAIR_STATUS })
    .returning({ id: pairs.id })
    .get().id;
}

/** Pauses a running pair (the quiet-weeks question); false when it was not active. */
export function pausePair(writer: Writer, teamId: string, pairId: number): boolean {
  return movePairs(writer, and(eq(pairs.teamId, teamId), eq(pairs.id, pairId)), 'paused') > 0;
}

/** Pauses every active pair of a member who takes a break. */
export function pausePairsOf(writer: Writer, teamId: string, userId: string): void {
  movePairs(
    writer,
    and(eq(pairs.teamId, teamId), or(eq(pairs.mentorId, userId), eq(pairs.menteeId, userId))),
    'paused',
  );
}

/** Runs a paused pair again; false when it was not paused. */
export function resumePair(
  writer: Writer,
  teamId: string,
  pairId: number,
  changes: { inactivityAskedAt?: Date } = {},
): boolean {
  return movePairs(writer, and(eq(pairs.teamId, teamId), eq(pairs.id, pairId)), 'active', changes) > 0;
}

/** Ends a pair that is still running; false when it had already ended. */
export function endPair(
  writer: Writer,
  teamId: string,
  pairId: number,
  ended: { at: Date; by: string },
): boolean {
  return (
    movePairs(writer, and(eq(pairs.teamId, teamId), eq(pairs.id, pairId)), 'ended', {
      endedAt: ended.at,
      endedBy: ended.by,
    }) > 0
  );
}

/** Moves the matching pairs that may become `to`; returns how many moved. */
function movePairs(
  writer: Writer,
  which: SQL | undefined,
  to: PairStatus,
  changes: Partial<Pick<typeof pairs.$inferInsert, 'endedAt' | 'endedBy' | 'inactivityAskedAt'>> = {},
): number {
  return writer
    .update(pairs)
    .set({ ...changes, status: to })
    .where(and(which, inArray(pairs.status, pairStatusesLeadingTo(to))))
    .run().changes;
}
