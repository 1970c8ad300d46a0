// What peers do, on the same graph, for comparison with the matcher:
// - random: Donut-style tools pair people at random among those allowed to meet; here each mentee, in random
//   order, gets a uniformly random eligible mentor who still has a place;
// - first come, first served: requests in arrival order (longest waiting first), each takes the best-scoring
//   mentor still free — what a queue worked by hand or a simple "next in line" bot does;
// - greedy by score: all eligible pairs best first, each taken if both sides are still free.
import type { BipartiteGraph } from './graph';
import type { Assignment } from './exact';
import { seededRandom, shuffleInPlace } from '../support/random';

function emptyAssignment(graph: BipartiteGraph) {
  return { mentorOf: new Int32Array(graph.menteeCount).fill(-1), load: new Int32Array(graph.mentorCount) };
}

export function randomPairing(graph: BipartiteGraph, seed: number): Assignment {
  const random = seededRandom(seed);
  const { mentorOf, load } = emptyAssignment(graph);
  const order = shuffleInPlace(
    random,
    Array.from({ length: graph.menteeCount }, (_, i) => i),
  );
  const open: number[] = [];
  let total = 0;
  for (const i of order) {
    open.length = 0;
    for (let e = graph.edgeStart[i]!; e < graph.edgeStart[i + 1]!; e++) {
      if (load[graph.edgeMentor[e]!]! < graph.capacity[graph.edgeMentor[e]!]!) open.push(e);
    }
    if (open.length === 0) continue;
    const e = open[Math.floor(random() * open.length)]!;
    mentorOf[i] = graph.edgeMentor[e]!;
    load[graph.edgeMentor[e]!]!++;
    total += graph.edgeWeight[e]!;
  }
  return { mentorOf, total };
}

/** arrival: a mentee's waiting days (longer = came earlier); ties by position, i.e. request id. */
export function firstComeFirstServed(graph: BipartiteGraph, waitingDays: ArrayLike<number>): Assignment {
  const { mentorOf, load } = emptyAssignment(graph);
  const order = Array.from({ length: graph.menteeCount }, (_, i) => i).sort(
    (a, b) => waitingDays[b]! - waitingDays[a]! || a - b,
  );
  let total = 0;
  for (const i of order) {
    let best = -1;
    for (let e = graph.edgeStart[i]!; e < graph.edgeStart[i + 1]!; e++) {
      const r = graph.edgeMentor[e]!;
      if (load[r]! < graph.capacity[r]! && (best === -1 || graph.edgeWeight[e]! > graph.edgeWeight[best]!))
        best = e;
    }
    if (best === -1) continue;
    mentorOf[i] = graph.edgeMentor[best]!;
    load[graph.edgeMentor[best]!]!++;
    total += graph.edgeWeight[best]!;
  }
  return { mentorOf, total };
}

export function greedyByScore(graph: BipartiteGraph): Assignment {
  const { mentorOf, load } = emptyAssignment(graph);
  const edgeCount = graph.edgeStart[graph.menteeCount]!;
  const menteeOf = new Int32Array(edgeCount);
  for (let i = 0; i < graph.menteeCount; i++) menteeOf.fill(i, graph.edgeStart[i]!, graph.edgeStart[i + 1]!);
  // Best first; equal scores in edge order (each mentee's list is already best first).
  const order = Uint32Array.from({ length: edgeCount }, (_, e) => e).sort(
    (a, b) => graph.edgeWeight[b]! - graph.edgeWeight[a]! || a - b,
  );
  let total = 0;
  for (const e of order) {
    const i = menteeOf[e]!;
    const r = graph.edgeMentor[e]!;
    if (mentorOf[i] !== -1 || load[r]! >= graph.capacity[r]!) continue;
    mentorOf[i] = r;
    load[r]!++;
    total += graph.edgeWeight[e]!;
  }
  return { mentorOf, total };
}
