// Puts a programme in progress straight into the tables (members, offers, requests, proposals, pairs with
// their group DMs, prompt deliveries, feedback), so self-service tests start from any state without going
// through the offer, matching and prompt flows.
import { and, inArray } from 'drizzle-orm';
import type { Db } from '../../src/storage/database';
import {
  exclusions,
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
} from '../../src/storage/schema';
import type { FakeUser } from '../../dev/fake-slack-server';
import { TEAM } from './test-app';

export interface Person {
  userId: string;
  name: string;
  level: number;
  department: string;
  timeZone?: string;
  teamId?: string;
  pausedAt?: Date | null;
  pausedUntil?: Date | null;
}

/** The cast of the self-service tests: a junior mentor and two senior colleagues. */
export const ADA: Person = { userId: 'U0ADA', name: 'Ada Mentor', level: 1, department: 'Engineering' };
export const BEN: Person = { userId: 'U0BEN', name: 'Ben Mentee', level: 5, department: 'Sales' };
export const CARA: Person = { userId: 'U0CARA', name: 'Cara Senior', level: 4, department: 'Marketing' };

/** The people as the fake Slack's users.info knows them, all in London. */
export function asFakeUsers(people: readonly Pick<Person, 'userId' | 'name'>[]): FakeUser[] {
  return people.map((p) => ({ id: p.userId, teamId: TEAM, name: p.name, tz: 'Europe/London' }));
}

export function seedPerson(db: Db, person: Person, profileFetchedAt: Date): void {
  db.insert(members)
    .values({
      teamId: person.teamId ?? TEAM,
      userId: person.userId,
      name: person.name,
      timeZone: person.timeZone ?? 'Europe/London',
      level: person.level,
      department: person.department,
      profileFetchedAt,
      pausedAt: person.pausedAt ?? null,
      pausedUntil: person.pausedUntil ?? null,
    })
    .run();
}

function catalogueIds(db: Db, names: readonly string[], teamId: string): number[] {
  const rows = db
    .select({ id: topics.id, name: topics.name })
    .from(topics)
    .where(and(inArray(topics.name, [...names]), inArray(topics.teamId, ['', teamId])))
    .all();
  return names.map((name) => {
    const row = rows.find((candidate) => candidate.name === name);
    if (row === undefined) throw new Error(`no topic named ${name}`);
    return row.id;
  });
}

/** A topic only this workspace has, as if someone had typed it in "other topics". */
export function seedCustomTopic(db: Db, name: string, teamId = TEAM): void {
  db.insert(topics).values({ teamId, name, nameKey: name.toLowerCase() }).run();
}

export function seedOpenOffer(
  db: Db,
  fields: {
    userId: string;
    topics: readonly string[];
    capacity: number;
    note?: string;
    createdAt: Date;
    teamId?: string;
  },
): number {
  const teamId = fields.teamId ?? TEAM;
  const { id } = db
    .insert(offers)
    .values({
      teamId,
      userId: fields.userId,
      capacity: fields.capacity,
      note: fields.note ?? null,
      createdAt: fields.createdAt,
    })
    .returning({ id: offers.id })
    .get();
  for (const topicId of catalogueIds(db, fields.topics, teamId)) {
    db.insert(offerTopics).values({ offerId: id, topicId }).run();
  }
  return id;
}

export function seedMenteeRequest(
  db: Db,
  fields: {
    userId: string;
    topics: readonly string[];
    goals?: string;
    status?: 'open' | 'matched' | 'closed';
    createdAt: Date;
    matchedAt?: Date;
    teamId?: string;
  },
): number {
  const teamId = fields.teamId ?? TEAM;
  const { id } = db
    .insert(requests)
    .values({
      teamId,
      userId: fields.userId,
      goals: fields.goals ?? null,
      status: fields.status ?? 'open',
      createdAt: fields.createdAt,
      matchedAt: fields.matchedAt ?? null,
    })
    .returning({ id: requests.id })
    .get();
  for (const topicId of catalogueIds(db, fields.topics, teamId)) {
    db.insert(requestTopics).values({ requestId: id, topicId }).run();
  }
  return id;
}

