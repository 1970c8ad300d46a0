// The in-process scheduler: every tick runs each job once for "now". Jobs are plain async functions of the
// instant, so tests call runDueJobs(now) with any instant and never wait for a timer.
import type { Logger } from '../logger';
import type { Clock } from './clock';

export interface Job {
  readonly name: string;
  /** Does whatever is due at `now`; returns a short summary for the log. */
  run(now: Date): Promise<Record<string, unknown>>;
}

export interface Scheduler {
  runDueJobs(now: Date): Promise<void>;
  start(intervalMs: number): void;
  /** Stops ticking and waits for a tick in progress to finish. */
  stop(): Promise<void>;
  lastSuccessAt(): Date | null;
}

export function createScheduler(
  jobs: readonly Job[],
  deps: {
    clock: Clock;
    logger: Logger;
    recordRun?: (job: string, at: Date, summary: Record<string, unknown>) => void;
  },
): Scheduler {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let lastSuccess: Date | null = null;
  const log = deps.logger.child({ component: 'scheduler' });

  async function runDueJobs(now: Date): Promise<void> {
    let allOk = true;
    for (const job of jobs) {
      // One job failing must not keep the others (or the next tick) from running.
      try {
        const summary = await job.run(now);
        deps.recordRun?.(job.name, now, summary);
        log.info({ job: job.name, at: now.toISOString(), ...summary }, 'job run');
      } catch (error) {
        allOk = false;
        log.error(
          { job: job.name, err: error instanceof Error ? error.message : String(error) },
          'job failed',
        );
      }
    }
    if (allOk) lastSuccess = now;
  }

  const tick = () => {
    if (running !== null) return;
    running = runDueJobs(deps.clock.now()).finally(() => {
      running = null;
    });
  };

  return {
    runDueJobs,
    start(intervalMs) {
      if (timer !== null) return;
      tick();
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
      await running;
    },
    lastSuccessAt: () => lastSuccess,
  };
}
