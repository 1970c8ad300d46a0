// npm run bench — every benchmark in turn (each in its own process), then BENCHMARKS.md. The app benchmarks run
// the app as deployed, and the matcher is timed the same way: `npm run build` once here, then compiled JavaScript
// with plain node.
// `npm run bench -- --full` adds the 100k matching run (several minutes more); `--quick` runs every benchmark at a
// reduced size, to check that they all work (its figures are not the ones to publish).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './support/child';
import { buildDeployed } from './support/deployed';
import { renderReport } from './report';

const args = process.argv.slice(2);
const full = args.includes('--full');
const quick = args.includes('--quick') ? ['--quick'] : [];
const app = ['--no-build', ...quick];
const steps: [string, string[]][] = [
  // The matching benchmark has no reduced size that keeps its section's meaning: --quick leaves it out.
  ...(quick.length > 0 ? [] : ([['matching/run-matching.ts', ['--no-build']]] as [string, string[]][])),
  ...(full ? ([['matching/run-matching.ts', ['--no-build', '--sizes=100000']]] as [string, string[]][]) : []),
  ['app/run-startup.ts', app],
  ['app/run-latency.ts', app],
  ['app/run-memory.ts', app],
  ['app/run-fanout.ts', app],
  ['app/run-launch-day.ts', app],
];

const startedAt = performance.now();
buildDeployed((message) => console.error(`[bench] ${message}`));
for (const [script, stepArgs] of steps) {
  const stepStarted = performance.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, script), ...stepArgs], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if (run.status !== 0) {
    console.error(`bench/${script} failed (exit ${run.status ?? run.signal})`);
    process.exit(1);
  }
  console.error(
    `[bench] ${script} ${stepArgs.join(' ')}: ${Math.round((performance.now() - stepStarted) / 1000)} s`,
  );
}
console.log(`Wrote ${renderReport()} in ${Math.round((performance.now() - startedAt) / 1000)} s`);
