// Maximum-weight bipartite b-matching by the primal–dual (Hungarian) method, with Hopcroft–Karp phases on the
// tight edges. match-assignment.ts uses it when there are at least as many places as mentees.
//
// Why:
// - Scores are small integers that tie heavily (a mentee has dozens of candidates at its best score). An
//   auction spends most of its time on those ties: tied bidders outbid each other by ε, phase after phase.
//   Here prices move only by whole score steps, each chosen by one shortest-path search, and everything
//   that ties is settled by plain matching on the edges that are tight at the current prices.
// - Prices are exact all along (LP duality): a mentee's profit plus its candidate's price is at least their
//   benefit on every edge, matched edges are tight, a mentor with a free place costs nothing. What is left
//   to fix is an unmatched mentee with a positive profit; each phase either matches such mentees along tight
//   edges, or lowers their profits by the least amount that makes a new tight edge or lets one of them (or a
//   mentee it would displace) go unmatched at profit 0. When none is left the assignment is optimal, and the
//   prices prove it (assignment-certificate.ts).
// - Every mentee that ends unmatched has its profit lowered all the way to 0, one search per price step. So
//   this suits pools where places are plentiful; where mentees outnumber places the auction is faster.

import { priceBound } from './assignment-certificate';
import type { AssignmentProblem, AssignmentSolution } from './match-assignment';

interface Search {
  readonly problem: AssignmentProblem;
  readonly profit: Float64Array; // per mentee
  readonly price: Float64Array; // per mentor
  // Per mentor: its places are placeStart[r] .. placeStart[r + 1] - 1, each held by a mentee or -1.
  readonly placeStart: Int32Array;
  readonly placeMentor: Int32Array;
  readonly holder: Int32Array;
  readonly placesUsed: Int32Array; // per mentor
  readonly placeOf: Int32Array; // per mentee: the place it holds, or -1
  // The edges tight at the current prices, per mentee: tightEdge[tightStart[i]] .. tightEdge[tightStart[i + 1] - 1].
  // Prices change only between the layered phases, and far fewer edges are tight than not, so the phases
  // read these instead of every edge. Rebuilt into the spare array after each price change, then swapped.
  readonly tightStart: Int32Array;
  tightEdge: Int32Array;
  spareTightEdge: Int32Array;
  // Which price change last lowered a mentee's profit or raised a mentor's price (0: none yet).
  priceChange: number;
  readonly loweredAt: Int32Array; // per mentee
  readonly raisedAt: Int32Array; // per mentor
  // Per mentee: the layer a phase reached it in (-1: not reached), and the phase that last used it.
  readonly layer: Int32Array;
  readonly visited: Int32Array;
  readonly queue: Int32Array;
  readonly menteeDistance: Float64Array;
  readonly mentorDistance: Float64Array;
  readonly heap: Heap;
}

function createSearch(problem: AssignmentProblem): Search {
  const { menteeCount, capacity, edgeStart, edgeMentor, benefit } = problem;
  const mentorCount = capacity.length;
  const placeStart = new Int32Array(mentorCount + 1);
  for (let r = 0; r < mentorCount; r++) placeStart[r + 1] = placeStart[r]! + capacity[r]!;
  const placeMentor = new Int32Array(placeStart[mentorCount]!);
  for (let r = 0; r < mentorCount; r++) placeMentor.fill(r, placeStart[r]!, placeStart[r + 1]!);
  // Every mentee starts at its best possible profit, with every price 0: feasible, and nothing matched.
  const profit = new Float64Array(menteeCount);
  for (let i = 0; i < menteeCount; i++) {
    for (let e = edgeStart[i]!; e < edgeStart[i + 1]!; e++) {
      if (capacity[edgeMentor[e]!]! > 0) profit[i] = Math.max(profit[i]!, benefit[e]!);
    }
  }
  return {
    problem,
    profit,
    price: new Float64Array(mentorCount),
    placeStart,
    placeMentor,
    holder: new Int32Array(placeMentor.length).fill(-1),
    placesUsed: new Int32Array(mentorCount),
    placeOf: new Int32Array(menteeCount).fill(-1),
    tightStart: new Int32Array(menteeCount + 1),
    tightEdge: new Int32Array(edgeMentor.length),
    spareTightEdge: new Int32Array(edgeMentor.length),
    priceChange: 0,
    loweredAt: new Int32Array(menteeCount),
    raisedAt: new Int32Array(mentorCount),
    layer: new Int32Array(menteeCount),
    visited: new Int32Array(menteeCount),
    queue: new Int32Array(menteeCount),
    menteeDistance: new Float64Array(menteeCount).fill(Infinity),
    mentorDistance: new Float64Array(mentorCount).fill(Infinity),
    heap: createHeap(),
  };
}

