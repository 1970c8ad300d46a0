// The reads behind the pair-health view and the weekly admin digest, and the admin's own writes on a pair:
// ending it (with the reason, kept in the audit log for admins only) and recording the other admin actions.
// Only ids, statuses, dates, counts and topic names are read: never notes, goals or message text.
import { and, count, eq, gt, inArray, isNotNull, lte, max } from 'drizzle-orm';
import { RUNNING_PAIR_STATUSES, type PairStatus } from '../domain/pair-lifecycle';
import type { HeadlineFigures, PairHealth } from '../domain/pair-health';
import { CONTACT_REQUEST_DAYS } from '../domain/journey-mentor-voice';
import { addDays } from '../domain/pairing-journey';
import { recordAuditIn, type AuditEntryDraft } from './audit-log';
import type { Db } from './database';
import * as lifecycle from './lifecycle-writes';
import { storeFor } from './store';
import { tablesOf } from './tables';

export interface RunningPair {
  pairId: number;
  status: PairStatus;
  mentorId: string | null;
  menteeId: string | null;
  channelId: string | null;
}

export type AdminEndResult = { kind: 'ended'; pair: RunningPair } | { kind: 'not-running' };

export type { HeadlineFigures };

export interface PairHealthRepository {
  load(teamId: string, window: { quietSince: Date; now: Date; expiringBefore: Date }): Promise<PairHealth>;
  headlines(teamId: string): Promise<HeadlineFigures>;
  findRunningPair(teamId: string, pairId: number): Promise<RunningPair | null>;
  /** Ends a running pair and records who ended it and why, in one transaction. */
  endPairByAdmin(
    teamId: string,
    pairId: number,
    ended: { actorId: string; reason: string; at: Date },
  ): Promise<AdminEndResult>;
  /** Records an admin action that changes no programme row (a nudge, a matching run, a suggestion). */
  recordAdminAction(entry: AuditEntryDraft): Promise<void>;
  /** The stored names of these members (those without a row are left out). */
  namesOf(teamId: string, userIds: readonly string[]): Promise<Map<string, string>>;
}

export function createPairHealthRepository(db: Db): PairHealthRepository {
  const store = storeFor(db);
  return {
    load: (teamId, window) => store.transaction((tx) => loadHealth(tx, teamId, window), 'read'),

    headlines: (teamId) =>
      store.transaction(async (tx) => {
        const { members, pairs, proposals, requests } = tablesOf(tx);
        const countOf = async (rows: Promise<{ n: number }[]>) => (await rows)[0]?.n ?? 0;
        const n = count().mapWith(Number);
        return {
          members: await countOf(tx.select({ n }).from(members).where(eq(members.teamId, teamId))),
          activePairs: await countOf(
            tx
              .select({ n })
              .from(pairs)
              .where(and(eq(pairs.teamId, teamId), eq(pairs.status, 'active'))),
          ),
          waiting: await countOf(
            tx
              .select({ n })
              .from(requests)
              .where(and(eq(requests.teamId, teamId), eq(requests.status, 'open'))),
          ),
          proposalsPending: await countOf(
            tx
              .select({ n })
              .from(proposals)
              .where(and(eq(proposals.teamId, teamId), eq(proposals.status, 'pending'))),
          ),
        };
      }, 'read'),

    findRunningPair: (teamId, pairId) => store.run((q) => runningPair(q, teamId, pairId)),

    endPairByAdmin: (teamId, pairId, ended) =>
      store.transaction(async (tx): Promise<AdminEndResult> => {
        const pair = await runningPair(tx, teamId, pairId);
        if (pair === null) return { kind: 'not-running' };
        if (
          !(await lifecycle.endPair(tx, teamId, pairId, { at: ended.at, by: ended.actorId, reason: 'admin' }))
        )
          return { kind: 'not-running' };
        await recordAuditIn(tx, {
          teamId,
          actorId: ended.actorId,
          action: 'pair.ended',
          subject: `pair ${pairId}`,
          before: { status: pair.status },
          after: { status: 'ended', reason: ended.reason },
          at: ended.at,
        });
        return { kind: 'ended', pair };
      }, 'write'),

    recordAdminAction: (entry) => store.transaction((tx) => recordAuditIn(tx, entry), 'write'),

    async namesOf(teamId, userIds) {
      if (userIds.length === 0) return new Map();
      const rows = await store.run((q) => {
        const { members } = tablesOf(q);
        return q
          .select({ userId: members.userId, name: members.name })
          .from(members)
          .where(and(eq(members.teamId, teamId), inArray(members.userId, [...userIds])));
      });
      return new Map(rows.map((row) => [row.userId, row.name]));
    },
  };
}

