import type { Db } from '../../src/storage/database';
import { createParticipationRepository } from '../../src/storage/participation-repository';
import {
  decideProposal,
  endPair,
  expireDueProposals,
  insertActivePair,
  pausePair,
  pausePairsOf,
  resumePair,
} from '../../src/storage/lifecycle-writes';
import {
  pairRow,
  proposalRows,
  seedMember,
  seedOffer,
  seedProposal,
  seedRequest,
} from '../support/seed-programme';
import { TEAM } from '../support/test-app';
import { HOUR } from '../support/test-clock';
import { openTestDatabase, type TestDatabase } from '../support/test-database';

const NOW = new Date('2026-11-23T09:00:00Z');
const LATER = new Date(NOW.getTime() + HOUR);

let db: Db;
let database: TestDatabase;

beforeEach(async () => {
  database = await openTestDatabase();
  db = database.db;
});

afterEach(() => database.close());

async function pendingProposal(menteeId: string, expiresAt: Date): Promise<number> {
  await seedMember(db, { userId: `M${menteeId}`, level: 1 });
  const offerId = await seedOffer(db, { userId: `M${menteeId}`, topics: ['Social media'] });
  await seedMember(db, { userId: menteeId, level: 5 });
  const requestId = await seedRequest(db, { userId: menteeId, topics: ['Social media'] });
  return await seedProposal(db, {
    requestId,
    offerId,
    mentor: { userId: `M${menteeId}` },
    mentee: { userId: menteeId },
    expiresAt,
  });
}

function newPair(mentorId: string, menteeId: string, teamId = TEAM): Promise<number> {
  return insertActivePair(db, {
    teamId,
    mentorId,
    menteeId,
    levelGap: 3,
    crossDepartment: false,
    sharedTopics: ['Social media'],
    startedAt: NOW,
  });
}

describe('lifecycle writes: proposals', () => {
  it('decides a pending proposal once: a second decision changes nothing', async () => {
    const id = await pendingProposal('U0A', LATER);

    expect(await decideProposal(db, TEAM, id, 'accepted', NOW)).toBe(true);
    expect(await decideProposal(db, TEAM, id, 'declined', LATER)).toBe(false);
    expect(await decideProposal(db, TEAM, id, 'cancelled', LATER)).toBe(false);

    expect(await proposalRows(db)).toEqual([
      expect.objectContaining({ id, status: 'accepted', decidedAt: NOW }),
    ]);
  });

  it('leaves another workspace’s proposal alone', async () => {
    const id = await pendingProposal('U0A', LATER);
    expect(await decideProposal(db, 'T0OTHER', id, 'declined', NOW)).toBe(false);
    expect(await proposalRows(db)).toEqual([
      expect.objectContaining({ id, status: 'pending', decidedAt: null }),
    ]);
  });

  it('expires only proposals still pending at their expiry', async () => {
    const due = await pendingProposal('U0A', NOW);
    const notYet = await pendingProposal('U0B', LATER);
    const decided = await pendingProposal('U0C', NOW);
    await decideProposal(db, TEAM, decided, 'declined', NOW);

    expect(await expireDueProposals(db, TEAM, NOW)).toEqual([due]);
    expect(await expireDueProposals(db, TEAM, NOW)).toEqual([]);
    expect((await proposalRows(db)).map((row) => [row.id, row.status])).toEqual([
      [due, 'expired'],
      [notYet, 'pending'],
      [decided, 'declined'],
    ]);
  });
});

describe('lifecycle writes: pairs', () => {
  it('stores a new pair running, and moves it only along the lifecycle', async () => {
    const id = await newPair('U0M', 'U0A');
    expect((await pairRow(db, id)).status).toBe('active');

    expect(await resumePair(db, TEAM, id)).toBe(false);
    expect(await pausePair(db, TEAM, id)).toBe(true);
    expect(await pausePair(db, TEAM, id)).toBe(false);
    expect((await pairRow(db, id)).status).toBe('paused');

    expect(await resumePair(db, TEAM, id, { inactivityAskedAt: LATER })).toBe(true);
    expect(await pairRow(db, id)).toMatchObject({ status: 'active', inactivityAskedAt: LATER });

    expect(await endPair(db, TEAM, id, { at: NOW, by: 'U0A', reason: 'ended' })).toBe(true);
    expect(await endPair(db, TEAM, id, { at: LATER, by: 'U0M', reason: 'ended' })).toBe(false);
    expect(await pausePair(db, TEAM, id)).toBe(false);
    expect(await resumePair(db, TEAM, id)).toBe(false);
    expect(await pairRow(db, id)).toMatchObject({
      status: 'ended',
      endedAt: NOW,
      endedBy: 'U0A',
      endReason: 'ended',
    });
  });

  it('ends a paused pair too', async () => {
    const id = await newPair('U0M', 'U0A');
    await pausePair(db, TEAM, id);
    expect(await endPair(db, TEAM, id, { at: NOW, by: 'U0M', reason: 'ended' })).toBe(true);
    expect((await pairRow(db, id)).status).toBe('ended');
  });

  it('pauses every active pair of a member, in either role, and nothing else', async () => {
    const mentoring = await newPair('U0A', 'U0B');
    const mentored = await newPair('U0C', 'U0A');
    const ended = await newPair('U0A', 'U0D');
    await endPair(db, TEAM, ended, { at: NOW, by: 'U0D', reason: 'ended' });
    const others = await newPair('U0E', 'U0F');
    const elsewhere = await newPair('U0A', 'U0B', 'T0OTHER');

    await pausePairsOf(db, TEAM, 'U0A');

    const statuses = [];
    for (const id of [mentoring, mentored, ended, others, elsewhere])
      statuses.push((await pairRow(db, id)).status);
    expect(statuses).toEqual(['paused', 'paused', 'ended', 'active', 'active']);
  });

  it('a break pauses the active pairs a person mentors and is mentored in, and names every partner', async () => {
    for (const userId of ['U0A', 'U0B', 'U0C', 'U0D']) await seedMember(db, { userId });
    const mentoring = await newPair('U0A', 'U0B');
    const alreadyPaused = await newPair('U0A', 'U0D');
    await pausePair(db, TEAM, alreadyPaused);
    const others = await newPair('U0D', 'U0B');
    const participation = createParticipationRepository(db);

    expect(await participation.pause(TEAM, 'U0A', NOW, null)).toMatchObject({
      kind: 'paused',
      partnerIds: ['U0B', 'U0D'],
    });
    const mentored = await newPair('U0C', 'U0A');
    await participation.resume(TEAM, 'U0A', LATER);
    expect(await participation.pause(TEAM, 'U0A', LATER, null)).toMatchObject({
      kind: 'paused',
      partnerIds: ['U0B', 'U0D', 'U0C'],
    });

    const statuses = [];
    for (const id of [mentoring, alreadyPaused, mentored, others])
      statuses.push((await pairRow(db, id)).status);
    expect(statuses).toEqual(['paused', 'paused', 'paused', 'active']);
  });
});