function ownMentor(s: Search, mentee: number): number {
  const place = s.placeOf[mentee]!;
  return place < 0 ? -1 : s.placeMentor[place]!;
}

// An unmatched mentee whose profit is not yet 0.
function isActive(s: Search, mentee: number): boolean {
  return s.placeOf[mentee]! < 0 && s.profit[mentee]! > 0;
}

// A price change lowers the profits of only the mentees its search reached and raises the prices of only the
// mentors it reached, a small part of the graph. A mentee whose profit stayed keeps every tight edge except
// those to a mentor whose price rose (and gains none, since no price falls), so only the lowered mentees'
// edges are read again; the lists come out the same, in the same order, as from a pass over every edge.
function collectTightEdges(s: Search): void {
  const { menteeCount, edgeStart, edgeMentor, benefit, capacity } = s.problem;
  const { price, tightStart, loweredAt, raisedAt, priceChange } = s;
  const previous = s.tightEdge;
  const next = s.spareTightEdge;
  let count = 0;
  let from = 0;
  for (let i = 0; i < menteeCount; i++) {
    const to = tightStart[i + 1]!;
    if (priceChange === 0 || loweredAt[i] === priceChange) {
      const profit = s.profit[i]!;
      for (let e = edgeStart[i]!; e < edgeStart[i + 1]!; e++) {
        const mentor = edgeMentor[e]!;
        if (profit + price[mentor]! === benefit[e]! && capacity[mentor]! > 0) next[count++] = e;
      }
    } else {
      for (let k = from; k < to; k++) {
        const e = previous[k]!;
        if (raisedAt[edgeMentor[e]!] !== priceChange) next[count++] = e;
      }
    }
    from = to;
    tightStart[i + 1] = count;
  }
  s.tightEdge = next;
  s.spareTightEdge = previous;
}

// The first tight edge at or after position `from` that its mentee could newly take (not to its own mentor),
// as a position in tightEdge; the mentee's end position when there is none.
function nextOpenEdge(s: Search, mentee: number, from: number): number {
  const own = ownMentor(s, mentee);
  const end = s.tightStart[mentee + 1]!;
  let at = from;
  while (at < end && s.problem.edgeMentor[s.tightEdge[at]!] === own) at++;
  return at;
}

// Breadth-first layers over the open edges from every active mentee: a mentor with a free place ends a path,
// and so does a matched mentee at profit 0 (it may be displaced). Returns the first layer where a path ends,
// or -1 when none does at these prices.
function layerMentees(s: Search): number {
  const { layer, queue } = s;
  const { menteeCount, edgeMentor, capacity } = s.problem;
  const { tightStart, tightEdge } = s;
  let tail = 0;
  for (let i = 0; i < menteeCount; i++) {
    layer[i] = isActive(s, i) ? 0 : -1;
    if (layer[i] === 0) queue[tail++] = i;
  }
  let end = -1;
  for (let head = 0; head < tail; head++) {
    const i = queue[head]!;
    const depth = layer[i]!;
    if (end >= 0 && depth >= end) break;
    for (
      let at = nextOpenEdge(s, i, tightStart[i]!);
      at < tightStart[i + 1]!;
      at = nextOpenEdge(s, i, at + 1)
    ) {
      const mentor = edgeMentor[tightEdge[at]!]!;
      if (s.placesUsed[mentor]! < capacity[mentor]!) {
        end = depth;
        continue;
      }
      for (let place = s.placeStart[mentor]!; place < s.placeStart[mentor + 1]!; place++) {
        const next = s.holder[place]!;
        if (layer[next]! >= 0) continue;
        layer[next] = depth + 1;
        queue[tail++] = next;
        if (s.profit[next] === 0 && end < 0) end = depth + 1;
      }
    }
  }
  return end;
}

