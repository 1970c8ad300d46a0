// npm run bench:matching — quality of the matcher against an exact optimum and against what peers do, and its
// time and memory, on seeded synthetic companies. Options: --sizes=1000,10000 (add 100000 for the big size: several
// minutes; its figures are kept in their own results file) --seeds=3 (at 1k) --seeds10k=1 --runs=5 (timed runs at
// 10k; 1 at 100k) --no-build (npm run bench has built already). Time and memory are measured as deployed: the
// matcher compiled by the production build, its timed child run with plain node (bench/support/deployed.ts).
import type { MatchInput } from '../../src/domain/match-rules';
import { proposeMatches } from '../../src/domain/matching';
import { firstComeFirstServed, greedyByScore, randomPairing } from './baselines';
import { generateCompany, mentorPlaces, type Regime } from './company';
import {
  bruteForce,
  certifyingPrices,
  dualBound,
  maxCardinality,
  maxWeightMatching,
  type Assignment,
  type SolverStats,
} from './exact';
import { assignmentWeight, candidateGraph, edgeCount, eligibleGraph } from './graph';
import { lpOptimum } from './lp';
import {
  assignmentFigures,
  hardChecks,
  mentorOfProposals,
  type AssignmentFigures,
  type HardChecks,
} from './metrics';
import type { PerfResult } from './perf-child';
import { option, runCompiledChild } from '../support/child';
import { buildDeployed, MATCHING_CHILD } from '../support/deployed';
import { writeResult } from '../support/results';
import { timeMs } from '../support/stats';
import { renderReport } from '../report';

const REGIMES: readonly Regime[] = ['balanced', 'scarce'];

export interface CrossCheck {
  what: string;
  instances: number;
  agreed: number;
}

export interface QualityRow {
  participants: number;
  regime: Regime;
  seed: number;
  mentors: number;
  mentees: number;
  places: number;
  candidateEdges: number;
  eligibleEdges: number;
  /** Exact optimum over the matcher's candidate graph (successive shortest paths). */
  exactCandidate: number;
  exactSeconds: number;
  exactAugmentations: number;
  /** Exact optimum over every eligible pair, certified by LP duality (null when it could not be certified). */
  exactEligible: number | null;
  exactEligibleHow: string;
  upperBound: number;
  /** The matcher's total re-scored with the documented weights on the eligible graph (must equal ours). */
  oursRescored: number;
  maxMatchedCandidate: number;
  maxMatchedEligible: number;
  ours: AssignmentFigures;
  optimum: AssignmentFigures;
  random: AssignmentFigures;
  firstCome: AssignmentFigures;
  greedy: AssignmentFigures;
  hardChecks: HardChecks;
}

export interface MatchingResults {
  crossChecks: CrossCheck[];
  quality: QualityRow[];
  performance: PerfResult[];
}

function log(message: string): void {
  console.error(`[matching] ${message}`);
}

async function crossChecks(): Promise<CrossCheck[]> {
  const tiny: CrossCheck = {
    what: 'tiny companies (14–30 people): brute force = SSP = LP = matcher',
    instances: 0,
    agreed: 0,
  };
  for (let seed = 1; seed <= 20; seed++) {
    for (const regime of REGIMES) {
      const input = generateCompany({ participants: 14 + ((seed * 3) % 17), regime, seed });
      const graph = eligibleGraph(input);
      const brute = bruteForce(graph);
      const agree =
        maxWeightMatching(graph).total === brute &&
        Math.abs((await lpOptimum(graph)) - brute) < 1e-6 &&
        proposeMatches(input).totalScore === brute;
      tiny.instances++;
      if (agree) tiny.agreed++;
    }
  }
  const lp: CrossCheck = {
    what: '1k companies: SSP = LP (HiGHS), candidate and eligible graphs',
    instances: 0,
    agreed: 0,
  };
  for (const regime of REGIMES) {
    const input = generateCompany({ participants: 1000, regime, seed: 1 });
    for (const graph of [candidateGraph(input), eligibleGraph(input)]) {
      lp.instances++;
      if (Math.abs(maxWeightMatching(graph).total - (await lpOptimum(graph))) < 1e-6) lp.agreed++;
    }
  }
  return [tiny, lp];
}

