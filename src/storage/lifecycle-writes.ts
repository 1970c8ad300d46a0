// Every write of a proposal's or a pair's status, in one place. Each update moves only rows that are still in a
// status the domain allows to lead to the new one (src/domain/pair-lifecycle.ts), as a condition of the UPDATE
// itself: a second click, a concurrent job or another process that got there first makes the write a no-op,
// reported as `false` (or an empty list), never a forbidden change. Callers pass the `tx` of the transaction
// they are in (or the database inside a store turn), so a status change commits together with the rest of its
// work.
import { and, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import {
  NEW_PAIR_STATUS,
  NEW_PROPOSAL_STATUS,
  pairStatusesLeadingTo,
  proposalStatusesLeadingTo,
  type PairStatus,
  type ProposalStatus,
} from '../domain/pair-lifecycle';
import type { PairRole } from '../domain/participation';
import { preparedPerConnection, prepareStatement } from './build-once';
import type { Db } from './database';
import type { pairs, proposals } from './schema';
import { tablesOf } from './tables';

export type NewProposal = Omit<typeof proposals.$inferInsert, 'id' | 'status' | 'decidedAt'>;
export type NewPair = Omit<
  typeof pairs.$inferInsert,
  'id' | 'status' | 'endedAt' | 'endedBy' | 'endReason' | 'extensions'
>;
export type EndReason = NonNullable<typeof pairs.$inferSelect.endReason>;
/** What a pending proposal can become. */
export type ProposalDecision = Exclude<ProposalStatus, typeof NEW_PROPOSAL_STATUS>;

/** Stores new proposals, waiting for their mentor's answer; returns their ids in insertion order. */
export async function insertPendingProposals(tx: Db, rows: readonly NewProposal[]): Promise<number[]> {
  const { proposals } = tablesOf(tx);
  if (rows.length === 0) return [];
  const inserted = await tx
    .insert(proposals)
    .values(rows.map((row) => ({ ...row, status: NEW_PROPOSAL_STATUS })))
    .returning({ id: proposals.id });
  return inserted.map((row) => row.id);
}

/** Closes a proposal that is still pending; false when it was already closed. */
export async function decideProposal(
  tx: Db,
  teamId: string,
  proposalId: number,
  decision: ProposalDecision,
  decidedAt: Date,
): Promise<boolean> {
  const { proposals } = tablesOf(tx);
  const decided = await tx
    .update(proposals)
    .set({ status: decision, decidedAt })
    .where(
      and(
        eq(proposals.teamId, teamId),
        eq(proposals.id, proposalId),
        inArray(proposals.status, proposalStatusesLeadingTo(decision)),
      ),
    )
    .returning({ id: proposals.id });
  return decided.length > 0;
}

/** Expires every proposal of the workspace still pending at its expiry; returns their ids. */
export async function expireDueProposals(tx: Db, teamId: string, now: Date): Promise<number[]> {
  const { proposals } = tablesOf(tx);
  const expired = await tx
    .update(proposals)
    .set({ status: 'expired', decidedAt: now })
    .where(
      and(
        eq(proposals.teamId, teamId),
        inArray(proposals.status, proposalStatusesLeadingTo('expired')),
        lte(proposals.expiresAt, now),
      ),
    )
    .returning({ id: proposals.id });
  return expired.map((row) => row.id);
}

/** Stores the pair an accepted proposal becomes, running from the start; returns its id. */
export async function insertActivePair(tx: Db, pair: NewPair): Promise<number> {
  const { pairs } = tablesOf(tx);
  const [inserted] = await tx
    .insert(pairs)
    .values({ ...pair, status: NEW_PAIR_STATUS })
    .returning({ id: pairs.id });
  return inserted!.id;
}

/** Pauses a running pair (the quiet-weeks question); false when it was not active. */
export async function pausePair(tx: Db, teamId: string, pairId: number): Promise<boolean> {
  const { pairs } = tablesOf(tx);
  return (await movePairs(tx, and(eq(pairs.teamId, teamId), eq(pairs.id, pairId)), 'paused')) > 0;
}

// movePairs for the pairs of a workspace whose `key` column is one value, prepared once per connection: the
// moves /mentor pause and resume make before they answer.
const preparedMove = (to: PairStatus, key: 'id' | 'mentorId' | 'menteeId') =>
  preparedPerConnection((q) => {
    const { pairs } = tablesOf(q);
    return prepareStatement(
      q,
      q
        .update(pairs)
        .set({ status: to })
        .where(
          and(
            eq(pairs.teamId, sql.placeholder('teamId')),
            eq(pairs[key], sql.placeholder('key')),
            inArray(pairs.status, pairStatusesLeadingTo(to)),
          ),
        )
        .returning({ id: pairs.id }),
    );
  });
// One statement per role: with `mentor = ? or mentee = ?` SQLite picks the (team, status) index and reads every
// active pair of the workspace.
const pauseAsMentor = preparedMove('paused', 'mentorId');
const pauseAsMentee = preparedMove('paused', 'menteeId');
const resumeById = preparedMove('active', 'id');

/**
 * Pauses every active pair of a member who takes a break, in the roles given: a caller that has just read the
 * member's pairs in the same transaction leaves out a role without one (a round trip fewer on PostgreSQL).
 */
export async function pausePairsOf(
  tx: Db,
  teamId: string,
  userId: string,
  roles: readonly PairRole[] = ['mentor', 'mentee'],
): Promise<void> {
  if (roles.includes('mentor')) await pauseAsMentor(tx).execute({ teamId, key: userId });
  if (roles.includes('mentee')) await pauseAsMentee(tx).execute({ teamId, key: userId });
}

/** Runs a paused pair again; false when it was not paused. */
export async function resumePair(
  tx: Db,
  teamId: string,
  pairId: number,
  changes: { inactivityAskedAt?: Date } = {},
): Promise<boolean> {
  if (changes.inactivityAskedAt === undefined) {
    return (await resumeById(tx).execute({ teamId, key: pairId })).length > 0;
  }
  const { pairs } = tablesOf(tx);
  return (await movePairs(tx, and(eq(pairs.teamId, teamId), eq(pairs.id, pairId)), 'active', changes)) > 0;
}

/** Ends a pair that is still running; false when it had already ended. */
export async function endPair(
  tx: Db,
  teamId: string,
  pairId: number,
  ended: { at: Date; by: string; reason: EndReason },
): Promise<boolean> {
  const { pairs } = tablesOf(tx);
  const moved = await movePairs(tx, and(eq(pairs.teamId, teamId), eq(pairs.id, pairId)), 'ended', {
    endedAt: ended.at,
    endedBy: ended.by,
    endReason: ended.reason,
  });
  return moved > 0;
}

/** Moves the matching pairs that may become `to`; returns how many moved. */
async function movePairs(
  tx: Db,
  which: SQL | undefined,
  to: PairStatus,
  changes: Partial<
    Pick<typeof pairs.$inferInsert, 'endedAt' | 'endedBy' | 'endReason' | 'inactivityAskedAt'>
  > = {},
): Promise<number> {
  const { pairs } = tablesOf(tx);
  const moved = await tx
    .update(pairs)
    .set({ ...changes, status: to })
    .where(and(which, inArray(pairs.status, pairStatusesLeadingTo(to))))
    .returning({ id: pairs.id });
  return moved.length;
}
