// Maximum-weight bipartite b-matching: by the primal–dual method (primal-dual-assignment.ts) when places
// are at least as many as mentees, else by a forward–reverse auction with ε-scaling (Bertsekas, Castañon and
// Tsaknakis 1993), below.
//
// Why two methods: the primal–dual method settles ties (scores tie heavily) by plain matching and moves
// prices only by whole score steps, which makes it several times faster than the auction when places are
// plentiful. But every mentee it leaves unmatched costs it one search per score step, so when mentees
// outnumber places (and many must stay unmatched) the auction, whose ε-scaling lowers them in large steps
// first, is faster. Both are exact.
//
// Why the auction has this shape:
// - Greedy and first-come-first-served are at best half of the optimum and strand mentees; the assignment
//   must be global. Exact min-cost flow is too slow for the largest pools benchmarked (see BENCHMARKS.md,
//   Matching), dense Hungarian does not fit in memory.
// - Mentor places are the objects (a mentor with capacity c offers c identical places); every mentee is a
//   bidder who may also stay unmatched at value 0.
// - ε-scaling is what makes an auction fast, but a forward auction that carries prices from one phase to the
//   next can leave an empty place with a positive price, and then its result is not optimal. So each phase
//   ends with reverse bids: an empty place with a positive price lowers it just enough to attract its best
//   mentee, or to 0 when nobody wants it. Both kinds of bid keep ε-complementary slackness, so when the last
//   phase ends every empty place is free and the total is within (mentees × ε) of the optimum.
// - Benefits are integers multiplied by (mentees + 1) and the last phase runs at ε = 1, so the result is
//   exactly optimal.
// - The assignment is usually optimal several phases before the prices can prove it. After each phase
//   assignment-certificate.ts looks for exact prices for the assignment as it stands; when they exist the
//   remaining phases are skipped, and those prices give an upper bound equal to the total.

import { certifiedTotal } from './assignment-certificate';
import { solveByPrimalDual } from './primal-dual-assignment';

export interface AssignmentProblem {
  readonly menteeCount: number;
  // Per mentor: places on offer; 0 removes the mentor.
  readonly capacity: Int32Array;
  // Compressed sparse rows over mentees: mentee i's edges are edgeStart[i] .. edgeStart[i + 1] - 1.
  readonly edgeStart: Int32Array;
  readonly edgeMentor: Int32Array;
  // Positive integers (scaled scores).
  readonly benefit: Float64Array;
}

export interface AssignmentSolution {
  // Mentor index per mentee, -1 when unmatched.
  readonly mentorOf: Int32Array;
  // Upper bound on the optimum in benefit units, from the final prices (the LP dual).
  readonly upperBound: number;
}

// heldBy values besides a place index.
const BIDDING = -1;
const ALONE = -2; // the mentee's private "stay unmatched" option, worth 0 and always free

// How much ε shrinks per phase: larger means fewer phases but more bidding inside each. The first ε is most
// of the largest value, so the first phase is about one bid per mentee: a rough sort that the next phases
// refine, cheaper than starting finer. Both measured on the benchmark's companies (BENCHMARKS.md, Matching).
const EPSILON_FACTOR = 12;
const FIRST_EPSILON_SHARE = 2 / 3;

// Scanning every edge on every bid is the auction's main cost. A mentee values all places of a mentor alike,
// so it only ever wants a mentor's cheapest place (or, for its runner-up, the next cheapest): each mentor
// keeps those two prices, and a scan reads one price per edge instead of one per place. After a full scan a
// mentee remembers its CACHE_SIZE best mentors and the value of the next best. Forward bids only raise
// prices and the end of each reverse stage raises every bound past what its price cuts could offer, so no
// place outside the cache is ever worth more than the bound; while the best two cached options still reach
// it they are the true best two. Reverse bids scanned every mentee of a mentor just as often, so mentors
// keep a cache of their own.
const CACHE_SIZE = 8;
const REVERSE_CACHE_SIZE = 16;

