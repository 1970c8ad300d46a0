import type { Clock } from '../../src/ports/clock';

export interface TestClock extends Clock {
  set(instant: Date | string): void;
  advance(ms: number): void;
}

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

export function createTestClock(start: Date | string = '2026-11-23T09:00:00Z'): TestClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set(instant) {
      current = new Date(instant).getTime();
    },
    advance(ms) {
      current += ms;
    },
  };
}
