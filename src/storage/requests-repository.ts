// Requests for a mentor: at most one open request per person (a partial unique index holds it), with its
// topics. A matched or closed request stays as history; the next request is a new row.
import { and, eq } from 'drizzle-orm';
import type { OpenRequest } from '../domain/signup';
import type { Db } from './database';
import { requests, requestTopics, topics } from './schema';
import { saveMemberSignupSync, type MemberSignup } from './signup-writes';
import { ensureTopicsSync, topicNamesSync } from './topics-repository';

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
}

export interface RequestsRepository {
  findOpenRequest(teamId: string, userId: string): Promise<OpenRequest | null>;
  /** Stores the member, their exclusions and their open request with its topics, all in one transaction. */
  saveOpenRequest(input: SaveRequestInput): Promise<SavedRequest>;
}

export function createRequestsRepository(db: Db): RequestsRepository {
  return {
    async findOpenRequest(teamId, userId) {
      return findOpenRequestSync(db, teamId, userId);
    },
    async saveOpenRequest(input) {
      // See saveOpenOffer: one connection, so db statements run inside the transaction; "immediate" takes
      // the write lock before the open request is read.
      return db.transaction(
        () => {
          const { teamId, userId, now } = input;
          saveMemberSignupSync(db, input);
          const topicIds = new Set([
            ...topicNamesSync(db, teamId, input.topicIds).keys(),
            ...ensureTopicsSync(db, teamId, input.customTopics),
          ]);
          if (topicIds.size === 0) throw new Error('a request needs at least one topic');
          const existing = findOpenRequestSync(db, teamId, userId);
          const fields = { goals: input.goals, updatedAt: now };
          const requestId =
            existing === null
              ? db
                  .insert(requests)
                  .values({ teamId, userId, ...fields, createdAt: now })
                  .returning({ id: requests.id })
                  .get().id
              : existing.id;
          if (existing !== null) db.update(requests).set(fields).where(eq(requests.id, requestId)).run();
          db.delete(requestTopics).where(eq(requestTopics.requestId, requestId)).run();
          db.insert(requestTopics)
            .values([...topicIds].map((topicId) => ({ requestId, topicId })))
            .run();
          const saved = findOpenRequestSync(db, teamId, userId);
          if (saved === null) throw new Error('open request vanished while saving');
          return { request: saved, created: existing === null };
        },
        { behavior: 'immediate' },
      );
    },
  };
}

function findOpenRequestSync(db: Db, teamId: string, userId: string): OpenRequest | null {
  const row = db
    .select()
    .from(requests)
    .where(and(eq(requests.teamId, teamId), eq(requests.userId, userId), eq(requests.status, 'open')))
    .get();
  if (row === undefined) return null;
  const requestTopicRows = db
    .select({ id: topics.id, name: topics.name })
    .from(requestTopics)
    .innerJoin(topics, eq(topics.id, requestTopics.topicId))
    .where(eq(requestTopics.requestId, row.id))
    .orderBy(topics.nameKey)
    .all();
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
