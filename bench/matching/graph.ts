// The bipartite graphs the exact solver and the baselines work on: the matcher's own sparse candidate graph,
// and every eligible pair, enumerated here independently of the matcher's code (rules and scores re-derived
// from DESIGN.md and the documented weights), so that a bug shared by both cannot hide.
import { buildCandidateGraph } from '../../src/domain/candidate-graph';
import {
  DEFAULT_MATCH_WEIGHTS,
  type MatchInput,
  type MenteeRequest,
  type MentorOffer,
} from '../../src/domain/match-rules';

export interface BipartiteGraph {
  readonly menteeCount: number;
  readonly mentorCount: number;
  /** Places per mentor. */
  readonly capacity: Int32Array;
  /** Mentee i's edges are edgeStart[i] .. edgeStart[i + 1] - 1. */
  readonly edgeStart: Int32Array;
  readonly edgeMentor: Int32Array;
  readonly edgeWeight: Float64Array;
}

export const edgeCount = (graph: BipartiteGraph): number => graph.edgeStart[graph.menteeCount]!;

export function capacities(input: MatchInput): Int32Array {
  return Int32Array.from(input.mentors, (mentor) => Math.max(0, Math.floor(mentor.freeCapacity)));
}

/** The matcher's sparse candidate graph (src/domain/candidate-graph.ts says which pairs it keeps). */
export function candidateGraph(input: MatchInput): BipartiteGraph {
  const graph = buildCandidateGraph(input);
  return {
    menteeCount: input.mentees.length,
    mentorCount: input.mentors.length,
    capacity: capacities(input),
    edgeStart: graph.edgeStart,
    edgeMentor: graph.edgeMentor,
    edgeWeight: graph.edgeScore,
  };
}

// Topic sets as 64-bit masks (two 32-bit words): the company has at most 64 topics.
function topicMask(topicIds: readonly number[]): [number, number] {
  let low = 0;
  let high = 0;
  for (const topic of topicIds) {
    if (topic < 1 || topic > 64) throw new Error(`topic ${topic} does not fit the bench's 64-bit masks`);
    if (topic <= 32) low |= 1 << (topic - 1);
    else high |= 1 << (topic - 33);
  }
  return [low, high];
}

function bitCount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** The documented score of an eligible pair (docs/programme.md "Matching", src/domain/match-rules.ts weights). */
export function documentedScore(
  shared: number,
  levelGap: number,
  cross: boolean,
  waitingDays: number,
): number {
  const w = DEFAULT_MATCH_WEIGHTS;
  return (
    w.base +
    w.sharedTopic * shared +
    (cross ? w.crossDepartment : 0) +
    w.perWaitingDay * Math.min(Math.max(waitingDays, 0), w.maxWaitingDays) +
    w.perLevelGapStep * Math.min(Math.max(levelGap, 0), w.maxLevelGapSteps)
  );
}

function blockedPairs(input: MatchInput): Set<string> {
  const blocked = new Set<string>();
  const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  for (const [a, b] of input.pastPairs) blocked.add(key(a, b));
  for (const mentor of input.mentors)
    for (const other of mentor.excludes) blocked.add(key(mentor.mentorId, other));
  for (const mentee of input.mentees)
    for (const other of mentee.excludes) blocked.add(key(mentee.menteeId, other));
  return blocked;
}

/**
 * Every eligible pair: mentor at least minLevelGap below the mentee, a shared topic, a free place, not the same
 * person, never paired before, nobody's exclusion. Quadratic (the mentee × mentor table), so for 1k and 10k.
 */
export function eligibleGraph(input: MatchInput): BipartiteGraph {
  const blocked = blockedPairs(input);
  const gap = Math.max(1, input.minLevelGap);
  const mentorOrder = input.mentors
    .map((mentor, index) => ({ mentor, index }))
    .filter(({ mentor }) => mentor.freeCapacity >= 1)
    .sort((a, b) => a.mentor.level - b.mentor.level || a.index - b.index);
  const masks = mentorOrder.map(({ mentor }) => topicMask(mentor.topicIds));
  const edgeStart = new Int32Array(input.mentees.length + 1);
  const mentorsOut: number[] = [];
  const weightsOut: number[] = [];
  input.mentees.forEach((mentee: MenteeRequest, i) => {
    const [low, high] = topicMask(mentee.topicIds);
    for (let k = 0; k < mentorOrder.length; k++) {
      const { mentor, index } = mentorOrder[k]! as { mentor: MentorOffer; index: number };
      if (mentee.level - mentor.level < gap) break;
      const shared = bitCount(low & masks[k]![0]) + bitCount(high & masks[k]![1]);
      if (shared === 0 || mentor.mentorId === mentee.menteeId) continue;
      const a = mentor.mentorId;
      const b = mentee.menteeId;
      if (blocked.size > 0 && blocked.has(a < b ? `${a}|${b}` : `${b}|${a}`)) continue;
      const cross =
        mentor.department !== null && mentee.department !== null && mentor.department !== mentee.department;
      mentorsOut.push(index);
      weightsOut.push(documentedScore(shared, mentee.level - mentor.level, cross, mentee.waitingDays));
    }
    edgeStart[i + 1] = mentorsOut.length;
  });
  return {
    menteeCount: input.mentees.length,
    mentorCount: input.mentors.length,
    capacity: capacities(input),
    edgeStart,
    edgeMentor: Int32Array.from(mentorsOut),
    edgeWeight: Float64Array.from(weightsOut),
  };
}

/** Total weight of an assignment given as a mentor index per mentee (-1 = unmatched). */
export function assignmentWeight(graph: BipartiteGraph, mentorOf: Int32Array): number {
  let total = 0;
  for (let i = 0; i < graph.menteeCount; i++) {
    const mentor = mentorOf[i]!;
    if (mentor < 0) continue;
    let weight = NaN;
    for (let e = graph.edgeStart[i]!; e < graph.edgeStart[i + 1]!; e++) {
      if (graph.edgeMentor[e] === mentor) weight = graph.edgeWeight[e]!;
    }
    total += weight;
  }
  return total;
}
