import {
  DEFAULT_MATCH_WEIGHTS,
  buildCandidates,
  isEligible,
  pairKey,
  pastPairKeys,
  proposeMatches,
  scoreMatch,
  type MatchInput,
  type MatchResult,
  type MatchWeights,
  type MenteeRequest,
  type MentorOffer,
} from '../../src/domain/matching';

// Defaults make every pair eligible: a level-2 mentor, a level-5 mentee, one shared topic.
function mentor(overrides: Partial<MentorOffer> = {}): MentorOffer {
  return {
    offerId: 1,
    mentorId: 'U_MENTOR',
    level: 2,
    department: 'Engineering',
    topicIds: [1],
    freeCapacity: 1,
    excludes: [],
    ...overrides,
  };
}

function mentee(overrides: Partial<MenteeRequest> = {}): MenteeRequest {
  return {
    requestId: 1,
    menteeId: 'U_MENTEE',
    level: 5,
    department: 'Engineering',
    topicIds: [1],
    waitingDays: 0,
    excludes: [],
    ...overrides,
  };
}

function input(overrides: Partial<MatchInput>): MatchInput {
  return { mentors: [], mentees: [], pastPairs: [], minLevelGap: 1, ...overrides };
}

function pairsOf(result: MatchResult): string[] {
  return result.proposals.map((proposal) => `${proposal.requestId}->${proposal.offerId}`);
}

