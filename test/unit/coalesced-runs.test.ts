import { createCoalescedRuns } from '../../src/use-cases/coalesced-runs';

/** A run that waits until the test lets it finish. */
function controlledWork(log: string[], name: string) {
  let finish: (error?: Error) => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => {
    finish = (error) => (error === undefined ? resolve() : reject(error));
  });
  return {
    work: async () => {
      log.push(`start ${name}`);
      await done;
      log.push(`end ${name}`);
    },
    finish: (error?: Error) => finish(error),
  };
}

const turns = async (n = 5) => {
  for (let i = 0; i < n; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

describe('coalesced runs (the after-sign-up matching of one workspace)', () => {
  it('runs one at a time per key, and a burst during a run shares one follow-up run', async () => {
    const runs = createCoalescedRuns();
    const log: string[] = [];
    const first = controlledWork(log, 'first');
    const second = controlledWork(log, 'second');
    const unused = controlledWork(log, 'never');

    const waiters = [runs.run('T1', first.work)];
    await turns();
    for (let i = 0; i < 10; i += 1) waiters.push(runs.run('T1', i === 0 ? second.work : unused.work));
    await turns();
    expect(log).toEqual(['start first']);

    first.finish();
    await turns();
    // The ten asks made during the first run wait for one follow-up run, which started after they asked.
    expect(log).toEqual(['start first', 'end first', 'start second']);
    let settled = 0;
    for (const waiter of waiters.slice(1)) void waiter.then(() => (settled += 1));
    await turns();
    expect(settled).toBe(0);

    second.finish();
    await Promise.all(waiters);
    expect(log).toEqual(['start first', 'end first', 'start second', 'end second']);
  });

  it('runs different keys side by side', async () => {
    const runs = createCoalescedRuns();
    const log: string[] = [];
    const a = controlledWork(log, 'T1');
    const b = controlledWork(log, 'T2');
    const both = [runs.run('T1', a.work), runs.run('T2', b.work)];
    await turns();
    expect(log).toEqual(['start T1', 'start T2']);
    a.finish();
    b.finish();
    await Promise.all(both);
  });

  it('gives a failure to those waiting for that run only, and the follow-up still runs', async () => {
    const runs = createCoalescedRuns();
    const log: string[] = [];
    const failing = controlledWork(log, 'failing');
    const next = controlledWork(log, 'next');
    const first = runs.run('T1', failing.work);
    await turns();
    const follow = runs.run('T1', next.work);
    failing.finish(new Error('matcher broke'));
    await expect(first).rejects.toThrow('matcher broke');
    await turns();
    next.finish();
    await expect(follow).resolves.toBeUndefined();
    expect(log).toEqual(['start failing', 'start next', 'end next']);
  });

  it('starts afresh once everything is over', async () => {
    const runs = createCoalescedRuns();
    let count = 0;
    await runs.run('T1', async () => void (count += 1));
    await runs.run('T1', async () => void (count += 1));
    expect(count).toBe(2);
  });
});
