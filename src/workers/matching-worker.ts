// Worker thread entry: runs the matcher on the pool it was started with and posts the result back.
import { parentPort, workerData } from 'node:worker_threads';
import type { MatchInput } from '../domain/match-rules';
import { proposeMatches } from '../domain/matching';

parentPort?.postMessage(proposeMatches(workerData as MatchInput));
