// The Matcher port: small pools are matched in-process, large ones in a worker thread, because a run over a
// large pool would hold the event loop long enough to delay acknowledgements past Slack's deadline.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { MatchInput } from '../domain/match-rules';
import { proposeMatches, type MatchResult } from '../domain/matching';
import type { Matcher } from '../ports/matcher';

// Below this many participants a run takes a small fraction of a request's budget, and starting a thread
// would cost more than it saves.
export const DEFAULT_WORKER_FROM_PARTICIPANTS = 2_000;

// Compiled, the worker is plain JavaScript next to this file; run from the TypeScript sources (tsx, ts-jest)
// the worker registers tsx (a dev dependency, present wherever the sources run) before loading its entry.
function startWorker(input: MatchInput): Worker {
  const compiled = path.join(__dirname, 'matching-worker.js');
  if (existsSync(compiled)) return new Worker(compiled, { workerData: input });
  const source = path.join(__dirname, 'matching-worker.ts');
  const bootstrap = `require('tsx/cjs/api').register(); require(${JSON.stringify(source)});`;
  return new Worker(bootstrap, { eval: true, workerData: input });
}

function matchInWorker(input: MatchInput): Promise<MatchResult> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(input);
    let settled = false;
    worker.once('message', (result: MatchResult) => {
      settled = true;
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`matching worker exited with code ${code} before answering`));
    });
  });
}

export function createMatcher(options: { workerFromParticipants?: number } = {}): Matcher {
  const workerFrom = options.workerFromParticipants ?? DEFAULT_WORKER_FROM_PARTICIPANTS;
  return {
    proposeMatches: async (input) =>
      input.mentors.length + input.mentees.length >= workerFrom
        ? matchInWorker(input)
        : proposeMatches(input),
  };
}
