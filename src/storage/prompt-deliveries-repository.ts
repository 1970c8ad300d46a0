// Weekly prompt deliveries and the pair facts the prompt jobs need. A delivery row is reserved before the
// message is posted and confirmed after; the unique (pair_id, week_key) index is what makes a second
// reservation for the same pair and week impossible, whichever process tries.
import { and, desc, eq, gt, inArray, isNotNull, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { PairStatus } from '../domain/pair-lifecycle';
import type { PairRole } from '../domain/participation';
import type { Db } from './database';
import * as lifecycle from './lifecycle-writes';
import { onBreakSql } from './pause-sql';
import { tablesOf, type Tables } from './tables';
import { storeFor } from './store';

export type DeliveryStatus = 'reserved' | 'sent' | 'failed';
export type PromptOutcome = 'discussed' | 'skipped';

/** An active pair as the prompt jobs see it. */
export interface PromptPair {
  id: number;
  teamId: string;
  channelId: string | null;
  startedAt: Date;
  mentorId: string | null;
  menteeId: string | null;
  mentorTimeZone: string | null;
  menteeTimeZone: string | null;
  /** True when either member is on a pause at the instant asked about. */
  memberPaused: boolean;
  inactivityAskedAt: Date | null;
}

export interface Delivery {
  id: number;
  teamId: string;
  pairId: number;
  weekKey: string;
  promptId: number | null;
  promptText: string;
  status: DeliveryStatus;
  channelId: string | null;
  messageTs: string | null;
  reservedAt: Date;
  sentAt: Date | null;
  answeredAt: Date | null;
  outcome: PromptOutcome | null;
  nudgedAt: Date | null;
}

export interface DeliveryWithPair extends Delivery {
  pair: { status: PairStatus; mentorId: string | null; menteeId: string | null };
}

export interface PairState {
  id: number;
  status: PairStatus;
  mentorId: string | null;
  menteeId: string | null;
  memberPaused: boolean;
}

export interface Reservation {
  teamId: string;
  pairId: number;
  weekKey: string;
  promptId: number;
  promptText: string;
  channelId: string;
  reservedAt: Date;
}

export interface WeekStates {
  settled: Map<string, number>;
  reservedPairs: Set<number>;
}

export interface PromptDeliveriesRepository {
  /** The workspaces that have at least one active pair (the scheduler's only cross-team query). */
  teamsWithActivePairs(): Promise<string[]>;
  activePairs(teamId: string, now: Date): Promise<PromptPair[]>;
  findForWeek(teamId: string, pairId: number, weekKey: string): Promise<Delivery | null>;
  /**
   * For a run's first look at every active pair at once: the deliveries of these weeks already settled (sent or
   * failed), as delivery id by `${pairId}/${weekKey}`, and the pairs holding a reservation not yet confirmed.
   */
  weekStates(teamId: string, weekKeys: readonly string[]): Promise<WeekStates>;
  /** Reservations of weeks before `weekKey` still unconfirmed: left by a run that died, the app then down. */
  reservedBeforeWeek(teamId: string, pairId: number, weekKey: string): Promise<Delivery[]>;
  find(teamId: string, id: number): Promise<DeliveryWithPair | null>;
  findByMessage(teamId: string, channelId: string, ts: string): Promise<DeliveryWithPair | null>;
  /** The prompts this pair has had or may have had (sent, or reserved and not yet confirmed). */
  promptIdsHad(teamId: string, pairId: number): Promise<number[]>;
  /** Inserts the reservation; null when the pair already has a delivery for that week. */
  reserve(reservation: Reservation): Promise<Delivery | null>;
  /** Takes over a stale reservation; false when another run renewed or resolved it first. */
  renewReservation(teamId: string, id: number, previousReservedAt: Date, now: Date): Promise<boolean>;
  recordSent(
    teamId: string,
    id: number,
    sent: { channelId: string; ts: string; sentAt: Date },
  ): Promise<void>;
  recordFailed(teamId: string, id: number, error: string): Promise<void>;
  markPairNeedsAttention(teamId: string, pairId: number, reason: string): Promise<void>;
  recordReply(teamId: string, id: number, role: PairRole, at: Date): Promise<void>;
  /** Sets the outcome; returns the outcome it had before. "Discussed" also counts as an answer. */
  recordOutcome(
    teamId: string,
    id: number,
    outcome: PromptOutcome,
    role: PairRole,
    at: Date,
  ): Promise<PromptOutcome | null>;
  /** Sent, unanswered, not yet nudged deliveries of active pairs, sent after `sentSince`. */
  nudgeCandidates(teamId: string, sentSince: Date, now: Date): Promise<(Delivery & { pair: PromptPair })[]>;
  /** Marks the nudge as sent; false when it already was (so only one run posts it). */
  claimNudge(teamId: string, id: number, now: Date): Promise<boolean>;
  /** The pair's sent deliveries, newest first. */
  sentDeliveries(teamId: string, pairId: number, limit: number): Promise<Delivery[]>;
  /**
   * Active pairs with at least `streak` sent questions nobody answered since the pair was last asked whether to
   * pause (or resumed): the only pairs whose unanswered streak can have reached `streak`.
   */
  pairsThatMayBeQuiet(teamId: string, streak: number): Promise<Set<number>>;
  /** Records that the pair was asked; false when another run asked since `previousAskedAt`. */
  claimInactivityQuestion(
    teamId: string,
    pairId: number,
    previousAskedAt: Date | null,
    now: Date,
  ): Promise<boolean>;
  findPair(teamId: string, pairId: number, now: Date): Promise<PairState | null>;
  /** Pauses an active pair; false when it was not active. */
  pausePair(teamId: string, pairId: number): Promise<boolean>;
  /** Sets a paused pair running again, its unanswered streak counted afresh; false when it was not paused. */
  resumePair(teamId: string, pairId: number, now: Date): Promise<boolean>;
  /** "Keep going": the unanswered streak starts again from now. */
  restartInactivityCount(teamId: string, pairId: number, now: Date): Promise<void>;
}

export function createPromptDeliveriesRepository(db: Db): PromptDeliveriesRepository {
  const { members, pairs, promptDeliveries } = tablesOf(db);
  const mentor = alias(members, 'mentor');
  const mentee = alias(members, 'mentee');

  const deliveryColumns = {
    id: promptDeliveries.id,
    teamId: promptDeliveries.teamId,
    pairId: promptDeliveries.pairId,
    weekKey: promptDeliveries.weekKey,
    promptId: promptDeliveries.promptId,
    promptText: promptDeliveries.promptText,
    status: promptDeliveries.status,
    channelId: promptDeliveries.channelId,
    messageTs: promptDeliveries.messageTs,
    reservedAt: promptDeliveries.reservedAt,
    sentAt: promptDeliveries.sentAt,
    answeredAt: promptDeliveries.answeredAt,
    outcome: promptDeliveries.outcome,
    nudgedAt: promptDeliveries.nudgedAt,
  };
  const store = storeFor(db);
  const pairSelection = (now: Date) => ({
    id: pairs.id,
    teamId: pairs.teamId,
    channelId: pairs.channelId,
    startedAt: pairs.startedAt,
    mentorId: pairs.mentorId,
    menteeId: pairs.menteeId,
    mentorTimeZone: mentor.timeZone,
    menteeTimeZone: mentee.timeZone,
    mentorPaused: onBreakSql(mentor, now),
    menteePaused: onBreakSql(mentee, now),
    inactivityAskedAt: pairs.inactivityAskedAt,
  });
  const toPair = (
    row: {
      mentorPaused: number;
      menteePaused: number;
    } & Omit<PromptPair, 'memberPaused'>,
  ): PromptPair => {
    const { mentorPaused, menteePaused, ...pair } = row;
    return { ...pair, memberPaused: Boolean(mentorPaused) || Boolean(menteePaused) };
  };
  const findWithPair = async (teamId: string, condition: ReturnType<typeof and>) => {
    const [row] = await store.run((q) =>
      q
        .select({
          ...deliveryColumns,
          pairStatus: pairs.status,
          mentorId: pairs.mentorId,
          menteeId: pairs.menteeId,
        })
        .from(promptDeliveries)
        .innerJoin(
          pairs,
          and(eq(pairs.id, promptDeliveries.pairId), eq(pairs.teamId, promptDeliveries.teamId)),
        )
        .where(and(eq(promptDeliveries.teamId, teamId), condition))
        .limit(1),
    );
    if (row === undefined) return null;
    const { pairStatus, mentorId, menteeId, ...delivery } = row;
    return { ...delivery, pair: { status: pairStatus, mentorId, menteeId } };
  };

  return {
    async teamsWithActivePairs() {
      const rows = await store.run((q) =>
        q.selectDistinct({ teamId: pairs.teamId }).from(pairs).where(eq(pairs.status, 'active')),
      );
      return rows.map((row) => row.teamId);
    },

    async activePairs(teamId, now) {
      const rows = await store.run((q) =>
        q
          .select(pairSelection(now))
          .from(pairs)
          .leftJoin(mentor, and(eq(mentor.teamId, pairs.teamId), eq(mentor.userId, pairs.mentorId)))
          .leftJoin(mentee, and(eq(mentee.teamId, pairs.teamId), eq(mentee.userId, pairs.menteeId)))
          .where(and(eq(pairs.teamId, teamId), eq(pairs.status, 'active')))
          .orderBy(pairs.id),
      );
      return rows.map(toPair);
    },

    async weekStates(teamId, weekKeys) {
      const states: WeekStates = { settled: new Map(), reservedPairs: new Set() };
      const activePairIds = (q: Db) =>
        q
          .select({ id: pairs.id })
          .from(pairs)
          .where(and(eq(pairs.teamId, teamId), eq(pairs.status, 'active')));
      await store.run(async (q) => {
        // By (pair, week), the unique index's order: one lookup per active pair, however long the history.
        if (weekKeys.length > 0) {
          const rows = await q
            .select({
              id: promptDeliveries.id,
              pairId: promptDeliveries.pairId,
              weekKey: promptDeliveries.weekKey,
            })
            .from(promptDeliveries)
            .where(
              and(
                inArray(promptDeliveries.pairId, activePairIds(q)),
                inArray(promptDeliveries.weekKey, [...weekKeys]),
                ne(promptDeliveries.status, 'reserved'),
              ),
            );
          for (const row of rows) states.settled.set(`${row.pairId}/${row.weekKey}`, row.id);
        }
        const reserved = await q
          .selectDistinct({ pairId: promptDeliveries.pairId })
          .from(promptDeliveries)
          .where(and(eq(promptDeliveries.teamId, teamId), eq(promptDeliveries.status, 'reserved')));
        for (const row of reserved) states.reservedPairs.add(row.pairId);
      });
      return states;
    },

    async reservedBeforeWeek(teamId, pairId, weekKey) {
      return store.run((q) =>
        q
          .select(deliveryColumns)
          .from(promptDeliveries)
          .where(
            and(
              eq(promptDeliveries.teamId, teamId),
              eq(promptDeliveries.pairId, pairId),
              eq(promptDeliveries.status, 'reserved'),
              // Week keys are zero-padded 'YYYY-Www', so they sort as text in calendar order.
              lt(promptDeliveries.weekKey, weekKey),
            ),
          )
          .orderBy(promptDeliveries.weekKey),
      );
    },

    async findForWeek(teamId, pairId, weekKey) {
      const [delivery] = await store.run((q) =>
        q
          .select(deliveryColumns)
          .from(promptDeliveries)
          .where(
            and(
              eq(promptDeliveries.teamId, teamId),
              eq(promptDeliveries.pairId, pairId),
              eq(promptDeliveries.weekKey, weekKey),
            ),
          )
          .limit(1),
      );
      return delivery ?? null;
    },

    async find(teamId, id) {
      return findWithPair(teamId, eq(promptDeliveries.id, id));
    },

    async findByMessage(teamId, channelId, ts) {
      return findWithPair(
        teamId,
        and(eq(promptDeliveries.channelId, channelId), eq(promptDeliveries.messageTs, ts)),
      );
    },

    async promptIdsHad(teamId, pairId) {
      const rows = await store.run((q) =>
        q
          .select({ promptId: promptDeliveries.promptId })
          .from(promptDeliveries)
          .where(
            and(
              eq(promptDeliveries.teamId, teamId),
              eq(promptDeliveries.pairId, pairId),
              or(eq(promptDeliveries.status, 'sent'), eq(promptDeliveries.status, 'reserved')),
              isNotNull(promptDeliveries.promptId),
            ),
          ),
      );
      return rows.flatMap((row) => (row.promptId === null ? [] : [row.promptId]));
    },

    async reserve(reservation) {
      const [reserved] = await store.run((q) =>
        q
          .insert(promptDeliveries)
          .values({ ...reservation, status: 'reserved' })
          .onConflictDoNothing({ target: [promptDeliveries.pairId, promptDeliveries.weekKey] })
          .returning(deliveryColumns),
      );
      return reserved ?? null;
    },

    async renewReservation(teamId, id, previousReservedAt, now) {
      const renewed = await store.run((q) =>
        q
          .update(promptDeliveries)
          .set({ reservedAt: now })
          .where(
            and(
              eq(promptDeliveries.teamId, teamId),
              eq(promptDeliveries.id, id),
              eq(promptDeliveries.status, 'reserved'),
              eq(promptDeliveries.reservedAt, previousReservedAt),
            ),
          )
          .returning({ id: promptDeliveries.id }),
      );
      return renewed.length === 1;
    },

    async recordSent(teamId, id, { channelId, ts, sentAt }) {
      await store.run((q) =>
        q
          .update(promptDeliveries)
          .set({ status: 'sent', channelId, messageTs: ts, sentAt, error: null })
          .where(and(eq(promptDeliveries.teamId, teamId), eq(promptDeliveries.id, id))),
      );
    },

    async recordFailed(teamId, id, error) {
      await store.run((q) =>
        q
          .update(promptDeliveries)
          .set({ status: 'failed', error })
          .where(and(eq(promptDeliveries.teamId, teamId), eq(promptDeliveries.id, id))),
      );
    },

    async markPairNeedsAttention(teamId, pairId, reason) {
      await store.run((q) =>
        q
          .update(pairs)
          .set({ needsAttention: reason })
          .where(and(eq(pairs.teamId, teamId), eq(pairs.id, pairId))),
      );
    },

    async recordReply(teamId, id, role, at) {
      await store.run((q) =>
        q
          .update(promptDeliveries)
          .set({
            answeredAt: firstAnswer(promptDeliveries, at),
            replyCount: sql`${promptDeliveries.replyCount} + 1`,
            ...(role === 'mentor' ? { answeredByMentor: true } : { answeredByMentee: true }),
          })
          .where(and(eq(promptDeliveries.teamId, teamId), eq(promptDeliveries.id, id))),
      );
    },

    async recordOutcome(teamId, id, outcome, role, at) {
      return store.transaction(async (tx) => {
        const [before] = await tx
          .select({ outcome: promptDeliveries.outcome })
          .from(promptDeliveries)
          .where(and(eq(promptDeliveries.teamId, teamId), eq(promptDeliveries.id, id)))
          .limit(1);
        await tx
          .update(promptDeliveries)
          .set({
            outcome,
            ...(outcome === 'discussed'
              ? {
                  answeredAt: firstAnswer(promptDeliveries, at),
                  ...(role === 'mentor' ? { answeredByMentor: true } : { answeredByMentee: true }),
                }
              : {}),
          })
          .where(and(eq(promptDeliveries.teamId, teamId), eq(promptDeliveries.id, id)));
        return before?.outcome ?? null;
      }, 'write');
    },

    async nudgeCandidates(teamId, sentSince, now) {
      const rows = await store.run((q) =>
        q
          .select({ ...deliveryColumns, pair: pairSelection(now) })
          .from(promptDeliveries)
          .innerJoin(
            pairs,
            and(eq(pairs.id, promptDeliveries.pairId), eq(pairs.teamId, promptDeliveries.teamId)),
          )
          .leftJoin(mentor, and(eq(mentor.teamId, pairs.teamId), eq(mentor.userId, pairs.mentorId)))
          .leftJoin(mentee, and(eq(mentee.teamId, pairs.teamId), eq(mentee.userId, pairs.menteeId)))
          .where(
            and(
              eq(promptDeliveries.teamId, teamId),
              eq(promptDeliveries.status, 'sent'),
              isNull(promptDeliveries.answeredAt),
              isNull(promptDeliveries.outcome),
              isNull(promptDeliveries.nudgedAt),
              gt(promptDeliveries.sentAt, sentSince),
              eq(pairs.status, 'active'),
            ),
          )
          .orderBy(promptDeliveries.id),
      );
      return rows.map(({ pair, ...delivery }) => ({ ...delivery, pair: toPair(pair) }));
    },

    async claimNudge(teamId, id, now) {
      const claimed = await store.run((q) =>
        q
          .update(promptDeliveries)
          .set({ nudgedAt: now })
          .where(
            and(
              eq(promptDeliveries.teamId, teamId),
              eq(promptDeliveries.id, id),
              isNull(promptDeliveries.nudgedAt),
            ),
          )
          .returning({ id: promptDeliveries.id }),
      );
      return claimed.length === 1;
    },

    async sentDeliveries(teamId, pairId, limit) {
      return store.run((q) =>
        q
          .select(deliveryColumns)
          .from(promptDeliveries)
          .where(
            and(
              eq(promptDeliveries.teamId, teamId),
              eq(promptDeliveries.pairId, pairId),
              eq(promptDeliveries.status, 'sent'),
            ),
          )
          .orderBy(desc(promptDeliveries.sentAt), desc(promptDeliveries.id))
          .limit(limit),
      );
    },

    async pairsThatMayBeQuiet(teamId, streak) {
      const rows = await store.run((q) =>
        q
          .select({ pairId: pairs.id })
          .from(promptDeliveries)
          .innerJoin(
            pairs,
            and(eq(pairs.id, promptDeliveries.pairId), eq(pairs.teamId, promptDeliveries.teamId)),
          )
          .where(
            and(
              eq(promptDeliveries.teamId, teamId),
              eq(promptDeliveries.status, 'sent'),
              isNotNull(promptDeliveries.sentAt),
              isNull(promptDeliveries.answeredAt),
              isNull(promptDeliveries.outcome),
              eq(pairs.status, 'active'),
              or(isNull(pairs.inactivityAskedAt), gt(promptDeliveries.sentAt, pairs.inactivityAskedAt)),
            ),
          )
          .groupBy(pairs.id)
          .having(sql`count(*) >= ${streak}`),
      );
      return new Set(rows.map((row) => row.pairId));
    },

    async claimInactivityQuestion(teamId, pairId, previousAskedAt, now) {
      const claimed = await store.run((q) =>
        q
          .update(pairs)
          .set({ inactivityAskedAt: now })
          .where(
            and(
              eq(pairs.teamId, teamId),
              eq(pairs.id, pairId),
              eq(pairs.status, 'active'),
              previousAskedAt === null
                ? isNull(pairs.inactivityAskedAt)
                : eq(pairs.inactivityAskedAt, previousAskedAt),
            ),
          )
          .returning({ id: pairs.id }),
      );
      return claimed.length === 1;
    },

    async findPair(teamId, pairId, now) {
      const [row] = await store.run((q) =>
        q
          .select({
            id: pairs.id,
            status: pairs.status,
            mentorId: pairs.mentorId,
            menteeId: pairs.menteeId,
            mentorPaused: onBreakSql(mentor, now),
            menteePaused: onBreakSql(mentee, now),
          })
          .from(pairs)
          .leftJoin(mentor, and(eq(mentor.teamId, pairs.teamId), eq(mentor.userId, pairs.mentorId)))
          .leftJoin(mentee, and(eq(mentee.teamId, pairs.teamId), eq(mentee.userId, pairs.menteeId)))
          .where(and(eq(pairs.teamId, teamId), eq(pairs.id, pairId)))
          .limit(1),
      );
      if (row === undefined) return null;
      const { mentorPaused, menteePaused, ...pair } = row;
      return { ...pair, memberPaused: Boolean(mentorPaused) || Boolean(menteePaused) };
    },

    async pausePair(teamId, pairId) {
      return store.run((q) => lifecycle.pausePair(q, teamId, pairId));
    },

    async resumePair(teamId, pairId, now) {
      return store.run((q) => lifecycle.resumePair(q, teamId, pairId, { inactivityAskedAt: now }));
    },

    async restartInactivityCount(teamId, pairId, now) {
      await store.run((q) =>
        q
          .update(pairs)
          .set({ inactivityAskedAt: now })
          .where(and(eq(pairs.teamId, teamId), eq(pairs.id, pairId))),
      );
    },
  };
}

/** The time of the first answer: kept when set, else `at`, bound as the column stores it in either dialect. */
function firstAnswer(promptDeliveries: Tables['promptDeliveries'], at: Date): SQL {
  return sql`coalesce(${promptDeliveries.answeredAt}, ${sql.param(at, promptDeliveries.answeredAt)})`;
}