// Small, seedable and good enough to spread test instances; Math.random would make failures unreproducible.
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function intBetween(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function someOf(random: () => number, items: readonly number[], max: number): number[] {
  const count = intBetween(random, 0, max);
  return Array.from({ length: count }, () => pick(random, items));
}

const DEPARTMENTS = ['Engineering', 'Sales', 'Design', null];

interface InstanceShape {
  mentees: number;
  mentors: number;
  topics: number;
  maxCapacity: number;
}

// Users are drawn from one shared pool so that self-pairs, exclusions and past pairs actually occur.
function randomInstance(random: () => number, shape: InstanceShape, weights?: MatchWeights): MatchInput {
  const users = Array.from({ length: shape.mentees + shape.mentors + 2 }, (_, k) => `U${k}`);
  const topics = Array.from({ length: shape.topics }, (_, k) => k + 1);
  const mentors = Array.from({ length: shape.mentors }, (_, k) =>
    mentor({
      offerId: 100 + k,
      mentorId: users[k] ?? 'U?',
      level: intBetween(random, 1, 4),
      department: pick(random, DEPARTMENTS),
      topicIds: someOf(random, topics, 3),
      freeCapacity: intBetween(random, 0, shape.maxCapacity),
      excludes: random() < 0.2 ? [pick(random, users)] : [],
    }),
  );
  const mentees = Array.from({ length: shape.mentees }, (_, k) =>
    mentee({
      requestId: 500 + k,
      // Occasionally the same person as a mentor, to exercise the self rule.
      menteeId: random() < 0.1 ? pick(random, users) : (users[shape.mentors + k] ?? 'U?'),
      level: intBetween(random, 2, 6),
      department: pick(random, DEPARTMENTS),
      topicIds: someOf(random, topics, 3),
      waitingDays: intBetween(random, 0, 40),
      excludes: random() < 0.2 ? [pick(random, users)] : [],
    }),
  );
  const pastPairs = Array.from(
    { length: intBetween(random, 0, 3) },
    () => [pick(random, users), pick(random, users)] as const,
  );
  return input({
    mentors,
    mentees,
    pastPairs,
    minLevelGap: intBetween(random, 1, 2),
    ...(weights && { weights }),
  });
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

describe('pairKey', () => {
  it('ignores order and cannot be fooled by separators inside ids', () => {
    expect(pairKey('U1', 'U2')).toBe(pairKey('U2', 'U1'));
    expect(pairKey('a,b', 'c')).not.toBe(pairKey('a', 'b,c'));
  });
});

describe('isEligible', () => {
  const past = pastPairKeys([
    ['U_MENTOR', 'U_OLD'],
    ['U_OLDER', 'U_MENTOR'],
  ]);
  it.each<[string, Partial<MentorOffer>, Partial<MenteeRequest>, number, boolean]>([
    ['the default pair', {}, {}, 1, true],
    ['level gap exactly at the minimum', { level: 3 }, { level: 5 }, 2, true],
    ['level gap one below the minimum', { level: 4 }, { level: 5 }, 2, false],
    ['same level', { level: 5 }, { level: 5 }, 1, false],
    ['mentor more senior than mentee', { level: 6 }, { level: 5 }, 1, false],
    ['a zero minimum gap still needs a lower mentor', { level: 5 }, { level: 5 }, 0, false],
    ['no shared topic', { topicIds: [1, 2] }, { topicIds: [3] }, 1, false],
    ['mentee without topics', {}, { topicIds: [] }, 1, false],
    ['one of several topics shared', { topicIds: [7, 8] }, { topicIds: [9, 8] }, 1, true],
    ['same person on both sides', { mentorId: 'U_SAME' }, { menteeId: 'U_SAME' }, 1, false],
    ['mentor excludes mentee', { excludes: ['U_MENTEE'] }, {}, 1, false],
    ['mentee excludes mentor', {}, { excludes: ['U_MENTOR'] }, 1, false],
    ['exclusion of somebody else', { excludes: ['U_OTHER'] }, { excludes: ['U_OTHER'] }, 1, true],
    ['past pair listed mentor first', {}, { menteeId: 'U_OLD' }, 1, false],
    ['past pair listed mentee first', {}, { menteeId: 'U_OLDER' }, 1, false],
    ['no free capacity', { freeCapacity: 0 }, {}, 1, false],
    ['negative free capacity', { freeCapacity: -1 }, {}, 1, false],
    ['fractional free capacity below one', { freeCapacity: 0.5 }, {}, 1, false],
  ])('%s', (_name, offer, request, minLevelGap, expected) => {
    expect(isEligible(mentor(offer), mentee(request), minLevelGap, past)).toBe(expected);
  });
});

describe('scoreMatch', () => {
  const w = DEFAULT_MATCH_WEIGHTS;
  it.each<[string, Partial<MentorOffer>, Partial<MenteeRequest>, number]>([
    ['one shared topic, same department, gap 3', {}, {}, w.base + w.sharedTopic + 3 * w.perLevelGapStep],
    [
      'two shared topics',
      { topicIds: [1, 2, 3] },
      { topicIds: [2, 3, 4] },
      w.base + 2 * w.sharedTopic + 3 * w.perLevelGapStep,
    ],
    [
      'duplicate topic ids count once',
      { topicIds: [1, 1] },
      { topicIds: [1, 1] },
      w.base + w.sharedTopic + 3 * w.perLevelGapStep,
    ],
    [
      'cross-department',
      { department: 'Sales' },
      {},
      w.base + w.sharedTopic + w.crossDepartment + 3 * w.perLevelGapStep,
    ],
    [
      'unknown department is not cross',
      { department: null },
      {},
      w.base + w.sharedTopic + 3 * w.perLevelGapStep,
    ],
    [
      'waiting days count per day',
      {},
      { waitingDays: 5 },
      w.base + w.sharedTopic + 5 * w.perWaitingDay + 3 * w.perLevelGapStep,
    ],
    [
      'waiting days are capped',
      {},
      { waitingDays: 1000 },
      w.base + w.sharedTopic + w.maxWaitingDays * w.perWaitingDay + 3 * w.perLevelGapStep,
    ],
    [
      'level gap is capped',
      { level: 1 },
      { level: 6 },
      w.base + w.sharedTopic + w.maxLevelGapSteps * w.perLevelGapStep,
    ],
  ])('%s', (_name, offer, request, expected) => {
    expect(scoreMatch(mentor(offer), mentee(request)).score).toBe(expected);
  });

  it('explains the score', () => {
    const { reasons } = scoreMatch(
      mentor({ level: 1, department: 'Design', topicIds: [9, 4, 2] }),
      mentee({ level: 6, department: 'Finance', topicIds: [2, 9, 5], waitingDays: 12 }),
    );
    expect(reasons).toEqual({
      sharedTopicIds: [2, 9],
      mentorLevel: 1,
      menteeLevel: 6,
      levelGap: 5,
      mentorDepartment: 'Design',
      menteeDepartment: 'Finance',
      crossDepartment: true,
      waitingDays: 12,
    });
  });

  it('ranks a shared topic above everything else a pair can earn besides', () => {
    const w2 = DEFAULT_MATCH_WEIGHTS;
    expect(w2.sharedTopic).toBeGreaterThan(w2.crossDepartment);
    expect(w2.sharedTopic).toBeGreaterThan(w2.perWaitingDay * w2.maxWaitingDays);
    expect(w2.sharedTopic).toBeGreaterThan(w2.perLevelGapStep * w2.maxLevelGapSteps);
  });
});

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

describe('buildCandidates', () => {
  const problem = randomInstance(mulberry32(11), { mentees: 40, mentors: 30, topics: 4, maxCapacity: 2 });

  it('has an edge exactly for every eligible pair when nothing is cut', () => {
    const past = pastPairKeys(problem.pastPairs);
    const expected = problem.mentees.flatMap((request, menteeIndex) =>
      problem.mentors.flatMap((offer, mentorIndex) =>
        isEligible(offer, request, problem.minLevelGap, past) ? [`${menteeIndex}:${mentorIndex}`] : [],
      ),
    );
    const edges = buildCandidates({ ...problem, maxCandidatesPerMentee: Infinity });
    expect(edges.map((edge) => `${edge.menteeIndex}:${edge.mentorIndex}`).sort()).toEqual(expected.sort());
    for (const edge of edges) {
      const offer = problem.mentors[edge.mentorIndex];
      const request = problem.mentees[edge.menteeIndex];
      if (offer === undefined || request === undefined) throw new Error('edge out of range');
      expect(edge.score).toBe(scoreMatch(offer, request).score);
    }
  });

  it("lists each mentee's best K mentors first, best first", () => {
    const all = buildCandidates({ ...problem, maxCandidatesPerMentee: Infinity });
    const cut = buildCandidates({ ...problem, maxCandidatesPerMentee: 2 });
    problem.mentees.forEach((_request, menteeIndex) => {
      const scoresOf = (edges: typeof all): number[] =>
        edges.filter((edge) => edge.menteeIndex === menteeIndex).map((edge) => edge.score);
      const kept = scoresOf(cut);
      expect(kept).toEqual([...kept].sort((a, b) => b - a));
      expect(kept.slice(0, 2)).toEqual(scoresOf(all).slice(0, 2));
    });
  });

  it("keeps every mentor reachable even when it is nobody's first choice", () => {
    const reachable = new Set(
      buildCandidates({ ...problem, maxCandidatesPerMentee: Infinity }).map((e) => e.mentorIndex),
    );
    const kept = new Set(
      buildCandidates({ ...problem, maxCandidatesPerMentee: 1 }).map((e) => e.mentorIndex),
    );
    expect(kept).toEqual(reachable);
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
