// The starting state of the self-service tests (/mentor status, pause, end and the Home tab): Ada mentors Ben
// in their group DM, from the offer she made a month ago, and Cara may be waiting for a mentor. Each test file
// seeds it afresh before every test and adds what only it needs.
import type { FakeSlack } from '../../dev/fake-slack-server';
import type { Db } from '../../src/storage/database';
import { ADA, BEN, CARA, seedDelivery, seedMember, seedOffer, seedPair, seedRequest } from './seed-programme';
import { DAY } from './test-clock';

/** The topics Ada offers; Ben was matched with her on the first. */
const ADA_TOPICS = ['Social media', 'Generative AI tools'];

export interface SelfServiceCast {
  offerId: number;
  pairId: number;
  /** The group DM of Ada and Ben. */
  pairChannel: string;
  /** Cara's open request, when she waits. */
  caraRequestId: number | null;
}

export async function seedSelfServiceCast(
  db: Db,
  fake: FakeSlack,
  now: Date,
  options: {
    /** Ada's places, one of them taken by Ben: 2 unless given. */
    capacity?: number;
    /** The weekly prompt the pair got a week ago, answered by both or by neither; none when left out. */
    prompt?: 'answered' | 'unanswered';
    /** Cara's open request for a mentor on this topic, made that many days ago; she does not wait when left out. */
    caraWaits?: { topic: string; days: number };
  } = {},
): Promise<SelfServiceCast> {
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  for (const person of [ADA, BEN, CARA]) await seedMember(db, { ...person, profileFetchedAt: now });
  const offerId = await seedOffer(db, {
    userId: ADA.userId,
    topics: ADA_TOPICS,
    capacity: options.capacity ?? 2,
    createdAt: ago(30),
  });
  await seedRequest(db, {
    userId: BEN.userId,
    topics: ['Social media'],
    status: 'matched',
    createdAt: ago(20),
    matchedAt: ago(14),
  });
  const pairChannel = fake.channelFor([ADA.userId, BEN.userId]);
  const pairId = await seedPair(db, {
    mentor: ADA,
    mentee: BEN,
    channelId: pairChannel,
    offerId,
    sharedTopics: ['Social media'],
    startedAt: ago(14),
  });
  if (options.prompt !== undefined) {
    await seedDelivery(db, {
      pairId,
      channelId: pairChannel,
      weekKey: '2026-W47',
      sentAt: ago(7),
      ...(options.prompt === 'answered' ? { answeredAt: ago(6) } : {}),
    });
  }
  const caraRequestId =
    options.caraWaits === undefined
      ? null
      : await seedRequest(db, {
          userId: CARA.userId,
          topics: [options.caraWaits.topic],
          createdAt: ago(options.caraWaits.days),
        });
  return { offerId, pairId, pairChannel, caraRequestId };
}
