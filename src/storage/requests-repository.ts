// Requests for a mentor: at most one open request per person (a partial unique index holds it), with its
// topics. A matched or closed request stays as history; the next request is a new row.
import { and, eq, sql } from 'drizzle-orm';
import type { OpenRequest } from '../domain/signup';
import type { Db } from './database';
import type { requests } from './schema';
import { tablesOf } from './tables';
import { openCohortIn, type JoinedCohort } from './cohort-writes';
import { saveMemberSignupIn, signupTopicIdsIn, type MemberSignup } from './signup-writes';
import { storeFor } from './store';

export interface SaveRequestInput extends MemberSignup {
  goals: string | null;
  /** Ids from the workspace's catalogue. */
  topicIds: readonly number[];
  /** Names typed by the person; added to the workspace's catalogue unless already there. */
  customTopics: readonly string[];
}

export interface SavedRequest {
  request: OpenRequest;
  /** False when an open request already existed and was updated. */
  created: boolean;
  /** The cohort a new request joined (made inside its sign-up window); null when evergreen or updated. */
  joinedCohort?: JoinedCohort | null;
}

export interface RequestsRepository {
  findOpenRequest(teamId: string, userId: string): Promise<OpenRequest | null>;
  /** Stores the member, their exclusions and their open request with its topics, all in one transaction. */
  saveOpenRequest(input: SaveRequestInput): Promise<SavedRequest>;
}

export function createRequestsRepository(db: Db): RequestsRepository {
  const { requests, requestTopics } = tablesOf(db);
  const store = storeFor(db);
  return {
    async findOpenRequest(teamId, userId) {
      return store.run((q) => findOpenRequestIn(q, teamId, userId));
    },
    async saveOpenRequest(input) {
      // See saveOpenOffer: the write lock is taken before the open request is read.
      return store.transaction(async (tx) => {
        const { teamId, userId, now } = input;
        await saveMemberSignupIn(tx, input);
        const topicIds = await signupTopicIdsIn(tx, teamId, input);
        if (topicIds.size === 0) throw new Error('a request needs at least one topic');
        const existing = await findOpenRequestIn(tx, teamId, userId);
        // A new sign-up inside a cohort's window joins it; an update keeps the place it had.
        const joinedCohort = existing === null ? await openCohortIn(tx, teamId, now) : null;
        const fields = { goals: input.goals, updatedAt: now };
        const requestId =
          existing?.id ??
          (await insertRequest(tx, {
            teamId,
            userId,
            ...fields,
            createdAt: now,
            cohortId: joinedCohort?.id ?? null,
          }));
        if (existing !== null) await tx.update(requests).set(fields).where(eq(requests.id, requestId));
        await tx.delete(requestTopics).where(eq(requestTopics.requestId, requestId));
        await tx.insert(requestTopics).values([...topicIds].map((topicId) => ({ requestId, topicId })));
        const saved = await findOpenRequestIn(tx, teamId, userId);
        if (saved === null) throw new Error('open request vanished while saving');
        return { request: saved, created: existing === null, joinedCohort };
      }, 'write');
    },
  };
}

async function insertRequest(tx: Db, row: typeof requests.$inferInsert): Promise<number> {
  const { requests } = tablesOf(tx);
  const [inserted] = await tx.insert(requests).values(row).returning({ id: requests.id });
  return inserted!.id;
}

export async function findOpenRequestIn(q: Db, teamId: string, userId: string): Promise<OpenRequest | null> {
  const { requests, requestTopics, topics } = tablesOf(q);
  const [row] = await q
    .select()
    .from(requests)
    // At most one open row per person (a partial unique index); the status is written into the SQL and no
    // limit is bound, either of which makes SQLite compile the statement twice (see participation-snapshot.ts).
    .where(and(eq(requests.teamId, teamId), eq(requests.userId, userId), sql`${requests.status} = 'open'`));
  if (row === undefined) return null;
  const requestTopicRows = await q
    .select({ id: topics.id, name: topics.name })
    .from(requestTopics)
    .innerJoin(topics, eq(topics.id, requestTopics.topicId))
    .where(eq(requestTopics.requestId, row.id))
    .orderBy(topics.nameKey);
  return {
    id: row.id,
    teamId: row.teamId,
    userId: row.userId,
    goals: row.goals,
    topics: requestTopicRows,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