export function seedProposal(
  db: Db,
  fields: {
    mentor: Person;
    mentee: Person;
    requestId: number | null;
    offerId: number | null;
    status: 'pending' | 'accepted' | 'declined' | 'expired' | 'cancelled';
    createdAt: Date;
    expiresAt: Date;
    message?: { channel: string; ts: string };
    teamId?: string;
  },
): number {
  const { mentor, mentee } = fields;
  const { id } = db
    .insert(proposals)
    .values({
      teamId: fields.teamId ?? TEAM,
      requestId: fields.requestId,
      offerId: fields.offerId,
      mentorId: mentor.userId,
      menteeId: mentee.userId,
      score: 100,
      // The shape the matcher stores (issue 4), with both people's levels and departments.
      reasons: {
        sharedTopicIds: [1],
        sharedTopics: ['Social media'],
        mentorLevel: mentor.level,
        menteeLevel: mentee.level,
        levelGap: mentee.level - mentor.level,
        mentorDepartment: mentor.department,
        menteeDepartment: mentee.department,
        crossDepartment: mentor.department !== mentee.department,
        waitingDays: 2,
      },
      status: fields.status,
      createdAt: fields.createdAt,
      expiresAt: fields.expiresAt,
      decidedAt: fields.status === 'pending' ? null : fields.createdAt,
      messageChannelId: fields.message?.channel ?? null,
      messageTs: fields.message?.ts ?? null,
    })
    .returning({ id: proposals.id })
    .get();
  return id;
}

export function seedPair(
  db: Db,
  fields: {
    mentor: Person;
    mentee: Person;
    channelId: string;
    offerId?: number | null;
    proposalId?: number | null;
    sharedTopics: string[];
    status?: 'active' | 'paused' | 'ended';
    startedAt: Date;
    endedAt?: Date;
    endedBy?: string;
    teamId?: string;
  },
): number {
  const { mentor, mentee } = fields;
  const { id } = db
    .insert(pairs)
    .values({
      teamId: fields.teamId ?? TEAM,
      proposalId: fields.proposalId ?? null,
      offerId: fields.offerId ?? null,
      mentorId: mentor.userId,
      menteeId: mentee.userId,
      levelGap: mentee.level - mentor.level,
      crossDepartment: mentor.department !== mentee.department,
      sharedTopics: fields.sharedTopics,
      channelId: fields.channelId,
      status: fields.status ?? 'active',
      startedAt: fields.startedAt,
      endedAt: fields.endedAt ?? null,
      endedBy: fields.endedBy ?? null,
    })
    .returning({ id: pairs.id })
    .get();
  return id;
}

export function seedDelivery(
  db: Db,
  fields: {
    pairId: number;
    channelId: string;
    weekKey: string;
    sentAt: Date;
    answeredAt?: Date;
    messageTs?: string;
    teamId?: string;
  },
): number {
  const { id } = db
    .insert(promptDeliveries)
    .values({
      teamId: fields.teamId ?? TEAM,
      pairId: fields.pairId,
      weekKey: fields.weekKey,
      promptText: 'What are some examples of reverse mentoring and who’s doing it well?',
      status: 'sent',
      channelId: fields.channelId,
      messageTs: fields.messageTs ?? `${Math.floor(fields.sentAt.getTime() / 1000)}.000100`,
      reservedAt: fields.sentAt,
      sentAt: fields.sentAt,
      answeredAt: fields.answeredAt ?? null,
      replyCount: fields.answeredAt === undefined ? 0 : 2,
      answeredByMentor: fields.answeredAt !== undefined,
      answeredByMentee: fields.answeredAt !== undefined,
    })
    .returning({ id: promptDeliveries.id })
    .get();
  return id;
}

export function seedFeedback(
  db: Db,
  fields: {
    pairId: number;
    userId: string;
    role: 'mentor' | 'mentee';
    rating: number;
    wouldRecommend: boolean;
    comment?: string;
    teamId?: string;
  },
): void {
  db.insert(feedback)
    .values({
      teamId: fields.teamId ?? TEAM,
      pairId: fields.pairId,
      userId: fields.userId,
      role: fields.role,
      rating: fields.rating,
      wouldRecommend: fields.wouldRecommend,
      comment: fields.comment ?? null,
    })
    .run();
}

export function seedExclusionOf(db: Db, userId: string, excludedUserId: string, teamId = TEAM): void {
  db.insert(exclusions).values({ teamId, userId, excludedUserId }).run();
}

/** Every text value in every table, with where it was found: to prove a person's id and name are gone. */
export function findTextEverywhere(db: Db, needle: string): string[] {
  const tables = db.$client
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'",
    )
    .all() as { name: string }[];
  const hits: string[] = [];
  for (const { name } of tables) {
    const rows = db.$client.prepare(`select * from "${name}"`).all() as Record<string, unknown>[];
    rows.forEach((row, index) => {
      for (const [column, value] of Object.entries(row)) {
        if (typeof value === 'string' && value.toLowerCase().includes(needle.toLowerCase())) {
          hits.push(`${name}[${index}].${column}`);
        }
      }
    });
  }
  return hits;
}