// Work allowed to each attempt at proving an assignment optimal early, in passes over the edges.
const CERTIFICATE_BUDGET = 4;

interface Auction {
  readonly menteeCount: number;
  readonly placeStart: Int32Array; // per mentor: its places are placeStart[r] .. placeStart[r + 1] - 1
  readonly placeMentor: Int32Array;
  readonly edgeStart: Int32Array;
  readonly edgeMentor: Int32Array;
  // Values are benefit × unit, computed where read: a copy of every edge's value costs more to allocate and
  // fill than the multiplications it saves.
  readonly benefit: Float64Array;
  readonly reverseStart: Int32Array; // per mentor: the mentees with an edge to it, and that edge's value
  readonly reverseMentee: Int32Array;
  // The problem's benefits (values are benefit × unit): as 32-bit integers when they all fit, as they do at
  // the default weights, because filling this array is writes all over memory and half the bytes cost less.
  readonly reverseValue: Int32Array | Float64Array;
  readonly unit: number;
  readonly price: Float64Array; // per place
  // Per mentor: its cheapest place (the first of equals), that price and the next lowest (Infinity if none).
  readonly cheapest: Int32Array;
  readonly lowest: Float64Array;
  readonly nextLowest: Float64Array;
  readonly ownerOf: Int32Array; // per place: mentee or -1
  readonly heldBy: Int32Array; // per mentee: place, BIDDING or ALONE
  readonly profit: Float64Array; // per mentee: value of what it holds minus its price
  readonly queue: Int32Array;
  readonly cacheMentor: Int32Array;
  readonly cacheWorth: Float64Array;
  readonly cacheSize: Int32Array;
  readonly cacheBound: Float64Array;
  readonly topNet: Float64Array; // scratch for one full scan
  readonly topPlace: Int32Array; // a mentor in full scans, a reverse entry in reverse scans
  readonly topWorth: Float64Array;
  readonly reverseStamp: Int32Array; // per mentor: the reverse stage its cache was filled in
  readonly reverseCacheAt: Int32Array; // per mentor: its best reverse entries
  readonly reverseCacheSize: Int32Array;
  readonly reverseCacheBound: Float64Array;
  readonly pick: Pick;
}

// The best and second-best gains a mentor offers, and the reverse entry of the best.
interface Pick {
  at: number;
  best: number;
  second: number;
}

function prefixSums(counts: Int32Array): Int32Array {
  const starts = new Int32Array(counts.length + 1);
  for (let k = 0; k < counts.length; k++) starts[k + 1] = starts[k]! + counts[k]!;
  return starts;
}

function fitsInt32(benefit: Float64Array): boolean {
  for (let e = 0; e < benefit.length; e++) if (benefit[e]! > 0x7fffffff) return false;
  return true;
}

function buildReverse(problem: AssignmentProblem): {
  reverseStart: Int32Array;
  reverseMentee: Int32Array;
  reverseValue: Int32Array | Float64Array;
} {
  const degree = new Int32Array(problem.capacity.length);
  // Indexed loops over the edges: for…of over a typed array is several times slower until its function is
  // optimised, and the functions that pass over every edge run once per solve.
  for (let e = 0; e < problem.edgeMentor.length; e++) degree[problem.edgeMentor[e]!]!++;
  const reverseStart = prefixSums(degree);
  const next = reverseStart.slice(0, degree.length);
  const reverseMentee = new Int32Array(problem.edgeMentor.length);
  const edges = problem.edgeMentor.length;
  const reverseValue = fitsInt32(problem.benefit) ? new Int32Array(edges) : new Float64Array(edges);
  for (let i = 0; i < problem.menteeCount; i++) {
    for (let e = problem.edgeStart[i]!; e < problem.edgeStart[i + 1]!; e++) {
      const at = next[problem.edgeMentor[e]!]!++;
      reverseMentee[at] = i;
      reverseValue[at] = problem.benefit[e]!;
    }
  }
  return { reverseStart, reverseMentee, reverseValue };
}

