import { certifiedTotal } from '../../src/domain/assignment-certificate';
import { solveAssignment, solveByAuction, type AssignmentProblem } from '../../src/domain/match-assignment';
import { solveByPrimalDual } from '../../src/domain/primal-dual-assignment';
import { intBetween, mulberry32 } from '../support/match-input';

type Random = () => number;

interface Edge {
  mentee: number;
  mentor: number;
  benefit: number;
}

function problemOf(menteeCount: number, capacity: number[], edges: Edge[]): AssignmentProblem {
  const sorted = [...edges].sort((a, b) => a.mentee - b.mentee);
  const edgeStart = new Int32Array(menteeCount + 1);
  for (const edge of sorted) edgeStart[edge.mentee + 1]!++;
  for (let i = 0; i < menteeCount; i++) edgeStart[i + 1]! += edgeStart[i]!;
  return {
    menteeCount,
    capacity: Int32Array.from(capacity),
    edgeStart,
    edgeMentor: Int32Array.from(sorted, (edge) => edge.mentor),
    benefit: Float64Array.from(sorted, (edge) => edge.benefit),
  };
}

// Small instances with few distinct benefits (many ties, as real scores have), capacities 0–3 (a mentor's
// third place is where the auction's cheapest-place bookkeeping could go wrong) and every mentee with at
// least one edge (the auction's precondition).
function randomProblem(random: Random): AssignmentProblem {
  const menteeCount = intBetween(random, 1, 6);
  const mentorCount = intBetween(random, 1, 4);
  const capacity = Array.from({ length: mentorCount }, () => intBetween(random, 0, 3));
  const benefits = [intBetween(random, 1, 5), intBetween(random, 1, 5), 10];
  const edges: Edge[] = [];
  for (let mentee = 0; mentee < menteeCount; mentee++) {
    const mentors = Array.from({ length: mentorCount }, (_, r) => r).filter(() => random() < 0.7);
    for (const mentor of mentors.length > 0 ? mentors : [intBetween(random, 0, mentorCount - 1)]) {
      edges.push({ mentee, mentor, benefit: benefits[intBetween(random, 0, 2)]! });
    }
  }
  return problemOf(menteeCount, capacity, edges);
}

// Too large for brute force, with heavy ties: scores from a handful of values, many candidates per mentee.
function largerProblem(
  random: Random,
  menteeCount: number,
  mentorCount: number,
  density = 0.3,
): AssignmentProblem {
  const capacity = Array.from({ length: mentorCount }, () => intBetween(random, 0, 2));
  const edges: Edge[] = [];
  for (let mentee = 0; mentee < menteeCount; mentee++) {
    for (let mentor = 0; mentor < mentorCount; mentor++) {
      if (random() < density)
        edges.push({ mentee, mentor, benefit: [3, 5, 8, 10][intBetween(random, 0, 3)]! });
    }
    if (!edges.some((edge) => edge.mentee === mentee)) edges.push({ mentee, mentor: 0, benefit: 1 });
  }
  return problemOf(menteeCount, Array.from(capacity), edges);
}

function totalOf(problem: AssignmentProblem, mentorOf: Int32Array): number {
  let total = 0;
  for (let i = 0; i < problem.menteeCount; i++) {
    for (let e = problem.edgeStart[i]!; e < problem.edgeStart[i + 1]!; e++) {
      if (problem.edgeMentor[e] === mentorOf[i]) total += problem.benefit[e]!;
    }
  }
  return total;
}

function bruteForce(problem: AssignmentProblem): number {
  const left = Array.from(problem.capacity);
  const best = (i: number): number => {
    if (i === problem.menteeCount) return 0;
    let value = best(i + 1);
    for (let e = problem.edgeStart[i]!; e < problem.edgeStart[i + 1]!; e++) {
      const mentor = problem.edgeMentor[e]!;
      if (left[mentor]! === 0) continue;
      left[mentor]!--;
      value = Math.max(value, problem.benefit[e]! + best(i + 1));
      left[mentor]!++;
    }
    return value;
  };
  return best(0);
}

function expectValidAssignment(problem: AssignmentProblem, mentorOf: Int32Array): void {
  const used = new Array<number>(problem.capacity.length).fill(0);
  mentorOf.forEach((mentor, i) => {
    if (mentor < 0) return;
    used[mentor]!++;
    const own = problem.edgeMentor.subarray(problem.edgeStart[i]!, problem.edgeStart[i + 1]!);
    expect(own).toContain(mentor);
  });
  used.forEach((count, mentor) => expect(count).toBeLessThanOrEqual(problem.capacity[mentor]!));
}

// A mentee grabbing its best mentor blocks the only option of another: the greedy total is 3, the optimum 4.
const greedyTrap = problemOf(
  2,
  [1, 1],
  [
    { mentee: 0, mentor: 0, benefit: 3 },
    { mentee: 0, mentor: 1, benefit: 2 },
    { mentee: 1, mentor: 0, benefit: 2 },
  ],
);

