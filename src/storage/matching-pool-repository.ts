// The pool the matcher works on: open requests and offers of members who are not on a break, each mentor's
// free places, who excluded whom and who was ever paired or proposed. Read in one transaction so it describes
// one instant. Also the waitlist marks on those requests, so a mentee hears about the waitlist once.
import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { RUNNING_PAIR_STATUSES, type ProposalStatus } from '../domain/pair-lifecycle';
import type { Db } from './database';
import { matchingScopeIn } from './cohort-writes';
import { inChunks } from './in-chunks';
import { notOnBreakSql } from './pause-sql';
import { tablesOf } from './tables';
import { storeFor } from './store';

export interface PoolRequest {
  requestId: number;
  menteeId: string;
  level: number;
  department: string | null;
  topicIds: number[];
  createdAt: Date;
  waitlistNotifiedAt: Date | null;
}

export interface PoolOffer {
  offerId: number;
  mentorId: string;
  level: number;
  department: string | null;
  topicIds: number[];
  capacity: number;
  /** capacity − active or paused pairs of this mentor − their pending proposals. */
  freeCapacity: number;
}

export interface MatchingPool {
  /** Open requests of members who are not paused, have a level and are not already waiting on a proposal. */
  requests: PoolRequest[];
  /** Open offers of members who are not paused and have a level. */
  offers: PoolOffer[];
  /** Per user, everyone they excluded and everyone who excluded them. */
  excludes: Map<string, string[]>;
  /** Everyone ever paired, or proposed (pending, accepted, declined or expired): never proposed again. */
  pastPairs: [string, string][];
}

export interface MatchingPoolRepository {
  teamsWithOpenRequests(): Promise<string[]>;
  /** Whether the workspace has any open request: without one there is nothing to match. */
  hasOpenRequests(teamId: string): Promise<boolean>;
  /** The evergreen pool, or with a cohort id that cohort's sign-ups only (see matchingScopeIn). */
  loadPool(teamId: string, now: Date, cohortId?: number | null): Promise<MatchingPool>;
  topicNames(teamId: string, topicIds: readonly number[]): Promise<Map<number, string>>;
  /** Marks these requests as told about the waitlist; returns the ones not told before. */
  claimWaitlistNotices(teamId: string, requestIds: readonly number[], now: Date): Promise<number[]>;
  releaseWaitlistNotice(teamId: string, requestId: number): Promise<void>;
}

/** Everyone proposed to each other, whatever came of it, except proposals withdrawn before anyone answered. */
const PAST_PAIR_STATUSES: ProposalStatus[] = ['pending', 'accepted', 'declined', 'expired'];

export function createMatchingPoolRepository(db: Db): MatchingPoolRepository {
  const { requests } = tablesOf(db);
  const store = storeFor(db);

  return {
    async teamsWithOpenRequests() {
      const rows = await store.run((q) =>
        q.selectDistinct({ teamId: requests.teamId }).from(requests).where(eq(requests.status, 'open')),
      );
      return rows.map((row) => row.teamId);
    },

    async hasOpenRequests(teamId) {
      const rows = await store.run((q) =>
        q
          .select({ id: requests.id })
          .from(requests)
          .where(and(eq(requests.teamId, teamId), eq(requests.status, 'open')))
          .limit(1),
      );
      return rows.length > 0;
    },

    async loadPool(teamId, now, cohortId = null) {
      // One read transaction: the requests, offers and counts below describe the same instant.
      return store.transaction((tx) => loadPool(tx, teamId, now, cohortId), 'read');
    },

    async topicNames(teamId, topicIds) {
      return store.run((q) => topicNameMap(q, teamId, topicIds));
    },

    async claimWaitlistNotices(teamId, requestIds, now) {
      if (requestIds.length === 0) return [];
      return store.transaction(
        (tx) =>
          inChunks(requestIds, async (chunk) => {
            const claimed = await tx
              .update(requests)
              .set({ waitlistNotifiedAt: now })
              .where(
                and(
                  eq(requests.teamId, teamId),
                  inArray(requests.id, chunk),
                  eq(requests.status, 'open'),
                  isNull(requests.waitlistNotifiedAt),
                ),
              )
              .returning({ id: requests.id });
            return claimed.map((row) => row.id);
          }),
        'write',
      );
    },

    async releaseWaitlistNotice(teamId, requestId) {
      await store.run((q) =>
        q
          .update(requests)
          .set({ waitlistNotifiedAt: null })
          .where(and(eq(requests.teamId, teamId), eq(requests.id, requestId))),
      );
    },
  };
}

