// A small programme with hand-checked figures, inserted straight into the tables, so report tests do not
// depend on the offer, matching or prompt features. The expected figures are spelled out in REPORT_EXPECTED.
import type { Db } from '../../src/storage/database';
import { storeFor } from '../../src/storage/store';
import { tablesOf } from '../../src/storage/tables';
import { insertedId } from './seed-programme';

/** Friday of ISO week 2026-W48: the report window is 2026-W41 .. 2026-W48. */
export const REPORT_NOW = new Date('2026-11-27T12:00:00Z');

/** Text that people wrote: none of it may ever appear in a report. */
export const PRIVATE_TEXTS = [
  'PRIVATE-GOAL learn how my team really uses TikTok',
  'PRIVATE-NOTE happy to explain memes',
  'PRIVATE-COMMENT my mentee kept cancelling',
  'PRIVATE-PROMPT what surprised you most this week?',
] as const;
const [GOAL, NOTE, COMMENT, PROMPT] = PRIVATE_TEXTS;

export const PEOPLE = {
  jane: { id: 'UJANE', name: 'Smith, Jane' },
  ana: { id: 'UANA', name: 'Ana "Annie" López' },
  kai: { id: 'UKAI', name: 'Kai' },
  lee: { id: 'ULEE', name: 'Lee' },
  ruth: { id: 'URUTH', name: 'Dr. Ruth Brown' },
  pat: { id: 'UPAT', name: "O'Brien, Pat" },
  sam: { id: 'USAM', name: 'Sam' },
  noor: { id: 'UNOOR', name: 'Noor "N" Haddad' },
  ivy: { id: 'UIVY', name: 'Ivy' },
  omar: { id: 'UOMAR', name: 'Omar' },
} as const;

export const TOPIC_DATA = 'Data, dashboards & "KPIs"';

/** What the report must show for SEED_TEAM at REPORT_NOW, worked out by hand from the rows below. */
export const REPORT_EXPECTED = {
  participants: {
    mentorsOpen: 3,
    menteesWaiting: 3,
    proposalsPending: 2,
    pairsActive: 3,
    pairsPaused: 1,
    pairsEnded: 1,
  },
  topics: [
    { topic: TOPIC_DATA, offers: 0, requests: 3, gap: 3 },
    { topic: 'Social media', offers: 1, requests: 1, gap: 0 },
    { topic: 'AI tools', offers: 2, requests: 1, gap: -1 },
    { topic: 'TikTok', offers: 1, requests: 0, gap: -1 },
  ],
  pairsByLevelGap: [
    { levelGap: 2, pairs: 3 },
    { levelGap: 4, pairs: 1 },
    { levelGap: 5, pairs: 1 },
  ],
  crossDepartmentShare: 0.4,
  medianDaysToMatch: 2.5,
  weeks: [
    { weekKey: '2026-W41', sent: 0, answered: 0, answerRate: null },
    { weekKey: '2026-W42', sent: 1, answered: 0, answerRate: 0 },
    { weekKey: '2026-W43', sent: 1, answered: 0, answerRate: 0 },
    { weekKey: '2026-W44', sent: 2, answered: 1, answerRate: 0.5 },
    { weekKey: '2026-W45', sent: 1, answered: 1, answerRate: 1 },
    { weekKey: '2026-W46', sent: 1, answered: 0, answerRate: 0 },
    { weekKey: '2026-W47', sent: 1, answered: 1, answerRate: 1 },
    { weekKey: '2026-W48', sent: 1, answered: 0, answerRate: 0 },
  ],
  feedback: { count: 3, averageRating: 4, recommendShare: 0.5 },
  attention: [
    { pairId: 2, mentorName: PEOPLE.ana.name, menteeName: PEOPLE.ivy.name, reason: 'inactive' },
    {
      pairId: 3,
      mentorName: PEOPLE.kai.name,
      menteeName: PEOPLE.omar.name,
      reason: 'asked whether to pause after 3 unanswered prompts',
    },
    {
      pairId: 5,
      mentorName: PEOPLE.lee.name,
      menteeName: PEOPLE.pat.name,
      reason: 'prompt delivery failed (channel_not_found)',
    },
  ],
};

const at = (iso: string) => new Date(iso);

