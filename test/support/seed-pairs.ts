// Puts pairs (and their two members, with time zones) straight into the database, for the weekly-prompt
// tests, which start where matching ends. The group DM is the fake Slack's channel for the two people.
import { eq } from 'drizzle-orm';
import type { FakeSlack } from '../../dev/fake-slack-server';
import type { Db } from '../../src/storage/database';
import { members, pairs, promptDeliveries } from '../../src/storage/schema';
import { TEAM } from './test-app';

export interface SeedPairMember {
  userId: string;
  timeZone?: string | null;
  level?: number;
  pausedAt?: Date | null;
  pausedUntil?: Date | null;
}

export interface SeedPairOptions {
  mentor: SeedPairMember;
  mentee: SeedPairMember;
  startedAt: Date;
  teamId?: string;
  status?: 'active' | 'paused' | 'ended';
}

export interface SeededPair {
  pairId: number;
  channelId: string;
  teamId: string;
  mentorId: string;
  menteeId: string;
}

export function seedPair(db: Db, fake: FakeSlack, options: SeedPairOptions): SeededPair {
  const teamId = options.teamId ?? TEAM;
  const upsert = (person: SeedPairMember, level: number) => {
    const row = {
      teamId,
      userId: person.userId,
      name: person.userId,
      timeZone: person.timeZone ?? null,
      level: person.level ?? level,
      department: 'Engineering',
      pausedAt: person.pausedAt ?? null,
      pausedUntil: person.pausedUntil ?? null,
    };
    db.insert(members)
      .values(row)
      .onConflictDoUpdate({ target: [members.teamId, members.userId], set: row })
      .run();
  };
  upsert(options.mentor, 2);
  upsert(options.mentee, 5);
  const channelId = fake.channelFor([options.mentor.userId, options.mentee.userId]);
  const pair = db
    .insert(pairs)
    .values({
      teamId,
      mentorId: options.mentor.userId,
      menteeId: options.mentee.userId,
      levelGap: 3,
      crossDepartment: false,
      sharedTopics: ['Social media'],
      channelId,
      status: options.status ?? 'active',
      startedAt: options.startedAt,
    })
    .returning({ id: pairs.id })
    .get();
  return {
    pairId: pair.id,
    channelId,
    teamId,
    mentorId: options.mentor.userId,
    menteeId: options.mentee.userId,
  };
}

export function deliveriesOf(db: Db, pairId: number) {
  return db
    .select()
    .from(promptDeliveries)
    .where(eq(promptDeliveries.pairId, pairId))
    .orderBy(promptDeliveries.id)
    .all();
}

export function pairRow(db: Db, pairId: number) {
  const row = db.select().from(pairs).where(eq(pairs.id, pairId)).get();
  if (row === undefined) throw new Error(`no pair ${pairId}`);
  return row;
}
