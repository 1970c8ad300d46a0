import { mapLimited } from '../../src/use-cases/limited-concurrency';

describe('mapLimited (how many pairs are posted to at once)', () => {
  it('never has more than the limit in flight, and keeps results in input order', async () => {
    let inFlight = 0;
    let most = 0;
    const results = await mapLimited([5, 1, 4, 2, 3, 0, 6, 2, 1], 4, async (delay) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      // Uneven, clock-free delays: each item waits a different number of event-loop turns.
      for (let turn = 0; turn < delay; turn += 1) await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      return delay * 10;
    });
    expect(most).toBe(4);
    expect(results).toEqual([50, 10, 40, 20, 30, 0, 60, 20, 10]);
  });

  it('handles no items and a limit larger than the list', async () => {
    expect(await mapLimited([], 4, async (x: number) => x)).toEqual([]);
    expect(await mapLimited([1, 2], 10, async (x) => x + 1)).toEqual([2, 3]);
  });
});
