// Puts a programme in progress straight into the tables (members, offers, requests, proposals, pairs with
// their group DMs, prompt deliveries, feedback, exclusions), so a test starts from any state without going
// through the offer, matching and prompt flows. One seeder a table: a test that needs a person who offers
// seeds the member, then the offer. Every seeder takes the app's connection, SQLite or PostgreSQL (tablesOf
// gives the connection's own tables), and is awaited.
import { and, eq, inArray } from 'drizzle-orm';
import type { FakeSlack, FakeUser } from '../../dev/fake-slack-server';
import type { Db } from '../../src/storage/database';
import { tablesOf } from '../../src/storage/tables';
import { TEAM } from './test-app';

export interface SeedPerson {
  userId: string;
  /** The Slack user id when left out. */
  name?: string;
  level?: number | null;
  /** 'Engineering' when left out. */
  department?: string | null;
  timeZone?: string | null;
  teamId?: string;
  pausedAt?: Date | null;
  pausedUntil?: Date | null;
  /** When the profile was last read from Slack; the app reads it again when it is missing or old. */
  profileFetchedAt?: Date | null;
}

/** A person as a proposal or a pair sees them: the level and department the matcher weighed. */
export type PairPerson = Pick<SeedPerson, 'userId' | 'level' | 'department'>;

/** The cast of the self-service tests: a junior mentor and two senior colleagues. */
export const ADA = personInLondon('U0ADA', 'Ada Mentor', 1, 'Engineering');
export const BEN = personInLondon('U0BEN', 'Ben Mentee', 5, 'Sales');
export const CARA = personInLondon('U0CARA', 'Cara Senior', 4, 'Marketing');

/** Someone with a full profile in London, as the self-service tests' people are. */
export function personInLondon(userId: string, name: string, level: number, department: string) {
  return { userId, name, level, department, timeZone: 'Europe/London' };
}

/** The people as the fake Slack's users.info knows them, all in London. */
export function asFakeUsers(people: readonly Pick<SeedPerson, 'userId' | 'name'>[]): FakeUser[] {
  return people.map((p) => ({ id: p.userId, teamId: TEAM, name: p.name ?? p.userId, tz: 'Europe/London' }));
}

/** The id of the one row an insert returned. */
export function insertedId(rows: { id: number }[]): number {
  const [row] = rows;
  if (row === undefined) throw new Error('the insert returned no row');
  return row.id;
}

/** Adds the member, or overwrites the fields of one already there (its profile date only when given). */
export async function seedMember(db: Db, person: SeedPerson): Promise<void> {
  const row = {
    teamId: person.teamId ?? TEAM,
    userId: person.userId,
    name: person.name ?? person.userId,
    timeZone: person.timeZone ?? null,
    level: person.level ?? null,
    department: person.department === undefined ? 'Engineering' : person.department,
    ...(person.profileFetchedAt === undefined ? {} : { profileFetchedAt: person.profileFetchedAt }),
    pausedAt: person.pausedAt ?? null,
    pausedUntil: person.pausedUntil ?? null,
  };
  const { members } = tablesOf(db);
  await db
    .insert(members)
    .values(row)
    .onConflictDoUpdate({ target: [members.teamId, members.userId], set: row });
}

/** Ids of catalogue topics by name (install-wide or the team's). */
export async function topicIds(db: Db, names: readonly string[], teamId = TEAM): Promise<number[]> {
  const { topics } = tablesOf(db);
  const rows = await db
    .select({ id: topics.id, name: topics.name })
    .from(topics)
    .where(and(inArray(topics.name, [...names]), inArray(topics.teamId, ['', teamId])));
  return names.map((name) => {
    const row = rows.find((r) => r.name === name);
    if (row === undefined) throw new Error(`no topic named ${name}`);
    return row.id;
  });
}

/** A topic only this workspace has, as if someone had typed it in "other topics". */
export async function seedCustomTopic(db: Db, name: string, teamId = TEAM): Promise<void> {
  const { topics } = tablesOf(db);
  await db.insert(topics).values({ teamId, name, nameKey: name.toLowerCase() });
}

