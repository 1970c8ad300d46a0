// Puts members, offers and requests straight into the database, for tests that start where the offer and
// find modals end.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../src/storage/database';
import {
  exclusions,
  members,
  offers,
  offerTopics,
  proposals,
  requests,
  requestTopics,
  topics,
} from '../../src/storage/schema';
import { TEAM } from './test-app';

export interface SeedPerson {
  userId: string;
  name?: string;
  level: number;
  department?: string | null;
  teamId?: string;
  pausedAt?: Date | null;
  pausedUntil?: Date | null;
}

export function seedMember(db: Db, person: SeedPerson): void {
  const row = {
    teamId: person.teamId ?? TEAM,
    userId: person.userId,
    name: person.name ?? person.userId,
    level: person.level,
    department: person.department === undefined ? 'Engineering' : person.department,
    pausedAt: person.pausedAt ?? null,
    pausedUntil: person.pausedUntil ?? null,
  };
  db.insert(members)
    .values(row)
    .onConflictDoUpdate({ target: [members.teamId, members.userId], set: row })
    .run();
}

/** Ids of catalogue topics by name (install-wide or the team's). */
export function topicIds(db: Db, names: readonly string[], teamId = TEAM): number[] {
  const rows = db
    .select({ id: topics.id, name: topics.name })
    .from(topics)
    .where(and(inArray(topics.name, [...names]), inArray(topics.teamId, ['', teamId])))
    .all();
  return names.map((name) => {
    const row = rows.find((r) => r.name === name);
    if (row === undefined) throw new Error(`no topic named ${name}`);
    return row.id;
  });
}

export function seedOffer(
  db: Db,
  person: SeedPerson & { topics: readonly string[]; capacity?: number; createdAt?: Date },
): number {
  seedMember(db, person);
  const teamId = person.teamId ?? TEAM;
  const offer = db
    .insert(offers)
    .values({
      teamId,
      userId: person.userId,
      capacity: person.capacity ?? 1,
      ...(person.createdAt === undefined ? {} : { createdAt: person.createdAt }),
    })
    .returning({ id: offers.id })
    .get();
  for (const topicId of topicIds(db, person.topics, teamId)) {
    db.insert(offerTopics).values({ offerId: offer.id, topicId }).run();
  }
  return offer.id;
}

export function seedRequest(
  db: Db,
  person: SeedPerson & { topics: readonly string[]; goals?: string | null; createdAt?: Date },
): number {
  seedMember(db, person);
  const teamId = person.teamId ?? TEAM;
  const request = db
    .insert(requests)
    .values({
      teamId,
      userId: person.userId,
      goals: person.goals ?? null,
      ...(person.createdAt === undefined ? {} : { createdAt: person.createdAt }),
    })
    .returning({ id: requests.id })
    .get();
  for (const topicId of topicIds(db, person.topics, teamId)) {
    db.insert(requestTopics).values({ requestId: request.id, topicId }).run();
  }
  return request.id;
}

export function seedExclusion(db: Db, userId: string, excludedUserId: string, teamId = TEAM): void {
  db.insert(exclusions).values({ teamId, userId, excludedUserId }).run();
}

/** A pending proposal written directly, bypassing the matcher (to build races the matcher would avoid). */
export function seedPendingProposal(
  db: Db,
  fields: {
    requestId: number;
    offerId: number;
    mentorId: string;
    menteeId: string;
    expiresAt: Date;
    sharedTopics?: string[];
    teamId?: string;
  },
): number {
  const row = db
    .insert(proposals)
    .values({
      teamId: fields.teamId ?? TEAM,
      requestId: fields.requestId,
      offerId: fields.offerId,
      mentorId: fields.mentorId,
      menteeId: fields.menteeId,
      score: 100,
      reasons: {
        sharedTopicIds: [],
        sharedTopics: fields.sharedTopics ?? ['Social media'],
        mentorLevel: 1,
        menteeLevel: 5,
        levelGap: 4,
        mentorDepartment: 'Engineering',
        menteeDepartment: 'Sales',
        crossDepartment: true,
        waitingDays: 0,
      },
      status: 'pending',
      expiresAt: fields.expiresAt,
    })
    .returning({ id: proposals.id })
    .get();
  return row.id;
}

export function proposalRows(db: Db, teamId = TEAM) {
  return db.select().from(proposals).where(eq(proposals.teamId, teamId)).orderBy(proposals.id).all();
}
