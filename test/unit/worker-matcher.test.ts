import { proposeMatches } from '../../src/domain/matching';
import type { MatchInput } from '../../src/domain/match-rules';
import { createMatcher } from '../../src/workers/worker-matcher';

function pool(size: number): MatchInput {
  const mentors = Array.from({ length: size }, (_, k) => ({
    offerId: k + 1,
    mentorId: `UMENTOR${k}`,
    level: 1 + (k % 3),
    department: `D${k % 4}`,
    topicIds: [k % 5, (k + 2) % 5],
    freeCapacity: 1 + (k % 2),
    excludes: [],
  }));
  const mentees = Array.from({ length: size }, (_, k) => ({
    requestId: k + 1,
    menteeId: `UMENTEE${k}`,
    level: 4 + (k % 3),
    department: `D${(k + 1) % 4}`,
    topicIds: [(k * 3) % 5],
    waitingDays: k % 20,
    excludes: k % 7 === 0 ? [`UMENTOR${k}`] : [],
  }));
  return { mentors, mentees, pastPairs: [['UMENTOR1', 'UMENTEE1']], minLevelGap: 2 };
}

describe('createMatcher', () => {
  it.each([
    { where: 'in-process below the threshold', workerFromParticipants: 1_000 },
    { where: 'in a worker thread from the threshold', workerFromParticipants: 10 },
  ])('gives the same proposals as the domain matcher $where', async ({ workerFromParticipants }) => {
    const input = pool(60);
    const result = await createMatcher({ workerFromParticipants }).proposeMatches(input);
    expect(result).toEqual(proposeMatches(input));
    expect(result.proposals.length).toBeGreaterThan(0);
  });
});
