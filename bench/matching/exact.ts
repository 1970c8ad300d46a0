// Exact reference solvers for the matching benchmark, written independently of the matcher:
// - maxWeightMatching: successive shortest paths on the min-cost-flow network
//   source → mentee (1) → mentor (−score) → sink (capacity), Dijkstra on reduced costs with potentials,
//   stopped as soon as the next shortest path no longer pays (its cost is non-decreasing, so that is the
//   optimum of the max-weight problem, whatever the number of pairs);
// - maxCardinality: Dinic's max flow on the same network, the most mentees any assignment could match;
// - dualBound: an LP upper bound Σ capacity × price + Σ max(0, best score − price) for given mentor prices,
//   with the prices read off an optimal assignment (longest paths), to certify an optimum on a larger graph;
// - bruteForce for tiny instances.
import type { BipartiteGraph } from './graph';

export interface Assignment {
  /** Mentor index per mentee, -1 when unmatched. */
  mentorOf: Int32Array;
  total: number;
}

// Binary min-heap of (key, node) with lazy deletion: stale entries are skipped when popped.
class MinHeap {
  private keys: Float64Array;
  private nodes: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.keys = new Float64Array(Math.max(16, capacity));
    this.nodes = new Int32Array(Math.max(16, capacity));
  }

  push(key: number, node: number): void {
    if (this.size === this.keys.length) this.grow();
    let at = this.size++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (this.keys[parent]! <= key) break;
      this.keys[at] = this.keys[parent]!;
      this.nodes[at] = this.nodes[parent]!;
      at = parent;
    }
    this.keys[at] = key;
    this.nodes[at] = node;
  }

  /** Removes the smallest entry; read it first with topKey/topNode. */
  pop(): void {
    const key = this.keys[--this.size]!;
    const node = this.nodes[this.size]!;
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.keys[child + 1]! < this.keys[child]!) child++;
      if (this.keys[child]! >= key) break;
      this.keys[at] = this.keys[child]!;
      this.nodes[at] = this.nodes[child]!;
      at = child;
    }
    this.keys[at] = key;
    this.nodes[at] = node;
  }

  topKey(): number {
    return this.keys[0]!;
  }

  topNode(): number {
    return this.nodes[0]!;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    const nodes = new Int32Array(this.nodes.length * 2);
    keys.set(this.keys);
    nodes.set(this.nodes);
    this.keys = keys;
    this.nodes = nodes;
  }
}

export interface SolverStats {
  augmentations: number;
  nodesSettled: number;
}

/**
 * Maximum-weight b-matching by successive shortest paths. Nodes: mentees 0..n-1, mentors n..n+m-1, sink n+m;
 * the source is implicit (potential 0). Residual arcs: mentee → mentor on an unused edge (cost −w), mentor →
 * mentee on a used edge (+w), mentor → sink while the mentor has a free place.
 */
