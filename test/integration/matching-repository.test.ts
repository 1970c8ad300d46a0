import {
  createMatchingPoolRepository,
  type MatchingPoolRepository,
} from '../../src/storage/matching-pool-repository';
import { createProposalsRepository, type ProposalsRepository } from '../../src/storage/proposals-repository';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../src/storage/database';
import { tablesOf } from '../../src/storage/tables';
import {
  proposalRows,
  seedExclusion,
  seedMember,
  seedOffer,
  seedPair,
  seedProposal,
  seedRequest,
} from '../support/seed-programme';
import { TEAM } from '../support/test-app';
import { DAY, HOUR } from '../support/test-clock';
import { openTestDatabase, type TestDatabase } from '../support/test-database';

const NOW = new Date('2026-11-23T09:00:00Z');
const LATER = new Date(NOW.getTime() + 72 * HOUR);

let db: Db;
let database: TestDatabase;
let matchingPool: MatchingPoolRepository;
let proposals: ProposalsRepository;

beforeEach(async () => {
  database = await openTestDatabase();
  db = database.db;
  matchingPool = createMatchingPoolRepository(db);
  proposals = createProposalsRepository(db);
});

afterEach(() => database.close());

const draft = (requestId: number, offerId: number, mentorId: string, menteeId: string) => ({
  requestId,
  offerId,
  mentorId,
  menteeId,
  score: 100,
  reasons: {
    sharedTopicIds: [],
    mentorLevel: 1,
    menteeLevel: 5,
    levelGap: 4,
    mentorDepartment: null,
    menteeDepartment: null,
    crossDepartment: false,
    waitingDays: 0,
  },
});

