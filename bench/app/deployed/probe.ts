// Preloaded (`node --require`) into every process an app benchmark measures, the real app and the bare Bolt app
// alike, so both carry the same few lines. Answers the benchmark over the IPC channel:
//   'memory'   → RSS as found, then RSS and heap after two full garbage collections (needs --expose-gc), read
//                once RSS stops falling: V8 hands the pages a collection freed back to the system from a
//                background thread, so RSS read right after the collections still counts some of them;
//   'heap-snapshot:<file>' → two full garbage collections, then a V8 heap snapshot written to <file> (to find
//                what the heap holds; the benchmark asks only when told to, see run-memory.ts --snapshots);
//   'packages' → the folders of every package that ended up in require.cache, to check that the app as deployed
//                loads production dependencies only.
// Plain Node built-ins only: the probe itself must load nothing from node_modules.
import { writeHeapSnapshot } from 'node:v8';
import type { ProbeAnswer } from './probe-messages';

function loadedPackages(): string[] {
  const folders = new Set<string>();
  for (const file of Object.keys(require.cache)) {
    const at = file.lastIndexOf('/node_modules/');
    if (at < 0) continue;
    const rest = file.slice(at + '/node_modules/'.length).split('/');
    const name = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
    folders.add(`${file.slice(0, at)}/node_modules/${name}`);
  }
  return [...folders].sort();
}

const SETTLE_STEP_MS = 100;
const SETTLE_STEPS_AT_MOST = 30;

/** RSS once it has not fallen for two steps in a row (or after the longest wait). */
async function settledRss(): Promise<number> {
  let last = process.memoryUsage().rss;
  let steady = 0;
  for (let step = 0; step < SETTLE_STEPS_AT_MOST && steady < 2; step++) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_STEP_MS));
    const now = process.memoryUsage().rss;
    steady = now < last ? 0 : steady + 1;
    last = Math.min(last, now);
  }
  return last;
}

async function answer(question: unknown): Promise<ProbeAnswer | null> {
  if (question === 'memory') {
    const asFound = process.memoryUsage().rss;
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    const rss = await settledRss();
    const after = process.memoryUsage();
    return {
      type: 'memory',
      rssAsFound: asFound,
      rss,
      heapUsed: after.heapUsed,
      external: after.external,
      collected: gc !== undefined,
    };
  }
  if (typeof question === 'string' && question.startsWith('heap-snapshot:')) {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    return { type: 'heap-snapshot', file: writeHeapSnapshot(question.slice('heap-snapshot:'.length)) };
  }
  if (question === 'packages') {
    const files = Object.keys(require.cache);
    return {
      type: 'packages',
      packages: loadedPackages(),
      typeScriptFiles: files.filter((file) => file.endsWith('.ts')),
      modules: files.length,
    };
  }
  return null;
}

if (process.send !== undefined) {
  process.on('message', (question: unknown) => {
    void answer(question).then((reply) => {
      if (reply !== null) process.send?.(reply);
    });
  });
  // The channel must not keep the process alive: the app exits on SIGTERM by itself, as deployed.
  (process.channel as { unref?: () => void } | undefined)?.unref?.();
}
