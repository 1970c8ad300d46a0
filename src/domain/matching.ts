// The matcher: proposes mentor–mentee pairs that maximise the total score over the whole pool at once.
// Pure (no Slack, SQL, clock or I/O) and deterministic: the same people give the same proposals whatever
// order they arrive in. Assumes one open request per mentee and one offer per mentor per run.

import { buildCandidateGraph, type CandidateGraph } from './candidate-graph';
import { solveAssignment, type AssignmentProblem } from './match-assignment';
import {
  DEFAULT_MATCH_WEIGHTS,
  freePlaces,
  scoreMatch,
  type MatchInput,
  type MatchReasons,
  type MenteeRequest,
  type MentorOffer,
} from './match-rules';

export interface ProposedMatch {
  requestId: number;
  offerId: number;
  mentorId: string;
  menteeId: string;
  score: number;
  reasons: MatchReasons;
}

// upperBound: no assignment of the candidate pairs (see candidate-graph.ts) can score more; it comes from the
// prices the assignment step ends with (LP duality). With default weights and whole waiting days it is less than 1 above
// totalScore, which certifies that totalScore is the exact optimum over those pairs.
export interface MatchResult {
  proposals: ProposedMatch[];
  unmatchedRequestIds: number[];
  totalScore: number;
  upperBound: number;
}

interface ScaledScores {
  readonly benefit: Float64Array;
  readonly scale: number;
  // Largest |score × scale − benefit|: 0 unless the weights have more decimals than the assignment can keep.
  readonly roundingError: number;
}

// Keeps the auction's integers (benefit × (mentees + 1) per value, summed over mentees for the bound) far
// below 2^53, where doubles stop representing every integer.
const MAX_EXACT_PRODUCT = 2 ** 50;
const SCALES = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

function toBenefit(score: number, scale: number): number {
  // Scores are positive, and the auction needs every edge to beat staying unmatched.
  return Math.max(1, Math.round(score * scale));
}

// Indexed loops over the scores: typed-array methods with a callback, and for…of until the function is
// optimised, are several times slower at this size, and each of these runs once per match.
function worstRounding(scores: Float64Array, scale: number): number {
  let worst = 0;
  for (let e = 0; e < scores.length; e++) {
    worst = Math.max(worst, Math.abs(scores[e]! * scale - toBenefit(scores[e]!, scale)));
  }
  return worst;
}

function isWhole(scores: Float64Array, scale: number): boolean {
  for (let e = 0; e < scores.length; e++) if (toBenefit(scores[e]!, scale) !== scores[e]) return false;
  return true;
}

// The assignment proves optimality only for integer benefits, so scores are scaled by the smallest power of ten
// that makes them whole (1 for the default weights), or by the largest one that still fits when none does.
function scaleScores(scores: Float64Array, menteeCount: number): ScaledScores {
  let maxScore = 0;
  for (let e = 0; e < scores.length; e++) maxScore = Math.max(maxScore, scores[e]!);
  const unit = menteeCount + 1;
  const fits = SCALES.filter((scale) => maxScore * scale * unit * unit <= MAX_EXACT_PRODUCT);
  const exact = fits.find((scale) => worstRounding(scores, scale) < 1e-7);
  const scale = exact ?? fits[fits.length - 1] ?? 1;
  // With the default weights the scores are already whole: they serve as the benefits as they are, sparing a
  // copy of every edge (fresh memory is slow to fill at this size).
  const whole = isWhole(scores, scale);
  const benefit = whole ? scores : scores.map((score) => toBenefit(score, scale));
  return { benefit, scale, roundingError: exact === undefined ? worstRounding(scores, scale) : 0 };
}

// Ids, not input positions, decide everything downstream, so shuffling the input changes nothing.
function canonicalOrder(input: MatchInput): MatchInput {
  const mentors = [...input.mentors].sort(
    (a, b) => a.offerId - b.offerId || (a.mentorId < b.mentorId ? -1 : a.mentorId > b.mentorId ? 1 : 0),
  );
  const mentees = [...input.mentees].sort(
    (a, b) => a.requestId - b.requestId || (a.menteeId < b.menteeId ? -1 : a.menteeId > b.menteeId ? 1 : 0),
  );
  return { ...input, mentors, mentees };
}

interface ActiveProblem {
  readonly mentees: Int32Array; // positions of the mentees that have at least one candidate
  readonly capacity: Int32Array;
  readonly edgeStart: Int32Array;
}

