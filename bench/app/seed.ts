// Fills a fresh database with a programme of the size the app benchmarks need, straight through drizzle (one
// transaction), so that seeding 10k people takes a second rather than 10k signed requests.
import { DEPARTMENTS } from '../../src/domain/catalogue';
import { members, pairs } from '../../src/storage/schema';
import { closeDatabase, migrateDatabase, openDatabase, type Db } from '../../src/storage/database';

export interface ProgrammeSize {
  teamId: string;
  members: number;
  pairs: number;
  /** When the pairs were formed (before the prompt slot, so they are due). */
  startedAt: Date;
}

export interface SeededPair {
  id: number;
  channelId: string;
  mentorId: string;
  menteeId: string;
}

export const memberId = (k: number): string => `U${String(k + 1).padStart(7, '0')}`;
export const pairChannel = (k: number): string => `G${String(k + 1).padStart(8, '0')}`;

const BATCH = 500;

function insertInBatches<T>(rows: readonly T[], insert: (batch: T[]) => void): void {
  for (let from = 0; from < rows.length; from += BATCH) insert(rows.slice(from, from + BATCH));
}

/**
 * Members 0 .. half-1 mentor, the others are mentees (levels 1–3 and 4–6). Pair k joins mentor k mod half with a
 * mentee chosen so that no two pairs repeat, each pair with its own group DM.
 */
export function seedProgramme(databasePath: string, size: ProgrammeSize): SeededPair[] {
  const db: Db = openDatabase(databasePath);
  migrateDatabase(db);
  const half = Math.floor(size.members / 2);
  if (size.pairs > half * half) throw new Error('more pairs than distinct mentor–mentee couples');
  const memberRows = Array.from({ length: size.members }, (_, k) => ({
    teamId: size.teamId,
    userId: memberId(k),
    name: `Person ${k + 1}`,
    timeZone: 'UTC',
    level: k < half ? 1 + (k % 3) : 4 + (k % 3),
    department: DEPARTMENTS[k % DEPARTMENTS.length]!,
    // Fresh, so that commands use the stored profile as they do between user_change events.
    profileFetchedAt: new Date(),
  }));
  const seeded: SeededPair[] = Array.from({ length: size.pairs }, (_, k) => ({
    id: k + 1,
    channelId: pairChannel(k),
    mentorId: memberId(k % half),
    menteeId: memberId(half + ((k + Math.floor(k / half)) % half)),
  }));
  const pairRows = seeded.map((pair, k) => ({
    id: pair.id,
    teamId: size.teamId,
    mentorId: pair.mentorId,
    menteeId: pair.menteeId,
    levelGap: 3,
    crossDepartment: k % 2 === 0,
    sharedTopics: ['AI tools'],
    channelId: pair.channelId,
    status: 'active' as const,
    startedAt: size.startedAt,
  }));
  db.transaction((tx) => {
    insertInBatches(memberRows, (batch) => tx.insert(members).values(batch).run());
    insertInBatches(pairRows, (batch) => tx.insert(pairs).values(batch).run());
  });
  closeDatabase(db);
  return seeded;
}

/** A few topics of the catalogue every workspace sees (the migrations store it), for sign-up forms. */
export function catalogueTopicIds(databasePath: string, count = 3): number[] {
  const db: Db = openDatabase(databasePath);
  try {
    const rows = db.$client.prepare('select id from topics order by id limit ?').all(count) as {
      id: number;
    }[];
    return rows.map((row) => row.id);
  } finally {
    closeDatabase(db);
  }
}
