// Offers to mentor: at most one open offer per person (a partial unique index holds it), with its topics.
import { and, eq, sql } from 'drizzle-orm';
import type { OpenOffer } from '../domain/signup';
import type { Db } from './database';
import type { offers } from './schema';
import { tablesOf } from './tables';
import { openCohortIn, type JoinedCohort } from './cohort-writes';
import { saveMemberSignupIn, signupTopicIdsIn, type MemberSignup } from './signup-writes';
import { storeFor } from './store';

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
  /** The cohort a new offer joined (made inside its sign-up window); null when evergreen or updated. */
  joinedCohort?: JoinedCohort | null;
}

export interface OffersRepository {
  findOpenOffer(teamId: string, userId: string): Promise<OpenOffer | null>;
  /** Stores the member, their exclusions and their open offer with its topics, all in one transaction. */
  saveOpenOffer(input: SaveOfferInput): Promise<SavedOffer>;
}

export function createOffersRepository(db: Db): OffersRepository {
  const { offers, offerTopics } = tablesOf(db);
  const store = storeFor(db);
  return {
    async findOpenOffer(teamId, userId) {
      return store.run((q) => findOpenOfferIn(q, teamId, userId));
    },
    async saveOpenOffer(input) {
      // A write transaction takes the write lock up front: a second process cannot slip in between the read
      // of the open offer and the write.
      return store.transaction(async (tx) => {
        const { teamId, userId, now } = input;
        await saveMemberSignupIn(tx, input);
        const topicIds = await signupTopicIdsIn(tx, teamId, input);
        if (topicIds.size === 0) throw new Error('an offer needs at least one topic');
        const existing = await findOpenOfferIn(tx, teamId, userId);
        // A new sign-up inside a cohort's window joins it; an update keeps the place it had.
        const joinedCohort = existing === null ? await openCohortIn(tx, teamId, now) : null;
        const fields = { capacity: input.capacity, note: input.note, updatedAt: now };
        const offerId =
          existing?.id ??
          (await insertOffer(tx, {
            teamId,
            userId,
            ...fields,
            createdAt: now,
            cohortId: joinedCohort?.id ?? null,
          }));
        if (existing !== null) await tx.update(offers).set(fields).where(eq(offers.id, offerId));
        await tx.delete(offerTopics).where(eq(offerTopics.offerId, offerId));
        await tx.insert(offerTopics).values([...topicIds].map((topicId) => ({ offerId, topicId })));
        const saved = await findOpenOfferIn(tx, teamId, userId);
        if (saved === null) throw new Error('open offer vanished while saving');
        return { offer: saved, created: existing === null, joinedCohort };
      }, 'write');
    },
  };
}

async function insertOffer(tx: Db, row: typeof offers.$inferInsert): Promise<number> {
  const { offers } = tablesOf(tx);
  const [inserted] = await tx.insert(offers).values(row).returning({ id: offers.id });
  return inserted!.id;
}

export async function findOpenOfferIn(q: Db, teamId: string, userId: string): Promise<OpenOffer | null> {
  const { offers, offerTopics, topics } = tablesOf(q);
  const [row] = await q
    .select()
    .from(offers)
    // At most one open row per person (a partial unique index); the status is written into the SQL and no
    // limit is bound, either of which makes SQLite compile the statement twice (see participation-snapshot.ts).
    .where(and(eq(offers.teamId, teamId), eq(offers.userId, userId), sql`${offers.status} = 'open'`));
  if (row === undefined) return null;
  const offerTopicRows = await q
    .select({ id: topics.id, name: topics.name })
    .from(offerTopics)
    .innerJoin(topics, eq(topics.id, offerTopics.topicId))
    .where(eq(offerTopics.offerId, row.id))
    .orderBy(topics.nameKey);
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
