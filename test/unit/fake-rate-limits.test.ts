import { createRateLimiter } from '../../dev/fake-rate-limits';

describe('the fake Slack posting limits', () => {
  it('allows one message per second per channel and says how long to wait', () => {
    const limiter = createRateLimiter({ perChannelPerSecond: 1, workspacePerMinute: 6000 });
    expect(limiter.take('G1', 0)).toBe(0);
    expect(limiter.take('G1', 100)).toBe(1);
    expect(limiter.take('G2', 100)).toBe(0);
    expect(limiter.take('G1', 1000)).toBe(0);
  });

  it('caps the workspace with a one-second burst, then refills at the per-minute rate', () => {
    const limiter = createRateLimiter({ perChannelPerSecond: 1, workspacePerMinute: 600 });
    const sent = Array.from({ length: 12 }, (_, k) => limiter.take(`G${k}`, 0));
    expect(sent.filter((wait) => wait === 0)).toHaveLength(10);
    expect(sent.slice(10)).toEqual([1, 1]);
    expect(limiter.take('G20', 100)).toBe(0);
    expect(limiter.take('G21', 100)).toBe(1);
  });

  it('rounds Retry-After up to whole seconds, as Slack does', () => {
    const limiter = createRateLimiter({ perChannelPerSecond: 1, workspacePerMinute: 30 });
    expect(limiter.take('G1', 0)).toBe(0);
    expect(limiter.take('G2', 0)).toBe(2);
    expect(limiter.take('G2', 1500)).toBe(1);
    expect(limiter.take('G2', 2000)).toBe(0);
  });
});