// One step of a path being searched: a mentee, the tight edge it is trying (a position in tightEdge), and the
// place of that edge's mentor.
interface PathStack {
  readonly mentee: Int32Array;
  readonly edge: Int32Array;
  readonly place: Int32Array;
}

// Hopcroft–Karp: depth-first searches along the layers, each mentee used at most once per phase, so one
// phase finds a maximal set of shortest paths and the next phase's paths are longer. A path moves every
// mentee on it into the place of the next one; the last takes a free place or displaces a mentee at profit 0.
function augmentAlongLayers(s: Search, end: number, phase: number, stack: PathStack): void {
  const { layer, visited, tightStart, tightEdge } = s;
  const { menteeCount, edgeMentor } = s.problem;
  for (let root = 0; root < menteeCount; root++) {
    if (layer[root] !== 0 || !isActive(s, root)) continue;
    let top = 0;
    stack.mentee[0] = root;
    stack.edge[0] = tightStart[root]!;
    stack.place[0] = -1;
    let found = false;
    while (top >= 0 && !found) {
      const i = stack.mentee[top]!;
      let deeper = false;
      for (let at = stack.edge[top]!, place = stack.place[top]!; at < tightStart[i + 1]!; at++, place = -1) {
        if (place < 0) {
          at = nextOpenEdge(s, i, at);
          if (at === tightStart[i + 1]!) break;
          place = s.placeStart[edgeMentor[tightEdge[at]!]!]!;
        }
        const mentor = edgeMentor[tightEdge[at]!]!;
        for (; place < s.placeStart[mentor + 1]!; place++) {
          const next = s.holder[place]!;
          if (next < 0) {
            found = true;
            break;
          }
          if (layer[next] !== top + 1 || visited[next] === phase) continue;
          if (s.profit[next] === 0) {
            visited[next] = phase;
            found = true;
            break;
          }
          if (top + 1 > end) continue;
          visited[next] = phase;
          deeper = true;
          break;
        }
        if (found || deeper) {
          stack.edge[top] = at;
          stack.place[top] = place;
          break;
        }
      }
      if (deeper) {
        const next = s.holder[stack.place[top]!]!;
        top++;
        stack.mentee[top] = next;
        stack.edge[top] = tightStart[next]!;
        stack.place[top] = -1;
      } else if (!found) {
        top--;
      }
    }
    if (found) applyPath(s, stack, top);
  }
}

function applyPath(s: Search, stack: PathStack, top: number): void {
  const lastPlace = stack.place[top]!;
  const displaced = s.holder[lastPlace]!;
  if (displaced >= 0) s.placeOf[displaced] = -1;
  else s.placesUsed[s.placeMentor[lastPlace]!]!++;
  for (let k = top; k >= 0; k--) {
    s.holder[stack.place[k]!] = stack.mentee[k]!;
    s.placeOf[stack.mentee[k]!] = stack.place[k]!;
  }
}

