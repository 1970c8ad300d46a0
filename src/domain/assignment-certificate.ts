// Proves an assignment optimal by finding exact prices for it, or says it cannot; and the bound any prices
// give.
//
// Why: the auction in match-assignment.ts usually holds an optimal assignment long before its prices prove
// it (its proof needs ε below 1 / mentees, which takes several more phases). Given the assignment, the
// prices that would prove it are the least solution of a system of difference constraints (LP duality for
// bipartite b-matching, where integer prices suffice because the benefits are integers):
// - a mentee matched to r at benefit b must not prefer another candidate r2: price(r2) ≥ price(r) + b2 − b;
// - an unmatched mentee must not want any candidate: price(r2) ≥ b2;
// - a mentor with a free place has price 0, and a matched mentee's profit b − price(r) is not negative.
// The first two only push prices up; raising them to their least solution one mentor at a time (a
// label-correcting longest-path search) ends either with the last two holding — then the assignment is
// optimal and the prices show it — or with one of them broken, which happens whenever the assignment is not
// optimal (some exchange would gain) and stops the search early.

export interface CertificateProblem {
  readonly menteeCount: number;
  readonly capacity: Int32Array;
  readonly edgeStart: Int32Array;
  readonly edgeMentor: Int32Array;
  // Positive integers.
  readonly benefit: Float64Array;
}

// Per matched mentee, the benefit of its edge to its mentor; 0 when unmatched.
function matchedBenefits(problem: CertificateProblem, mentorOf: Int32Array): Float64Array {
  const matched = new Float64Array(problem.menteeCount);
  for (let i = 0; i < problem.menteeCount; i++) {
    for (let e = problem.edgeStart[i]!; e < problem.edgeStart[i + 1]!; e++) {
      if (problem.edgeMentor[e] === mentorOf[i]) matched[i] = Math.max(matched[i]!, problem.benefit[e]!);
    }
  }
  return matched;
}

// Mentees per mentor, as compressed rows.
function menteesByMentor(
  mentorCount: number,
  mentorOf: Int32Array,
): { start: Int32Array; mentee: Int32Array } {
  const start = new Int32Array(mentorCount + 1);
  for (const mentor of mentorOf) if (mentor >= 0) start[mentor + 1]!++;
  for (let r = 0; r < mentorCount; r++) start[r + 1]! += start[r]!;
  const next = start.slice(0, mentorCount);
  const mentee = new Int32Array(start[mentorCount]!);
  mentorOf.forEach((mentor, i) => {
    if (mentor >= 0) mentee[next[mentor]!++] = i;
  });
  return { start, mentee };
}

// The least prices meeting the push-up constraints, or null as soon as a limit breaks (or the work budget,
// in edge visits, runs out).
function leastPrices(
  problem: CertificateProblem,
  mentorOf: Int32Array,
  matched: Float64Array,
  budget: number,
): Float64Array | null {
  const { capacity, edgeStart, edgeMentor, benefit } = problem;
  const mentorCount = capacity.length;
  const members = menteesByMentor(mentorCount, mentorOf);
  const price = new Float64Array(mentorCount);
  // The most a mentor's price may reach: its members' smallest benefit, or 0 while it has a free place.
  const limit = new Float64Array(mentorCount).fill(Infinity);
  for (let r = 0; r < mentorCount; r++) {
    if (members.start[r + 1]! - members.start[r]! < capacity[r]!) limit[r] = 0;
  }
  for (let k = 0; k < members.mentee.length; k++) {
    const r = mentorOf[members.mentee[k]!]!;
    limit[r] = Math.min(limit[r]!, matched[members.mentee[k]!]!);
  }
  const queued = new Uint8Array(mentorCount);
  const queue = new Int32Array(mentorCount);
  let head = 0;
  let waiting = 0;
  let work = 0;
  // Pushes mentee i's candidates up to base + their benefit; false when a limit breaks.
  const pushFrom = (i: number, base: number): boolean => {
    work += edgeStart[i + 1]! - edgeStart[i]!;
    for (let e = edgeStart[i]!; e < edgeStart[i + 1]!; e++) {
      const r = edgeMentor[e]!;
      const wanted = base + benefit[e]!;
      if (wanted <= price[r]! || capacity[r] === 0) continue;
      if (wanted > limit[r]!) return false;
      price[r] = wanted;
      if (queued[r] === 0) {
        queued[r] = 1;
        queue[(head + waiting++) % mentorCount] = r;
      }
    }
    return true;
  };
  for (let i = 0; i < problem.menteeCount; i++) {
    const base = mentorOf[i]! < 0 ? 0 : price[mentorOf[i]!]! - matched[i]!;
    if (!pushFrom(i, base)) return null;
  }
  while (waiting > 0) {
    const r = queue[head]!;
    head = head + 1 === mentorCount ? 0 : head + 1;
    waiting--;
    queued[r] = 0;
    for (let k = members.start[r]!; k < members.start[r + 1]!; k++) {
      const i = members.mentee[k]!;
      if (!pushFrom(i, price[r]! - matched[i]!)) return null;
    }
    if (work > budget) return null;
  }
  return price;
}

// The LP dual bound of these mentor prices: every place's price plus each mentee's best profit (or 0). Valid
// for any non-negative prices, whatever produced them; equal to the assignment's total when they prove it
// optimal.
export function priceBound(problem: CertificateProblem, price: Float64Array): number {
  let bound = 0;
  for (let r = 0; r < price.length; r++) bound += price[r]! * problem.capacity[r]!;
  for (let i = 0; i < problem.menteeCount; i++) {
    let profit = 0;
    for (let e = problem.edgeStart[i]!; e < problem.edgeStart[i + 1]!; e++) {
      if (problem.capacity[problem.edgeMentor[e]!]! > 0) {
        profit = Math.max(profit, problem.benefit[e]! - price[problem.edgeMentor[e]!]!);
      }
    }
    bound += profit;
  }
  return bound;
}

// The assignment's total when exact prices prove it optimal within `budget` edge visits, else null.
// Every matched mentee must use one of its edges and no mentor may exceed its capacity.
export function certifiedTotal(
  problem: CertificateProblem,
  mentorOf: Int32Array,
  budget: number,
): number | null {
  const matched = matchedBenefits(problem, mentorOf);
  const price = leastPrices(problem, mentorOf, matched, budget);
  if (price === null) return null;
  let total = 0;
  for (const benefit of matched) total += benefit;
  return priceBound(problem, price) === total ? total : null;
}
