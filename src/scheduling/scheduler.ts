// The in-process scheduler: every tick runs each job once for "now". Jobs are plain async functions of the
// instant, so tests call runDueJobs(now) with any instant and never wait for a timer.
import { errorSummary } from '../errors';
import { newLogId, withLogFields, type Logger } from '../logger';
import type { Clock } from '../ports/clock';

export interface Job {
  readonly name: string;
  /**
   * Does whatever is due at `now`; returns a short summary for the log. `signal` aborts when the app is
   * stopping: a job that works through many items should stop between two of them, leaving the rest for the
   * next run, so a shutdown never waits long and never cuts one item in half.
   */
  run(now: Date, signal?: AbortSignal): Promise<Record<string, unknown>>;
}

export type JobClaim = <T>(
  job: string,
  at: Date,
  work: () => Promise<T>,
) => Promise<{ ran: true; result: T } | { ran: false; reason: string }>;

const runUnclaimed: JobClaim = async (_job, _at, work) => ({ ran: true, result: await work() });

export interface Scheduler {
  runDueJobs(now: Date): Promise<void>;
  start(intervalMs: number): void;
  /** Stops ticking, tells a running job to stop and waits for the tick in progress to finish. */
  stop(): Promise<void>;
  lastSuccessAt(): Date | null;
}

export function createScheduler(
  jobs: readonly Job[],
  deps: {
    clock: Clock;
    logger: Logger;
    recordRun?: (job: string, at: Date, summary: Record<string, unknown>) => Promise<void>;
    /**
     * Claims a job's run across replicas for as long as `work` runs; without it every job just runs. A job
     * another replica holds (or already ran for this instant) is skipped this tick.
     */
    claim?: JobClaim;
  },
): Scheduler {
  let timer: NodeJS.Timeout | null = null;
  // Runs from the timer and from callers of runDueJobs alike: stop waits for all of them.
  const inProgress = new Set<Promise<void>>();
  let lastSuccess: Date | null = null;
  const stopping = new AbortController();
  const log = deps.logger.child({ component: 'scheduler' });
  const claim = deps.claim ?? runUnclaimed;

  async function runJobs(now: Date): Promise<void> {
    const startedAt = performance.now();
    const failed: string[] = [];
    for (const job of jobs) {
      if (stopping.signal.aborted) break;
      const jobStartedAt = performance.now();
      // One job failing must not keep the others (or the next tick) from running.
      try {
        // Recorded while still claimed, so a replica that claims the job next sees this run.
        const outcome = await claim(job.name, now, async () => {
          const summary = await job.run(now, stopping.signal);
          await deps.recordRun?.(job.name, now, summary);
          return summary;
        });
        if (!outcome.ran) {
          log.info({ job: job.name, reason: outcome.reason }, 'claimed by another replica');
          continue;
        }
        const summary = outcome.result;
        log.info({ job: job.name, ms: elapsed(jobStartedAt), ...summary }, 'job run');
      } catch (error) {
        failed.push(job.name);
        log.error(
          {
            job: job.name,
            ms: elapsed(jobStartedAt),
            err: errorSummary(error).message,
          },
          'job failed',
        );
      }
    }
    if (failed.length === 0 && !stopping.signal.aborted) lastSuccess = now;
    log.info(
      {
        at: now.toISOString(),
        jobs: jobs.length,
        failed,
        ...(stopping.signal.aborted ? { stoppedEarly: true } : {}),
        ms: elapsed(startedAt),
      },
      'scheduler run',
    );
  }

  const runDueJobs = (now: Date): Promise<void> => {
    const run = withLogFields({ runId: newLogId() }, () => runJobs(now));
    inProgress.add(run);
    const forget = () => inProgress.delete(run);
    run.then(forget, forget);
    return run;
  };

  const tick = () => {
    if (inProgress.size > 0) return;
    void runDueJobs(deps.clock.now());
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
      stopping.abort();
      await Promise.allSettled([...inProgress]);
    },
    lastSuccessAt: () => lastSuccess,
  };
}

function elapsed(since: number): number {
  return Math.round(performance.now() - since);
}
