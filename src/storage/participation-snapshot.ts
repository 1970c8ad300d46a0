// The status read model: a person's offer, request, pending proposals and running pairs as /mentor status and
// the Home tab show them. The participation writes and the erasure use the same reads inside their own
// transaction.
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { RUNNING_PAIR_STATUSES, type PairStatus } from '../domain/pair-lifecycle';
import type { MemberPair, PairRole, ParticipationSnapshot } from '../domain/participation';
import { isPaused } from '../domain/pause';
import type { Db } from './database';
import { once } from './build-once';
import { storeFor } from './store';
import type { members, pairs, proposals } from './schema';
import { dialectOf, tablesOf } from './tables';

export type PairRow = typeof pairs.$inferSelect;
type MemberRow = typeof members.$inferSelect;
type ProposalRow = typeof proposals.$inferSelect;

export interface ParticipationStatusRepository {
  snapshot(teamId: string, userId: string, now: Date): Promise<ParticipationSnapshot>;
  /** The person's running pairs as the snapshot shows them, without reading the rest of it. */
  runningPairs(teamId: string, userId: string, now: Date): Promise<MemberPair[]>;
  /** The pair as this person sees it, or null when it is not theirs (or does not exist). */
  pairFor(teamId: string, pairId: number, userId: string, now: Date): Promise<MemberPair | null>;
}

export function createParticipationStatusRepository(db: Db): ParticipationStatusRepository {
  const store = storeFor(db);
  const readsOn = participationReadsOn(db);
  return {
    async snapshot(teamId, userId, now) {
      return store.run((q) => readsOn(q).snapshot(teamId, userId, now));
    },

    async runningPairs(teamId, userId, now) {
      return store.run((q) => readsOn(q).runningPairs(teamId, userId, now));
    },

    async pairFor(teamId, pairId, userId, now) {
      return store.run((q) => readsOn(q).pairFor(teamId, pairId, userId, now));
    },
  };
}

/**
 * The reads of the status read model, one database's statements prepared once. They run on the connection they
 * were prepared on: call them inside a store turn (store.run, or the transaction they belong to), with the
 * reads participationReadsOn gives for that turn's `q` or `tx`.
 */
export interface ParticipationReads {
  memberRow(teamId: string, userId: string): Promise<MemberRow | undefined>;
  /** The member rows of these people (the ones still stored). */
  namesOf(teamId: string, userIds: readonly string[]): Promise<Map<string, MemberRow>>;
  /** The person's pairs in these statuses, either role, oldest first. */
  pairRowsOf(teamId: string, userId: string, statuses: readonly PairStatus[]): Promise<PairRow[]>;
  pairFor(teamId: string, pairId: number, userId: string, now: Date): Promise<MemberPair | null>;
  snapshot(teamId: string, userId: string, now: Date): Promise<ParticipationSnapshot>;
  runningPairs(teamId: string, userId: string, now: Date): Promise<MemberPair[]>;
  /** The proposals still pending on which the person is mentor or mentee, oldest first. */
  pendingProposals(teamId: string, userId: string): Promise<ProposalRow[]>;
}

/**
 * Runs reads that do not depend on one another. `together` sends them at once, for PostgreSQL's pool, where each
 * goes out on a pooled connection of its own; `inTurn` sends one after another, for a transaction, whose one
 * connection must not be handed a query while another is still running (pg deprecates it), and for SQLite's one
 * synchronous connection, where they ran one after another anyway.
 */
type ReadsRunner = <T extends readonly unknown[]>(reads: {
  [K in keyof T]: () => PromiseLike<T[K]>;
}) => Promise<T>;

const together: ReadsRunner = (reads) =>
  Promise.all(reads.map((read) => read())) as unknown as Promise<never>;

const inTurn: ReadsRunner = async (reads) => {
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as never;
};

