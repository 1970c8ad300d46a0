// The status read model: a person's offer, request, pending proposals and running pairs as /mentor status and
// the Home tab show them. The participation writes and the erasure use the same reads inside their own
// transaction.
import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { RUNNING_PAIR_STATUSES, type PairStatus } from '../domain/pair-lifecycle';
import type { MemberPair, PairRole, ParticipationSnapshot } from '../domain/participation';
import { isPaused } from '../domain/pause';
import type { Db } from './database';
import { once, preparedPerConnection, prepareStatement } from './build-once';
import { storeFor } from './store';
import type { members, pairs, proposals } from './schema';
import { dialectOf, qualified, tablesOf } from './tables';

export type PairRow = typeof pairs.$inferSelect;
type MemberRow = typeof members.$inferSelect;
type ProposalRow = typeof proposals.$inferSelect;
interface PairViewRow {
  pair: PairRow;
  partnerName: string | null;
  partnerPausedAt: Date | null;
  partnerPausedUntil: Date | null;
  sent: number;
  answered: number;
  mentorGaveFeedback: number;
  menteeGaveFeedback: number;
  goalTopics: string | string[] | null;
}

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
  /** The person's pairs in these statuses, either role, oldest first. */
  pairRowsOf(teamId: string, userId: string, statuses: readonly PairStatus[]): Promise<PairRow[]>;
  pairFor(teamId: string, pairId: number, userId: string, now: Date): Promise<MemberPair | null>;
  snapshot(teamId: string, userId: string, now: Date): Promise<ParticipationSnapshot>;
  runningPairs(teamId: string, userId: string, now: Date): Promise<MemberPair[]>;
  /** The member row and the running pairs, read together where the connection allows. */
  memberWithRunningPairs(
    teamId: string,
    userId: string,
    now: Date,
  ): Promise<{ member: MemberRow | undefined; pairs: MemberPair[] }>;
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
  // better-sqlite3 preparing it afresh on each call, which was most of their cost (BENCHMARKS.md). On PostgreSQL
  // they are named statements, built once per pooled connection (participationReadsOn).
  const byMember = { teamId: sql.placeholder('teamId'), userId: sql.placeholder('userId') };
  const memberStatement = once(() =>
    prepareStatement(
      db,
      db
        .select()
        .from(members)
        .where(and(eq(members.teamId, byMember.teamId), eq(members.userId, byMember.userId))),
    ),
  );
  const memberRow = async (teamId: string, userId: string) =>
    first(await memberStatement().execute({ teamId, userId }));

  // The member rows of these people (the ones still stored), one indexed lookup per person: the lists are the
  // other sides of a person's pending proposals, a handful at most.
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

  // A person's pairs in either role, one UNION ALL branch per role: with `mentor = ? or mentee = ?` SQLite (no
  // statistics) picks the (team, status) index and reads every active pair of the workspace (1.3 ms at 5k pairs,
  // BENCHMARKS.md); each branch uses its role's index, and on PostgreSQL both are one round trip.
  const pairsByStatuses = new Map<
    string,
    () => { execute(params: Record<string, unknown>): PromiseLike<PairRow[]> }
  >();
  const pairsStatement = (statuses: readonly PairStatus[]) => {
    const key = statuses.join(',');
    let statement = pairsByStatuses.get(key);
    if (statement === undefined) {
      const inRole = (column: typeof pairs.mentorId | typeof pairs.menteeId) =>
        db
          .select()
          .from(pairs)
          .where(
            and(
              eq(pairs.teamId, byMember.teamId),
              eq(column, byMember.userId),
              inArray(pairs.status, [...statuses]),
            ),
          );
      statement = once(() => prepareStatement(db, inRole(pairs.mentorId).unionAll(inRole(pairs.menteeId))));
      pairsByStatuses.set(key, statement);
    }
    return statement();
  };

  const pairRowsOf = async (
    teamId: string,
    userId: string,
    statuses: readonly PairStatus[],
  ): Promise<PairRow[]> => {
    const rows = await pairsStatement(statuses).execute({ teamId, userId });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return [...byId.values()].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.id - b.id);
  };

  // A pair as the person sees it, in one statement with what status shows beyond its row: the partner's name and
  // break, prompts sent and answered, who gave feedback, and the goals' topics in their order (one aggregate per
  // dialect; both keep the ORDER BY). One UNION ALL branch per role, as for the pair rows above.
  const jsonArray = (value: SQL, order: SQL) =>
    dialectOf(db) === 'postgres'
      ? sql`json_agg(${value} order by ${order})`
      : sql`json_group_array(${value} order by ${order})`;
  const pairView = {
    pair: pairs,
    partnerName: members.name,
    partnerPausedAt: members.pausedAt,
    partnerPausedUntil: members.pausedUntil,
    // By pair id alone (a pair's deliveries are its team's): with the team too, SQLite (no statistics) reads every
    // delivery the workspace was ever sent through the (team, status) index instead of the pair's few.
    sent: sql<number>`(select count(*) from ${promptDeliveries} where ${promptDeliveries.pairId} = ${pairs.id} and ${promptDeliveries.status} = 'sent')`,
    answered: sql<number>`(select count(*) from ${promptDeliveries} where ${promptDeliveries.pairId} = ${pairs.id} and ${promptDeliveries.status} = 'sent' and ${promptDeliveries.answeredAt} is not null)`,
    mentorGaveFeedback: sql<number>`(select count(*) from ${feedback} where ${feedback.teamId} = ${pairs.teamId} and ${feedback.pairId} = ${pairs.id} and ${feedback.role} = 'mentor')`,
    menteeGaveFeedback: sql<number>`(select count(*) from ${feedback} where ${feedback.teamId} = ${pairs.teamId} and ${feedback.pairId} = ${pairs.id} and ${feedback.role} = 'mentee')`,
    goalTopics: sql<
      string | string[] | null
    >`(select ${jsonArray(sql`${pairGoals.topic}`, sql`${pairGoals.position}`)} from ${pairGoals} where ${pairGoals.teamId} = ${pairs.teamId} and ${pairGoals.pairId} = ${pairs.id})`,
  };
  const pairViewStatement = (which: SQL) =>
    once(() => {
      const inRole = (role: PairRole) => {
        const own = role === 'mentor' ? pairs.mentorId : pairs.menteeId;
        const partner = role === 'mentor' ? pairs.menteeId : pairs.mentorId;
        return db
          .select(pairView)
          .from(pairs)
          .leftJoin(members, and(eq(members.teamId, pairs.teamId), eq(members.userId, partner)))
          .where(and(eq(pairs.teamId, byMember.teamId), eq(own, byMember.userId), which));
      };
      return prepareStatement(db, inRole('mentor').unionAll(inRole('mentee')));
    });
  const runningPairsStatement = pairViewStatement(inArray(pairs.status, [...RUNNING_PAIR_STATUSES]));
  const pairByIdStatement = pairViewStatement(eq(pairs.id, sql.placeholder('pairId')));

  const toMemberPairs = (userId: string, rows: PairViewRow[], now: Date): MemberPair[] =>
    rows
      .map(({ pair: row, ...facts }): MemberPair => {
        const role: PairRole = row.mentorId === userId ? 'mentor' : 'mentee';
        const partnerId = role === 'mentor' ? row.menteeId : row.mentorId;
        const partnerStored = partnerId !== null && facts.partnerName !== null;
        return {
          id: row.id,
          role,
          partnerId,
          partnerName: partnerStored ? facts.partnerName : null,
          status: row.status,
          partnerPaused: partnerStored
            ? isPaused({ pausedAt: facts.partnerPausedAt, pausedUntil: facts.partnerPausedUntil }, now)
            : false,
          startedAt: row.startedAt,
          endedAt: row.endedAt,
          sharedTopics: row.sharedTopics,
          promptsSent: Number(facts.sent),
          promptsAnswered: Number(facts.answered),
          feedbackGiven: Number(role === 'mentor' ? facts.mentorGaveFeedback : facts.menteeGaveFeedback) > 0,
          termEndsAt: row.termEndsAt,
          goals: topicList(facts.goalTopics),
        };
      })
      .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.id - b.id);

  const runningPairs = async (teamId: string, userId: string, now: Date): Promise<MemberPair[]> =>
    toMemberPairs(userId, await runningPairsStatement().execute({ teamId, userId }), now);

  const pairFor = async (
    teamId: string,
    pairId: number,
    userId: string,
    now: Date,
  ): Promise<MemberPair | null> =>
    first(toMemberPairs(userId, await pairByIdStatement().execute({ teamId, userId, pairId }), now)) ?? null;

  // The topics' names of an offer or a request (one aggregate per dialect, sorted here).
  const topicNamesOf = (
    link: typeof offerTopics | typeof requestTopics,
    ownerColumn: typeof offerTopics.offerId | typeof requestTopics.requestId,
    owner: typeof offers | typeof requests,
  ) =>
    sql<
      string | string[] | null
    >`(select ${jsonArray(qualified(topics, topics.name), qualified(topics, topics.id))}
      from ${link} inner join ${topics} on ${qualified(topics, topics.id)} = ${qualified(link, link.topicId)}
      where ${qualified(link, ownerColumn)} = ${qualified(owner, owner.id)})`;
  // The person with their open offer and open request, in one statement: every offer and request belongs to a
  // stored member (sign-up stores the member first, leaving erases all three together). The statuses here and
  // below are written into the SQL, not bound: each matches a partial index's condition, and SQLite re-prepares a
  // statement on every run when a bound value decides whether such an index applies.
  const openOfMember = (table: typeof offers | typeof requests) =>
    and(eq(table.teamId, members.teamId), eq(table.userId, members.userId), sql`${table.status} = 'open'`);
  const personStatement = once(() =>
    prepareStatement(
      db,
      db
        .select({
          member: members,
          offer: offers,
          offerTopicNames: topicNamesOf(offerTopics, offerTopics.offerId, offers),
          request: requests,
          requestTopicNames: topicNamesOf(requestTopics, requestTopics.requestId, requests),
        })
        .from(members)
        .leftJoin(offers, openOfMember(offers))
        .leftJoin(requests, openOfMember(requests))
        .where(and(eq(members.teamId, byMember.teamId), eq(members.userId, byMember.userId))),
    ),
  );
  const pendingProposalsStatement = once(() =>
    prepareStatement(
      db,
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
        .orderBy(proposals.createdAt, proposals.id),
    ),
  );
  const sortedNames = (names: string | string[] | null) =>
    topicList(names).sort((a, b) => a.localeCompare(b, 'en'));
  const pendingProposals = async (teamId: string, userId: string): Promise<ProposalRow[]> =>
    await pendingProposalsStatement().execute({ teamId, userId });

  // The reads go out together on PostgreSQL's pool: each is a round trip of its own, which one after another
  // made /mentor status several times slower than on SQLite.
  const snapshot = async (teamId: string, userId: string, now: Date): Promise<ParticipationSnapshot> => {
    const [personRows, pendingRows, running] = await readAll([
      () => personStatement().execute({ teamId, userId }),
      () => pendingProposals(teamId, userId),
      () => runningPairs(teamId, userId, now),
    ]);
    const person = first(personRows);
    const member = person?.member;
    const openOffer = person?.offer ?? undefined;
    const openRequest = person?.request ?? undefined;
    // A second round trip only while proposals are pending: the other person's name.
    const others = await namesOf(
      teamId,
      pendingRows.flatMap((row) => {
        const other = row.mentorId === userId ? row.menteeId : row.mentorId;
        return other === null ? [] : [other];
      }),
    );
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
              topics: sortedNames(person?.offerTopicNames ?? null),
              pairsTaken: running.filter((pair) => pair.role === 'mentor').length,
              proposalsPending: pendingRows.filter((row) => row.mentorId === userId).length,
              createdAt: openOffer.createdAt,
            },
      request:
        openRequest === undefined
          ? null
          : {
              id: openRequest.id,
              topics: sortedNames(person?.requestTopicNames ?? null),
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

  const memberWithRunningPairs = async (teamId: string, userId: string, now: Date) => {
    const [member, pairs] = await readAll([
      () => memberRow(teamId, userId),
      () => runningPairs(teamId, userId, now),
    ]);
    return { member, pairs };
  };

  return {
    memberRow,
    pairRowsOf,
    pairFor,
    snapshot,
    runningPairs,
    memberWithRunningPairs,
    pendingProposals,
  };
}

/**
 * The reads for a store turn on `q` (the `q` of store.run or the `tx` of a transaction), built once per
 * connection. SQLite's one connection is also every transaction's. On PostgreSQL a read inside a transaction
 * must run on the transaction's pooled connection, one at a time: those reads are built once per pooled
 * connection; outside a transaction a turn's `q` is the pool itself, whose reads go out together.
 */
export function participationReadsOn(db: Db): (q: Db) => ParticipationReads {
  if (dialectOf(db) === 'postgres') {
    const shared = createParticipationReads(db, together);
    const onConnection = preparedPerConnection((connection) => createParticipationReads(connection, inTurn));
    return (q) => (q === db ? shared : onConnection(q));
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