export function maxWeightMatching(graph: BipartiteGraph, stats?: SolverStats): Assignment {
  const n = graph.menteeCount;
  const m = graph.mentorCount;
  const sink = n + m;
  const { edgeStart, edgeMentor, edgeWeight, capacity } = graph;
  const potential = new Float64Array(n + m + 1);
  const matchEdge = new Int32Array(n).fill(-1);
  // The mentees on each mentor's places, packed by mentor.
  const placeStart = new Int32Array(m + 1);
  for (let r = 0; r < m; r++) placeStart[r + 1] = placeStart[r]! + capacity[r]!;
  const holder = new Int32Array(placeStart[m]!);
  const load = new Int32Array(m);

  // Initial potentials make every arc's reduced cost non-negative: mentor r gets −(its best edge).
  for (let r = 0; r < m; r++) potential[n + r] = 0;
  for (let e = 0; e < edgeStart[n]!; e++) {
    const node = n + edgeMentor[e]!;
    potential[node] = Math.min(potential[node]!, -edgeWeight[e]!);
  }
  let lowest = 0;
  for (let r = 0; r < m; r++) if (capacity[r]! > 0) lowest = Math.min(lowest, potential[n + r]!);
  potential[sink] = lowest;

  const dist = new Float64Array(n + m + 1);
  const settled = new Uint8Array(n + m + 1);
  const predNode = new Int32Array(n + m + 1);
  const predEdge = new Int32Array(n + m + 1);
  const heap = new MinHeap(edgeStart[n]! + n + m + 1);
  const touched = new Int32Array(n + m + 1);
  let total = 0;

  for (;;) {
    dist.fill(Infinity);
    settled.fill(0);
    heap.size = 0;
    let touchedCount = 0;
    for (let i = 0; i < n; i++) {
      if (matchEdge[i] !== -1 || edgeStart[i + 1] === edgeStart[i]) continue;
      dist[i] = -potential[i]!;
      predNode[i] = -1;
      heap.push(dist[i]!, i);
    }
    const relax = (from: number, to: number, edge: number, reduced: number) => {
      const candidate = dist[from]! + reduced;
      if (candidate < dist[to]!) {
        dist[to] = candidate;
        predNode[to] = from;
        predEdge[to] = edge;
        heap.push(candidate, to);
      }
    };
    while (heap.size > 0) {
      const key = heap.topKey();
      const node = heap.topNode();
      heap.pop();
      if (settled[node] === 1 || key > dist[node]!) continue;
      settled[node] = 1;
      touched[touchedCount++] = node;
      if (node === sink) break;
      if (node < n) {
        for (let e = edgeStart[node]!; e < edgeStart[node + 1]!; e++) {
          if (e === matchEdge[node]) continue;
          const to = n + edgeMentor[e]!;
          if (settled[to] === 0) relax(node, to, e, -edgeWeight[e]! + potential[node]! - potential[to]!);
        }
      } else {
        const r = node - n;
        if (load[r]! < capacity[r]!) relax(node, sink, -1, potential[node]! - potential[sink]!);
        for (let p = placeStart[r]!; p < placeStart[r]! + load[r]!; p++) {
          const mentee = holder[p]!;
          const e = matchEdge[mentee]!;
          if (settled[mentee] === 0)
            relax(node, mentee, e, edgeWeight[e]! + potential[node]! - potential[mentee]!);
        }
      }
    }
    if (stats) stats.nodesSettled += touchedCount;
    if (settled[sink] === 0) break;
    const pathCost = dist[sink]! + potential[sink]!;
    if (pathCost >= 0) break;
    // Keeps reduced costs non-negative although the search stopped at the sink.
    const reach = dist[sink]!;
    for (let v = 0; v <= sink; v++) potential[v] = potential[v]! + Math.min(dist[v]!, reach);
    augment(sink);
    total -= pathCost;
    if (stats) stats.augmentations++;
  }

  function augment(from: number): void {
    // Walk back: sink ← mentor ← mentee ← (mentor ← mentee)* ← source.
    let mentorNode = predNode[from]!;
    load[mentorNode - n]!++;
    let slot = placeStart[mentorNode - n]! + load[mentorNode - n]! - 1;
    for (;;) {
      const mentee = predNode[mentorNode]!;
      const edge = predEdge[mentorNode]!;
      holder[slot] = mentee;
      const previous = matchEdge[mentee]!;
      matchEdge[mentee] = edge;
      if (previous === -1) return;
      // The mentee leaves its old mentor, whose place goes to the previous mentee on the path.
      mentorNode = n + edgeMentor[previous]!;
      const r = mentorNode - n;
      slot = -1;
      for (let p = placeStart[r]!; p < placeStart[r]! + load[r]!; p++) if (holder[p] === mentee) slot = p;
      if (predNode[mentee] !== mentorNode) throw new Error('shortest path does not follow the matching');
    }
  }

  const mentorOf = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) if (matchEdge[i]! >= 0) mentorOf[i] = edgeMentor[matchEdge[i]!]!;
  return { mentorOf, total };
}

/** The largest number of mentees any assignment of these edges can match (Dinic's max flow). */
export function maxCardinality(graph: BipartiteGraph): number {
  const n = graph.menteeCount;
  const m = graph.mentorCount;
  const source = n + m;
  const sink = source + 1;
  const nodeCount = sink + 1;
  const edges = graph.edgeStart[n]!;
  const arcCount = 2 * (edges + n + m);
  const to = new Int32Array(arcCount);
  const cap = new Int32Array(arcCount);
  const next = new Int32Array(arcCount);
  const head = new Int32Array(nodeCount).fill(-1);
  let arcs = 0;
  const addArc = (a: number, b: number, capacity: number) => {
    to[arcs] = b;
    cap[arcs] = capacity;
    next[arcs] = head[a]!;
    head[a] = arcs++;
    to[arcs] = a;
    cap[arcs] = 0;
    next[arcs] = head[b]!;
    head[b] = arcs++;
  };
  for (let i = 0; i < n; i++) addArc(source, i, 1);
  for (let i = 0; i < n; i++)
    for (let e = graph.edgeStart[i]!; e < graph.edgeStart[i + 1]!; e++)
      addArc(i, n + graph.edgeMentor[e]!, 1);
  for (let r = 0; r < m; r++) addArc(n + r, sink, graph.capacity[r]!);

  const level = new Int32Array(nodeCount);
  const cursor = new Int32Array(nodeCount);
  const queue = new Int32Array(nodeCount);
  const stackNode = new Int32Array(nodeCount);
  const stackArc = new Int32Array(nodeCount);
  let flow = 0;
  for (;;) {
    level.fill(-1);
    level[source] = 0;
    let qHead = 0;
    let qTail = 0;
    queue[qTail++] = source;
    while (qHead < qTail) {
      const v = queue[qHead++]!;
      for (let a = head[v]!; a !== -1; a = next[a]!) {
        if (cap[a]! > 0 && level[to[a]!] === -1) {
          level[to[a]!] = level[v]! + 1;
          queue[qTail++] = to[a]!;
        }
      }
    }
    if (level[sink] === -1) return flow;
    cursor.set(head);
    // Iterative DFS for blocking flow; every path carries one unit (source arcs have capacity 1).
    for (;;) {
      let depth = 0;
      stackNode[0] = source;
      let found = false;
      while (depth >= 0) {
        const v = stackNode[depth]!;
        if (v === sink) {
          found = true;
          break;
        }
        let advanced = false;
        for (let a = cursor[v]!; a !== -1; a = next[a]!) {
          cursor[v] = a;
          const w = to[a]!;
          if (cap[a]! > 0 && level[w] === level[v]! + 1) {
            stackArc[depth] = a;
            stackNode[++depth] = w;
            advanced = true;
            break;
          }
        }
        if (!advanced) {
          cursor[v] = -1;
          level[v] = -1;
          depth--;
          if (depth >= 0) cursor[stackNode[depth]!] = next[stackArc[depth]!]!;
        }
      }
      if (!found) break;
      for (let d = 0; d < depth; d++) {
        cap[stackArc[d]!]!--;
        cap[stackArc[d]! ^ 1]!++;
      }
      flow++;
    }
  }
}