function createParticipationReads(db: Db, readAll: ReadsRunner): ParticipationReads {
  const {
    feedback,
    members,
    offers,
    offerTopics,
    pairGoals,
    pairs,
    promptDeliveries,
    proposals,
    requests,
    requestTopics,
    topics,
  } = tablesOf(db);
  // The queries behind /mentor status and the Home tab run on every request: built and prepared once (lazily,
  // so a repository can be created before its database is migrated) instead of drizzle building the SQL and
  // better-sqlite3 preparing it afresh on each call, which was most of their cost (BENCHMARKS.md).
  // On PostgreSQL they are built on the turn's own `q` or `tx` (participationReadsOn) and sent unnamed.
  const byMember = { teamId: sql.placeholder('teamId'), userId: sql.placeholder('userId') };
  const memberStatement = once(() =>
    db
      .select()
      .from(members)
      .where(and(eq(members.teamId, byMember.teamId), eq(members.userId, byMember.userId)))
      .prepare(),
  );
  const memberRow = async (teamId: string, userId: string) =>
    first(await memberStatement().execute({ teamId, userId }));

  // One indexed lookup per person: the lists are a person's partners, a handful at most.
  const namesOf = async (teamId: string, userIds: readonly string[]): Promise<Map<string, MemberRow>> => {
    const unique = [...new Set(userIds)];
    const rows = await readAll(unique.map((userId) => () => memberRow(teamId, userId)));
    const found = new Map<string, MemberRow>();
    unique.forEach((userId, k) => {
      const row = rows[k];
      if (row !== undefined) found.set(userId, row);
    });
    return found;
  };

  const pairsInRole = new Map<
    string,
    () => { execute(params: Record<string, unknown>): PromiseLike<PairRow[]> }
  >();
  const pairsStatement = (role: PairRole, statuses: readonly PairStatus[]) => {
    const key = `${role}:${statuses.join(',')}`;
    let statement = pairsInRole.get(key);
    if (statement === undefined) {
      const column = role === 'mentor' ? pairs.mentorId : pairs.menteeId;
      statement = once(() =>
        db
          .select()
          .from(pairs)
          .where(
            and(
              eq(pairs.teamId, byMember.teamId),
              eq(column, byMember.userId),
              inArray(pairs.status, [...statuses]),
            ),
          )
          .prepare(),
      );
      pairsInRole.set(key, statement);
    }
    return statement();
  };

  // One lookup per role: with `mentor = ? or mentee = ?` SQLite (no statistics) picks the (team, status) index
  // and reads every active pair of the workspace on each /mentor status (1.3 ms at 5k pairs, BENCHMARKS.md).
  const pairRowsOf = async (
    teamId: string,
    userId: string,
    statuses: readonly PairStatus[],
  ): Promise<PairRow[]> => {
    const inRole = (role: PairRole) => () => pairsStatement(role, statuses).execute({ teamId, userId });
    const [asMentor, asMentee] = await readAll([inRole('mentor'), inRole('mentee')]);
    const byId = new Map([...asMentor, ...asMentee].map((row) => [row.id, row]));
    return [...byId.values()].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.id - b.id);
  };

  // What status shows of each pair beyond its row, in one statement per pair: prompts sent and answered, who gave
  // feedback, and the goals' topics in their order (one aggregate per dialect; both keep the ORDER BY).
  const byPair = { teamId: sql.placeholder('teamId'), pairId: sql.placeholder('pairId') };
  const topicsAsJson =
    dialectOf(db) === 'postgres'
      ? sql`json_agg(${pairGoals.topic} order by ${pairGoals.position})`
      : sql`json_group_array(${pairGoals.topic} order by ${pairGoals.position})`;
  const pairFactsStatement = once(() =>
    db
      .select({
        sent: sql<number>`(select count(*) from ${promptDeliveries} where ${promptDeliveries.teamId} = ${byPair.teamId} and ${promptDeliveries.pairId} = ${byPair.pairId} and ${promptDeliveries.status} = 'sent')`,
        answered: sql<number>`(select count(*) from ${promptDeliveries} where ${promptDeliveries.teamId} = ${byPair.teamId} and ${promptDeliveries.pairId} = ${byPair.pairId} and ${promptDeliveries.status} = 'sent' and ${promptDeliveries.answeredAt} is not null)`,
        mentorGaveFeedback: sql<number>`(select count(*) from ${feedback} where ${feedback.teamId} = ${byPair.teamId} and ${feedback.pairId} = ${byPair.pairId} and ${feedback.role} = 'mentor')`,
        menteeGaveFeedback: sql<number>`(select count(*) from ${feedback} where ${feedback.teamId} = ${byPair.teamId} and ${feedback.pairId} = ${byPair.pairId} and ${feedback.role} = 'mentee')`,
        goalTopics: sql<
          string | string[] | null
        >`(select ${topicsAsJson} from ${pairGoals} where ${pairGoals.teamId} = ${byPair.teamId} and ${pairGoals.pairId} = ${byPair.pairId})`,
      })
      .from(pairs)
      .where(and(eq(pairs.teamId, byPair.teamId), eq(pairs.id, byPair.pairId)))
      .prepare(),
  );

  const toMemberPairs = async (
    teamId: string,
    userId: string,
    rows: PairRow[],
    now: Date,
  ): Promise<MemberPair[]> => {
    if (rows.length === 0) return [];
    const partnerIds = rows.flatMap((row) => {
      const partner = row.mentorId === userId ? row.menteeId : row.mentorId;
      return partner === null ? [] : [partner];
    });
    const [people, perPair] = await readAll([
      () => namesOf(teamId, partnerIds),
      () => readAll(rows.map((row) => () => pairFactsStatement().execute({ teamId, pairId: row.id }))),
    ]);
    const memberPairs: MemberPair[] = [];
    for (const [k, row] of rows.entries()) {
      const role: PairRole = row.mentorId === userId ? 'mentor' : 'mentee';
      const partnerId = role === 'mentor' ? row.menteeId : row.mentorId;
      const partner = partnerId === null ? undefined : people.get(partnerId);
      const facts = first(perPair[k] ?? []);
      memberPairs.push({
        id: row.id,
        role,
        partnerId,
        partnerName: partner?.name ?? null,
        status: row.status,
        partnerPaused: partner === undefined ? false : isPaused(partner, now),
        startedAt: row.startedAt,
        endedAt: row.endedAt,
        sharedTopics: row.sharedTopics,
        promptsSent: Number(facts?.sent ?? 0),
        promptsAnswered: Number(facts?.answered ?? 0),
        feedbackGiven: Number(role === 'mentor' ? facts?.mentorGaveFeedback : facts?.menteeGaveFeedback) > 0,
        termEndsAt: row.termEndsAt,
        goals: topicList(facts?.goalTopics ?? null),
      });
    }
    return memberPairs;
  };

  const runningPairs = async (teamId: string, userId: string, now: Date): Promise<MemberPair[]> =>
    toMemberPairs(teamId, userId, await pairRowsOf(teamId, userId, RUNNING_PAIR_STATUSES), now);

  const pairFor = async (
    teamId: string,
    pairId: number,
    userId: string,
    now: Date,
  ): Promise<MemberPair | null> => {
    const [row] = await db
      .select()
      .from(pairs)
      .where(
        and(
          eq(pairs.teamId, teamId),
          eq(pairs.id, pairId),
          or(eq(pairs.mentorId, userId), eq(pairs.menteeId, userId)),
        ),
      )
      .limit(1);
    return row === undefined ? null : ((await toMemberPairs(teamId, userId, [row], now))[0] ?? null);
  };

  // The statuses below are written into the SQL, not bound: each matches a partial index's condition, and SQLite
  // re-prepares a statement on every run when a bound value decides whether such an index applies.
  const openOfferStatement = once(() =>
    db
      .select()
      .from(offers)
      .where(
        and(
          eq(offers.teamId, byMember.teamId),
          eq(offers.userId, byMember.userId),
          sql`${offers.status} = 'open'`,
        ),
      )
      .prepare(),
  );
  const openRequestStatement = once(() =>
    db
      .select()
      .from(requests)
      .where(
        and(
          eq(requests.teamId, byMember.teamId),
          eq(requests.userId, byMember.userId),
          sql`${requests.status} = 'open'`,
        ),
      )
      .prepare(),
  );
  const pendingProposalsStatement = once(() =>
    db
      .select()
      .from(proposals)
      .where(
        and(
          eq(proposals.teamId, byMember.teamId),
          sql`${proposals.status} = 'pending'`,
          or(eq(proposals.mentorId, byMember.userId), eq(proposals.menteeId, byMember.userId)),
        ),
      )
      .orderBy(proposals.createdAt, proposals.id)
      .prepare(),
  );
  const topicNamesStatement = (
    link: typeof offerTopics | typeof requestTopics,
    ownerColumn: typeof offerTopics.offerId | typeof requestTopics.requestId,
  ) =>
    once(() =>
      db
        .select({ name: topics.name })
        .from(link)
        .innerJoin(topics, eq(topics.id, link.topicId))
        .where(eq(ownerColumn, sql.placeholder('ownerId')))
        .prepare(),
    );
  const offerTopicsStatement = topicNamesStatement(offerTopics, offerTopics.offerId);
  const requestTopicsStatement = topicNamesStatement(requestTopics, requestTopics.requestId);
  const sortedNames = (rows: { name: string }[]) =>
    rows.map((row) => row.name).sort((a, b) => a.localeCompare(b, 'en'));
  const pendingProposals = async (teamId: string, userId: string): Promise<ProposalRow[]> =>
    await pendingProposalsStatement().execute({ teamId, userId });

  // The reads that do not depend on one another go out together on PostgreSQL's pool, in two waves: each is a
  // round trip of its own, which one after another made /mentor status several times slower than on SQLite.
  const snapshot = async (teamId: string, userId: string, now: Date): Promise<ParticipationSnapshot> => {
    const [member, offerRows, requestRows, pendingRows, running] = await readAll([
      () => memberRow(teamId, userId),
      () => openOfferStatement().execute({ teamId, userId }),
      () => openRequestStatement().execute({ teamId, userId }),
      () => pendingProposals(teamId, userId),
      () => runningPairs(teamId, userId, now),
    ]);
    const openOffer = first(offerRows);
    const openRequest = first(requestRows);
    const [others, offerTopicNames, requestTopicNames] = await readAll([
      () =>
        namesOf(
          teamId,
          pendingRows.flatMap((row) => {
            const other = row.mentorId === userId ? row.menteeId : row.mentorId;
            return other === null ? [] : [other];
          }),
        ),
      async () => (openOffer === undefined ? [] : offerTopicsStatement().execute({ ownerId: openOffer.id })),
      async () =>
        openRequest === undefined ? [] : requestTopicsStatement().execute({ ownerId: openRequest.id }),
    ]);
    return {
      member:
        member === undefined
          ? null
          : { name: member.name, pausedAt: member.pausedAt, pausedUntil: member.pausedUntil },
      offer:
        openOffer === undefined
          ? null
          : {
              id: openOffer.id,
              capacity: openOffer.capacity,
              topics: sortedNames(offerTopicNames),
              pairsTaken: running.filter((pair) => pair.role === 'mentor').length,
              proposalsPending: pendingRows.filter((row) => row.mentorId === userId).length,
              createdAt: openOffer.createdAt,
            },
      request:
        openRequest === undefined
          ? null
          : {
              id: openRequest.id,
              topics: sortedNames(requestTopicNames),
              createdAt: openRequest.createdAt,
            },
      proposals: pendingRows.map((row) => {
        const role: PairRole = row.mentorId === userId ? 'mentor' : 'mentee';
        const otherUserId = role === 'mentor' ? row.menteeId : row.mentorId;
        return {
          id: row.id,
          role,
          otherUserId,
          otherName: otherUserId === null ? null : (others.get(otherUserId)?.name ?? null),
          createdAt: row.createdAt,
          expiresAt: row.expiresAt,
        };
      }),
      pairs: running,
    };
  };

  return { memberRow, namesOf, pairRowsOf, pairFor, snapshot, runningPairs, pendingProposals };
}

/**
 * The reads for a store turn on `q` (the `q` of store.run or the `tx` of a transaction). SQLite's one
 * connection is also every transaction's, so its statements are prepared once on it and shared. On PostgreSQL
 * each transaction has a pooled connection of its own, and a read inside it must run there, one at a time: the
 * reads are built on that `tx` (correctness first; a turn's statements are still built once for that turn).
 * Outside a transaction a PostgreSQL turn's `q` is the pool itself, and the reads built on it once are shared.
 */
export function participationReadsOn(db: Db): (q: Db) => ParticipationReads {
  if (dialectOf(db) === 'postgres') {
    const shared = createParticipationReads(db, together);
    return (q) => (q === db ? shared : createParticipationReads(q, inTurn));
  }
  const shared = createParticipationReads(db, inTurn);
  return () => shared;
}

/** SQLite returns the aggregate as JSON text, pg parses it; no goals aggregate to null. */
function topicList(topics: string | string[] | null): string[] {
  if (topics === null) return [];
  return typeof topics === 'string' ? (JSON.parse(topics) as string[]) : topics;
}

/** The first row, as better-sqlite3's get() gave it: the statements above match one row at most. */
function first<T>(rows: readonly T[]): T | undefined {
  return rows[0];
}