function createAuction(problem: AssignmentProblem): Auction {
  const placeStart = prefixSums(problem.capacity);
  const placeCount = placeStart[problem.capacity.length]!;
  const placeMentor = new Int32Array(placeCount);
  for (let r = 0; r < problem.capacity.length; r++) placeMentor.fill(r, placeStart[r]!, placeStart[r + 1]!);
  const n = problem.menteeCount;
  const unit = n + 1;
  const mentorCount = problem.capacity.length;
  return {
    menteeCount: n,
    placeStart,
    placeMentor,
    edgeStart: problem.edgeStart,
    edgeMentor: problem.edgeMentor,
    benefit: problem.benefit,
    ...buildReverse(problem),
    unit,
    price: new Float64Array(placeCount),
    cheapest: placeStart.slice(0, mentorCount),
    lowest: Float64Array.from(problem.capacity, (places) => (places > 0 ? 0 : Infinity)),
    nextLowest: Float64Array.from(problem.capacity, (places) => (places > 1 ? 0 : Infinity)),
    ownerOf: new Int32Array(placeCount).fill(-1),
    heldBy: new Int32Array(n).fill(BIDDING),
    profit: new Float64Array(n),
    queue: new Int32Array(Math.max(n, placeCount)),
    cacheMentor: new Int32Array(n * CACHE_SIZE),
    cacheWorth: new Float64Array(n * CACHE_SIZE),
    cacheSize: new Int32Array(n),
    cacheBound: new Float64Array(n),
    topNet: new Float64Array(Math.max(CACHE_SIZE, REVERSE_CACHE_SIZE) + 1),
    topPlace: new Int32Array(Math.max(CACHE_SIZE, REVERSE_CACHE_SIZE) + 1),
    topWorth: new Float64Array(CACHE_SIZE + 1),
    reverseStamp: new Int32Array(mentorCount),
    reverseCacheAt: new Int32Array(mentorCount * REVERSE_CACHE_SIZE),
    reverseCacheSize: new Int32Array(mentorCount),
    reverseCacheBound: new Float64Array(mentorCount),
    pick: { at: -1, best: 0, second: 0 },
  };
}

// Best and second-best net values of one bidder; written into a reused record to keep the hot loop
// allocation-free.
interface Offer {
  object: number;
  best: number;
  second: number;
}

function consider(offer: Offer, object: number, net: number): void {
  if (net > offer.best) {
    offer.second = offer.best;
    offer.best = net;
    offer.object = object;
  } else if (net > offer.second) {
    offer.second = net;
  }
}

// Called after every price change: prices are set one place at a time and a mentor has few places.
function refreshCheapest(a: Auction, mentor: number): void {
  let cheapest = -1;
  let lowest = Infinity;
  let nextLowest = Infinity;
  for (let place = a.placeStart[mentor]!; place < a.placeStart[mentor + 1]!; place++) {
    const price = a.price[place]!;
    if (price < lowest) {
      nextLowest = lowest;
      lowest = price;
      cheapest = place;
    } else if (price < nextLowest) {
      nextLowest = price;
    }
  }
  a.cheapest[mentor] = cheapest;
  a.lowest[mentor] = lowest;
  a.nextLowest[mentor] = nextLowest;
}

function setPrice(a: Auction, place: number, price: number): void {
  a.price[place] = price;
  refreshCheapest(a, a.placeMentor[place]!);
}

