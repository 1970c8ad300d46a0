import {
  healthItems,
  nothingNeedsAttention,
  pageOf,
  quietSince,
  type PairHealth,
} from '../../src/domain/pair-health';

const NOW = new Date('2026-11-23T09:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const empty: PairHealth = {
  quiet: [],
  failing: [],
  expiring: [],
  waiting: [],
  shortages: [],
  contactRequests: [],
};

describe('pair health', () => {
  it('counts a pair as quiet from fourteen days without an answer', () => {
    expect(quietSince(NOW)).toEqual(ago(14));
  });

  it('orders failing pairs first, then the quietest, soonest expiring, longest waiting and largest shortage', () => {
    const items = healthItems(
      {
        quiet: [
          { pairId: 1, mentorId: 'U1', menteeId: 'U2', lastActiveAt: ago(15) },
          { pairId: 2, mentorId: 'U3', menteeId: 'U4', lastActiveAt: ago(30) },
        ],
        failing: [{ pairId: 3, mentorId: 'U5', menteeId: 'U6', reason: 'is_archived' }],
        expiring: [],
        waiting: [
          { requestId: 7, menteeId: 'U7', since: ago(2) },
          { requestId: 8, menteeId: 'U8', since: ago(9) },
        ],
        shortages: [
          { topic: 'A', supply: 1, demand: 2 },
          { topic: 'B', supply: 0, demand: 3 },
        ],
        contactRequests: [],
      },
      NOW,
    );
    expect(items.map((item) => item.kind)).toEqual([
      'failing',
      'quiet',
      'quiet',
      'waiting',
      'waiting',
      'shortage',
      'shortage',
    ]);
    expect(items[1]).toMatchObject({ kind: 'quiet', quietDays: 30 });
    expect(items[3]).toMatchObject({ kind: 'waiting', waitingDays: 9 });
    expect(items[5]).toMatchObject({ kind: 'shortage', shortage: { topic: 'B' } });
  });

  it('pages any number of items, keeping the page within range', () => {
    const items = Array.from({ length: 45 }, (_, i) => i);
    expect(pageOf(items, 0, 20)).toEqual({ items: items.slice(0, 20), page: 0, pageCount: 3 });
    expect(pageOf(items, 9, 20)).toEqual({ items: items.slice(40), page: 2, pageCount: 3 });
    expect(pageOf([], 3, 20)).toEqual({ items: [], page: 0, pageCount: 1 });
  });

  it('has nothing to say only when every list is empty', () => {
    expect(nothingNeedsAttention(empty)).toBe(true);
    expect(nothingNeedsAttention({ ...empty, shortages: [{ topic: 'A', supply: 0, demand: 1 }] })).toBe(
      false,
    );
  });
});
