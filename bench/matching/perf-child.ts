// One company, in a fresh process: time and peak memory of proposeMatches, candidate generation timed apart,
// and one scan over the candidate edges as the unit of work, all in the same run. Prints one JSON line.
// Compiled beside the app (bench/support/deployed.ts) and run with plain node, as the app runs the matcher:
// node --expose-gc dist/bench/matching/perf-child.js <participants> <balanced|scarce> <seed> <runs> [baselines]
import { assignmentProblemOf, proposeMatches, type MatchResult } from '../../src/domain/matching';
import { solveAssignment } from '../../src/domain/match-assignment';
import { buildCandidateGraph, type CandidateGraph } from '../../src/domain/candidate-graph';
import { randomPairing, firstComeFirstServed, greedyByScore } from './baselines';
import { generateCompany, mentorPlaces, type Regime } from './company';
import { maxCardinality } from './exact';
import { capacities, type BipartiteGraph } from './graph';
import {
  assignmentFigures,
  hardChecks,
  mentorOfProposals,
  type AssignmentFigures,
  type HardChecks,
} from './metrics';
import { spread, timeMs, type Spread } from '../support/stats';

export interface PerfResult {
  participants: number;
  regime: Regime;
  seed: number;
  mentors: number;
  mentees: number;
  places: number;
  candidateEdges: number;
  proposeMs: Spread;
  candidatesMs: Spread;
  /** One pass over every candidate edge reading its mentor's price: the unit the assignment is measured in. */
  scanMs: Spread;
  /** Per run: the assignment step alone / scan, and proposeMatches / scan. */
  assignmentScans: Spread;
  totalScans: Spread;
  rssBeforeMiB: number;
  /** Peak RSS while matching minus RSS with only the input in memory (null when the peak was the input's). */
  peakExtraMiB: number | null;
  inputPeakMiB: number;
  totalScore: number;
  upperBound: number;
  ours: AssignmentFigures;
  hardChecks: HardChecks;
  /** On the candidate graph (100k: the full table of eligible pairs does not fit). */
  baselines?: {
    random: AssignmentFigures;
    firstCome: AssignmentFigures;
    greedy: AssignmentFigures;
    maxMatched: number;
  };
}

const MiB = 2 ** 20;

function scanOnce(graph: CandidateGraph, price: Float64Array, menteeCount: number): number {
  let sum = 0;
  for (let i = 0; i < menteeCount; i++) {
    let best = 0;
    for (let e = graph.edgeStart[i]!; e < graph.edgeStart[i + 1]!; e++) {
      const net = graph.edgeScore[e]! - price[graph.edgeMentor[e]!]!;
      if (net > best) best = net;
    }
    sum += best;
  }
  return sum;
}

function medianScanMs(graph: CandidateGraph, mentors: number, mentees: number): number {
  const price = new Float64Array(mentors);
  let sink = 0;
  const times = Array.from({ length: 15 }, () => timeMs(() => (sink += scanOnce(graph, price, mentees))));
  if (sink < 0) console.error('impossible');
  return spread(times).median;
}

function main(): void {
  const [participantsArg, regimeArg, seedArg, runsArg, baselinesArg] = process.argv.slice(2);
  const participants = Number(participantsArg);
  const regime = regimeArg as Regime;
  const seed = Number(seedArg);
  const runs = Math.max(1, Number(runsArg ?? 1));
  // Timed as the app runs the matcher: a loader compiling TypeScript on the fly changes the figures.
  if (Object.keys(require.cache).some((file) => file.endsWith('.ts')))
    throw new Error('run the compiled dist/bench/matching/perf-child.js with plain node');
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

  const input = generateCompany({ participants, regime, seed });
  gc();
  const rssBefore = process.memoryUsage().rss;
  const inputPeak = process.resourceUsage().maxRSS * 1024;
  let result: MatchResult | null = null;
  const proposeTimes: number[] = [];
  proposeTimes.push(timeMs(() => (result = proposeMatches(input))));
  const peak = process.resourceUsage().maxRSS * 1024;

  const candidateTimes: number[] = [];
  const scanTimes: number[] = [];
  const assignmentTimes: number[] = [];
  let graph: CandidateGraph | null = null;
  for (let run = 0; run < runs; run++) {
    gc();
    if (run > 0) proposeTimes.push(timeMs(() => (result = proposeMatches(input))));
    gc();
    candidateTimes.push(timeMs(() => (graph = buildCandidateGraph(input))));
    // Timed apart on the very problem proposeMatches solves, rather than as proposeMatches minus candidate
    // generation: the difference of two noisy times was noisier than either.
    const problem = assignmentProblemOf(input);
    if (problem !== null) assignmentTimes.push(timeMs(() => solveAssignment(problem)));
    scanTimes.push(medianScanMs(graph!, input.mentors.length, input.mentees.length));
  }
  const final = result as unknown as MatchResult;
  const candidates = graph as unknown as CandidateGraph;
  const mentorOf = mentorOfProposals(input, final);
  const out: PerfResult = {
    participants,
    regime,
    seed,
    mentors: input.mentors.length,
    mentees: input.mentees.length,
    places: mentorPlaces(input),
    candidateEdges: candidates.edgeStart[input.mentees.length]!,
    proposeMs: spread(proposeTimes),
    candidatesMs: spread(candidateTimes),
    scanMs: spread(scanTimes),
    assignmentScans: spread(assignmentTimes.map((t, k) => t / scanTimes[k]!)),
    totalScans: spread(proposeTimes.map((t, k) => t / scanTimes[k]!)),
    rssBeforeMiB: rssBefore / MiB,
    peakExtraMiB: peak > inputPeak ? (peak - rssBefore) / MiB : null,
    inputPeakMiB: (inputPeak - rssBefore) / MiB,
    totalScore: final.totalScore,
    upperBound: final.upperBound,
    ours: assignmentFigures(input, mentorOf, final.totalScore),
    hardChecks: hardChecks(input, final),
  };
  if (baselinesArg === 'baselines') {
    const bipartite: BipartiteGraph = {
      menteeCount: input.mentees.length,
      mentorCount: input.mentors.length,
      capacity: capacities(input),
      edgeStart: candidates.edgeStart,
      edgeMentor: candidates.edgeMentor,
      edgeWeight: candidates.edgeScore,
    };
    const waits = input.mentees.map((mentee) => mentee.waitingDays);
    const figures = (a: { mentorOf: Int32Array; total: number }) =>
      assignmentFigures(input, a.mentorOf, a.total);
    out.baselines = {
      random: figures(randomPairing(bipartite, seed)),
      firstCome: figures(firstComeFirstServed(bipartite, waits)),
      greedy: figures(greedyByScore(bipartite)),
      maxMatched: maxCardinality(bipartite),
    };
  }
  console.log(JSON.stringify(out));
}

main();
