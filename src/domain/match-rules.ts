// The matching rules: who may mentor whom, and how good a pair is. The place to tune matching.
// Pure: capacities, waiting times and history are supplied by the caller.
// candidate-graph.ts applies these same rules to a whole pool at speed; it calls pairScore, requiredLevelGap
// and freePlaces from here and must agree with isEligible (test/unit/candidate-graph.test.ts checks it does).

export interface MatchWeights {
  sharedTopic: number;
  crossDepartment: number;
  perWaitingDay: number;
  maxWaitingDays: number;
  perLevelGapStep: number;
  maxLevelGapSteps: number;
  base: number;
}

// Integers on purpose: with whole waiting days every score is an integer, so the assignment can prove
// optimality exactly instead of up to a rounding error.
export const DEFAULT_MATCH_WEIGHTS: MatchWeights = Object.freeze({
  // A session lives on what both people want to talk about, so one more shared topic outweighs any other
  // single term (cross-department 10, the full waiting bonus 28, the full seniority bonus 6).
  sharedTopic: 30,
  // Reverse mentoring pays off most across silos: a leader learns how another part of the company works.
  // Preferred, but not worth a shared topic.
  crossDepartment: 10,
  // People who were passed over should come first next time, otherwise a popular mentor always goes to
  // whoever happens to fit best and the same seniors keep waiting.
  perWaitingDay: 1,
  // Four weeks, below one shared topic: waiting breaks ties and near-ties, it never forces a poor fit,
  // and a request forgotten for months does not outrank everything else forever.
  maxWaitingDays: 28,
  // A graduate teaching a VP is the premise of reverse mentoring, so a wider gap counts, but only a little:
  // the level gap says nothing about whether the two have anything to discuss.
  perLevelGapStep: 2,
  maxLevelGapSteps: 3,
  // Every eligible pair is worth clearly more than leaving the mentee unmatched, so the optimum pairs as
  // many people as it can before it polishes the fit of the pairs it makes.
  base: 40,
});

// freeCapacity = capacity - active pairs - pending proposals, computed by the caller.
export interface MentorOffer {
  offerId: number;
  mentorId: string;
  level: number;
  department: string | null;
  topicIds: readonly number[];
  freeCapacity: number;
  excludes: readonly string[];
}

export interface MenteeRequest {
  requestId: number;
  menteeId: string;
  level: number;
  department: string | null;
  topicIds: readonly number[];
  waitingDays: number;
  excludes: readonly string[];
}

// pastPairs: pairs of user ids (either order) that were ever paired or proposed-and-declined/expired:
// never propose them again. maxCandidatesPerMentee tunes the candidate graph (see candidate-graph.ts).
export interface MatchInput {
  mentors: readonly MentorOffer[];
  mentees: readonly MenteeRequest[];
  pastPairs: readonly (readonly [string, string])[];
  minLevelGap: number;
  weights?: MatchWeights;
  maxCandidatesPerMentee?: number;
}

export interface MatchReasons {
  sharedTopicIds: number[];
  mentorLevel: number;
  menteeLevel: number;
  levelGap: number;
  mentorDepartment: string | null;
  menteeDepartment: string | null;
  crossDepartment: boolean;
  waitingDays: number;
}

// ---- Eligibility --------------------------------------------------------------------------------------------

export function pairKey(a: string, b: string): string {
  // JSON keeps the key unambiguous whatever characters the ids contain.
  return a < b ? JSON.stringify([a, b]) : JSON.stringify([b, a]);
}

export function pastPairKeys(pairs: readonly (readonly [string, string])[]): Set<string> {
  return new Set(pairs.map(([a, b]) => pairKey(a, b)));
}

// How many levels more junior than the mentee the mentor must be. "Lower" stays strict even if the setting is
// misconfigured as 0 or negative.
export function requiredLevelGap(minLevelGap: number): number {
  return Math.max(1, minLevelGap);
}

// Fractional or negative capacities from the caller must never create a place.
export function freePlaces(mentor: MentorOffer): number {
  return Math.max(0, Math.floor(mentor.freeCapacity));
}

function sharedTopicIds(a: readonly number[], b: readonly number[]): number[] {
  const ofA = new Set(a);
  return [...new Set(b)].filter((topic) => ofA.has(topic)).sort((x, y) => x - y);
}

// A pair may be proposed only when every one of these holds.
export function isEligible(
  mentor: MentorOffer,
  mentee: MenteeRequest,
  minLevelGap: number,
  pastPairKeySet: ReadonlySet<string>,
): boolean {
  return (
    freePlaces(mentor) > 0 &&
    mentor.mentorId !== mentee.menteeId &&
    // Reverse mentoring: the junior mentors the senior.
    mentee.level - mentor.level >= requiredLevelGap(minLevelGap) &&
    sharedTopicIds(mentor.topicIds, mentee.topicIds).length > 0 &&
    !mentor.excludes.includes(mentee.menteeId) &&
    !mentee.excludes.includes(mentor.mentorId) &&
    // Never the same two again, whatever happened last time.
    !pastPairKeySet.has(pairKey(mentor.mentorId, mentee.menteeId))
  );
}

// ---- Score --------------------------------------------------------------------------------------------------

function clamp(value: number, max: number): number {
  // A missing or corrupt value earns no bonus rather than poisoning the whole score with NaN.
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), max) : 0;
}

function isCrossDepartment(a: string | null, b: string | null): boolean {
  // An unknown department is not evidence of crossing silos.
  return a !== null && b !== null && a !== b;
}

export function waitingBonus(w: MatchWeights, waitingDays: number): number {
  return w.perWaitingDay * clamp(waitingDays, w.maxWaitingDays);
}

// The single formula behind scoreMatch and the candidate graph, so both give bit-identical numbers.
export function pairScore(
  w: MatchWeights,
  shared: number,
  levelGap: number,
  cross: boolean,
  waitingDays: number,
): number {
  return (
    w.base +
    w.sharedTopic * shared +
    (cross ? w.crossDepartment : 0) +
    waitingBonus(w, waitingDays) +
    w.perLevelGapStep * clamp(levelGap, w.maxLevelGapSteps)
  );
}

export function scoreMatch(
  mentor: MentorOffer,
  mentee: MenteeRequest,
  weights: MatchWeights = DEFAULT_MATCH_WEIGHTS,
): { score: number; reasons: MatchReasons } {
  const shared = sharedTopicIds(mentor.topicIds, mentee.topicIds);
  const levelGap = mentee.level - mentor.level;
  const cross = isCrossDepartment(mentor.department, mentee.department);
  return {
    score: pairScore(weights, shared.length, levelGap, cross, mentee.waitingDays),
    reasons: {
      sharedTopicIds: shared,
      mentorLevel: mentor.level,
      menteeLevel: mentee.level,
      levelGap,
      mentorDepartment: mentor.department,
      menteeDepartment: mentee.department,
      crossDepartment: cross,
      waitingDays: mentee.waitingDays,
    },
  };
}
