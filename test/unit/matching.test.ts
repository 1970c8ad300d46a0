import {
  DEFAULT_MATCH_WEIGHTS,
  isEligible,
  pastPairKeys,
  scoreMatch,
  type MatchInput,
  type MatchWeights,
} from '../../src/domain/match-rules';
import { proposeMatches, type MatchResult } from '../../src/domain/matching';
import { input, intBetween, mentee, mentor, mulberry32, randomInstance } from '../support/match-input';

function pairsOf(result: MatchResult): string[] {
  return result.proposals.map((proposal) => `${proposal.requestId}->${proposal.offerId}`);
}

// Exhaustive search over every mentee's choice (unmatched or any eligible mentor with a place left).
function bruteForceOptimum(problem: MatchInput): number {
  const past = pastPairKeys(problem.pastPairs);
  const weights = problem.weights ?? DEFAULT_MATCH_WEIGHTS;
  const options = problem.mentees.map((request) =>
    problem.mentors.flatMap((offer, index) =>
      isEligible(offer, request, problem.minLevelGap, past)
        ? [{ index, score: scoreMatch(offer, request, weights).score }]
        : [],
    ),
  );
  const left = problem.mentors.map((offer) => Math.max(0, Math.floor(offer.freeCapacity)));
  const search = (position: number): number => {
    const choices = options[position];
    if (choices === undefined) return 0;
    let best = search(position + 1);
    for (const { index, score } of choices) {
      if ((left[index] ?? 0) === 0) continue;
      left[index] = (left[index] ?? 0) - 1;
      best = Math.max(best, score + search(position + 1));
      left[index] = (left[index] ?? 0) + 1;
    }
    return best;
  };
  return search(0);
}

function expectNoRuleBroken(problem: MatchInput, result: MatchResult): void {
  const past = pastPairKeys(problem.pastPairs);
  const mentors = new Map(problem.mentors.map((offer) => [offer.offerId, offer]));
  const mentees = new Map(problem.mentees.map((request) => [request.requestId, request]));
  const used = new Map<number, number>();
  for (const proposal of result.proposals) {
    const offer = mentors.get(proposal.offerId);
    const request = mentees.get(proposal.requestId);
    if (offer === undefined || request === undefined) throw new Error('proposal for an unknown id');
    expect(isEligible(offer, request, problem.minLevelGap, past)).toBe(true);
    used.set(offer.offerId, (used.get(offer.offerId) ?? 0) + 1);
  }
  for (const [offerId, count] of used) {
    expect(count).toBeLessThanOrEqual(mentors.get(offerId)?.freeCapacity ?? 0);
  }
  const requestIds = result.proposals.map((proposal) => proposal.requestId);
  expect(new Set(requestIds).size).toBe(requestIds.length);
  expect([...requestIds].sort((a, b) => a - b)).toEqual(requestIds);
  expect([...requestIds, ...result.unmatchedRequestIds].sort((a, b) => a - b)).toEqual(
    problem.mentees.map((request) => request.requestId).sort((a, b) => a - b),
  );
  expect(result.totalScore).toBeLessThanOrEqual(result.upperBound);
}

