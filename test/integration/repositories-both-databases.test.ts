// The same repositories, the same scenario, on SQLite and on a real PostgreSQL: whatever holds on one must hold
// on the other. Everything goes through createRepositories, as the use cases see it.
import path from 'node:path';
import { is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import {
  closeDatabase,
  isDatabaseReachable,
  migrateDatabase,
  openDatabase,
  type Db,
} from '../../src/storage/database';
import {
  asDb,
  closePostgres,
  migratePostgres,
  openPostgres,
  type PostgresDb,
} from '../../src/storage/postgres-database';
import type { ProposalDraft } from '../../src/storage/proposals-repository';
import { createRepositories, type Repositories } from '../../src/storage/repositories';
import { dialectOf, tablesOf } from '../../src/storage/tables';
import { createPostgresTestDatabase } from '../support/postgres-server';
import { seedPair } from '../support/seed-programme';
import { HOUR } from '../support/test-clock';
import { makeTempDir } from '../support/test-database';

const TEAM = 'T0BOTH';
const NOW = new Date('2026-11-23T09:00:00.000Z');
const LATER = new Date(NOW.getTime() + HOUR);
const EXPIRES = new Date(NOW.getTime() + 72 * HOUR);

/** A migrated database, and a second, separate connection to it (a second replica's). */
interface Backend {
  db: Db;
  openSecond(): Promise<Db>;
  close(): Promise<void>;
}

async function openSqliteBackend(): Promise<Backend> {
  const { dir, cleanup } = makeTempDir();
  const file = path.join(dir, 'both.db');
  const opened = [openDatabase(file)];
  migrateDatabase(opened[0]!);
  return {
    db: opened[0]!,
    async openSecond() {
      const second = openDatabase(file);
      opened.push(second);
      return second;
    },
    async close() {
      opened.forEach(closeDatabase);
      cleanup();
    },
  };
}

async function openPostgresBackend(): Promise<Backend> {
  const database = await createPostgresTestDatabase();
  const opened: PostgresDb[] = [openPostgres(database.url)];
  await migratePostgres(opened[0]!);
  return {
    db: asDb(opened[0]!),
    async openSecond() {
      const second = openPostgres(database.url);
      opened.push(second);
      return asDb(second);
    },
    async close() {
      await Promise.all(opened.map(closePostgres));
      await database.drop();
    },
  };
}

const profile = (name: string) => ({ name, timeZone: 'Europe/Berlin', isWorkspaceAdmin: false });

const signup = (userId: string, name: string, level: number) => ({
  teamId: TEAM,
  userId,
  profile: profile(name),
  profileFetchedAt: NOW,
  level,
  department: level < 3 ? 'Engineering' : 'Marketing',
  excludedUserIds: [],
  now: NOW,
});

const draft = (requestId: number, offerId: number, mentorId: string, menteeId: string): ProposalDraft => ({
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
    mentorDepartment: 'Engineering',
    menteeDepartment: 'Marketing',
    crossDepartment: true,
    waitingDays: 0,
  },
});

/** Where a value naming the person is still stored, as table.column, read through drizzle on either database. */
async function placesNaming(db: Db, needles: readonly string[]): Promise<string[]> {
  const hits: string[] = [];
  for (const [name, table] of Object.entries(tablesOf(db))) {
    const rows = (await db.select().from(table as never)) as Record<string, unknown>[];
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
        if (needles.some((needle) => text.includes(needle))) hits.push(`${name}.${column}`);
      }
    }
  }
  return hits;
}