async function runningPair(db: Db, teamId: string, pairId: number): Promise<RunningPair | null> {
  const { pairs } = tablesOf(db);
  const [row] = await db
    .select({
      pairId: pairs.id,
      status: pairs.status,
      mentorId: pairs.mentorId,
      menteeId: pairs.menteeId,
      channelId: pairs.channelId,
    })
    .from(pairs)
    .where(
      and(eq(pairs.teamId, teamId), eq(pairs.id, pairId), inArray(pairs.status, [...RUNNING_PAIR_STATUSES])),
    )
    .limit(1);
  return row ?? null;
}

const contactSince = (now: Date) => addDays(now, -CONTACT_REQUEST_DAYS);

async function loadHealth(
  db: Db,
  teamId: string,
  window: { quietSince: Date; now: Date; expiringBefore: Date },
): Promise<PairHealth> {
  const { offerTopics, offers, pairs, promptDeliveries, proposals, requestTopics, requests, topics } =
    tablesOf(db);

  // Quiet: active pairs that started before the window and answered nothing inside it.
  const activePairs = await db
    .select({
      pairId: pairs.id,
      mentorId: pairs.mentorId,
      menteeId: pairs.menteeId,
      startedAt: pairs.startedAt,
    })
    .from(pairs)
    .where(
      and(eq(pairs.teamId, teamId), eq(pairs.status, 'active'), lte(pairs.startedAt, window.quietSince)),
    );
  const lastAnswered = new Map(
    (
      await db
        .select({ pairId: promptDeliveries.pairId, at: max(promptDeliveries.answeredAt) })
        .from(promptDeliveries)
        .innerJoin(pairs, eq(pairs.id, promptDeliveries.pairId))
        .where(
          and(
            eq(promptDeliveries.teamId, teamId),
            eq(pairs.status, 'active'),
            isNotNull(promptDeliveries.answeredAt),
          ),
        )
        .groupBy(promptDeliveries.pairId)
    ).map((row) => [row.pairId, row.at === null ? null : new Date(row.at)]),
  );
  const quiet = activePairs.flatMap((pair) => {
    const answered = lastAnswered.get(pair.pairId) ?? null;
    const lastActiveAt = answered ?? pair.startedAt;
    return lastActiveAt.getTime() <= window.quietSince.getTime()
      ? [{ pairId: pair.pairId, mentorId: pair.mentorId, menteeId: pair.menteeId, lastActiveAt }]
      : [];
  });

  // Failing: running pairs flagged by the prompt jobs, or whose latest delivery failed.
  const running = await db
    .select({
      pairId: pairs.id,
      mentorId: pairs.mentorId,
      menteeId: pairs.menteeId,
      needsAttention: pairs.needsAttention,
    })
    .from(pairs)
    .where(and(eq(pairs.teamId, teamId), inArray(pairs.status, [...RUNNING_PAIR_STATUSES])));
  const latestDeliveries = await db
    .select({
      pairId: promptDeliveries.pairId,
      status: promptDeliveries.status,
      error: promptDeliveries.error,
      reservedAt: promptDeliveries.reservedAt,
      id: promptDeliveries.id,
    })
    .from(promptDeliveries)
    .innerJoin(pairs, eq(pairs.id, promptDeliveries.pairId))
    .where(
      and(
        eq(promptDeliveries.teamId, teamId),
        inArray(pairs.status, [...RUNNING_PAIR_STATUSES]),
        inArray(promptDeliveries.status, ['sent', 'failed']),
      ),
    );
  const latest = new Map<number, { status: string; error: string | null; at: number; id: number }>();
  for (const row of latestDeliveries) {
    const seen = latest.get(row.pairId);
    const at = row.reservedAt.getTime();
    if (seen === undefined || at > seen.at || (at === seen.at && row.id > seen.id))
      latest.set(row.pairId, { status: row.status, error: row.error, at, id: row.id });
  }
  const failing = running
    .flatMap((pair) => {
      const last = latest.get(pair.pairId);
      const reason =
        last?.status === 'failed' ? (last.error ?? 'delivery failed') : (pair.needsAttention ?? null);
      return reason === null
        ? []
        : [{ pairId: pair.pairId, mentorId: pair.mentorId, menteeId: pair.menteeId, reason }];
    })
    .sort((a, b) => a.pairId - b.pairId);

  const expiring = await db
    .select({
      proposalId: proposals.id,
      mentorId: proposals.mentorId,
      menteeId: proposals.menteeId,
      expiresAt: proposals.expiresAt,
    })
    .from(proposals)
    .where(
      and(
        eq(proposals.teamId, teamId),
        eq(proposals.status, 'pending'),
        gt(proposals.expiresAt, window.now),
        lte(proposals.expiresAt, window.expiringBefore),
      ),
    );

  // Waiting: open requests nobody is being asked about right now.
  const beingAsked = new Set(
    (
      await db
        .select({ requestId: proposals.requestId })
        .from(proposals)
        .where(and(eq(proposals.teamId, teamId), eq(proposals.status, 'pending')))
    ).map((row) => row.requestId),
  );
  const waiting = (
    await db
      .select({ requestId: requests.id, menteeId: requests.userId, since: requests.createdAt })
      .from(requests)
      .where(and(eq(requests.teamId, teamId), eq(requests.status, 'open')))
  ).filter((request) => !beingAsked.has(request.requestId));

  // Shortages: topics with more open requests than open offers.
  const n = count().mapWith(Number);
  const supply = new Map(
    (
      await db
        .select({ topicId: offerTopics.topicId, n })
        .from(offerTopics)
        .innerJoin(offers, eq(offers.id, offerTopics.offerId))
        .where(and(eq(offers.teamId, teamId), eq(offers.status, 'open')))
        .groupBy(offerTopics.topicId)
    ).map((row) => [row.topicId, row.n]),
  );
  const demand = await db
    .select({ topicId: requestTopics.topicId, name: topics.name, n })
    .from(requestTopics)
    .innerJoin(requests, eq(requests.id, requestTopics.requestId))
    .innerJoin(topics, eq(topics.id, requestTopics.topicId))
    .where(and(eq(requests.teamId, teamId), eq(requests.status, 'open')))
    .groupBy(requestTopics.topicId, topics.name);
  const shortages = demand
    .map((row) => ({ topic: row.name, supply: supply.get(row.topicId) ?? 0, demand: row.n }))
    .filter((topic) => topic.demand > topic.supply);

  // Mentors who asked to be contacted lately, while still members: the request alone, never the rating.
  const { mentorVoiceAnswers } = tablesOf(db);
  const latestRequest = new Map<string, Date>();
  for (const row of await db
    .select({ mentorId: pairs.mentorId, at: mentorVoiceAnswers.answeredAt })
    .from(mentorVoiceAnswers)
    .innerJoin(pairs, eq(pairs.id, mentorVoiceAnswers.pairId))
    .where(
      and(
        eq(mentorVoiceAnswers.teamId, teamId),
        eq(mentorVoiceAnswers.wantsContact, true),
        gt(mentorVoiceAnswers.answeredAt, contactSince(window.now)),
        isNotNull(pairs.mentorId),
      ),
    )) {
    const seen = latestRequest.get(row.mentorId!);
    if (seen === undefined || row.at > seen) latestRequest.set(row.mentorId!, row.at);
  }
  const contactRequests = [...latestRequest].map(([mentorId, requestedAt]) => ({ mentorId, requestedAt }));

  return { quiet, failing, expiring, waiting, shortages, contactRequests };
}
