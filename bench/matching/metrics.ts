// What a programme owner would ask of an assignment: how good, how many matched, how many across silos, who
// waits; and the rules that must never break.
import type { MatchInput } from '../../src/domain/match-rules';
import type { MatchResult } from '../../src/domain/matching';

export interface AssignmentFigures {
  total: number;
  matched: number;
  crossDepartmentShare: number;
  meanWaitMatched: number;
  meanWaitUnmatched: number;
}

export function assignmentFigures(input: MatchInput, mentorOf: Int32Array, total: number): AssignmentFigures {
  let matched = 0;
  let cross = 0;
  let waitMatched = 0;
  let waitUnmatched = 0;
  input.mentees.forEach((mentee, i) => {
    const mentor = input.mentors[mentorOf[i]!];
    if (mentor === undefined) {
      waitUnmatched += mentee.waitingDays;
      return;
    }
    matched++;
    waitMatched += mentee.waitingDays;
    if (mentor.department !== null && mentee.department !== null && mentor.department !== mentee.department)
      cross++;
  });
  const unmatched = input.mentees.length - matched;
  return {
    total,
    matched,
    crossDepartmentShare: matched === 0 ? 0 : cross / matched,
    meanWaitMatched: matched === 0 ? NaN : waitMatched / matched,
    meanWaitUnmatched: unmatched === 0 ? NaN : waitUnmatched / unmatched,
  };
}

/** The matcher's proposals as a mentor position per mentee position (input order), -1 when unmatched. */
export function mentorOfProposals(input: MatchInput, result: MatchResult): Int32Array {
  const menteeAt = new Map(input.mentees.map((mentee, i) => [mentee.requestId, i]));
  const mentorAt = new Map(input.mentors.map((mentor, r) => [mentor.offerId, r]));
  const mentorOf = new Int32Array(input.mentees.length).fill(-1);
  for (const proposal of result.proposals) {
    const i = menteeAt.get(proposal.requestId);
    const r = mentorAt.get(proposal.offerId);
    if (i === undefined || r === undefined)
      throw new Error(`proposal names unknown ids ${proposal.requestId}/${proposal.offerId}`);
    mentorOf[i] = r;
  }
  return mentorOf;
}

export interface HardChecks {
  repeats: number;
  capacityViolations: number;
  levelViolations: number;
  exclusionViolations: number;
  noSharedTopic: number;
  menteeTwice: number;
  wrongPeople: number;
}

export const hardCheckTotal = (checks: HardChecks): number =>
  Object.values(checks).reduce((a, b) => a + b, 0);

/** Checked from the proposals alone, against the rules in DESIGN.md, without the matcher's helpers. */
export function hardChecks(input: MatchInput, result: MatchResult): HardChecks {
  const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  const past = new Set(input.pastPairs.map(([a, b]) => key(a, b)));
  const offers = new Map(input.mentors.map((mentor) => [mentor.offerId, mentor]));
  const requests = new Map(input.mentees.map((mentee) => [mentee.requestId, mentee]));
  const perOffer = new Map<number, number>();
  const seenRequests = new Set<number>();
  const checks: HardChecks = {
    repeats: 0,
    capacityViolations: 0,
    levelViolations: 0,
    exclusionViolations: 0,
    noSharedTopic: 0,
    menteeTwice: 0,
    wrongPeople: 0,
  };
  for (const proposal of result.proposals) {
    const mentor = offers.get(proposal.offerId);
    const mentee = requests.get(proposal.requestId);
    if (
      !mentor ||
      !mentee ||
      mentor.mentorId !== proposal.mentorId ||
      mentee.menteeId !== proposal.menteeId
    ) {
      checks.wrongPeople++;
      continue;
    }
    if (past.has(key(mentor.mentorId, mentee.menteeId))) checks.repeats++;
    if (mentee.level - mentor.level < Math.max(1, input.minLevelGap)) checks.levelViolations++;
    if (mentor.excludes.includes(mentee.menteeId) || mentee.excludes.includes(mentor.mentorId))
      checks.exclusionViolations++;
    if (!mentor.topicIds.some((topic) => mentee.topicIds.includes(topic))) checks.noSharedTopic++;
    if (seenRequests.has(mentee.requestId)) checks.menteeTwice++;
    seenRequests.add(mentee.requestId);
    perOffer.set(mentor.offerId, (perOffer.get(mentor.offerId) ?? 0) + 1);
  }
  for (const [offerId, count] of perOffer) {
    if (count > Math.floor(offers.get(offerId)!.freeCapacity)) checks.capacityViolations++;
  }
  return checks;
}