describe('proposeMatches rules', () => {
  it.each<[string, MatchInput, string[], number[]]>([
    ['an eligible pair is proposed', input({ mentors: [mentor()], mentees: [mentee()] }), ['1->1'], []],
    [
      'gap below the minimum stays unmatched',
      input({ mentors: [mentor({ level: 4 })], mentees: [mentee()], minLevelGap: 2 }),
      [],
      [1],
    ],
    [
      'a more senior mentor is never proposed',
      input({ mentors: [mentor({ level: 6 })], mentees: [mentee()] }),
      [],
      [1],
    ],
    [
      'a shared topic is required',
      input({ mentors: [mentor({ topicIds: [2] })], mentees: [mentee()] }),
      [],
      [1],
    ],
    [
      'nobody mentors themselves',
      input({ mentors: [mentor({ mentorId: 'U_X' })], mentees: [mentee({ menteeId: 'U_X' })] }),
      [],
      [1],
    ],
    [
      'mentor exclusion is respected',
      input({ mentors: [mentor({ excludes: ['U_MENTEE'] })], mentees: [mentee()] }),
      [],
      [1],
    ],
    [
      'mentee exclusion is respected',
      input({ mentors: [mentor()], mentees: [mentee({ excludes: ['U_MENTOR'] })] }),
      [],
      [1],
    ],
    [
      'past pair (mentor, mentee) is not repeated',
      input({ mentors: [mentor()], mentees: [mentee()], pastPairs: [['U_MENTOR', 'U_MENTEE']] }),
      [],
      [1],
    ],
    [
      'past pair (mentee, mentor) is not repeated',
      input({ mentors: [mentor()], mentees: [mentee()], pastPairs: [['U_MENTEE', 'U_MENTOR']] }),
      [],
      [1],
    ],
    [
      'capacity 1 takes one of two mentees',
      input({
        mentors: [mentor()],
        mentees: [
          mentee({ requestId: 1, menteeId: 'A' }),
          mentee({ requestId: 2, menteeId: 'B', waitingDays: 3 }),
        ],
      }),
      ['2->1'],
      [1],
    ],
    [
      'capacity 2 takes both',
      input({
        mentors: [mentor({ freeCapacity: 2 })],
        mentees: [mentee({ requestId: 1, menteeId: 'A' }), mentee({ requestId: 2, menteeId: 'B' })],
      }),
      ['1->1', '2->1'],
      [],
    ],
    [
      'a mentee gets one mentor even when two are free',
      input({
        mentors: [mentor({ offerId: 1, mentorId: 'M1' }), mentor({ offerId: 2, mentorId: 'M2' })],
        mentees: [mentee()],
      }),
      ['1->1'],
      [],
    ],
    [
      'the longer-waiting of two equal mentees wins',
      input({
        mentors: [mentor()],
        mentees: [
          mentee({ requestId: 1, menteeId: 'A', waitingDays: 2 }),
          mentee({ requestId: 2, menteeId: 'B', waitingDays: 9 }),
        ],
      }),
      ['2->1'],
      [1],
    ],
    [
      'cross-department is preferred',
      input({
        mentors: [mentor()],
        mentees: [
          mentee({ requestId: 1, menteeId: 'A', department: 'Engineering' }),
          mentee({ requestId: 2, menteeId: 'B', department: 'Sales' }),
        ],
      }),
      ['2->1'],
      [1],
    ],
    [
      'more shared topics are preferred',
      input({
        mentors: [mentor({ topicIds: [1, 2] })],
        mentees: [
          mentee({ requestId: 1, menteeId: 'A', topicIds: [1] }),
          mentee({ requestId: 2, menteeId: 'B', topicIds: [1, 2] }),
        ],
      }),
      ['2->1'],
      [1],
    ],
    [
      'the global optimum, not first come first served: the flexible mentee yields',
      input({
        mentors: [
          mentor({ offerId: 1, mentorId: 'M1', topicIds: [1, 2] }),
          mentor({ offerId: 2, mentorId: 'M2' }),
        ],
        mentees: [
          mentee({ requestId: 1, menteeId: 'A', topicIds: [1, 2] }),
          mentee({ requestId: 2, menteeId: 'B', topicIds: [2] }),
        ],
      }),
      ['1->2', '2->1'],
      [],
    ],
    [
      'a mentee without topics is reported unmatched',
      input({
        mentors: [mentor()],
        mentees: [mentee({ requestId: 4, topicIds: [] }), mentee({ requestId: 3, menteeId: 'B' })],
      }),
      ['3->1'],
      [4],
    ],
    [
      'no mentors at all',
      input({ mentees: [mentee({ requestId: 2 }), mentee({ requestId: 1 })] }),
      [],
      [1, 2],
    ],
  ])('%s', (_name, problem, expectedPairs, expectedUnmatched) => {
    const result = proposeMatches(problem);
    expect(pairsOf(result)).toEqual(expectedPairs);
    expect(result.unmatchedRequestIds).toEqual(expectedUnmatched);
    expectNoRuleBroken(problem, result);
  });

  it('reports the reasons and score of each proposal', () => {
    const offer = mentor({ offerId: 7, level: 1, department: 'Design', topicIds: [3, 1] });
    const request = mentee({
      requestId: 9,
      level: 4,
      department: 'Sales',
      topicIds: [1, 3, 5],
      waitingDays: 6,
    });
    const [proposal] = proposeMatches(input({ mentors: [offer], mentees: [request] })).proposals;
    expect(proposal).toEqual({
      requestId: 9,
      offerId: 7,
      mentorId: 'U_MENTOR',
      menteeId: 'U_MENTEE',
      ...scoreMatch(offer, request),
    });
    expect(proposal?.reasons.sharedTopicIds).toEqual([1, 3]);
    expect(proposal?.reasons.crossDepartment).toBe(true);
  });
});

