import { createLogger } from '../../src/logger';
import { createScheduler, type Job } from '../../src/scheduling/scheduler';
import { createTestClock } from '../support/test-clock';
import { logSink } from '../support/log-lines';

function capture() {
  const { lines, stream } = logSink();
  return { lines, logger: createLogger('info', stream) };
}

describe('scheduler', () => {
  it('logs one line per job and one summary per run, all with the run id', async () => {
    const { lines, logger } = capture();
    const jobs: Job[] = [
      { name: 'first', run: async () => ({ sent: 2 }) },
      {
        name: 'second',
        run: async () => {
          throw new Error('boom');
        },
      },
    ];
    const scheduler = createScheduler(jobs, { clock: createTestClock(), logger });
    await scheduler.runDueJobs(new Date('2026-11-23T10:00:00Z'));
    await scheduler.runDueJobs(new Date('2026-11-23T10:05:00Z'));

    const [firstRun, secondRun] = lines.filter((line) => line.msg === 'scheduler run');
    expect(firstRun).toMatchObject({ component: 'scheduler', jobs: 2, failed: ['second'], level: 'info' });
    expect(typeof firstRun?.runId).toBe('string');
    expect(secondRun?.runId).not.toBe(firstRun?.runId);
    const ofFirstRun = lines.filter((line) => line.runId === firstRun?.runId);
    expect(ofFirstRun.map((line) => line.msg)).toEqual(['job run', 'job failed', 'scheduler run']);
    expect(ofFirstRun[0]).toMatchObject({ job: 'first', sent: 2 });
    // A failed job means the scheduler has not had a fully successful run.
    expect(scheduler.lastSuccessAt()).toBeNull();
  });

  it('on stop, tells the running job to stop and waits for it to finish the item it is on', async () => {
    const { logger } = capture();
    let release = () => undefined as void;
    const itemInProgress = new Promise<void>((resolve) => {
      release = resolve;
    });
    const done: number[] = [];
    const job: Job = {
      name: 'items',
      async run(_now, signal) {
        for (const item of [1, 2, 3]) {
          if (signal?.aborted) break;
          if (item === 1) await itemInProgress;
          done.push(item);
        }
        return { done: done.length };
      },
    };
    const scheduler = createScheduler([job], { clock: createTestClock(), logger });
    const run = scheduler.runDueJobs(new Date('2026-11-23T10:00:00Z'));
    let stopped = false;
    const stopping = scheduler.stop().then(() => {
      stopped = true;
    });
    await Promise.resolve();
    expect(stopped).toBe(false);

    release();
    await stopping;
    await run;
    expect(done).toEqual([1]);
    expect(scheduler.lastSuccessAt()).toBeNull();
  });

  it('remembers the instant of the last run in which every job succeeded', async () => {
    const { logger } = capture();
    const scheduler = createScheduler([{ name: 'ok', run: async () => ({}) }], {
      clock: createTestClock(),
      logger,
    });
    await scheduler.runDueJobs(new Date('2026-11-23T10:00:00Z'));
    expect(scheduler.lastSuccessAt()).toEqual(new Date('2026-11-23T10:00:00Z'));
  });

  it('skips a job its claim refuses, without running or recording it, and runs the others', async () => {
    const { lines, logger } = capture();
    const ran: string[] = [];
    const recorded: string[] = [];
    const jobs: Job[] = ['held', 'free'].map((name) => ({
      name,
      run: async () => {
        ran.push(name);
        return {};
      },
    }));
    const scheduler = createScheduler(jobs, {
      clock: createTestClock(),
      logger,
      recordRun: async (job) => {
        recorded.push(job);
      },
      claim: async (job, _at, work) =>
        job === 'held' ? { ran: false, reason: 'claimed' } : { ran: true, result: await work() },
    });
    await scheduler.runDueJobs(new Date('2026-11-23T10:00:00Z'));

    expect(ran).toEqual(['free']);
    expect(recorded).toEqual(['free']);
    expect(lines.find((line) => line.msg === 'claimed by another replica')).toMatchObject({
      job: 'held',
      reason: 'claimed',
      level: 'info',
    });
    expect(lines.find((line) => line.msg === 'scheduler run')).toMatchObject({ failed: [] });
  });
});