// Fills the mentee's cache from one pass over its edges: the CACHE_SIZE + 1 best mentors, best first (the
// first of equals first), in the auction's scratch arrays.
function cacheFullScan(a: Auction, mentee: number): void {
  const { lowest, benefit, edgeMentor, unit, topNet, topPlace, topWorth } = a;
  let count = 0;
  // What a mentor must beat to enter once the list is full; mentors without places come out at −∞.
  let floor = -Infinity;
  const end = a.edgeStart[mentee + 1]!;
  for (let e = a.edgeStart[mentee]!; e < end; e++) {
    const mentor = edgeMentor[e]!;
    const worth = benefit[e]! * unit;
    const net = worth - lowest[mentor]!;
    if (net <= floor) continue;
    let at = count;
    if (count <= CACHE_SIZE) count++;
    else at = CACHE_SIZE;
    while (at > 0 && topNet[at - 1]! < net) {
      topNet[at] = topNet[at - 1]!;
      topPlace[at] = topPlace[at - 1]!;
      topWorth[at] = topWorth[at - 1]!;
      at--;
    }
    topNet[at] = net;
    topPlace[at] = mentor;
    topWorth[at] = worth;
    if (count > CACHE_SIZE) floor = topNet[CACHE_SIZE]!;
  }
  const kept = Math.min(count, CACHE_SIZE);
  const base = mentee * CACHE_SIZE;
  for (let k = 0; k < kept; k++) {
    a.cacheMentor[base + k] = topPlace[k]!;
    a.cacheWorth[base + k] = topWorth[k]!;
  }
  a.cacheSize[mentee] = kept;
  a.cacheBound[mentee] = count > CACHE_SIZE ? topNet[CACHE_SIZE]! : -Infinity;
}

function considerCached(a: Auction, mentee: number, offer: Offer): void {
  const base = mentee * CACHE_SIZE;
  offer.object = ALONE;
  offer.best = 0;
  offer.second = -Infinity;
  for (let k = 0; k < a.cacheSize[mentee]!; k++) {
    const mentor = a.cacheMentor[base + k]!;
    const worth = a.cacheWorth[base + k]!;
    consider(offer, a.cheapest[mentor]!, worth - a.lowest[mentor]!);
    // Never above the same mentor's cheapest place, so it can only be the runner-up.
    const next = worth - a.nextLowest[mentor]!;
    if (next > offer.second) offer.second = next;
  }
}

// Every mentee has at least one edge and the "alone" option, so the second best is always finite.
function scan(a: Auction, mentee: number, offer: Offer): void {
  considerCached(a, mentee, offer);
  if (a.cacheSize[mentee]! > 0 && offer.second >= a.cacheBound[mentee]!) return;
  cacheFullScan(a, mentee);
  considerCached(a, mentee, offer);
}

// Returns the mentee that lost the place, or -1.
function forwardBid(a: Auction, mentee: number, offer: Offer, epsilon: number): number {
  const object = offer.object;
  a.heldBy[mentee] = object;
  if (object === ALONE) {
    a.profit[mentee] = 0;
    return -1;
  }
  const raise = offer.best - offer.second + epsilon;
  setPrice(a, object, a.price[object]! + raise);
  a.profit[mentee] = offer.best - raise;
  const previous = a.ownerOf[object]!;
  a.ownerOf[object] = mentee;
  if (previous >= 0) a.heldBy[previous] = BIDDING;
  return previous;
}

// A new phase keeps every assignment that is still within the new ε of the mentee's best option; the rest
// bid again. Their places may end the phase empty, which the reverse bids then settle.
function releaseSlackMentees(a: Auction, epsilon: number, offer: Offer): number {
  let waiting = 0;
  for (let mentee = 0; mentee < a.menteeCount; mentee++) {
    const held = a.heldBy[mentee]!;
    if (held !== BIDDING) {
      scan(a, mentee, offer);
      if (a.profit[mentee]! >= offer.best - epsilon) continue;
      if (held >= 0) a.ownerOf[held] = -1;
      a.heldBy[mentee] = BIDDING;
    }
    a.queue[waiting++] = mentee;
  }
  return waiting;
}