// The eligible-graph optimum: the exact solver itself at 1k; at 10k (millions of eligible pairs, too many for
// SSP in a benchmark's time) the matcher run without pruning, then certified here by LP duality.
function eligibleOptimum(
  input: MatchInput,
  graph: ReturnType<typeof eligibleGraph>,
): { assignment: Assignment | null; how: string } {
  if (input.mentees.length + input.mentors.length <= 2000)
    return { assignment: maxWeightMatching(graph), how: 'SSP' };
  const unpruned = proposeMatches({ ...input, maxCandidatesPerMentee: Infinity });
  const mentorOf = mentorOfProposals(input, unpruned);
  const prices = certifyingPrices(graph, mentorOf);
  const total = assignmentWeight(graph, mentorOf);
  if (prices !== null && Math.abs(dualBound(graph, prices) - total) < 1e-6) {
    return { assignment: { mentorOf, total }, how: 'unpruned matcher, LP-dual certificate' };
  }
  return { assignment: null, how: 'not certified' };
}

function qualityRow(participants: number, regime: Regime, seed: number): QualityRow {
  const input = generateCompany({ participants, regime, seed });
  const result = proposeMatches(input);
  const candidates = candidateGraph(input);
  const eligible = eligibleGraph(input);
  const stats: SolverStats = { augmentations: 0, nodesSettled: 0 };
  let exact: Assignment = { mentorOf: new Int32Array(0), total: 0 };
  const exactMs = timeMs(() => (exact = maxWeightMatching(candidates, stats)));
  const full = eligibleOptimum(input, eligible);
  const mentorOf = mentorOfProposals(input, result);
  const figures = (a: Assignment) => assignmentFigures(input, a.mentorOf, a.total);
  return {
    participants,
    regime,
    seed,
    mentors: input.mentors.length,
    mentees: input.mentees.length,
    places: mentorPlaces(input),
    candidateEdges: edgeCount(candidates),
    eligibleEdges: edgeCount(eligible),
    exactCandidate: exact.total,
    exactSeconds: exactMs / 1000,
    exactAugmentations: stats.augmentations,
    exactEligible: full.assignment?.total ?? null,
    exactEligibleHow: full.how,
    upperBound: result.upperBound,
    oursRescored: assignmentWeight(eligible, mentorOf),
    maxMatchedCandidate: maxCardinality(candidates),
    maxMatchedEligible: maxCardinality(eligible),
    ours: assignmentFigures(input, mentorOf, result.totalScore),
    optimum: figures(full.assignment ?? exact),
    random: figures(randomPairing(eligible, seed)),
    firstCome: figures(
      firstComeFirstServed(
        eligible,
        input.mentees.map((mentee) => mentee.waitingDays),
      ),
    ),
    greedy: figures(greedyByScore(eligible)),
    hardChecks: hardChecks(input, result),
  };
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const args = process.argv.slice(2);
  const sizes = option(args, 'sizes', '1000,10000').split(',').map(Number);
  const seeds = Number(option(args, 'seeds', '3'));
  const seeds10k = Number(option(args, 'seeds10k', '1'));
  const runs = Number(option(args, 'runs', '5'));

  const small = sizes.filter((s) => s <= 10_000);
  const checks = small.length > 0 ? await crossChecks() : [];
  const quality: QualityRow[] = [];
  for (const size of small) {
    for (const regime of REGIMES) {
      for (let seed = 1; seed <= (size > 1000 ? seeds10k : seeds); seed++) {
        log(`quality ${size} ${regime} seed ${seed}…`);
        quality.push(qualityRow(size, regime, seed));
      }
    }
  }
  const performanceRows: PerfResult[] = [];
  const timedSizes = sizes.filter((s) => s >= 10_000);
  if (timedSizes.length > 0) buildDeployed(log, args);
  for (const size of timedSizes) {
    for (const regime of REGIMES) {
      log(`time and memory ${size} ${regime}…`);
      const childArgs = [String(size), regime, '1', String(size > 10_000 ? 1 : runs)];
      if (size > 10_000) childArgs.push('baselines');
      performanceRows.push(await runCompiledChild<PerfResult>(MATCHING_CHILD, childArgs, ['--expose-gc']));
    }
  }
  const command = `npm run bench:matching${args.length ? ` -- ${args.join(' ')}` : ''}`;
  if (small.length > 0) {
    writeResult<MatchingResults>('matching', command, startedAt, {
      crossChecks: checks,
      quality,
      performance: performanceRows.filter((row) => row.participants <= 10_000),
    });
  }
  const big = performanceRows.filter((row) => row.participants > 10_000);
  if (big.length > 0) writeResult<PerfResult[]>('matching-big', command, startedAt, big);
  renderReport();
  log(`done in ${Math.round((performance.now() - startedAt) / 1000)} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
