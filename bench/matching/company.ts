// A seeded synthetic company for the matching benchmark: 20 departments of uneven size, levels 1–6 with
// mentors mostly junior and mentees mostly senior, ~60 topics whose popularity follows Zipf's law, 1–3 topics
// per person, mentor capacities of 1–2, waiting times, past pairs and "don't match me with" lists.
import type { MatchInput, MenteeRequest, MentorOffer } from '../../src/domain/match-rules';
import {
  cumulativeWeights,
  randomInt,
  seededRandom,
  shuffleInPlace,
  weightedIndex,
  zipfWeights,
  type Random,
} from '../support/random';

export type Regime = 'balanced' | 'scarce';

export interface CompanyOptions {
  participants: number;
  regime: Regime;
  seed: number;
}

export const DEPARTMENT_COUNT = 20;
export const TOPIC_COUNT = 60;
export const MIN_LEVEL_GAP = 1;

// Mentor capacity is 1 or 2 with equal odds (1.5 places on average), so the mentor share sets the ratio of
// places to mentees: 0.45 × 1.5 / 0.55 ≈ 1.23 places per mentee when balanced, 0.32 × 1.5 / 0.68 ≈ 0.71 when
// scarce.
const MENTOR_SHARE: Record<Regime, number> = { balanced: 0.45, scarce: 0.32 };
// Juniors teach: most mentors sit at levels 1–3, most mentees at 4–6.
const MENTOR_LEVELS = cumulativeWeights([0.35, 0.3, 0.2, 0.1, 0.04, 0.01]);
const MENTEE_LEVELS = cumulativeWeights([0.01, 0.04, 0.1, 0.2, 0.3, 0.35]);
const TOPICS = cumulativeWeights(zipfWeights(TOPIC_COUNT, 1));
const DEPARTMENTS = cumulativeWeights(zipfWeights(DEPARTMENT_COUNT, 0.7));
// Requests wait about two weeks on average, a few much longer (the matcher caps the bonus at four weeks).
const MEAN_WAITING_DAYS = 14;
const MAX_WAITING_DAYS = 120;
// Share of mentees with an earlier pairing (or declined proposal), and of people with an exclusion list.
const PAST_PAIR_SHARE = 0.2;
const MENTEE_EXCLUDES_SHARE = 0.1;
const MENTOR_EXCLUDES_SHARE = 0.05;

export const departmentName = (index: number): string => `Department ${String(index + 1).padStart(2, '0')}`;

function drawTopics(random: Random): number[] {
  const wanted = randomInt(random, 1, 3);
  const topics = new Set<number>();
  while (topics.size < wanted) topics.add(weightedIndex(random, TOPICS) + 1);
  return [...topics].sort((a, b) => a - b);
}

function drawPerson(random: Random, levels: Float64Array) {
  return {
    level: weightedIndex(random, levels) + 1,
    department: departmentName(weightedIndex(random, DEPARTMENTS)),
    topicIds: drawTopics(random),
  };
}

function waitingDays(random: Random): number {
  return Math.min(MAX_WAITING_DAYS, Math.floor(-Math.log(1 - random()) * MEAN_WAITING_DAYS));
}

// Someone a mentee could plausibly have met before: a more junior mentor on one of its topics. Random strangers
// would almost never be eligible anyway, and then the history would not constrain anything. Drawn by rejection
// so that the generator stays linear at 100k people.
function plausiblePartner(
  random: Random,
  mentee: MenteeRequest,
  mentorsByTopic: Map<number, MentorOffer[]>,
  sameDepartment: boolean,
): MentorOffer | undefined {
  const topic = mentee.topicIds[randomInt(random, 0, mentee.topicIds.length - 1)]!;
  const pool = mentorsByTopic.get(topic) ?? [];
  for (let attempt = 0; attempt < 50 && pool.length > 0; attempt++) {
    const mentor = pool[randomInt(random, 0, pool.length - 1)]!;
    if (mentor.level < mentee.level && (!sameDepartment || mentor.department === mentee.department))
      return mentor;
  }
  return undefined;
}

function groupBy<T>(
  items: readonly T[],
  keys: (item: T) => readonly (string | number)[],
): Map<string | number, T[]> {
  const groups = new Map<string | number, T[]>();
  for (const item of items) {
    for (const key of keys(item)) {
      const group = groups.get(key);
      if (group) group.push(item);
      else groups.set(key, [item]);
    }
  }
  return groups;
}

// Offers and requests come sorted by id, as proposeMatches orders them itself, so that the positions in
// buildCandidateGraph(input) are the positions the matcher works with.
export function generateCompany({ participants, regime, seed }: CompanyOptions): MatchInput {
  const random = seededRandom(seed * 1_000_003 + participants + (regime === 'scarce' ? 7 : 0));
  const mentorCount = Math.round(participants * MENTOR_SHARE[regime]);
  const menteeCount = participants - mentorCount;
  const mentors: MentorOffer[] = Array.from({ length: mentorCount }, (_, k) => ({
    offerId: k + 1,
    mentorId: `UM${String(k + 1).padStart(6, '0')}`,
    ...drawPerson(random, MENTOR_LEVELS),
    freeCapacity: randomInt(random, 1, 2),
    excludes: [] as string[],
  }));
  const mentees: MenteeRequest[] = Array.from({ length: menteeCount }, (_, k) => ({
    requestId: k + 1,
    menteeId: `UE${String(k + 1).padStart(6, '0')}`,
    ...drawPerson(random, MENTEE_LEVELS),
    waitingDays: waitingDays(random),
    excludes: [] as string[],
  }));

  const mentorsByTopic = groupBy(mentors, (mentor) => mentor.topicIds) as Map<number, MentorOffer[]>;
  const pastPairs: [string, string][] = [];
  for (const mentee of mentees) {
    if (random() < PAST_PAIR_SHARE) {
      for (let k = randomInt(random, 1, 2); k > 0; k--) {
        const partner = plausiblePartner(random, mentee, mentorsByTopic, false);
        // Either order: the matcher must treat a pair as unordered.
        if (partner)
          pastPairs.push(
            random() < 0.5 ? [mentee.menteeId, partner.mentorId] : [partner.mentorId, mentee.menteeId],
          );
      }
    }
    if (random() < MENTEE_EXCLUDES_SHARE) {
      // Typically one's own reports: the same department.
      const excluded = plausiblePartner(random, mentee, mentorsByTopic, true);
      if (excluded) (mentee.excludes as string[]).push(excluded.mentorId);
    }
  }
  const menteesByDepartment = groupBy(mentees, (mentee) => [mentee.department ?? '']);
  for (const mentor of mentors) {
    if (random() >= MENTOR_EXCLUDES_SHARE) continue;
    const colleagues = menteesByDepartment.get(mentor.department ?? '') ?? [];
    const manager = colleagues[randomInt(random, 0, Math.max(0, colleagues.length - 1))];
    if (manager) (mentor.excludes as string[]).push(manager.menteeId);
  }
  return { mentors, mentees, pastPairs: shuffleInPlace(random, pastPairs), minLevelGap: MIN_LEVEL_GAP };
}

export function mentorPlaces(input: MatchInput): number {
  return input.mentors.reduce((sum, mentor) => sum + mentor.freeCapacity, 0);
}
