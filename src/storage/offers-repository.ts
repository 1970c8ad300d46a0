// Offers to mentor: at most one open offer per person (a partial unique index holds it), with its topics.
import { and, eq } from 'drizzle-orm';
import type { OpenOffer } from '../domain/signup';
import type { Db } from './database';
import { offers, offerTopics, topics } from './schema';
import { saveMemberSignupSync, type MemberSignup } from './signup-writes';
import { ensureTopicsSync, topicNamesSync } from './topics-repository';

export interface SaveOfferInput extends MemberSignup {
  capacity: number;
  note: string | null;
  /** Ids from the workspace's catalogue. */
  topicIds: readonly number[];
  /** Names typed by the person; added to the workspace's catalogue unless already there. */
  customTopics: readonly string[];
}

export interface SavedOffer {
  offer: OpenOffer;
  /** False when an open offer already existed and was updated. */
  created: boolean;
}

export interface OffersRepository {
  findOpenOffer(teamId: string, userId: string): Promise<OpenOffer | null>;
  /** Stores the member, their exclusions and their open offer with its topics, all in one transaction. */
  saveOpenOffer(input: SaveOfferInput): Promise<SavedOffer>;
}

export function createOffersRepository(db: Db): OffersRepository {
  return {
    async findOpenOffer(teamId, userId) {
      return findOpenOfferSync(db, teamId, userId);
    },
    async saveOpenOffer(input) {
      // better-sqlite3 runs the transaction on the one connection, so every statement below (db or tx) is
      // inside it. "immediate" takes the write lock up front: a second process cannot slip in between the
      // read of the open offer and the write.
      return db.transaction(
        () => {
          const { teamId, userId, now } = input;
          saveMemberSignupSync(db, input);
          const topicIds = new Set([
            ...topicNamesSync(db, teamId, input.topicIds).keys(),
            ...ensureTopicsSync(db, teamId, input.customTopics),
          ]);
          // The form guarantees a topic; this only guards against a topic removed since the form was checked.
          if (topicIds.size === 0) throw new Error('an offer needs at least one topic');
          const existing = findOpenOfferSync(db, teamId, userId);
          const fields = { capacity: input.capacity, note: input.note, updatedAt: now };
          const offerId =
            existing === null
              ? db
                  .insert(offers)
                  .values({ teamId, userId, ...fields, createdAt: now })
                  .returning({ id: offers.id })
                  .get().id
              : existing.id;
          if (existing !== null) db.update(offers).set(fields).where(eq(offers.id, offerId)).run();
          db.delete(offerTopics).where(eq(offerTopics.offerId, offerId)).run();
          db.insert(offerTopics)
            .values([...topicIds].map((topicId) => ({ offerId, topicId })))
            .run();
          const saved = findOpenOfferSync(db, teamId, userId);
          if (saved === null) throw new Error('open offer vanished while saving');
          return { offer: saved, created: existing === null };
        },
        { behavior: 'immediate' },
      );
    },
  };
}

function findOpenOfferSync(db: Db, teamId: string, userId: string): OpenOffer | null {
  const row = db
    .select()
    .from(offers)
    .where(and(eq(offers.teamId, teamId), eq(offers.userId, userId), eq(offers.status, 'open')))
    .get();
  if (row === undefined) return null;
  const offerTopicRows = db
    .select({ id: topics.id, name: topics.name })
    .from(offerTopics)
    .innerJoin(topics, eq(topics.id, offerTopics.topicId))
    .where(eq(offerTopics.offerId, row.id))
    .orderBy(topics.nameKey)
    .all();
  return {
    id: row.id,
    teamId: row.teamId,
    userId: row.userId,
    capacity: row.capacity,
    note: row.note,
    topics: offerTopicRows,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