function forwardStage(a: Auction, epsilon: number): void {
  const queue = a.queue;
  const offer: Offer = { object: ALONE, best: 0, second: 0 };
  // Ring buffer: a mentee is queued only while it holds nothing, so at most menteeCount are waiting.
  let head = 0;
  let waiting = releaseSlackMentees(a, epsilon, offer);
  while (waiting > 0) {
    const mentee = queue[head]!;
    head = head + 1 === a.menteeCount ? 0 : head + 1;
    waiting--;
    scan(a, mentee, offer);
    const outbid = forwardBid(a, mentee, offer, epsilon);
    if (outbid >= 0) queue[(head + waiting++) % a.menteeCount] = outbid;
  }
}

// An empty place with a positive price finds the mentee who gains most from it (value − current profit) and
// drops its price to the runner-up's gain − ε, or to 0 when nobody gains more than ε. The chosen mentee's
// profit rises by at least ε, so the reverse stage ends. Returns the place that mentee left, or -1.
function reverseBid(a: Auction, place: number, epsilon: number, stage: number): number {
  const mentor = a.placeMentor[place]!;
  const pick = a.pick;
  if (a.reverseStamp[mentor] !== stage || !reverseCached(a, mentor, pick)) {
    reverseFullScan(a, mentor);
    a.reverseStamp[mentor] = stage;
    reverseCached(a, mentor, pick);
  }
  const best = pick.best;
  const price = best <= epsilon ? 0 : Math.max(0, pick.second - epsilon);
  setPrice(a, place, price);
  if (best <= epsilon) return -1;
  const mentee = a.reverseMentee[pick.at]!;
  const left = a.heldBy[mentee]!;
  if (left >= 0) a.ownerOf[left] = -1;
  a.heldBy[mentee] = place;
  a.ownerOf[place] = mentee;
  a.profit[mentee] = a.reverseValue[pick.at]! * a.unit - price;
  return left;
}

// The mirror of the mentees' cache: within one reverse stage profits only rise, so a mentee's gain from a
// mentor only falls, and a mentor remembers its REVERSE_CACHE_SIZE best mentees and the gain of the next best.
// While the cached runner-up still beats that bound the cached best two are the true best two; ties go to the
// earliest mentee either way, so the cache never changes the outcome.
function reverseFullScan(a: Auction, mentor: number): void {
  const { reverseValue, reverseMentee, profit, topNet, topPlace, unit } = a;
  let count = 0;
  for (let k = a.reverseStart[mentor]!; k < a.reverseStart[mentor + 1]!; k++) {
    const gain = reverseValue[k]! * unit - profit[reverseMentee[k]!]!;
    const full = count === REVERSE_CACHE_SIZE + 1;
    if (full && gain <= topNet[REVERSE_CACHE_SIZE]!) continue;
    let at = full ? REVERSE_CACHE_SIZE : count;
    while (at > 0 && topNet[at - 1]! < gain) {
      topNet[at] = topNet[at - 1]!;
      topPlace[at] = topPlace[at - 1]!;
      at--;
    }
    topNet[at] = gain;
    topPlace[at] = k;
    if (!full) count++;
  }
  const kept = Math.min(count, REVERSE_CACHE_SIZE);
  a.reverseCacheAt.set(a.topPlace.subarray(0, kept), mentor * REVERSE_CACHE_SIZE);
  a.reverseCacheSize[mentor] = kept;
  a.reverseCacheBound[mentor] = count > REVERSE_CACHE_SIZE ? topNet[REVERSE_CACHE_SIZE]! : -Infinity;
}

// False when the cache cannot tell.
function reverseCached(a: Auction, mentor: number, pick: Pick): boolean {
  const base = mentor * REVERSE_CACHE_SIZE;
  pick.at = -1;
  pick.best = -Infinity;
  pick.second = -Infinity;
  for (let c = 0; c < a.reverseCacheSize[mentor]!; c++) {
    const k = a.reverseCacheAt[base + c]!;
    const gain = a.reverseValue[k]! * a.unit - a.profit[a.reverseMentee[k]!]!;
    if (gain > pick.best || (gain === pick.best && k < pick.at)) {
      pick.second = pick.best;
      pick.best = gain;
      pick.at = k;
    } else if (gain > pick.second) {
      pick.second = gain;
    }
  }
  const bound = a.reverseCacheBound[mentor]!;
  return bound === -Infinity || pick.second > bound;
}