// solveAssignment picks one of the two methods by the ratio of places to mentees; each must be exact on any
// instance.
describe.each([
  { method: 'solveAssignment', solve: solveAssignment },
  { method: 'the auction', solve: solveByAuction },
  { method: 'the primal-dual method', solve: solveByPrimalDual },
])('$method', ({ solve }) => {
  const seeds = Array.from({ length: 300 }, (_, k) => k + 1);

  it.each(seeds)('equals the brute-force optimum with a tight bound on random instance %i', (seed) => {
    const problem = randomProblem(mulberry32(seed));
    const solution = solve(problem);
    expectValidAssignment(problem, solution.mentorOf);
    const total = totalOf(problem, solution.mentorOf);
    expect(total).toBe(bruteForce(problem));
    expect(solution.upperBound).toBeGreaterThanOrEqual(total);
    expect(solution.upperBound - total).toBeLessThan(1);
  });

  // Benefits past 32 bits (fine weights scale scores up) take the auction's wide storage.
  it.each(seeds.slice(0, 50))('stays exact when benefits exceed 32 bits, random instance %i', (seed) => {
    const small = randomProblem(mulberry32(seed));
    const problem = { ...small, benefit: small.benefit.map((benefit) => benefit * (2 ** 32 + 1)) };
    const solution = solve(problem);
    expectValidAssignment(problem, solution.mentorOf);
    expect(totalOf(problem, solution.mentorOf)).toBe(bruteForce(small) * (2 ** 32 + 1));
  });

  it('avoids the greedy trap', () => {
    const solution = solve(greedyTrap);
    expect(Array.from(solution.mentorOf)).toEqual([1, 0]);
    expect(solution.upperBound).toBeLessThan(5);
  });
});

describe('the two methods', () => {
  it.each([
    { seed: 1, mentees: 40, mentors: 60 },
    { seed: 2, mentees: 80, mentors: 30 },
    { seed: 3, mentees: 120, mentors: 50 },
  ])('reach the same proved optimum on larger tied instance $seed', ({ seed, mentees, mentors }) => {
    const problem = largerProblem(mulberry32(seed), mentees, mentors);
    const auction = solveByAuction(problem);
    const primalDual = solveByPrimalDual(problem);
    expectValidAssignment(problem, primalDual.mentorOf);
    const total = totalOf(problem, primalDual.mentorOf);
    expect(totalOf(problem, auction.mentorOf)).toBe(total);
    expect(primalDual.upperBound).toBe(total);
    expect(auction.upperBound - total).toBeLessThan(1);
    expect(solveByPrimalDual(problem)).toEqual(primalDual);
  });

  // Sparse tied instances take the primal–dual method through several price changes, after each of which it
  // keeps its tight edges up to date instead of collecting them again: a stale edge breaks the proof.
  it.each(Array.from({ length: 200 }, (_, k) => k + 1))(
    'agree, and the primal-dual prices prove it, on sparse tied instance %i',
    (seed) => {
      const problem = largerProblem(mulberry32(seed), 20, 15, 0.2);
      const primalDual = solveByPrimalDual(problem);
      expectValidAssignment(problem, primalDual.mentorOf);
      const total = totalOf(problem, primalDual.mentorOf);
      expect(primalDual.upperBound).toBe(total);
      expect(totalOf(problem, solveByAuction(problem).mentorOf)).toBe(total);
    },
  );
});

describe('solveAssignment', () => {
  it('gives the same assignment for the same input', () => {
    const problem = randomProblem(mulberry32(99));
    expect(solveAssignment(problem)).toEqual(solveAssignment(problem));
  });
});

describe('certifiedTotal', () => {
  const budget = 1_000;

  it.each([
    { case: 'the optimum', mentorOf: [1, 0], expected: 4 },
    { case: 'the greedy assignment', mentorOf: [0, -1], expected: null },
    { case: 'a mentor with a free place its mentee prefers', mentorOf: [1, -1], expected: null },
    { case: 'nobody matched', mentorOf: [-1, -1], expected: null },
  ])('certifies $case only when it is optimal', ({ mentorOf, expected }) => {
    expect(certifiedTotal(greedyTrap, Int32Array.from(mentorOf), budget)).toBe(expected);
  });

  it('gives up when the budget runs out before the prices settle', () => {
    expect(certifiedTotal(greedyTrap, Int32Array.from([1, 0]), 0)).toBeNull();
  });

  it.each(Array.from({ length: 200 }, (_, k) => k + 1))(
    'agrees with brute force on random instance %i, for the optimum and for a worse assignment',
    (seed) => {
      const problem = randomProblem(mulberry32(seed));
      const optimum = bruteForce(problem);
      const solved = solveAssignment(problem).mentorOf;
      expect(certifiedTotal(problem, solved, budget)).toBe(optimum);
      const nobody = new Int32Array(problem.menteeCount).fill(-1);
      expect(certifiedTotal(problem, nobody, budget)).toBe(optimum === 0 ? 0 : null);
    },
  );
});