describe.each([
  ['SQLite', 'sqlite', openSqliteBackend],
  ['PostgreSQL', 'postgres', openPostgresBackend],
] as const)('repositories on %s', (_name, dialect, openBackend) => {
  let backend: Backend;
  let repos: Repositories;

  beforeEach(async () => {
    backend = await openBackend();
    repos = createRepositories(backend.db);
  });

  afterEach(() => backend.close());

  /** Ada offers (capacity as given) on a catalogue topic; Ben asks on the same topic plus a custom one. */
  async function offerAndRequest(capacity = 1) {
    const [topic] = await repos.topics.listCatalogue(TEAM);
    const offer = await repos.offers.saveOpenOffer({
      ...signup('U0ADA', 'Ada Lovelace', 1),
      capacity,
      note: 'Happy to help',
      topicIds: [topic!.id],
      customTopics: ['Knitting', 'knitting ', 'KNITTING'],
    });
    const request = await repos.requests.saveOpenRequest({
      ...signup('U0BEN', 'Ben Okafor', 5),
      goals: 'Learn the ropes',
      topicIds: [topic!.id],
      customTopics: ['Knitting'],
    });
    return { topic: topic!, offer: offer.offer, request: request.request };
  }

  /** Ada's pending proposal to mentor Ben, made at NOW: its id. */
  async function proposeAdaToBen(offerId: number, requestId: number): Promise<number> {
    const [proposalId] = await repos.proposals.insertProposals(
      TEAM,
      [draft(requestId, offerId, 'U0ADA', 'U0BEN')],
      NOW,
      EXPIRES,
    );
    return proposalId!;
  }

  /** Ada mentoring Ben, her proposal accepted at NOW: the pair's id. */
  async function adaPairedWithBen(): Promise<number> {
    const { offer, request } = await offerAndRequest(1);
    const proposalId = await proposeAdaToBen(offer.id, request.id);
    const accepted = await repos.proposals.acceptProposal(TEAM, proposalId, 'U0ADA', NOW);
    if (accepted.kind !== 'accepted') throw new Error(`expected a pair, got ${accepted.kind}`);
    return accepted.pairId;
  }

  it('build their queries in the dialect of the database they run on', () => {
    expect(dialectOf(backend.db)).toBe(dialect);
    expect(is(tablesOf(backend.db).members, PgTable)).toBe(dialect === 'postgres');
  });

  it('answers the health check', async () => {
    expect(await isDatabaseReachable(backend.db)).toBe(true);
  });

  it("saves a member's profile and finds it again, dates as Dates", async () => {
    await repos.members.saveProfile(TEAM, 'U0ADA', profile('Ada Lovelace'), NOW);
    await repos.members.saveProfile(TEAM, 'U0ADA', profile('Ada King'), LATER);

    const member = await repos.members.find(TEAM, 'U0ADA');
    expect(member).toMatchObject({ name: 'Ada King', timeZone: 'Europe/Berlin', isWorkspaceAdmin: false });
    expect(member!.profileFetchedAt).toEqual(LATER);
    expect(member!.pausedAt).toBeNull();
    expect(await repos.members.find(TEAM, 'U0NOBODY')).toBeNull();
  });

  it('signs up an offer and a request with their topics, a custom topic stored once', async () => {
    const { topic, offer, request } = await offerAndRequest(2);

    expect(offer.topics.map((t) => t.name).sort()).toEqual([topic.name, 'Knitting'].sort());
    expect(request.topics.map((t) => t.name).sort()).toEqual([topic.name, 'Knitting'].sort());
    expect(offer.createdAt).toEqual(NOW);
    const catalogue = await repos.topics.listCatalogue(TEAM);
    expect(catalogue.filter((t) => t.name.toLowerCase().trim() === 'knitting')).toHaveLength(1);
    expect(await repos.offers.findOpenOffer(TEAM, 'U0ADA')).toMatchObject({ id: offer.id, capacity: 2 });
    expect(await repos.requests.findOpenRequest(TEAM, 'U0BEN')).toMatchObject({ id: request.id });

    const again = await repos.offers.saveOpenOffer({
      ...signup('U0ADA', 'Ada Lovelace', 1),
      capacity: 3,
      note: null,
      topicIds: [topic.id],
      customTopics: [],
    });
    expect(again).toMatchObject({ created: false, offer: { id: offer.id, capacity: 3 } });
  });

  it('loads the matching pool, stores proposals, and the Accept makes one pair', async () => {
    const { offer, request } = await offerAndRequest(1);

    const pool = await repos.matchingPool.loadPool(TEAM, NOW);
    expect(pool.offers).toEqual([
      expect.objectContaining({ offerId: offer.id, mentorId: 'U0ADA', capacity: 1, freeCapacity: 1 }),
    ]);
    expect(pool.requests.map((r) => r.requestId)).toEqual([request.id]);
    expect(await repos.matchingPool.teamsWithOpenRequests()).toEqual([TEAM]);

    const proposalId = await proposeAdaToBen(offer.id, request.id);
    const [details] = await repos.proposals.findProposals(TEAM, [proposalId]);
    expect(details).toMatchObject({
      status: 'pending',
      mentor: { name: 'Ada Lovelace' },
      expiresAt: EXPIRES,
    });
    expect((await repos.matchingPool.loadPool(TEAM, NOW)).offers[0]?.freeCapacity).toBe(0);

    expect(await repos.proposals.acceptProposal(TEAM, proposalId, 'U0BEN', LATER)).toEqual({
      kind: 'not_yours',
    });
    const accepted = await repos.proposals.acceptProposal(TEAM, proposalId, 'U0ADA', LATER);
    expect(accepted.kind).toBe('accepted');
    expect(await repos.proposals.acceptProposal(TEAM, proposalId, 'U0ADA', LATER)).toEqual({
      kind: 'already_decided',
      status: 'accepted',
    });

    const status = await repos.participationStatus.snapshot(TEAM, 'U0BEN', LATER);
    expect(status.pairs).toEqual([
      expect.objectContaining({
        role: 'mentee',
        partnerName: 'Ada Lovelace',
        status: 'active',
        startedAt: LATER,
      }),
    ]);
    // /mentor end reads only the pairs: the same ones, seen from either side.
    expect(await repos.participationStatus.runningPairs(TEAM, 'U0BEN', LATER)).toEqual(status.pairs);
    const ada = await repos.participationStatus.snapshot(TEAM, 'U0ADA', LATER);
    expect(await repos.participationStatus.runningPairs(TEAM, 'U0ADA', LATER)).toEqual(ada.pairs);
    expect(ada.pairs).toEqual([expect.objectContaining({ role: 'mentor', partnerName: 'Ben Okafor' })]);
    expect(await repos.participationStatus.runningPairs(TEAM, 'U0NOBODY', LATER)).toEqual([]);
  });

  it('of two Accepts at once on two connections for the last place, exactly one makes a pair', async () => {
    const { offer, request } = await offerAndRequest(2);
    const cara = await repos.requests.saveOpenRequest({
      ...signup('U0CARA', 'Cara Diaz', 4),
      goals: null,
      topicIds: request.topics.map((t) => t.id),
      customTopics: [],
    });
    const ids = await repos.proposals.insertProposals(
      TEAM,
      [draft(request.id, offer.id, 'U0ADA', 'U0BEN'), draft(cara.request.id, offer.id, 'U0ADA', 'U0CARA')],
      NOW,
      EXPIRES,
    );
    expect(ids).toHaveLength(2);
    // Ada takes one person fewer while both proposals wait: one place left for two proposals.
    await repos.offers.saveOpenOffer({
      ...signup('U0ADA', 'Ada Lovelace', 1),
      capacity: 1,
      note: null,
      topicIds: offer.topics.map((t) => t.id),
      customTopics: [],
    });
    const other = createRepositories(await backend.openSecond());
    // Both connections ready before the race, so neither Accept is done before the other starts.
    await Promise.all([repos, other].map((r) => r.members.find(TEAM, 'U0ADA')));

    const outcomes = await Promise.all([
      repos.proposals.acceptProposal(TEAM, ids[0]!, 'U0ADA', LATER),
      other.proposals.acceptProposal(TEAM, ids[1]!, 'U0ADA', LATER),
    ]);

    expect(outcomes.map((o) => o.kind).sort()).toEqual(['accepted', 'unavailable']);
    expect(outcomes.find((o) => o.kind === 'unavailable')).toEqual({
      kind: 'unavailable',
      reason: 'mentor_full',
    });
    const ada = await repos.participationStatus.snapshot(TEAM, 'U0ADA', LATER);
    expect(ada.pairs).toHaveLength(1);
    expect(ada.offer).toMatchObject({ pairsTaken: 1, proposalsPending: 0 });
  });

  it('two breaks taken at once on two connections: one starts, the other finds it running', async () => {
    await adaPairedWithBen();
    const other = createRepositories(await backend.openSecond());
    await Promise.all([repos, other].map((r) => r.members.find(TEAM, 'U0BEN')));
    const until = new Date(NOW.getTime() + 48 * HOUR);

    const outcomes = await Promise.all(
      [repos, other].map((r) => r.participation.pause(TEAM, 'U0BEN', NOW, until)),
    );

    expect(outcomes.map((o) => o.kind).sort()).toEqual(['already-paused', 'paused']);
    expect(outcomes.find((o) => o.kind === 'already-paused')).toEqual({
      kind: 'already-paused',
      pausedUntil: until,
    });
    expect((await repos.participationStatus.snapshot(TEAM, 'U0ADA', NOW)).pairs.map((p) => p.status)).toEqual(
      ['paused'],
    );
    expect(await repos.participation.pause(TEAM, 'U0NOBODY', NOW, until)).toEqual({ kind: 'not-member' });
  });

  it('the same Accept clicked on two connections at once makes one pair', async () => {
    const { offer, request } = await offerAndRequest(2);
    const proposalId = await proposeAdaToBen(offer.id, request.id);
    const other = createRepositories(await backend.openSecond());
    await Promise.all([repos, other].map((r) => r.members.find(TEAM, 'U0ADA')));

    const outcomes = await Promise.all(
      [repos, other].map((r) => r.proposals.acceptProposal(TEAM, proposalId, 'U0ADA', LATER)),
    );

    expect(outcomes.map((o) => o.kind).sort()).toEqual(['accepted', 'already_decided']);
    expect((await repos.participationStatus.snapshot(TEAM, 'U0ADA', LATER)).pairs).toHaveLength(1);
  });

  it('two matching runs at once on two connections: one mentor per request, no place given twice', async () => {
    const { offer, request } = await offerAndRequest(1);
    const dan = await repos.offers.saveOpenOffer({
      ...signup('U0DAN', 'Dan Brown', 2),
      capacity: 1,
      note: null,
      topicIds: offer.topics.map((t) => t.id),
      customTopics: [],
    });
    const cara = await repos.requests.saveOpenRequest({
      ...signup('U0CARA', 'Cara Diaz', 4),
      goals: null,
      topicIds: request.topics.map((t) => t.id),
      customTopics: [],
    });
    const other = createRepositories(await backend.openSecond());
    await Promise.all([repos, other].map((r) => r.members.find(TEAM, 'U0ADA')));

    // One run gives Ben to Ada and Cara to Dan; the other Ben to Dan and Cara to Ada.
    const [first, second] = await Promise.all([
      repos.proposals.insertProposals(
        TEAM,
        [
          draft(request.id, offer.id, 'U0ADA', 'U0BEN'),
          draft(cara.request.id, dan.offer.id, 'U0DAN', 'U0CARA'),
        ],
        NOW,
        EXPIRES,
      ),
      other.proposals.insertProposals(
        TEAM,
        [
          draft(request.id, dan.offer.id, 'U0DAN', 'U0BEN'),
          draft(cara.request.id, offer.id, 'U0ADA', 'U0CARA'),
        ],
        NOW,
        EXPIRES,
      ),
    ]);

    expect([first, second].map((ids) => ids.length).sort()).toEqual([0, 2]);
    const proposed = await repos.proposals.findProposals(TEAM, [...first, ...second]);
    expect(new Set(proposed.map((p) => p.mentor.userId)).size).toBe(2);
    expect(new Set(proposed.map((p) => p.mentee.userId)).size).toBe(2);
    expect((await repos.matchingPool.loadPool(TEAM, NOW)).requests).toEqual([]);
  });

  it("withdraws the pending proposals of whoever takes a break, and leaves other people's alone", async () => {
    const { offer, request } = await offerAndRequest(2);
    const cara = await repos.requests.saveOpenRequest({
      ...signup('U0CARA', 'Cara Diaz', 5),
      goals: 'Learn too',
      topicIds: request.topics.map((t) => t.id),
      customTopics: [],
    });
    const [toBen, toCara] = await repos.proposals.insertProposals(
      TEAM,
      [draft(request.id, offer.id, 'U0ADA', 'U0BEN'), draft(cara.request.id, offer.id, 'U0ADA', 'U0CARA')],
      NOW,
      EXPIRES,
    );

    const paused = await repos.participation.pause(TEAM, 'U0BEN', NOW, new Date(NOW.getTime() + 48 * HOUR));
    expect(paused).toMatchObject({
      kind: 'paused',
      withdrawn: [{ id: toBen, role: 'mentee', remainingUserId: 'U0ADA' }],
    });
    const statuses = await repos.proposals.findProposals(TEAM, [toBen!, toCara!]);
    expect(Object.fromEntries(statuses.map((p) => [p.id, p.status]))).toEqual({
      [toBen!]: 'cancelled',
      [toCara!]: 'pending',
    });
  });

  it('shows each person their own offer, request, proposals and pairs, with the topics, goals and feedback', async () => {
    const catalogue = await repos.topics.listCatalogue(TEAM);
    const byName = (names: string[]) => [...names].sort((a, b) => a.localeCompare(b, 'en'));
    // Another offer first, with other topics: no offer's id matches its topics' ids, nor another offer's.
    const danTopics = [catalogue[3]!, catalogue[4]!];
    await repos.offers.saveOpenOffer({
      ...signup('U0DAN', 'Dan Brown', 2),
      capacity: 1,
      note: null,
      topicIds: danTopics.map((t) => t.id),
      customTopics: [],
    });
    const { topic, offer, request } = await offerAndRequest(1);
    const proposalId = await proposeAdaToBen(offer.id, request.id);
    const snapshot = (userId: string) => repos.participationStatus.snapshot(TEAM, userId, NOW);

    const dan = await snapshot('U0DAN');
    expect(dan.offer?.topics).toEqual(byName(danTopics.map((t) => t.name)));
    expect(dan).toMatchObject({ request: null, proposals: [], pairs: [] });
    const ada = await snapshot('U0ADA');
    expect(ada.offer).toEqual({
      id: offer.id,
      capacity: 1,
      topics: byName([topic.name, 'Knitting']),
      pairsTaken: 0,
      proposalsPending: 1,
      createdAt: NOW,
    });
    expect(ada.proposals).toEqual([
      {
        id: proposalId,
        role: 'mentor',
        otherUserId: 'U0BEN',
        otherName: 'Ben Okafor',
        createdAt: NOW,
        expiresAt: EXPIRES,
      },
    ]);
    const ben = await snapshot('U0BEN');
    expect(ben.request).toEqual({ id: request.id, topics: byName([topic.name, 'Knitting']), createdAt: NOW });
    expect(ben.proposals).toEqual([expect.objectContaining({ role: 'mentee', otherName: 'Ada Lovelace' })]);

    const accepted = await repos.proposals.acceptProposal(TEAM, proposalId, 'U0ADA', NOW);
    if (accepted.kind !== 'accepted') throw new Error(`expected a pair, got ${accepted.kind}`);
    const goals = ['Knitting', topic.name].map((name, k) => ({
      position: k + 1,
      topic: name,
      confidence: 2,
      note: null,
    }));
    expect(await repos.goals.saveGoals(TEAM, accepted.pairId, 'U0BEN', goals, NOW)).toMatchObject({
      kind: 'saved',
    });
    expect((await snapshot('U0ADA')).pairs).toEqual([
      expect.objectContaining({
        id: accepted.pairId,
        role: 'mentor',
        partnerId: 'U0BEN',
        partnerName: 'Ben Okafor',
        partnerPaused: false,
        goals: ['Knitting', topic.name],
        promptsSent: 0,
        feedbackGiven: false,
      }),
    ]);

    await repos.participation.endPair(TEAM, accepted.pairId, 'U0ADA', LATER, {
      rating: 5,
      wouldRecommend: true,
      comment: null,
    });
    const endedFor = (userId: string) =>
      repos.participationStatus.pairFor(TEAM, accepted.pairId, userId, LATER);
    expect(await endedFor('U0ADA')).toMatchObject({ status: 'ended', role: 'mentor', feedbackGiven: true });
    expect(await endedFor('U0BEN')).toMatchObject({ status: 'ended', role: 'mentee', feedbackGiven: false });
    expect(await endedFor('U0DAN')).toBeNull();
  });

  it('pauses, resumes and ends a pair, the status snapshot showing each', async () => {
    const pairId = await adaPairedWithBen();
    const pairStatus = async (userId: string, at: Date) =>
      (await repos.participationStatus.snapshot(TEAM, userId, at)).pairs.map((p) => p.status);

    const until = new Date(NOW.getTime() + 48 * HOUR);
    expect(await repos.participation.pause(TEAM, 'U0BEN', NOW, until)).toMatchObject({
      kind: 'paused',
      partnerIds: ['U0ADA'],
    });
    expect(await pairStatus('U0ADA', NOW)).toEqual(['paused']);
    const ben = await repos.participationStatus.snapshot(TEAM, 'U0BEN', NOW);
    expect(ben.member).toEqual({ name: 'Ben Okafor', pausedAt: NOW, pausedUntil: until });
    expect((await repos.participationStatus.pairFor(TEAM, pairId, 'U0ADA', NOW))?.partnerPaused).toBe(true);
    expect(await repos.participation.expiredPauses(LATER)).toEqual([]);
    expect(await repos.participation.expiredPauses(until)).toEqual([{ teamId: TEAM, userId: 'U0BEN' }]);

    expect(await repos.participation.resume(TEAM, 'U0BEN', LATER)).toEqual({
      kind: 'resumed',
      partnerIds: ['U0ADA'],
    });
    expect(await pairStatus('U0BEN', LATER)).toEqual(['active']);

    const ended = await repos.participation.endPair(TEAM, pairId, 'U0ADA', LATER, {
      rating: 5,
      wouldRecommend: true,
      comment: null,
    });
    expect(ended.kind).toBe('ended');
    expect(await pairStatus('U0BEN', LATER)).toEqual([]);
    expect(
      await repos.participation.addFeedback(TEAM, pairId, 'U0BEN', LATER, {
        rating: 4,
        wouldRecommend: false,
        comment: null,
      }),
    ).toMatchObject({ kind: 'stored' });
  });

  it('reserves a prompt delivery, records it sent and a reply, and the report counts it all', async () => {
    const pairId = await adaPairedWithBen();
    await repos.proposals.setPairChannel(TEAM, pairId, 'C0PAIR');
    const prompt = await repos.prompts.add(TEAM, 'What did you learn this week?', {
      actorId: 'U0ADMIN',
      at: NOW,
    });

    const [active] = await repos.promptDeliveries.activePairs(TEAM, NOW);
    expect(active).toMatchObject({ id: pairId, memberPaused: false, startedAt: NOW });
    const reservation = {
      teamId: TEAM,
      pairId,
      weekKey: '2026-W48',
      promptId: prompt.id,
      promptText: prompt.text,
      channelId: 'C0PAIR',
      reservedAt: NOW,
    };
    const delivery = await repos.promptDeliveries.reserve(reservation);
    expect(delivery).toMatchObject({ status: 'reserved', reservedAt: NOW });
    expect(await repos.promptDeliveries.reserve(reservation)).toBeNull();
    await repos.promptDeliveries.recordSent(TEAM, delivery!.id, {
      channelId: 'C0PAIR',
      ts: '1.0001',
      sentAt: NOW,
    });
    await repos.promptDeliveries.recordReply(TEAM, delivery!.id, 'mentee', LATER);
    await repos.promptDeliveries.recordReply(TEAM, delivery!.id, 'mentor', new Date(LATER.getTime() + HOUR));

    expect(await repos.promptDeliveries.findByMessage(TEAM, 'C0PAIR', '1.0001')).toMatchObject({
      status: 'sent',
      sentAt: NOW,
      answeredAt: LATER,
    });
    const [pair] = (await repos.participationStatus.snapshot(TEAM, 'U0ADA', LATER)).pairs;
    expect(pair).toMatchObject({ promptsSent: 1, promptsAnswered: 1 });

    const report = await repos.reports.loadReportData(TEAM);
    expect(report.offers).toEqual([expect.objectContaining({ status: 'open', capacity: 1, activePairs: 1 })]);
    expect(report.requests).toEqual([expect.objectContaining({ status: 'matched', matchedAt: NOW })]);
    expect(report.proposals).toEqual([{ status: 'accepted' }]);
    expect(report.pairs).toEqual([
      expect.objectContaining({
        mentorName: 'Ada Lovelace',
        menteeName: 'Ben Okafor',
        promptsSent: 1,
        promptsAnswered: 1,
        lastAnsweredAt: LATER,
      }),
    ]);
    expect(report.deliveries).toEqual([{ weekKey: '2026-W48', status: 'sent', answered: true }]);
    expect(await repos.reports.teamIds()).toEqual([TEAM]);
  });

  it("tells a run which pairs already have the week's prompt, and which hold a reservation", async () => {
    const pairIds: number[] = [];
    for (const k of [1, 2, 3, 4]) {
      pairIds.push(
        await seedPair(backend.db, {
          mentor: { userId: `U0MENTOR${k}` },
          mentee: { userId: `U0MENTEE${k}` },
          startedAt: NOW,
          status: k === 4 ? 'ended' : 'active',
          teamId: TEAM,
        }),
      );
    }
    const [first, second, third, ended] = pairIds as [number, number, number, number];
    const prompt = await repos.prompts.add(TEAM, 'A question', { actorId: 'U0ADMIN', at: NOW });
    const reserve = (pairId: number, weekKey: string) =>
      repos.promptDeliveries.reserve({
        teamId: TEAM,
        pairId,
        weekKey,
        promptId: prompt.id,
        promptText: 'A question',
        channelId: 'C0PAIR',
        reservedAt: NOW,
      });
    const sent = await reserve(first, '2026-W48');
    await repos.promptDeliveries.recordSent(TEAM, sent!.id, { channelId: 'C0PAIR', ts: '1.1', sentAt: NOW });
    const failed = await reserve(second, '2026-W48');
    await repos.promptDeliveries.recordFailed(TEAM, failed!.id, 'channel_not_found');
    await reserve(third, '2026-W47');
    const gone = await reserve(ended, '2026-W48');
    await repos.promptDeliveries.recordSent(TEAM, gone!.id, { channelId: 'C0PAIR', ts: '1.2', sentAt: NOW });
    const older = await reserve(first, '2026-W46');
    await repos.promptDeliveries.recordSent(TEAM, older!.id, { channelId: 'C0PAIR', ts: '1.0', sentAt: NOW });

    const states = await repos.promptDeliveries.weekStates(TEAM, ['2026-W48']);
    expect([...states.settled].sort()).toEqual(
      [
        [`${first}/2026-W48`, sent!.id],
        [`${second}/2026-W48`, failed!.id],
      ].sort(),
    );
    expect([...states.reservedPairs]).toEqual([third]);
    expect((await repos.promptDeliveries.weekStates('T0OTHER', ['2026-W48'])).settled.size).toBe(0);
  });

  it('narrows the pairs that may be quiet to those with enough unanswered questions since last asked', async () => {
    const pairId = await adaPairedWithBen();
    const prompt = await repos.prompts.add(TEAM, 'What did you learn this week?', {
      actorId: 'U0ADMIN',
      at: NOW,
    });
    const sentAt = (week: number) => new Date(NOW.getTime() + week * 7 * 24 * HOUR);
    const ids: number[] = [];
    for (const week of [1, 2, 3]) {
      const delivery = await repos.promptDeliveries.reserve({
        teamId: TEAM,
        pairId,
        weekKey: `2026-W${48 + week}`,
        promptId: prompt.id,
        promptText: prompt.text,
        channelId: 'C0PAIR',
        reservedAt: sentAt(week),
      });
      await repos.promptDeliveries.recordSent(TEAM, delivery!.id, {
        channelId: 'C0PAIR',
        ts: `${week}.0001`,
        sentAt: sentAt(week),
      });
      ids.push(delivery!.id);
    }
    const mayBeQuiet = () => repos.promptDeliveries.pairsThatMayBeQuiet(TEAM, 3);
    expect(await mayBeQuiet()).toEqual(new Set([pairId]));
    await repos.promptDeliveries.restartInactivityCount(TEAM, pairId, sentAt(1));
    expect(await mayBeQuiet()).toEqual(new Set());
    await repos.promptDeliveries.restartInactivityCount(TEAM, pairId, NOW);
    await repos.promptDeliveries.recordOutcome(TEAM, ids[1]!, 'skipped', 'mentor', sentAt(2));
    expect(await mayBeQuiet()).toEqual(new Set());
    expect(await repos.promptDeliveries.pairsThatMayBeQuiet(TEAM, 2)).toEqual(new Set([pairId]));
  });

  it('erases a member: no row names them afterwards, the pair stays as anonymous history', async () => {
    const pairId = await adaPairedWithBen();
    expect(await placesNaming(backend.db, ['U0BEN', 'Ben Okafor'])).not.toEqual([]);

    const result = await repos.erasure.erase(TEAM, 'U0BEN', LATER);

    expect(result).toMatchObject({
      erased: true,
      endedPairs: [{ pairId: pairId, partnerId: 'U0ADA' }],
    });
    expect(await placesNaming(backend.db, ['U0BEN', 'Ben Okafor'])).toEqual([]);
    expect(await repos.members.find(TEAM, 'U0ADA')).not.toBeNull();
    expect((await repos.reports.loadReportData(TEAM)).pairs).toEqual([
      expect.objectContaining({ menteeId: null, status: 'ended' }),
    ]);
  });
});