describe('matching repository: the pool', () => {
  it('counts active and paused pairs and pending proposals against capacity, and nothing else', async () => {
    await seedMember(db, { userId: 'U0M', level: 1 });
    const offerId = await seedOffer(db, { userId: 'U0M', topics: ['Social media'], capacity: 3 });
    await seedPair(db, {
      mentor: { userId: 'U0M' },
      mentee: { userId: 'U0P1' },
      status: 'active',
      offerId,
      startedAt: NOW,
    });
    await seedPair(db, {
      mentor: { userId: 'U0M' },
      mentee: { userId: 'U0P2' },
      status: 'paused',
      offerId,
      startedAt: NOW,
    });
    await seedPair(db, {
      mentor: { userId: 'U0M' },
      mentee: { userId: 'U0P3' },
      status: 'ended',
      offerId,
      startedAt: NOW,
    });
    await seedMember(db, { userId: 'U0W', level: 5 });
    const waiting = await seedRequest(db, { userId: 'U0W', topics: ['Social media'] });
    await seedProposal(db, {
      requestId: waiting,
      offerId,
      mentor: { userId: 'U0M' },
      mentee: { userId: 'U0W' },
      expiresAt: LATER,
    });

    const pool = await matchingPool.loadPool(TEAM, NOW);

    expect(pool.offers).toEqual([expect.objectContaining({ offerId, capacity: 3, freeCapacity: 0 })]);
    // A request already waiting on a proposal is not matched again.
    expect(pool.requests).toEqual([]);
  });

  it('remembers every pair and every proposal except withdrawn ones, and exclusions both ways', async () => {
    await seedMember(db, { userId: 'U0M', level: 1 });
    const offerId = await seedOffer(db, { userId: 'U0M', topics: ['Social media'], capacity: 3 });
    await seedPair(db, {
      mentor: { userId: 'U0M' },
      mentee: { userId: 'U0OLD' },
      status: 'ended',
      startedAt: NOW,
    });
    for (const [menteeId, status] of [
      ['U0D', 'declined'],
      ['U0E', 'expired'],
      ['U0C', 'cancelled'],
    ] as const) {
      await seedMember(db, { userId: menteeId, level: 5 });
      const requestId = await seedRequest(db, { userId: menteeId, topics: ['Social media'] });
      const id = await seedProposal(db, {
        requestId,
        offerId,
        mentor: { userId: 'U0M' },
        mentee: { userId: menteeId },
        expiresAt: LATER,
      });
      const { proposals: table } = tablesOf(db);
      await db.update(table).set({ status }).where(eq(table.id, id));
    }
    await seedExclusion(db, 'U0M', 'U0X');

    const pool = await matchingPool.loadPool(TEAM, NOW);

    expect(pool.pastPairs.map((pair) => pair[1]).sort()).toEqual(['U0D', 'U0E', 'U0OLD']);
    expect(pool.excludes.get('U0M')).toEqual(['U0X']);
    expect(pool.excludes.get('U0X')).toEqual(['U0M']);
  });

  it('leaves out paused members until their pause ends, members without a level, and other workspaces', async () => {
    await seedMember(db, { userId: 'U0P', level: 1, pausedAt: NOW, pausedUntil: null });
    await seedOffer(db, { userId: 'U0P', topics: ['Social media'] });
    await seedMember(db, {
      userId: 'U0Q',
      level: 1,
      pausedAt: new Date(NOW.getTime() - 10 * DAY),
      pausedUntil: new Date(NOW.getTime() - DAY),
    });
    await seedOffer(db, { userId: 'U0Q', topics: ['Social media'] });
    await seedMember(db, {
      userId: 'U0R',
      level: 5,
      pausedAt: NOW,
      pausedUntil: new Date(NOW.getTime() + DAY),
    });
    await seedRequest(db, { userId: 'U0R', topics: ['Social media'] });
    await seedMember(db, { userId: 'U0S', level: 5 });
    await seedRequest(db, { userId: 'U0S', topics: ['Social media'] });
    const { members } = tablesOf(db);
    await db
      .update(members)
      .set({ level: null })
      .where(and(eq(members.teamId, TEAM), eq(members.userId, 'U0S')));
    await seedMember(db, { userId: 'U0T', level: 5, teamId: 'T0OTHER' });
    await seedRequest(db, { userId: 'U0T', topics: ['Social media'], teamId: 'T0OTHER' });

    const pool = await matchingPool.loadPool(TEAM, NOW);

    expect(pool.offers.map((offer) => offer.mentorId)).toEqual(['U0Q']);
    expect(pool.requests).toEqual([]);
  });
});

describe('matching repository: anything to match', () => {
  it('says a workspace has open requests only while one of its own is open', async () => {
    await seedMember(db, { userId: 'U0W', level: 5 });
    await seedRequest(db, { userId: 'U0W', topics: ['Social media'], status: 'matched' });
    await seedRequest(db, { userId: 'U0W', topics: ['Social media'], teamId: 'T0OTHER' });
    expect(await matchingPool.hasOpenRequests(TEAM)).toBe(false);

    await seedRequest(db, { userId: 'U0W', topics: ['Social media'] });
    expect(await matchingPool.hasOpenRequests(TEAM)).toBe(true);
    expect(await matchingPool.hasOpenRequests('T0NONE')).toBe(false);
  });
});