/** An open offer to mentor; the member is seeded apart. */
export async function seedOffer(
  db: Db,
  fields: {
    userId: string;
    topics: readonly string[];
    capacity?: number;
    note?: string;
    createdAt?: Date;
    teamId?: string;
  },
): Promise<number> {
  const { offers, offerTopics } = tablesOf(db);
  const teamId = fields.teamId ?? TEAM;
  const id = insertedId(
    await db
      .insert(offers)
      .values({
        teamId,
        userId: fields.userId,
        capacity: fields.capacity ?? 1,
        note: fields.note ?? null,
        ...(fields.createdAt === undefined ? {} : { createdAt: fields.createdAt }),
      })
      .returning({ id: offers.id }),
  );
  for (const topicId of await topicIds(db, fields.topics, teamId)) {
    await db.insert(offerTopics).values({ offerId: id, topicId });
  }
  return id;
}

/** A request for a mentor (open unless told otherwise); the member is seeded apart. */
export async function seedRequest(
  db: Db,
  fields: {
    userId: string;
    topics: readonly string[];
    goals?: string | null;
    status?: 'open' | 'matched' | 'closed';
    createdAt?: Date;
    matchedAt?: Date;
    teamId?: string;
  },
): Promise<number> {
  const { requests, requestTopics } = tablesOf(db);
  const teamId = fields.teamId ?? TEAM;
  const id = insertedId(
    await db
      .insert(requests)
      .values({
        teamId,
        userId: fields.userId,
        goals: fields.goals ?? null,
        status: fields.status ?? 'open',
        matchedAt: fields.matchedAt ?? null,
        ...(fields.createdAt === undefined ? {} : { createdAt: fields.createdAt }),
      })
      .returning({ id: requests.id }),
  );
  for (const topicId of await topicIds(db, fields.topics, teamId)) {
    await db.insert(requestTopics).values({ requestId: id, topicId });
  }
  return id;
}

/**
 * A proposal written directly, bypassing the matcher (to start from any answer, or to build races the matcher
 * would avoid). Its reasons have the shape the matcher stores; a level or department left out is a level-1
 * mentor in Engineering and a level-5 mentee in Sales.
 */
export async function seedProposal(
  db: Db,
  fields: {
    mentor: PairPerson;
    mentee: PairPerson;
    requestId: number | null;
    offerId: number | null;
    expiresAt: Date;
    status?: 'pending' | 'accepted' | 'declined' | 'expired' | 'cancelled';
    createdAt?: Date;
    sharedTopics?: string[];
    waitingDays?: number;
    message?: { channel: string; ts: string };
    teamId?: string;
  },
): Promise<number> {
  const teamId = fields.teamId ?? TEAM;
  const status = fields.status ?? 'pending';
  const sharedTopics = fields.sharedTopics ?? ['Social media'];
  const mentorLevel = fields.mentor.level ?? 1;
  const menteeLevel = fields.mentee.level ?? 5;
  const mentorDepartment = fields.mentor.department ?? 'Engineering';
  const menteeDepartment = fields.mentee.department ?? 'Sales';
  const { proposals } = tablesOf(db);
  const sharedTopicIds = await topicIds(db, sharedTopics, teamId);
  const id = insertedId(
    await db
      .insert(proposals)
      .values({
        teamId,
        requestId: fields.requestId,
        offerId: fields.offerId,
        mentorId: fields.mentor.userId,
        menteeId: fields.mentee.userId,
        score: 100,
        reasons: {
          sharedTopicIds,
          sharedTopics,
          mentorLevel,
          menteeLevel,
          levelGap: menteeLevel - mentorLevel,
          mentorDepartment,
          menteeDepartment,
          crossDepartment: mentorDepartment !== menteeDepartment,
          waitingDays: fields.waitingDays ?? 0,
        },
        status,
        ...(fields.createdAt === undefined ? {} : { createdAt: fields.createdAt }),
        expiresAt: fields.expiresAt,
        decidedAt: status === 'pending' ? null : (fields.createdAt ?? null),
        messageChannelId: fields.message?.channel ?? null,
        messageTs: fields.message?.ts ?? null,
      })
      .returning({ id: proposals.id }),
  );
  return id;
}

/**
 * A pair row. A level or department left out is a level-2 mentor and a level-5 mentee, both in Engineering;
 * with no channel the pair has no group DM yet.
 */