/**
 * Mentor prices that, with this assignment, satisfy LP complementary slackness on `graph` if the assignment
 * is optimal there: the least prices with p_r ≥ 0, p_r ≥ w(i, r) for every unmatched mentee i, and
 * p_r' ≥ p_r − w(i, r) + w(i, r') for every mentee i matched to r (longest paths, label-correcting).
 * Returns null when the constraints have a positive cycle (then the assignment is not optimal on `graph`).
 */
export function certifyingPrices(graph: BipartiteGraph, mentorOf: Int32Array): Float64Array | null {
  const n = graph.menteeCount;
  const m = graph.mentorCount;
  const price = new Float64Array(m);
  const matchedWeight = new Float64Array(n);
  // Mentees matched to each mentor (they carry constraints out of it).
  const byMentorStart = new Int32Array(m + 1);
  for (let i = 0; i < n; i++) if (mentorOf[i]! >= 0) byMentorStart[mentorOf[i]! + 1]!++;
  for (let r = 0; r < m; r++) byMentorStart[r + 1] = byMentorStart[r + 1]! + byMentorStart[r]!;
  const fill = byMentorStart.slice(0, m);
  const byMentor = new Int32Array(byMentorStart[m]!);
  for (let i = 0; i < n; i++) {
    const r = mentorOf[i]!;
    if (r < 0) {
      for (let e = graph.edgeStart[i]!; e < graph.edgeStart[i + 1]!; e++) {
        price[graph.edgeMentor[e]!] = Math.max(price[graph.edgeMentor[e]!]!, graph.edgeWeight[e]!);
      }
      continue;
    }
    byMentor[fill[r]!++] = i;
    for (let e = graph.edgeStart[i]!; e < graph.edgeStart[i + 1]!; e++) {
      if (graph.edgeMentor[e] === r) matchedWeight[i] = graph.edgeWeight[e]!;
    }
  }
  const queued = new Uint8Array(m).fill(1);
  const queue: number[] = Array.from({ length: m }, (_, r) => r);
  const updates = new Int32Array(m);
  for (let head = 0; head < queue.length; head++) {
    const r = queue[head]!;
    queued[r] = 0;
    for (let k = byMentorStart[r]!; k < byMentorStart[r + 1]!; k++) {
      const i = byMentor[k]!;
      for (let e = graph.edgeStart[i]!; e < graph.edgeStart[i + 1]!; e++) {
        const other = graph.edgeMentor[e]!;
        if (other === r) continue;
        const wanted = price[r]! - matchedWeight[i]! + graph.edgeWeight[e]!;
        if (wanted > price[other]!) {
          price[other] = wanted;
          if (++updates[other]! > m) return null;
          if (queued[other] === 0) {
            queued[other] = 1;
            queue.push(other);
          }
        }
      }
    }
    if (head > 1 << 20) {
      queue.splice(0, head + 1);
      head = -1;
    }
  }
  return price;
}

/** Weak LP duality: no assignment on `graph` scores more than this, for any non-negative prices. */
export function dualBound(graph: BipartiteGraph, price: Float64Array): number {
  let bound = 0;
  for (let r = 0; r < graph.mentorCount; r++) bound += graph.capacity[r]! * price[r]!;
  for (let i = 0; i < graph.menteeCount; i++) {
    let profit = 0;
    for (let e = graph.edgeStart[i]!; e < graph.edgeStart[i + 1]!; e++) {
      profit = Math.max(profit, graph.edgeWeight[e]! - price[graph.edgeMentor[e]!]!);
    }
    bound += profit;
  }
  return bound;
}

/** Exhaustive search, for instances of a dozen mentees at most. */
export function bruteForce(graph: BipartiteGraph): number {
  const load = new Int32Array(graph.mentorCount);
  const search = (i: number): number => {
    if (i === graph.menteeCount) return 0;
    let best = search(i + 1);
    for (let e = graph.edgeStart[i]!; e < graph.edgeStart[i + 1]!; e++) {
      const r = graph.edgeMentor[e]!;
      if (load[r]! >= graph.capacity[r]!) continue;
      load[r]!++;
      best = Math.max(best, graph.edgeWeight[e]! + search(i + 1));
      load[r]!--;
    }
    return best;
  };
  return search(0);
}