describe('matching repository: writes', () => {
  it('stores only the drafts that still fit when it writes them', async () => {
    await seedMember(db, { userId: 'U0M', level: 1 });
    const offerId = await seedOffer(db, { userId: 'U0M', topics: ['Social media'], capacity: 1 });
    await seedMember(db, { userId: 'U0A', level: 5 });
    const first = await seedRequest(db, { userId: 'U0A', topics: ['Social media'] });
    await seedMember(db, { userId: 'U0B', level: 5 });
    const second = await seedRequest(db, { userId: 'U0B', topics: ['Social media'] });

    const ids = await proposals.insertProposals(
      TEAM,
      [
        draft(first, offerId, 'U0M', 'U0A'),
        draft(second, offerId, 'U0M', 'U0B'),
        draft(first, offerId, 'U0M', 'U0A'),
      ],
      NOW,
      LATER,
    );

    // The mentor has one place: the second draft is refused, and the repeat of the first too.
    expect(ids).toHaveLength(1);
    expect(await proposalRows(db)).toEqual([
      expect.objectContaining({ requestId: first, status: 'pending', expiresAt: LATER, createdAt: NOW }),
    ]);
  });

  it('never proposes a pair that was declined before', async () => {
    await seedMember(db, { userId: 'U0M', level: 1 });
    const offerId = await seedOffer(db, { userId: 'U0M', topics: ['Social media'], capacity: 2 });
    await seedMember(db, { userId: 'U0A', level: 5 });
    const requestId = await seedRequest(db, { userId: 'U0A', topics: ['Social media'] });
    const [id] = await proposals.insertProposals(TEAM, [draft(requestId, offerId, 'U0M', 'U0A')], NOW, LATER);
    expect(await proposals.declineProposal(TEAM, id!, 'U0M', NOW)).toEqual({ kind: 'declined' });

    expect(
      await proposals.insertProposals(TEAM, [draft(requestId, offerId, 'U0M', 'U0A')], NOW, LATER),
    ).toEqual([]);
  });

  it('tells each waitlisted request once, even when two instances sharing the database claim it at once', async () => {
    await seedMember(db, { userId: 'U0A', level: 5 });
    const requestId = await seedRequest(db, { userId: 'U0A', topics: ['Social media'] });
    // A second replica: its own connection to the same database, with its own repository.
    const otherPool = createMatchingPoolRepository(await database.connectAgain());
    const [a, b] = await Promise.all([
      matchingPool.claimWaitlistNotices(TEAM, [requestId], NOW),
      otherPool.claimWaitlistNotices(TEAM, [requestId], NOW),
    ]);
    expect([...a!, ...b!]).toEqual([requestId]);
    expect(await otherPool.claimWaitlistNotices(TEAM, [requestId], NOW)).toEqual([]);
    expect(await matchingPool.claimWaitlistNotices('T0OTHER', [requestId], NOW)).toEqual([]);
  });
});

describe('matching repository: stored reasons', () => {
  async function seedOneProposal(): Promise<number> {
    await seedMember(db, { userId: 'U0M', level: 1 });
    await seedMember(db, { userId: 'U0E', level: 5 });
    const offerId = await seedOffer(db, { userId: 'U0M', topics: ['Social media'], capacity: 1 });
    const requestId = await seedRequest(db, { userId: 'U0E', topics: ['Social media'] });
    return seedProposal(db, {
      requestId,
      offerId,
      mentor: { userId: 'U0M' },
      mentee: { userId: 'U0E' },
      expiresAt: LATER,
    });
  }

  async function storeReasons(id: number, reasons: Record<string, unknown>): Promise<void> {
    const { proposals: table } = tablesOf(db);
    await db.update(table).set({ reasons }).where(eq(table.id, id));
  }

  it('reads the reasons without any other field stored alongside them', async () => {
    const id = await seedOneProposal();
    const [before] = await proposals.findProposals(TEAM, [id]);
    await storeReasons(id, { ...before!.reasons, aFieldOfAnOlderVersion: { score: 3 } });

    const [after] = await proposals.findProposals(TEAM, [id]);

    expect(Object.keys(after!.reasons).sort()).toEqual(Object.keys(before!.reasons).sort());
    expect(after!.reasons).toEqual(before!.reasons);
  });

  it('refuses reasons of the wrong shape without repeating what is stored', async () => {
    const id = await seedOneProposal();
    const [before] = await proposals.findProposals(TEAM, [id]);
    await storeReasons(id, { ...before!.reasons, sharedTopics: [{ typed: 'Topic typed by someone 5821' }] });

    const read = proposals.findProposals(TEAM, [id]);

    await expect(read).rejects.toThrow('stored proposal reasons are invalid: sharedTopics.0');
    await expect(read).rejects.not.toThrow('5821');
  });
});
