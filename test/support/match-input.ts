// Builders of matcher input for the matching unit tests: one eligible pair by default, and seeded random pools.
import type { MatchInput, MatchWeights, MenteeRequest, MentorOffer } from '../../src/domain/match-rules';

// Defaults make every pair eligible: a level-2 mentor, a level-5 mentee, one shared topic.
export function mentor(overrides: Partial<MentorOffer> = {}): MentorOffer {
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

export function mentee(overrides: Partial<MenteeRequest> = {}): MenteeRequest {
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

export function input(overrides: Partial<MatchInput>): MatchInput {
  return { mentors: [], mentees: [], pastPairs: [], minLevelGap: 1, ...overrides };
}

// Small, seedable and good enough to spread test instances; Math.random would make failures unreproducible.
export function mulberry32(seed: number): () => number {
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

export function intBetween(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function someOf(random: () => number, items: readonly number[], max: number): number[] {
  const count = intBetween(random, 0, max);
  return Array.from({ length: count }, () => pick(random, items));
}

const DEPARTMENTS = ['Engineering', 'Sales', 'Design', null];

export interface InstanceShape {
  mentees: number;
  mentors: number;
  topics: number;
  maxCapacity: number;
}

// Users are drawn from one shared pool so that self-pairs, exclusions and past pairs actually occur.
export function randomInstance(
  random: () => number,
  shape: InstanceShape,
  weights?: MatchWeights,
): MatchInput {
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