async function loadPool(tx: Db, teamId: string, now: Date, cohortId: number | null): Promise<MatchingPool> {
  const { members, offers, offerTopics, proposals, requests, requestTopics } = tablesOf(tx);
  const inScope = await matchingScopeIn(tx, teamId, cohortId);
  const memberJoin = (userId: typeof requests.userId | typeof offers.userId) =>
    and(eq(members.teamId, teamId), eq(members.userId, userId));

  const waiting = await tx
    .select({ requestId: proposals.requestId })
    .from(proposals)
    .where(
      and(eq(proposals.teamId, teamId), eq(proposals.status, 'pending'), isNotNull(proposals.requestId)),
    );
  const waitingIds = new Set(waiting.map((row) => row.requestId));

  const requestRows = (
    await tx
      .select({
        requestId: requests.id,
        menteeId: requests.userId,
        level: members.level,
        department: members.department,
        createdAt: requests.createdAt,
        waitlistNotifiedAt: requests.waitlistNotifiedAt,
      })
      .from(requests)
      .innerJoin(members, memberJoin(requests.userId))
      .where(
        and(
          eq(requests.teamId, teamId),
          eq(requests.status, 'open'),
          isNotNull(members.level),
          notOnBreakSql(members, now),
          inScope(requests.cohortId),
        ),
      )
  ).filter((row) => !waitingIds.has(row.requestId));

  const requestTopicRows = await tx
    .select({ requestId: requestTopics.requestId, topicId: requestTopics.topicId })
    .from(requestTopics)
    .innerJoin(requests, eq(requests.id, requestTopics.requestId))
    .where(and(eq(requests.teamId, teamId), eq(requests.status, 'open')));

  const offerRows = await tx
    .select({
      offerId: offers.id,
      mentorId: offers.userId,
      level: members.level,
      department: members.department,
      capacity: offers.capacity,
    })
    .from(offers)
    .innerJoin(members, memberJoin(offers.userId))
    .where(
      and(
        eq(offers.teamId, teamId),
        eq(offers.status, 'open'),
        isNotNull(members.level),
        notOnBreakSql(members, now),
        inScope(offers.cohortId),
      ),
    );

  const offerTopicRows = await tx
    .select({ offerId: offerTopics.offerId, topicId: offerTopics.topicId })
    .from(offerTopics)
    .innerJoin(offers, eq(offers.id, offerTopics.offerId))
    .where(and(eq(offers.teamId, teamId), eq(offers.status, 'open')));

  const used = await placesInUse(tx, teamId);
  const requestTopicIds = groupIds(requestTopicRows.map((row) => [row.requestId, row.topicId]));
  const offerTopicIds = groupIds(offerTopicRows.map((row) => [row.offerId, row.topicId]));

  return {
    requests: requestRows.map((row) => ({
      requestId: row.requestId,
      menteeId: row.menteeId,
      level: row.level!,
      department: row.department,
      topicIds: requestTopicIds.get(row.requestId) ?? [],
      createdAt: row.createdAt,
      waitlistNotifiedAt: row.waitlistNotifiedAt,
    })),
    offers: offerRows.map((row) => ({
      offerId: row.offerId,
      mentorId: row.mentorId,
      level: row.level!,
      department: row.department,
      topicIds: offerTopicIds.get(row.offerId) ?? [],
      capacity: row.capacity,
      freeCapacity: Math.max(0, row.capacity - (used.get(row.mentorId) ?? 0)),
    })),
    excludes: await loadExcludes(tx, teamId),
    pastPairs: await loadPastPairs(tx, teamId),
  };
}