export async function seedPair(
  db: Db,
  fields: {
    mentor: PairPerson;
    mentee: PairPerson;
    startedAt: Date;
    channelId?: string | null;
    offerId?: number | null;
    proposalId?: number | null;
    sharedTopics?: string[];
    status?: 'active' | 'paused' | 'ended';
    endedAt?: Date;
    endedBy?: string;
    teamId?: string;
  },
): Promise<number> {
  const { mentor, mentee } = fields;
  const { pairs } = tablesOf(db);
  const id = insertedId(
    await db
      .insert(pairs)
      .values({
        teamId: fields.teamId ?? TEAM,
        proposalId: fields.proposalId ?? null,
        offerId: fields.offerId ?? null,
        mentorId: mentor.userId,
        menteeId: mentee.userId,
        levelGap: (mentee.level ?? 5) - (mentor.level ?? 2),
        crossDepartment: (mentor.department ?? 'Engineering') !== (mentee.department ?? 'Engineering'),
        sharedTopics: fields.sharedTopics ?? ['Social media'],
        channelId: fields.channelId ?? null,
        status: fields.status ?? 'active',
        startedAt: fields.startedAt,
        endedAt: fields.endedAt ?? null,
        endedBy: fields.endedBy ?? null,
      })
      .returning({ id: pairs.id }),
  );
  return id;
}

export interface SeededPair {
  pairId: number;
  channelId: string;
  teamId: string;
  mentorId: string;
  menteeId: string;
}

/**
 * A running pair as matching leaves it, for the prompt tests: both members (a level-2 mentor and a level-5
 * mentee, with the time zones given), their group DM in the fake Slack, and the pair.
 */
export async function seedRunningPair(
  db: Db,
  fake: FakeSlack,
  options: {
    mentor: SeedPerson;
    mentee: SeedPerson;
    startedAt: Date;
    teamId?: string;
    status?: 'active' | 'paused' | 'ended';
  },
): Promise<SeededPair> {
  const teamId = options.teamId ?? TEAM;
  const mentor = { level: 2, ...options.mentor, teamId };
  const mentee = { level: 5, ...options.mentee, teamId };
  await seedMember(db, mentor);
  await seedMember(db, mentee);
  const channelId = fake.channelFor([mentor.userId, mentee.userId]);
  const pairId = await seedPair(db, {
    mentor: { userId: mentor.userId },
    mentee: { userId: mentee.userId },
    channelId,
    startedAt: options.startedAt,
    status: options.status,
    teamId,
  });
  return { pairId, channelId, teamId, mentorId: mentor.userId, menteeId: mentee.userId };
}

/** A weekly prompt already sent to a pair (answered by both when answeredAt is given). */
export async function seedDelivery(
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
): Promise<number> {
  const { promptDeliveries } = tablesOf(db);
  const id = insertedId(
    await db
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
      .returning({ id: promptDeliveries.id }),
  );
  return id;
}

export async function seedFeedback(
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
): Promise<void> {
  const { feedback } = tablesOf(db);
  await db.insert(feedback).values({
    teamId: fields.teamId ?? TEAM,
    pairId: fields.pairId,
    userId: fields.userId,
    role: fields.role,
    rating: fields.rating,
    wouldRecommend: fields.wouldRecommend,
    comment: fields.comment ?? null,
  });
}

/** userId asked never to be matched with excludedUserId. */
export async function seedExclusion(
  db: Db,
  userId: string,
  excludedUserId: string,
  teamId = TEAM,
): Promise<void> {
  const { exclusions } = tablesOf(db);
  await db.insert(exclusions).values({ teamId, userId, excludedUserId });
}

export async function proposalRows(db: Db, teamId = TEAM) {
  const { proposals } = tablesOf(db);
  return db.select().from(proposals).where(eq(proposals.teamId, teamId)).orderBy(proposals.id);
}

export async function pairRow(db: Db, pairId: number) {
  const { pairs } = tablesOf(db);
  const [row] = await db.select().from(pairs).where(eq(pairs.id, pairId));
  if (row === undefined) throw new Error(`no pair ${pairId}`);
  return row;
}

export async function deliveriesOf(db: Db, pairId: number) {
  const { promptDeliveries } = tablesOf(db);
  return db
    .select()
    .from(promptDeliveries)
    .where(eq(promptDeliveries.pairId, pairId))
    .orderBy(promptDeliveries.id);
}

/** A member who signed up, with a name, level and department (time zone London unless given). */
export type Person = SeedPerson & { name: string; level: number; department: string };

export async function seedPerson(db: Db, person: SeedPerson, profileFetchedAt: Date): Promise<void> {
  await seedMember(db, { timeZone: 'Europe/London', ...person, profileFetchedAt });
}