// Reverse bids lower prices, which can make a place outside a mentee's cache worth more than its bound. Each
// such place ends within ε of the mentee's profit at the time, and profits only rise in the reverse stage, so
// raising every bound to profit + ε covers them all in one pass instead of one pass per bid.
function raiseCacheBounds(a: Auction, epsilon: number): void {
  for (let mentee = 0; mentee < a.menteeCount; mentee++) {
    const worth = a.profit[mentee]! + epsilon;
    if (worth > a.cacheBound[mentee]!) a.cacheBound[mentee] = worth;
  }
}

function reverseStage(a: Auction, epsilon: number, stage: number): void {
  const stack = a.queue;
  let size = 0;
  for (let place = 0; place < a.price.length; place++) {
    if (a.ownerOf[place] === -1 && a.price[place]! > 0) stack[size++] = place;
  }
  if (size === 0) return;
  while (size > 0) {
    const place = stack[--size]!;
    if (a.ownerOf[place] !== -1 || a.price[place]! <= 0) continue;
    const left = reverseBid(a, place, epsilon, stage);
    // A place is pushed only when it has just been emptied, so the stack never holds it twice.
    if (left >= 0 && a.price[left]! > 0) stack[size++] = left;
  }
  raiseCacheBounds(a, epsilon);
}

function maxValue(a: Auction): number {
  let max = 0;
  for (let e = 0; e < a.benefit.length; e++) max = Math.max(max, a.benefit[e]! * a.unit);
  return max;
}

// LP dual of the place-expanded problem: the sum of place prices plus each mentee's best profit (or 0).
// Any non-negative prices give a valid bound; the final ones are within mentees × ε of the optimum.
function dualBound(a: Auction): number {
  let bound = 0;
  for (const price of a.price) bound += price;
  for (let i = 0; i < a.menteeCount; i++) {
    let profit = 0;
    for (let e = a.edgeStart[i]!; e < a.edgeStart[i + 1]!; e++) {
      const mentor = a.edgeMentor[e]!;
      for (let place = a.placeStart[mentor]!; place < a.placeStart[mentor + 1]!; place++) {
        profit = Math.max(profit, a.benefit[e]! * a.unit - a.price[place]!);
      }
    }
    bound += profit;
  }
  return bound / a.unit;
}

function assignedMentors(a: Auction): Int32Array {
  const mentorOf = new Int32Array(a.menteeCount);
  for (let i = 0; i < a.menteeCount; i++) {
    const place = a.heldBy[i]!;
    mentorOf[i] = place >= 0 ? a.placeMentor[place]! : -1;
  }
  return mentorOf;
}

export function solveAssignment(problem: AssignmentProblem): AssignmentSolution {
  let places = 0;
  for (const capacity of problem.capacity) places += capacity;
  return problem.menteeCount <= places ? solveByPrimalDual(problem) : solveByAuction(problem);
}

export function solveByAuction(problem: AssignmentProblem): AssignmentSolution {
  const a = createAuction(problem);
  const budget = CERTIFICATE_BUDGET * problem.edgeMentor.length;
  let epsilon = Math.max(1, Math.floor(maxValue(a) * FIRST_EPSILON_SHARE));
  for (let stage = 1; ; stage++) {
    forwardStage(a, epsilon);
    reverseStage(a, epsilon, stage);
    const mentorOf = assignedMentors(a);
    if (epsilon === 1) return { mentorOf, upperBound: dualBound(a) };
    // While ε is a whole score step or more the assignment is still rough, and a proof would almost always fail.
    const certified = epsilon < a.unit ? certifiedTotal(problem, mentorOf, budget) : null;
    if (certified !== null) return { mentorOf, upperBound: certified };
    epsilon = Math.max(1, Math.floor(epsilon / EPSILON_FACTOR));
  }
}