describe('proposeMatches determinism', () => {
  function shuffled<T>(items: readonly T[], random: () => number): T[] {
    const copy = [...items];
    for (let k = copy.length - 1; k > 0; k--) {
      const other = Math.floor(random() * (k + 1));
      [copy[k], copy[other]] = [copy[other] as T, copy[k] as T];
    }
    return copy;
  }

  // Few topics and departments make ties common, which is where unstable tie-breaking would show.
  const problem = randomInstance(mulberry32(7), { mentees: 60, mentors: 40, topics: 3, maxCapacity: 2 });

  it('gives the same result for the same input', () => {
    expect(proposeMatches(problem)).toEqual(proposeMatches(problem));
  });

  it.each([1, 2, 3])('gives the same proposals when the input is shuffled (seed %i)', (seed) => {
    const random = mulberry32(seed);
    const reordered = {
      ...problem,
      mentors: shuffled(problem.mentors, random),
      mentees: shuffled(problem.mentees, random),
    };
    expect(proposeMatches(reordered)).toEqual(proposeMatches(problem));
  });
});

describe('proposeMatches optimality', () => {
  const custom: MatchWeights = {
    sharedTopic: 7.5,
    crossDepartment: 2.25,
    perWaitingDay: 0.1,
    maxWaitingDays: 30,
    perLevelGapStep: 0.5,
    maxLevelGapSteps: 4,
    base: 3,
  };
  const seeds = Array.from({ length: 200 }, (_, k) => k + 1);

  it.each(seeds)('equals the brute-force optimum on random instance %i', (seed) => {
    const random = mulberry32(seed);
    const shape = {
      mentees: intBetween(random, 1, 6),
      mentors: intBetween(random, 1, 4),
      topics: intBetween(random, 1, 4),
      maxCapacity: 2,
    };
    const problem = randomInstance(random, shape, seed % 4 === 0 ? custom : undefined);
    const result = proposeMatches(problem);
    expect(result.totalScore).toBeCloseTo(bruteForceOptimum(problem), 9);
    expectNoRuleBroken(problem, result);
    // The dual certificate is tight: below the scores' resolution (1 point; 0.1 or 0.01 with the decimals).
    expect(result.upperBound - result.totalScore).toBeLessThan(seed % 4 === 0 ? 0.1 : 1);
  });
});

describe('proposeMatches at 2000 participants', () => {
  it('breaks no rule', () => {
    const random = mulberry32(2024);
    const problem = randomInstance(random, { mentees: 1000, mentors: 1000, topics: 30, maxCapacity: 2 });
    // Many past pairs and exclusions between real participants, so that the filters are really exercised.
    const ids = (k: number): string => `U${k}`;
    const pastPairs = Array.from(
      { length: 3000 },
      () => [ids(intBetween(random, 0, 999)), ids(intBetween(random, 1000, 1999))] as const,
    );
    const withHistory = { ...problem, pastPairs, maxCandidatesPerMentee: 20 };
    const result = proposeMatches(withHistory);
    expectNoRuleBroken(withHistory, result);
    expect(result.proposals.length).toBeGreaterThan(300);
    expect(result.upperBound - result.totalScore).toBeLessThan(1);
  });
});
