// Each benchmark writes its figures to bench/results/<name>.json; bench/report.ts turns whatever is there into
// BENCHMARKS.md, so one benchmark can be re-run alone without losing the others' figures.
import fs from 'node:fs';
import path from 'node:path';
import { machine, type Machine } from './stats';

export const RESULTS_DIR = path.join(__dirname, '..', 'results');

export interface Stamped<T> {
  measuredAt: string;
  machine: Machine;
  command: string;
  durationSeconds: number;
  data: T;
}

export function writeResult<T>(name: string, command: string, startedAt: number, data: T): void {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const stamped: Stamped<T> = {
    measuredAt: new Date().toISOString(),
    machine: machine(),
    command,
    durationSeconds: Math.round((performance.now() - startedAt) / 1000),
    data,
  };
  fs.writeFileSync(path.join(RESULTS_DIR, `${name}.json`), `${JSON.stringify(stamped, null, 2)}\n`);
}

export function readResult<T>(name: string): Stamped<T> | null {
  const file = path.join(RESULTS_DIR, `${name}.json`);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Stamped<T>) : null;
}