/** Inserts the known programme for `teamId` (and nothing else). Pair ids are 1..5 on an empty database. */
export async function seedReportData(db: Db, teamId: string): Promise<void> {
  await storeFor(db).transaction(async (tx) => {
    const {
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
    } = tablesOf(tx);
    const levels: Record<string, [number, string]> = {
      UJANE: [1, 'Engineering'],
      UANA: [2, 'Marketing'],
      UKAI: [1, 'Sales'],
      ULEE: [2, 'Engineering'],
      URUTH: [5, 'Finance'],
      UPAT: [4, 'Engineering'],
      USAM: [6, 'Sales'],
      UNOOR: [5, 'Marketing'],
      UIVY: [4, 'People'],
      UOMAR: [6, 'Sales'],
    };
    for (const person of Object.values(PEOPLE)) {
      const [level, department] = levels[person.id] ?? [null, null];
      await tx.insert(members).values({
        teamId,
        userId: person.id,
        name: person.name,
        level,
        department,
        timeZone: 'Europe/London',
      });
    }

    const topicId = async (name: string) =>
      insertedId(
        await tx
          .insert(topics)
          .values({ teamId, name, nameKey: name.toLowerCase() })
          .returning({ id: topics.id }),
      );
    const ai = await topicId('AI tools');
    const social = await topicId('Social media');
    const tiktok = await topicId('TikTok');
    const data = await topicId(TOPIC_DATA);

    const offer = async (userId: string, status: 'open' | 'closed', capacity: number, topicIds: number[]) => {
      const id = insertedId(
        await tx
          .insert(offers)
          .values({ teamId, userId, status, capacity, note: NOTE, createdAt: at('2026-09-01T00:00:00Z') })
          .returning({ id: offers.id }),
      );
      for (const topic of topicIds) await tx.insert(offerTopics).values({ offerId: id, topicId: topic });
      return id;
    };
    const janeOffer = await offer(PEOPLE.jane.id, 'open', 2, [ai, social]);
    const anaOffer = await offer(PEOPLE.ana.id, 'open', 1, [ai]);
    await offer(PEOPLE.kai.id, 'closed', 1, [data]); // closed: not supply any more
    const leeOffer = await offer(PEOPLE.lee.id, 'open', 1, [tiktok]);

    const request = async (
      userId: string,
      status: 'open' | 'matched',
      topicIds: number[],
      createdAt: string,
      matchedAt: string | null,
    ) => {
      const id = insertedId(
        await tx
          .insert(requests)
          .values({
            teamId,
            userId,
            status,
            goals: GOAL,
            createdAt: at(createdAt),
            matchedAt: matchedAt === null ? null : at(matchedAt),
          })
          .returning({ id: requests.id }),
      );
      for (const topic of topicIds) await tx.insert(requestTopics).values({ requestId: id, topicId: topic });
      return id;
    };
    const ruthRequest = await request(PEOPLE.ruth.id, 'open', [ai, data], '2026-11-01T00:00:00Z', null);
    await request(PEOPLE.pat.id, 'open', [data], '2026-11-02T00:00:00Z', null);
    await request(PEOPLE.sam.id, 'open', [data, social], '2026-11-03T00:00:00Z', null);
    // Days to match: 2.5, 1 and 6.25 → median 2.5.
    await request(PEOPLE.noor.id, 'matched', [ai], '2026-10-01T00:00:00Z', '2026-10-03T12:00:00Z');
    await request(PEOPLE.ivy.id, 'matched', [social], '2026-10-10T00:00:00Z', '2026-10-11T00:00:00Z');
    await request(PEOPLE.omar.id, 'matched', [data], '2026-09-01T00:00:00Z', '2026-09-07T06:00:00Z');

    const proposal = async (status: 'pending' | 'accepted' | 'declined', mentorId: string) =>
      tx.insert(proposals).values({
        teamId,
        requestId: ruthRequest,
        offerId: janeOffer,
        mentorId,
        menteeId: PEOPLE.ruth.id,
        score: 1,
        reasons: { sharedTopics: ['AI tools'] },
        status,
        expiresAt: at('2026-11-30T00:00:00Z'),
      });
    await proposal('pending', PEOPLE.jane.id);
    await proposal('accepted', PEOPLE.ana.id);
    await proposal('declined', PEOPLE.lee.id);
    // A second pending proposal needs another request: one pending proposal per request.
    await tx.insert(proposals).values({
      teamId,
      requestId: null,
      offerId: anaOffer,
      mentorId: PEOPLE.ana.id,
      menteeId: PEOPLE.sam.id,
      score: 1,
      reasons: {},
      status: 'pending',
      expiresAt: at('2026-11-30T00:00:00Z'),
    });

    const pair = async (values: Omit<typeof pairs.$inferInsert, 'teamId'>) =>
      insertedId(
        await tx
          .insert(pairs)
          .values({ teamId, ...values })
          .returning({ id: pairs.id }),
      );
    // 1: active, talking, cross-department (Engineering / Marketing).
    const p1 = await pair({
      offerId: janeOffer,
      mentorId: PEOPLE.jane.id,
      menteeId: PEOPLE.noor.id,
      levelGap: 4,
      crossDepartment: true,
      sharedTopics: ['AI tools'],
      channelId: 'G1',
      startedAt: at('2026-10-03T12:00:00Z'),
    });
    // 2: active, three prompts and no answer: inactive.
    const p2 = await pair({
      offerId: anaOffer,
      mentorId: PEOPLE.ana.id,
      menteeId: PEOPLE.ivy.id,
      levelGap: 2,
      crossDepartment: true,
      sharedTopics: ['Social media'],
      channelId: 'G2',
      startedAt: at('2026-10-11T00:00:00Z'),
    });
    // 3: paused and flagged.
    const p3 = await pair({
      mentorId: PEOPLE.kai.id,
      menteeId: PEOPLE.omar.id,
      levelGap: 5,
      crossDepartment: false,
      sharedTopics: [TOPIC_DATA],
      channelId: 'G3',
      status: 'paused',
      needsAttention: 'asked whether to pause after 3 unanswered prompts',
      startedAt: at('2026-09-07T06:00:00Z'),
    });
    // 4: ended, both people have left the programme since: an anonymous row.
    const p4 = await pair({
      mentorId: null,
      menteeId: null,
      levelGap: 2,
      crossDepartment: false,
      sharedTopics: ['Social media'],
      status: 'ended',
      startedAt: at('2026-08-01T00:00:00Z'),
      endedAt: at('2026-11-01T00:00:00Z'),
    });
    // 5: active, but its latest prompt could not be delivered.
    const p5 = await pair({
      offerId: leeOffer,
      mentorId: PEOPLE.lee.id,
      menteeId: PEOPLE.pat.id,
      levelGap: 2,
      crossDepartment: false,
      sharedTopics: ['TikTok'],
      channelId: 'G5',
      startedAt: at('2026-11-16T00:00:00Z'),
    });

    const delivery = async (
      pairId: number,
      weekKey: string,
      status: 'sent' | 'failed' | 'reserved',
      answeredAt: string | null,
      error: string | null = null,
    ) =>
      tx.insert(promptDeliveries).values({
        teamId,
        pairId,
        weekKey,
        promptText: PROMPT,
        status,
        reservedAt: at('2026-10-01T00:00:00Z'),
        sentAt: status === 'sent' ? at('2026-10-01T00:00:00Z') : null,
        answeredAt: answeredAt === null ? null : at(answeredAt),
        replyCount: answeredAt === null ? 0 : 2,
        error,
      });
    await delivery(p1, '2026-W44', 'sent', '2026-10-27T10:00:00Z');
    await delivery(p1, '2026-W45', 'sent', '2026-11-03T10:00:00Z');
    await delivery(p1, '2026-W46', 'sent', null);
    await delivery(p1, '2026-W47', 'sent', '2026-11-17T10:00:00Z');
    await delivery(p1, '2026-W48', 'sent', null);
    await delivery(p2, '2026-W42', 'sent', null);
    await delivery(p2, '2026-W43', 'sent', null);
    await delivery(p2, '2026-W44', 'sent', null);
    await delivery(p3, '2026-W40', 'sent', '2026-09-29T10:00:00Z'); // before the eight-week window
    await delivery(p5, '2026-W47', 'reserved', null); // never confirmed: not sent
    await delivery(p5, '2026-W48', 'failed', null, 'channel_not_found');

    const rate = async (
      pairId: number,
      role: 'mentor' | 'mentee',
      rating: number,
      wouldRecommend: boolean | null,
    ) =>
      tx
        .insert(feedback)
        .values({ teamId, pairId, userId: null, role, rating, wouldRecommend, comment: COMMENT });
    await rate(p4, 'mentor', 5, true);
    await rate(p4, 'mentee', 4, null);
    await rate(p3, 'mentee', 3, false);
  }, 'write');
}