function groupIds(rows: [number, number][]): Map<number, number[]> {
  const grouped = new Map<number, number[]>();
  for (const [owner, id] of rows) {
    const list = grouped.get(owner);
    if (list === undefined) grouped.set(owner, [id]);
    else list.push(id);
  }
  return grouped;
}

// Capacity is "how many people I mentor at once", so it counts every current pair of the mentor (whichever
// offer it came from) and every proposal still waiting for their answer.
export async function placesInUse(tx: Db, teamId: string): Promise<Map<string, number>> {
  const { pairs, proposals } = tablesOf(tx);
  const used = new Map<string, number>();
  const add = (rows: { mentorId: string | null; count: number }[]) => {
    for (const row of rows) {
      if (row.mentorId !== null) used.set(row.mentorId, (used.get(row.mentorId) ?? 0) + row.count);
    }
  };
  add(
    await tx
      .select({ mentorId: pairs.mentorId, count: sql<number>`count(*)`.mapWith(Number) })
      .from(pairs)
      .where(and(eq(pairs.teamId, teamId), inArray(pairs.status, [...RUNNING_PAIR_STATUSES])))
      .groupBy(pairs.mentorId),
  );
  add(
    await tx
      .select({ mentorId: proposals.mentorId, count: sql<number>`count(*)`.mapWith(Number) })
      .from(proposals)
      .where(and(eq(proposals.teamId, teamId), eq(proposals.status, 'pending')))
      .groupBy(proposals.mentorId),
  );
  return used;
}

async function loadExcludes(tx: Db, teamId: string): Promise<Map<string, string[]>> {
  const { exclusions } = tablesOf(tx);
  const excludes = new Map<string, string[]>();
  const add = (from: string, to: string) => {
    const list = excludes.get(from);
    if (list === undefined) excludes.set(from, [to]);
    else if (!list.includes(to)) list.push(to);
  };
  const rows = await tx
    .select({ userId: exclusions.userId, excludedUserId: exclusions.excludedUserId })
    .from(exclusions)
    .where(eq(exclusions.teamId, teamId));
  for (const row of rows) {
    add(row.userId, row.excludedUserId);
    add(row.excludedUserId, row.userId);
  }
  // Two people whose pairing ended as "Not a good fit" are never proposed to each other again. The block
  // is the matcher's alone: it never appears in either person's "don't match me with" list.
  const { rematchBlocks } = tablesOf(tx);
  const blocks = await tx
    .select({ first: rematchBlocks.firstUserId, second: rematchBlocks.secondUserId })
    .from(rematchBlocks)
    .where(eq(rematchBlocks.teamId, teamId));
  for (const block of blocks) {
    add(block.first, block.second);
    add(block.second, block.first);
  }
  return excludes;
}

export async function loadPastPairs(tx: Db, teamId: string): Promise<[string, string][]> {
  const { pairs, proposals } = tablesOf(tx);
  const paired = await tx
    .select({ mentorId: pairs.mentorId, menteeId: pairs.menteeId })
    .from(pairs)
    .where(and(eq(pairs.teamId, teamId), isNotNull(pairs.mentorId), isNotNull(pairs.menteeId)));
  const proposed = await tx
    .select({ mentorId: proposals.mentorId, menteeId: proposals.menteeId })
    .from(proposals)
    .where(
      and(
        eq(proposals.teamId, teamId),
        inArray(proposals.status, PAST_PAIR_STATUSES),
        isNotNull(proposals.mentorId),
        isNotNull(proposals.menteeId),
      ),
    );
  return [...paired, ...proposed].map((row) => [row.mentorId!, row.menteeId!]);
}

export async function topicNameMap(
  tx: Db,
  teamId: string,
  topicIds: readonly number[],
): Promise<Map<number, string>> {
  const { topics } = tablesOf(tx);
  const rows = await inChunks([...new Set(topicIds)], (chunk) =>
    tx
      .select({ id: topics.id, name: topics.name })
      .from(topics)
      .where(and(inArray(topics.id, chunk), inArray(topics.teamId, ['', teamId]))),
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}
