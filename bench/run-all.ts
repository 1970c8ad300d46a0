// npm run bench — every benchmark in turn (each in its own process), then BENCHMARKS.md. About ten minutes on
// the reference machine; `npm run bench -- --full` adds the 100k matching run (several minutes more).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './support/child';
import { renderReport } from './report';

const full = process.argv.includes('--full');
const steps: [string, string[]][] = [
  ['matching/run-matching.ts', []],
  ...(full ? ([['matching/run-matching.ts', ['--sizes=100000']]] as [string, string[]][]) : []),
  ['app/run-latency.ts', []],
  ['app/run-fanout.ts', []],
];

const startedAt = performance.now();
for (const [script, args] of steps) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, script), ...args], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if (run.status !== 0) {
    console.error(`bench/${script} failed (exit ${run.status ?? run.signal})`);
    process.exit(1);
  }
}
console.log(`Wrote ${renderReport()} in ${Math.round((performance.now() - startedAt) / 1000)} s`);