// Drops mentees without candidates (the auction needs every bidder to have a real option) and caps each
// mentor's places at its number of candidates, since more could never be filled.
function activeProblem(graph: CandidateGraph, mentors: readonly MentorOffer[]): ActiveProblem {
  const menteeCount = graph.edgeStart.length - 1;
  const active: number[] = [];
  const edgeStart: number[] = [0];
  for (let i = 0; i < menteeCount; i++) {
    if (graph.edgeStart[i + 1]! > graph.edgeStart[i]!) {
      active.push(i);
      edgeStart.push(graph.edgeStart[i + 1]!);
    }
  }
  const degree = new Int32Array(mentors.length);
  for (let e = 0; e < graph.edgeMentor.length; e++) degree[graph.edgeMentor[e]!]!++;
  const capacity = Int32Array.from(mentors, (mentor, r) => Math.min(freePlaces(mentor), degree[r]!));
  return { mentees: Int32Array.from(active), capacity, edgeStart: Int32Array.from(edgeStart) };
}

function toProposal(mentor: MentorOffer, mentee: MenteeRequest, input: MatchInput): ProposedMatch {
  const { score, reasons } = scoreMatch(mentor, mentee, input.weights ?? DEFAULT_MATCH_WEIGHTS);
  return {
    requestId: mentee.requestId,
    offerId: mentor.offerId,
    mentorId: mentor.mentorId,
    menteeId: mentee.menteeId,
    score,
    reasons,
  };
}

function emptyResult(mentees: readonly MenteeRequest[]): MatchResult {
  const unmatchedRequestIds = mentees.map((mentee) => mentee.requestId);
  return { proposals: [], unmatchedRequestIds, totalScore: 0, upperBound: 0 };
}

// The input in canonical order and, unless no mentee has a candidate, the assignment problem it gives.
type PreparedMatching =
  | { readonly input: MatchInput; readonly problem: null }
  | {
      readonly input: MatchInput;
      readonly problem: AssignmentProblem;
      readonly activeMentees: Int32Array; // input positions of the problem's mentees
      readonly scaled: ScaledScores;
    };

function prepareMatching(rawInput: MatchInput): PreparedMatching {
  const input = canonicalOrder(rawInput);
  const graph = buildCandidateGraph(input);
  const active = activeProblem(graph, input.mentors);
  if (active.mentees.length === 0) return { input, problem: null };
  const firstEdge = graph.edgeStart[active.mentees[0]!]!;
  const lastEdge = graph.edgeStart[active.mentees[active.mentees.length - 1]! + 1]!;
  // Mentees without candidates own no edges, so the active mentees' edges are one contiguous block.
  const scores = graph.edgeScore.subarray(firstEdge, lastEdge);
  const scaled = scaleScores(scores, active.mentees.length);
  const problem = {
    menteeCount: active.mentees.length,
    capacity: active.capacity,
    edgeStart: active.edgeStart.map((start) => start - firstEdge),
    edgeMentor: graph.edgeMentor.subarray(firstEdge, lastEdge),
    benefit: scaled.benefit,
  };
  return { input, activeMentees: active.mentees, scaled, problem };
}

/** The assignment problem proposeMatches solves for this input: the benchmark times the assignment on it alone. */
export function assignmentProblemOf(input: MatchInput): AssignmentProblem | null {
  return prepareMatching(input).problem;
}

export function proposeMatches(rawInput: MatchInput): MatchResult {
  const prepared = prepareMatching(rawInput);
  if (prepared.problem === null) return emptyResult(prepared.input.mentees);
  const { input, activeMentees, scaled, problem } = prepared;
  const solution = solveAssignment(problem);
  const matchedMentor = new Int32Array(input.mentees.length).fill(-1);
  activeMentees.forEach((position, k) => (matchedMentor[position] = solution.mentorOf[k]!));
  return assembleResult(input, matchedMentor, solution.upperBound, scaled, activeMentees.length);
}

function assembleResult(
  input: MatchInput,
  matchedMentor: Int32Array,
  scaledBound: number,
  scaled: ScaledScores,
  activeMentees: number,
): MatchResult {
  const proposals: ProposedMatch[] = [];
  const unmatchedRequestIds: number[] = [];
  input.mentees.forEach((mentee, position) => {
    const mentor = input.mentors[matchedMentor[position]!];
    if (mentor === undefined) unmatchedRequestIds.push(mentee.requestId);
    else proposals.push(toProposal(mentor, mentee, input));
  });
  const totalScore = proposals.reduce((sum, proposal) => sum + proposal.score, 0);
  // The bound is exact in scaled integers; rounding of non-integer weights and the final float division
  // can only move it by the rounding error or by ulps, and the optimum is never below an achieved total.
  const bound = scaledBound / scaled.scale + (activeMentees * scaled.roundingError) / scaled.scale;
  return {
    proposals,
    unmatchedRequestIds: unmatchedRequestIds.sort((a, b) => a - b),
    totalScore,
    upperBound: Math.max(bound, totalScore),
  };
}
