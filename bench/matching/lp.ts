// The linear-programming relaxation of the assignment, solved by HiGHS (WASM). The constraint matrix of a
// bipartite b-matching is totally unimodular, so the LP optimum is the integer optimum: an independent check
// of the exact solver on the same graph.
import highsLoader, { type Highs } from 'highs';
import type { BipartiteGraph } from './graph';

function lpModel(graph: BipartiteGraph): string {
  const objective: string[] = [];
  const byMentor: string[][] = Array.from({ length: graph.mentorCount }, () => []);
  const rows: string[] = [];
  const bounds: string[] = [];
  for (let i = 0; i < graph.menteeCount; i++) {
    const own: string[] = [];
    for (let e = graph.edgeStart[i]!; e < graph.edgeStart[i + 1]!; e++) {
      objective.push(`+ ${graph.edgeWeight[e]!} x${e}`);
      own.push(`x${e}`);
      byMentor[graph.edgeMentor[e]!]!.push(`x${e}`);
      bounds.push(` 0 <= x${e} <= 1`);
    }
    if (own.length > 0) rows.push(` e${i}: ${own.join(' + ')} <= 1`);
  }
  byMentor.forEach((vars, r) => {
    if (vars.length > 0) rows.push(` r${r}: ${vars.join(' + ')} <= ${graph.capacity[r]!}`);
  });
  return ['Maximize', ` obj: ${objective.join(' ')}`, 'Subject To', ...rows, 'Bounds', ...bounds, 'End'].join(
    '\n',
  );
}

// Loading the WASM module takes seconds; one instance serves every solve (each solve starts afresh).
let loaded: Promise<Highs> | null = null;

export async function lpOptimum(graph: BipartiteGraph): Promise<number> {
  if (graph.edgeStart[graph.menteeCount] === 0) return 0;
  loaded ??= highsLoader();
  const highs = await loaded;
  const solution = highs.solve(lpModel(graph), { log_to_console: false, output_flag: false });
  if (solution.Status !== 'Optimal') throw new Error(`HiGHS: ${solution.Status}`);
  return solution.ObjectiveValue;
}