// Dijkstra over reduced costs (each edge's slack) from every active mentee at once. Every path ends at a
// free place or at a mentee whose profit reaches 0; `end` is the shortest. Mentees and mentors closer than
// that move their profit down and their price up by the difference, which keeps every slack non-negative
// and makes the shortest paths tight. Returns false when no mentee is active: the assignment is optimal.
function lowerProfits(s: Search): boolean {
  const { heap, menteeDistance, mentorDistance } = s;
  const { menteeCount, edgeStart, edgeMentor, benefit, capacity } = s.problem;
  const reachedMentees: number[] = [];
  const reachedMentors: number[] = [];
  let end = Infinity;
  const reach = (i: number, distance: number): void => {
    menteeDistance[i] = distance;
    reachedMentees.push(i);
    end = Math.min(end, distance + s.profit[i]!);
    const own = ownMentor(s, i);
    for (let e = edgeStart[i]!; e < edgeStart[i + 1]!; e++) {
      const mentor = edgeMentor[e]!;
      if (capacity[mentor] === 0 || mentor === own) continue;
      const next = distance + s.profit[i]! + s.price[mentor]! - benefit[e]!;
      if (next < mentorDistance[mentor]! && next < end) {
        mentorDistance[mentor] = next;
        pushHeap(heap, next, mentor);
      }
    }
  };
  for (let i = 0; i < menteeCount; i++) if (isActive(s, i)) reach(i, 0);
  if (reachedMentees.length === 0) return false;
  while (heap.size > 0) {
    const distance = heap.key[0]!;
    const mentor = heap.item[0]!;
    popHeap(heap);
    if (distance >= end) break;
    if (distance > mentorDistance[mentor]!) continue;
    if (s.placesUsed[mentor]! < capacity[mentor]!) {
      end = distance;
      break;
    }
    reachedMentors.push(mentor);
    for (let place = s.placeStart[mentor]!; place < s.placeStart[mentor + 1]!; place++) {
      const i = s.holder[place]!;
      if (distance < menteeDistance[i]!) reach(i, distance);
    }
  }
  const change = ++s.priceChange;
  for (const i of reachedMentees) {
    if (menteeDistance[i]! < end) {
      s.profit[i] = s.profit[i]! - (end - menteeDistance[i]!);
      s.loweredAt[i] = change;
    }
    menteeDistance[i] = Infinity;
  }
  for (const mentor of reachedMentors) {
    if (mentorDistance[mentor]! < end) {
      s.price[mentor] = s.price[mentor]! + (end - mentorDistance[mentor]!);
      s.raisedAt[mentor] = change;
    }
  }
  mentorDistance.fill(Infinity);
  heap.size = 0;
  return true;
}

export function solveByPrimalDual(problem: AssignmentProblem): AssignmentSolution {
  const s = createSearch(problem);
  const size = problem.menteeCount + 1;
  const stack: PathStack = {
    mentee: new Int32Array(size),
    edge: new Int32Array(size),
    place: new Int32Array(size),
  };
  collectTightEdges(s);
  for (let phase = 1; ; phase++) {
    const end = layerMentees(s);
    if (end >= 0) augmentAlongLayers(s, end, phase, stack);
    else if (lowerProfits(s)) collectTightEdges(s);
    else break;
  }
  const mentorOf = Int32Array.from(s.placeOf, (place) => (place < 0 ? -1 : s.placeMentor[place]!));
  return { mentorOf, upperBound: priceBound(problem, s.price) };
}

// A binary min-heap of (distance, mentor) with lazy deletion; ties pop the lower mentor first, so the search,
// and with it the result, depends on nothing but the input.
interface Heap {
  key: Float64Array;
  item: Int32Array;
  size: number;
}

function createHeap(): Heap {
  return { key: new Float64Array(1024), item: new Int32Array(1024), size: 0 };
}

function before(heap: Heap, at: number, key: number, item: number): boolean {
  return heap.key[at]! < key || (heap.key[at] === key && heap.item[at]! < item);
}

function pushHeap(heap: Heap, key: number, item: number): void {
  if (heap.size === heap.key.length) {
    const keys = new Float64Array(heap.size * 2);
    keys.set(heap.key);
    heap.key = keys;
    const items = new Int32Array(heap.size * 2);
    items.set(heap.item);
    heap.item = items;
  }
  let at = heap.size++;
  while (at > 0) {
    const parent = (at - 1) >> 1;
    if (before(heap, parent, key, item)) break;
    heap.key[at] = heap.key[parent]!;
    heap.item[at] = heap.item[parent]!;
    at = parent;
  }
  heap.key[at] = key;
  heap.item[at] = item;
}

function popHeap(heap: Heap): void {
  const size = --heap.size;
  const key = heap.key[size]!;
  const item = heap.item[size]!;
  let at = 0;
  for (;;) {
    let child = 2 * at + 1;
    if (child >= size) break;
    if (child + 1 < size && before(heap, child + 1, heap.key[child]!, heap.item[child]!)) child++;
    if (!before(heap, child, key, item)) break;
    heap.key[at] = heap.key[child]!;
    heap.item[at] = heap.item[child]!;
    at = child;
  }
  heap.key[at] = key;
  heap.item[at] = item;
}
