// Read-only queries behind the admin report: one team's programme as the plain ReportData the domain
// computes figures from. Only statuses, counts, dates and names are read: never notes, goals, comments or
// prompt text, so the report cannot leak what people wrote.
import { and, desc, eq, gte, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { ReportData, ReportPair } from '../domain/report-figures';
import type { Db } from './database';
import { tablesOf, type Tables } from './tables';
import { storeFor } from './store';

export interface LoadReportOptions {
  /** Deliveries of earlier ISO weeks ('YYYY-Www') are left out of `deliveries`; per-pair counts keep them. */
  deliveriesFromWeek?: string;
}

export interface ReportRepository {
  loadReportData(teamId: string, options?: LoadReportOptions): Promise<ReportData>;
  /** Every team with anyone in the programme, for the CLI when no team is named. */
  teamIds(): Promise<string[]>;
}

export function createReportRepository(db: Db): ReportRepository {
  const store = storeFor(db);
  return {
    async loadReportData(teamId, options = {}) {
      // One read transaction so every table is seen at the same instant, even while the scheduler writes.
      return store.transaction((tx) => readReportData(tx, teamId, options), 'read');
    },
    async teamIds() {
      const rows = await store.run(async (q) => {
        const { members, offers, pairs, requests } = tablesOf(q);
        return q
          .select({ teamId: members.teamId })
          .from(members)
          .union(q.select({ teamId: offers.teamId }).from(offers))
          .union(q.select({ teamId: requests.teamId }).from(requests))
          .union(q.select({ teamId: pairs.teamId }).from(pairs))
          .orderBy(sql`1`);
      });
      return rows.map((row) => row.teamId).filter((id) => id !== '');
    },
  };
}

async function readReportData(db: Db, teamId: string, options: LoadReportOptions): Promise<ReportData> {
  const {
    feedback,
    members,
    offers,
    offerTopics,
    pairs,
    promptDeliveries,
    proposals,
    requests,
    requestTopics,
    topics,
  } = tablesOf(db);
  const offerRows = await db
    .select({ id: offers.id, status: offers.status, capacity: offers.capacity })
    .from(offers)
    .where(eq(offers.teamId, teamId))
    .orderBy(offers.id);
  const offerTopicNames = groupNames(
    await db
      .select({ ownerId: offerTopics.offerId, name: topics.name })
      .from(offerTopics)
      .innerJoin(offers, eq(offers.id, offerTopics.offerId))
      .innerJoin(topics, eq(topics.id, offerTopics.topicId))
      .where(eq(offers.teamId, teamId)),
  );
  const activePairsByOffer = new Map(
    (
      await db
        .select({ offerId: pairs.offerId, count: sql<number>`count(*)`.mapWith(Number) })
        .from(pairs)
        .where(and(eq(pairs.teamId, teamId), eq(pairs.status, 'active'), isNotNull(pairs.offerId)))
        .groupBy(pairs.offerId)
    ).map((row) => [row.offerId, row.count]),
  );

  const requestRows = await db
    .select({
      id: requests.id,
      status: requests.status,
      createdAt: requests.createdAt,
      matchedAt: requests.matchedAt,
    })
    .from(requests)
    .where(eq(requests.teamId, teamId))
    .orderBy(requests.id);
  const requestTopicNames = groupNames(
    await db
      .select({ ownerId: requestTopics.requestId, name: topics.name })
      .from(requestTopics)
      .innerJoin(requests, eq(requests.id, requestTopics.requestId))
      .innerJoin(topics, eq(topics.id, requestTopics.topicId))
      .where(eq(requests.teamId, teamId)),
  );

  const proposalRows = await db
    .select({ status: proposals.status })
    .from(proposals)
    .where(eq(proposals.teamId, teamId));

  const names = new Map(
    (
      await db
        .select({ userId: members.userId, name: members.name })
        .from(members)
        .where(eq(members.teamId, teamId))
    ).map((row) => [row.userId, row.name]),
  );

  const pairList = await readPairs(db, teamId, names);
  const deliveryRows = await db
    .select({
      weekKey: promptDeliveries.weekKey,
      status: promptDeliveries.status,
      answered: answered(promptDeliveries),
    })
    .from(promptDeliveries)
    .where(
      and(
        eq(promptDeliveries.teamId, teamId),
        // ISO week keys ('2026-W07') sort as text in time order.
        options.deliveriesFromWeek === undefined
          ? undefined
          : gte(promptDeliveries.weekKey, options.deliveriesFromWeek),
      ),
    );
  const feedbackRows = await db
    .select({ rating: feedback.rating, wouldRecommend: feedback.wouldRecommend })
    .from(feedback)
    .where(eq(feedback.teamId, teamId));

  return {
    offers: offerRows.map((offer) => ({
      status: offer.status,
      topicNames: offerTopicNames.get(offer.id) ?? [],
      capacity: offer.capacity,
      activePairs: activePairsByOffer.get(offer.id) ?? 0,
    })),
    requests: requestRows.map((request) => ({
      status: request.status,
      topicNames: requestTopicNames.get(request.id) ?? [],
      createdAt: request.createdAt,
      matchedAt: request.matchedAt,
    })),
    proposals: proposalRows,
    pairs: pairList,
    deliveries: deliveryRows.map((row) => ({
      weekKey: row.weekKey,
      status: row.status,
      answered: row.answered === 1,
    })),
    feedback: feedbackRows,
  };
}

async function readPairs(db: Db, teamId: string, names: ReadonlyMap<string, string>): Promise<ReportPair[]> {
  const { pairs, promptDeliveries } = tablesOf(db);
  const pairRows = await db
    .select({
      id: pairs.id,
      mentorId: pairs.mentorId,
      menteeId: pairs.menteeId,
      status: pairs.status,
      levelGap: pairs.levelGap,
      crossDepartment: pairs.crossDepartment,
      sharedTopics: pairs.sharedTopics,
      needsAttention: pairs.needsAttention,
      startedAt: pairs.startedAt,
      endedAt: pairs.endedAt,
    })
    .from(pairs)
    .where(eq(pairs.teamId, teamId))
    .orderBy(pairs.id);

  // Per-pair counts in SQL: a long-running programme has far more deliveries than pairs.
  const stats = new Map(
    (
      await db
        .select({
          pairId: promptDeliveries.pairId,
          sent: sql<number>`count(*)`.mapWith(Number),
          answered: sql<number>`sum(${answered(promptDeliveries)})`.mapWith(Number),
          // Mapped by the column: epoch milliseconds on SQLite, a timestamp on PostgreSQL, a Date from both.
          lastAnsweredAt: sql<Date | null>`max(${promptDeliveries.answeredAt})`.mapWith(
            promptDeliveries.answeredAt,
          ),
        })
        .from(promptDeliveries)
        .where(and(eq(promptDeliveries.teamId, teamId), eq(promptDeliveries.status, 'sent')))
        .groupBy(promptDeliveries.pairId)
    ).map((row) => [row.pairId, row]),
  );
  const latestError = await latestDeliveryErrors(
    db,
    teamId,
    pairRows.map((pair) => pair.id),
  );

  return pairRows.map((pair) => {
    const stat = stats.get(pair.id);
    return {
      id: pair.id,
      // Null ids are pairs whose people left: kept as anonymous rows so the figures stay right.
      mentorId: pair.mentorId,
      menteeId: pair.menteeId,
      mentorName: pair.mentorId === null ? null : (names.get(pair.mentorId) ?? null),
      menteeName: pair.menteeId === null ? null : (names.get(pair.menteeId) ?? null),
      status: pair.status,
      levelGap: pair.levelGap,
      crossDepartment: pair.crossDepartment,
      sharedTopics: Array.isArray(pair.sharedTopics) ? pair.sharedTopics : [],
      needsAttention: pair.needsAttention,
      startedAt: pair.startedAt,
      endedAt: pair.endedAt,
      promptsSent: stat?.sent ?? 0,
      promptsAnswered: stat?.answered ?? 0,
      lastAnsweredAt: stat?.lastAnsweredAt ?? null,
      lastDeliveryError: latestError.get(pair.id) ?? null,
    };
  });
}

/** For each pair whose most recent delivery failed, the error it failed with. */
async function latestDeliveryErrors(
  db: Db,
  teamId: string,
  pairIds: readonly number[],
): Promise<Map<number, string>> {
  const { promptDeliveries } = tablesOf(db);
  const errors = new Map<number, string>();
  if (pairIds.length === 0) return errors;
  const rows = await db
    .select({
      pairId: promptDeliveries.pairId,
      status: promptDeliveries.status,
      error: promptDeliveries.error,
    })
    .from(promptDeliveries)
    .where(
      and(
        eq(promptDeliveries.teamId, teamId),
        // Only each pair's latest week: a later successful delivery means the pair is reachable again.
        inArray(
          sql`(${promptDeliveries.pairId}, ${promptDeliveries.weekKey})`,
          db
            .select({ pairId: promptDeliveries.pairId, weekKey: sql`max(${promptDeliveries.weekKey})` })
            .from(promptDeliveries)
            .where(eq(promptDeliveries.teamId, teamId))
            .groupBy(promptDeliveries.pairId),
        ),
      ),
    )
    .orderBy(desc(promptDeliveries.id));
  for (const row of rows) {
    if (row.status === 'failed') errors.set(row.pairId, row.error ?? '');
  }
  return errors;
}

/** 1 when the pair answered the prompt (a thread reply, or "We discussed it"), else 0. */
function answered(promptDeliveries: Tables['promptDeliveries']) {
  return sql<number>`(case when ${or(isNotNull(promptDeliveries.answeredAt), eq(promptDeliveries.outcome, 'discussed'))} then 1 else 0 end)`;
}

function groupNames(rows: readonly { ownerId: number; name: string }[]): Map<number, string[]> {
  const byOwner = new Map<number, string[]>();
  for (const row of rows) byOwner.set(row.ownerId, [...(byOwner.get(row.ownerId) ?? []), row.name]);
  return byOwner;
}
