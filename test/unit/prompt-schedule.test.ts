import { Settings } from 'luxon';

import {
  addIsoWeeks,
  choosePrompt,
  dueSlot,
  firstSlotAfter,
  INACTIVITY_STREAK,
  isoWeekKey,
  type LibraryPrompt,
  nudgeDue,
  pairTimeZone,
  parseIsoWeekKey,
  parseWeekday,
  type PromptTime,
  slotInWeek,
  unansweredStreak,
  type Weekday,
} from '../../src/domain/prompt-schedule';

const at = (iso: string): Date => new Date(iso);
const time = (weekday: Weekday, hour: number): PromptTime => ({ weekday, hour });

describe('pairTimeZone', () => {
  it.each([
    ['Asia/Kolkata', 'Europe/London', 'Asia/Kolkata'],
    ['Mars/Olympus_Mons', 'Europe/London', 'Europe/London'],
    [null, 'America/New_York', 'America/New_York'],
    ['', 'Australia/Adelaide', 'Australia/Adelaide'],
    ['not a zone', 'also/not', 'UTC'],
    [null, null, 'UTC'],
  ])('mentee %p, mentor %p → %p', (mentee, mentor, expected) => {
    expect(pairTimeZone(mentee, mentor)).toBe(expected);
  });
});

describe('isoWeekKey', () => {
  it.each([
    ['2026-11-27T12:00:00Z', 'UTC', '2026-W48'],
    // ISO week-year, not calendar year: 2026 has 53 weeks and starts on 2025-12-29.
    ['2025-12-29T00:00:00Z', 'UTC', '2026-W01'],
    ['2026-12-31T12:00:00Z', 'UTC', '2026-W53'],
    ['2027-01-01T12:00:00Z', 'UTC', '2026-W53'],
    ['2027-01-03T23:59:59Z', 'UTC', '2026-W53'],
    ['2027-01-04T00:00:00Z', 'UTC', '2027-W01'],
    ['2021-01-01T12:00:00Z', 'UTC', '2020-W53'],
    // The local date decides: already Monday in Tokyo, still Sunday in New York.
    ['2027-01-03T20:00:00Z', 'Asia/Tokyo', '2027-W01'],
    ['2027-01-04T03:00:00Z', 'America/New_York', '2026-W53'],
    ['2026-11-22T23:45:00Z', 'Australia/Adelaide', '2026-W48'],
    ['2026-11-22T23:45:00Z', 'America/New_York', '2026-W47'],
  ])('%s in %s is %s', (instant, zone, expected) => {
    expect(isoWeekKey(at(instant), zone)).toBe(expected);
  });

  it('rejects an invalid zone instead of producing NaN dates', () => {
    expect(() => isoWeekKey(at('2026-11-27T12:00:00Z'), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('week keys', () => {
  it.each([
    ['2026-W53', { weekYear: 2026, weekNumber: 53 }],
    ['2026-W01', { weekYear: 2026, weekNumber: 1 }],
    ['2025-W53', null], // 2025 has only 52 ISO weeks
    ['2026-W00', null],
    ['2026-53', null],
    ['26-W05', null],
  ])('parses %s', (key, expected) => {
    expect(parseIsoWeekKey(key)).toEqual(expected);
  });

  it.each([
    ['2026-W52', 1, '2026-W53'],
    ['2026-W53', 1, '2027-W01'],
    ['2027-W01', -1, '2026-W53'],
    ['2026-W01', -1, '2025-W52'],
    ['2026-W48', -7, '2026-W41'],
  ])('%s plus %d week(s) is %s', (key, weeks, expected) => {
    expect(addIsoWeeks(key, weeks)).toBe(expected);
  });
});

describe('slotInWeek', () => {
  it.each([
    // Standard time in the northern hemisphere, daylight time in Adelaide (UTC+10:30).
    ['2026-W48', 'Europe/London', time('monday', 10), '2026-11-23T10:00:00.000Z'],
    ['2026-W48', 'America/New_York', time('monday', 10), '2026-11-23T15:00:00.000Z'],
    ['2026-W48', 'Asia/Tokyo', time('monday', 10), '2026-11-23T01:00:00.000Z'],
    ['2026-W48', 'Asia/Kolkata', time('monday', 10), '2026-11-23T04:30:00.000Z'],
    ['2026-W48', 'Australia/Adelaide', time('monday', 10), '2026-11-22T23:30:00.000Z'],
    ['2026-W23', 'Australia/Adelaide', time('monday', 10), '2026-06-01T00:30:00.000Z'], // UTC+9:30
    ['2026-W23', 'Europe/London', time('monday', 10), '2026-06-01T09:00:00.000Z'],
    ['2026-W48', 'Europe/London', time('friday', 16), '2026-11-27T16:00:00.000Z'],
    ['2026-W48', 'Asia/Tokyo', time('sunday', 23), '2026-11-29T14:00:00.000Z'],
    ['2026-W48', 'America/New_York', time('monday', 0), '2026-11-23T05:00:00.000Z'],
    // Week 53 spans the calendar-year boundary.
    ['2026-W53', 'UTC', time('monday', 10), '2026-12-28T10:00:00.000Z'],
    ['2026-W53', 'UTC', time('sunday', 10), '2027-01-03T10:00:00.000Z'],
    ['2027-W01', 'UTC', time('monday', 10), '2027-01-04T10:00:00.000Z'],
    ['2026-W01', 'UTC', time('monday', 10), '2025-12-29T10:00:00.000Z'],
  ])('%s %s %o → %s', (weekKey, zone, slotTime, expected) => {
    expect(slotInWeek(weekKey, zone, slotTime).toISOString()).toBe(expected);
  });

  describe('daylight-saving change weeks', () => {
    it.each([
      // Europe/London springs forward on Sunday 2026-03-29 at 01:00 UTC (01:00 GMT → 02:00 BST).
      ['2026-W13', 'Europe/London', time('monday', 10), '2026-03-23T10:00:00.000Z'],
      ['2026-W13', 'Europe/London', time('sunday', 0), '2026-03-29T00:00:00.000Z'],
      ['2026-W13', 'Europe/London', time('sunday', 1), '2026-03-29T01:00:00.000Z'], // gap → 02:00 BST
      ['2026-W13', 'Europe/London', time('sunday', 2), '2026-03-29T01:00:00.000Z'],
      ['2026-W13', 'Europe/London', time('sunday', 10), '2026-03-29T09:00:00.000Z'],
      ['2026-W14', 'Europe/London', time('monday', 10), '2026-03-30T09:00:00.000Z'],
      // ...and falls back on Sunday 2026-10-25 at 01:00 UTC (02:00 BST → 01:00 GMT).
      ['2026-W43', 'Europe/London', time('monday', 10), '2026-10-19T09:00:00.000Z'],
      ['2026-W43', 'Europe/London', time('sunday', 1), '2026-10-25T00:00:00.000Z'], // first 01:00 (BST)
      ['2026-W43', 'Europe/London', time('sunday', 2), '2026-10-25T02:00:00.000Z'],
      ['2026-W43', 'Europe/London', time('sunday', 10), '2026-10-25T10:00:00.000Z'],
      ['2026-W44', 'Europe/London', time('monday', 10), '2026-10-26T10:00:00.000Z'],
      // America/New_York springs forward on 2026-03-08 (02:00 EST → 03:00 EDT)...
      ['2026-W10', 'America/New_York', time('monday', 10), '2026-03-02T15:00:00.000Z'],
      ['2026-W10', 'America/New_York', time('sunday', 2), '2026-03-08T07:00:00.000Z'], // gap → 03:00 EDT
      ['2026-W10', 'America/New_York', time('sunday', 3), '2026-03-08T07:00:00.000Z'],
      ['2026-W11', 'America/New_York', time('monday', 10), '2026-03-09T14:00:00.000Z'],
      // ...and falls back on 2026-11-01 (02:00 EDT → 01:00 EST).
      ['2026-W44', 'America/New_York', time('sunday', 1), '2026-11-01T05:00:00.000Z'], // first 01:00 (EDT)
      ['2026-W44', 'America/New_York', time('sunday', 10), '2026-11-01T15:00:00.000Z'],
      ['2026-W45', 'America/New_York', time('monday', 10), '2026-11-02T15:00:00.000Z'],
      // Adelaide starts daylight time on 2026-10-04 (02:00 ACST → 03:00 ACDT).
      ['2026-W40', 'Australia/Adelaide', time('sunday', 2), '2026-10-03T16:30:00.000Z'],
      ['2026-W41', 'Australia/Adelaide', time('monday', 10), '2026-10-04T23:30:00.000Z'],
      // Troll jumps two hours (UTC+0 → UTC+2 at 01:00 UTC): 02:00 does not exist, the next valid
      // instant is 03:00 local, not 04:00.
      ['2026-W13', 'Antarctica/Troll', time('sunday', 2), '2026-03-29T01:00:00.000Z'],
    ])('%s %s %o → %s', (weekKey, zone, slotTime, expected) => {
      expect(slotInWeek(weekKey, zone, slotTime).toISOString()).toBe(expected);
    });
  });

  it('resolves ambiguous and skipped hours the same whatever the current clock says', () => {
    const originalNow = Settings.now;
    const resolve = (clock: string) => {
      Settings.now = () => Date.parse(clock);
      return [
        slotInWeek('2026-W43', 'Europe/London', time('sunday', 1)).toISOString(),
        slotInWeek('2026-W13', 'Europe/London', time('sunday', 1)).toISOString(),
      ];
    };
    try {
      expect(resolve('2026-07-01T00:00:00Z')).toEqual(resolve('2026-01-01T00:00:00Z'));
    } finally {
      Settings.now = originalNow;
    }
  });

  it.each([
    ['2025-W53', 'UTC', time('monday', 10)],
    ['nonsense', 'UTC', time('monday', 10)],
    ['2026-W48', 'Mars/Olympus_Mons', time('monday', 10)],
    ['2026-W48', 'UTC', time('monday', 24)],
    ['2026-W48', 'UTC', time('monday', 9.5)],
    ['2026-W48', 'UTC', { weekday: 'someday' as Weekday, hour: 9 }],
  ])('rejects %s %s %o', (weekKey, zone, slotTime) => {
    expect(() => slotInWeek(weekKey, zone, slotTime)).toThrow(RangeError);
  });
});

describe('firstSlotAfter', () => {
  it.each([
    ['2026-11-23T09:59:59Z', 'Europe/London', time('monday', 10), '2026-11-23T10:00:00.000Z'],
    ['2026-11-23T10:00:00Z', 'Europe/London', time('monday', 10), '2026-11-30T10:00:00.000Z'], // strictly after
    ['2026-11-25T12:00:00Z', 'Europe/London', time('monday', 10), '2026-11-30T10:00:00.000Z'],
    ['2026-11-25T12:00:00Z', 'Europe/London', time('friday', 9), '2026-11-27T09:00:00.000Z'],
    ['2026-12-30T12:00:00Z', 'UTC', time('monday', 10), '2027-01-04T10:00:00.000Z'],
    ['2026-12-21T12:00:00Z', 'UTC', time('monday', 10), '2026-12-28T10:00:00.000Z'],
    ['2026-03-25T12:00:00Z', 'Europe/London', time('monday', 10), '2026-03-30T09:00:00.000Z'],
    // Sunday evening UTC is already Monday morning in Tokyo: the slot is that local week's.
    ['2026-11-22T23:00:00Z', 'Asia/Tokyo', time('monday', 10), '2026-11-23T01:00:00.000Z'],
    ['2026-11-23T02:00:00Z', 'Asia/Tokyo', time('monday', 10), '2026-11-30T01:00:00.000Z'],
  ])('after %s in %s %o → %s', (instant, zone, slotTime, expected) => {
    expect(firstSlotAfter(at(instant), zone, slotTime).toISOString()).toBe(expected);
  });
});

describe('dueSlot', () => {
  const longAgo = '2026-01-01T00:00:00Z';

  it.each([
    // [zone, time, now, pair started, expected week, expected slot]
    [
      'Europe/London',
      time('monday', 10),
      '2026-11-23T10:00:00Z',
      longAgo,
      '2026-W48',
      '2026-11-23T10:00:00.000Z',
    ],
    [
      'America/New_York',
      time('monday', 10),
      '2026-11-23T15:00:00Z',
      longAgo,
      '2026-W48',
      '2026-11-23T15:00:00.000Z',
    ],
    [
      'Asia/Tokyo',
      time('monday', 10),
      '2026-11-23T01:00:00Z',
      longAgo,
      '2026-W48',
      '2026-11-23T01:00:00.000Z',
    ],
    [
      'Asia/Kolkata',
      time('monday', 10),
      '2026-11-23T04:30:00Z',
      longAgo,
      '2026-W48',
      '2026-11-23T04:30:00.000Z',
    ],
    [
      'Australia/Adelaide',
      time('monday', 10),
      '2026-11-22T23:30:00Z',
      longAgo,
      '2026-W48',
      '2026-11-22T23:30:00.000Z',
    ],
    [
      'Australia/Adelaide',
      time('monday', 10),
      '2026-06-01T00:30:00Z',
      longAgo,
      '2026-W23',
      '2026-06-01T00:30:00.000Z',
    ],
    // A missed slot is still due later in the same local week (the app was down).
    [
      'Europe/London',
      time('monday', 10),
      '2026-11-29T23:59:59Z',
      longAgo,
      '2026-W48',
      '2026-11-23T10:00:00.000Z',
    ],
    [
      'Asia/Tokyo',
      time('monday', 10),
      '2026-11-29T14:59:59Z',
      longAgo,
      '2026-W48',
      '2026-11-23T01:00:00.000Z',
    ],
    // Daylight-saving change weeks.
    [
      'Europe/London',
      time('sunday', 1),
      '2026-03-29T01:00:00Z',
      longAgo,
      '2026-W13',
      '2026-03-29T01:00:00.000Z',
    ],
    [
      'Europe/London',
      time('monday', 10),
      '2026-03-30T09:00:00Z',
      longAgo,
      '2026-W14',
      '2026-03-30T09:00:00.000Z',
    ],
    [
      'Europe/London',
      time('sunday', 1),
      '2026-10-25T00:00:00Z',
      longAgo,
      '2026-W43',
      '2026-10-25T00:00:00.000Z',
    ],
    [
      'America/New_York',
      time('monday', 10),
      '2026-03-09T14:00:00Z',
      longAgo,
      '2026-W11',
      '2026-03-09T14:00:00.000Z',
    ],
    [
      'America/New_York',
      time('sunday', 1),
      '2026-11-01T05:00:00Z',
      longAgo,
      '2026-W44',
      '2026-11-01T05:00:00.000Z',
    ],
    // ISO week-year boundary: Friday 2027-01-01 belongs to 2026-W53.
    [
      'Europe/London',
      time('monday', 10),
      '2027-01-01T12:00:00Z',
      longAgo,
      '2026-W53',
      '2026-12-28T10:00:00.000Z',
    ],
    [
      'Europe/London',
      time('sunday', 9),
      '2027-01-03T09:00:00Z',
      longAgo,
      '2026-W53',
      '2027-01-03T09:00:00.000Z',
    ],
    [
      'Europe/London',
      time('monday', 10),
      '2027-01-04T10:00:00Z',
      longAgo,
      '2027-W01',
      '2027-01-04T10:00:00.000Z',
    ],
    // Pair started after last week's slot but before this week's.
    [
      'Europe/London',
      time('monday', 10),
      '2026-11-30T10:00:00Z',
      '2026-11-23T11:00:00Z',
      '2026-W49',
      '2026-11-30T10:00:00.000Z',
    ],
  ])('%s %o at %s (pair since %s) → %s', (zone, slotTime, now, startedAt, weekKey, slotAt) => {
    expect(dueSlot(at(now), at(startedAt), zone, slotTime)).toEqual({ weekKey, slotAt: at(slotAt) });
  });

  it.each([
    // Before this week's slot.
    ['Europe/London', time('monday', 10), '2026-11-23T09:59:59Z', longAgo],
    ['America/New_York', time('monday', 10), '2026-11-23T14:59:59Z', longAgo],
    ['Asia/Tokyo', time('monday', 10), '2026-11-23T00:59:59Z', longAgo],
    ['Asia/Kolkata', time('monday', 10), '2026-11-23T04:29:59Z', longAgo],
    ['Australia/Adelaide', time('monday', 10), '2026-11-22T23:29:59Z', longAgo],
    ['Australia/Adelaide', time('monday', 10), '2026-06-01T00:29:59Z', longAgo],
    // Same UTC instant that is due in London, but New York's Monday 10:00 has not come yet.
    ['America/New_York', time('monday', 10), '2026-11-23T10:00:00Z', longAgo],
    // Last week's missed slot is not carried into the new week.
    ['Europe/London', time('friday', 16), '2026-11-30T09:00:00Z', longAgo],
    ['Asia/Tokyo', time('sunday', 23), '2026-11-29T15:00:00Z', longAgo],
    // Daylight-saving weeks: the UTC slot moved by an hour.
    ['Europe/London', time('monday', 10), '2026-03-30T08:59:59Z', longAgo],
    ['Europe/London', time('sunday', 1), '2026-03-29T00:59:59Z', longAgo],
    ['Europe/London', time('sunday', 1), '2026-10-24T23:59:59Z', longAgo],
    ['America/New_York', time('monday', 10), '2026-03-09T13:59:59Z', longAgo],
    ['America/New_York', time('monday', 10), '2026-11-02T14:59:59Z', longAgo],
    // Week-year boundary: Monday 2027-01-04 09:00 is in 2027-W01, whose slot is still ahead.
    ['Europe/London', time('monday', 10), '2027-01-04T09:00:00Z', longAgo],
    // Pair started after this week's slot: nothing until next week.
    ['Europe/London', time('monday', 10), '2026-11-25T12:00:00Z', '2026-11-23T11:00:00Z'],
    ['Europe/London', time('monday', 10), '2026-11-29T23:59:59Z', '2026-11-23T11:00:00Z'],
    ['Europe/London', time('monday', 10), '2026-11-23T12:00:00Z', '2026-11-23T10:00:00Z'], // at the slot
  ])('%s %o at %s (pair since %s) → null', (zone, slotTime, now, startedAt) => {
    expect(dueSlot(at(now), at(startedAt), zone, slotTime)).toBeNull();
  });
});

describe('choosePrompt', () => {
  const prompt = (id: number, position: number, enabled = true): LibraryPrompt => ({ id, position, enabled });
  const library = [prompt(13, 3), prompt(11, 1), prompt(12, 2)]; // deliberately not in position order

  it.each([
    [[], 11],
    [[11], 12],
    [[11, 12], 13],
    [[11, 12, 13], 11],
    [[11, 12, 13, 11], 12],
    [[11, 12, 13, 11, 12, 13], 11],
    [[12], 11], // order follows position, not what happened to be sent first
    [[99, 98, 11], 12], // prompts deleted from the library are ignored
  ])('after %p picks %p', (delivered, expected) => {
    expect(choosePrompt(library, delivered)?.id).toBe(expected);
  });

  it('cycles 1..n, 1..n in position order', () => {
    const delivered: number[] = [];
    for (let week = 0; week < 7; week += 1) {
      const next = choosePrompt(library, delivered);
      if (!next) throw new Error('expected a prompt');
      delivered.push(next.id);
    }
    expect(delivered).toEqual([11, 12, 13, 11, 12, 13, 11]);
  });

  it.each([
    ['skips a disabled prompt', [prompt(11, 1), prompt(12, 2, false), prompt(13, 3)], [11], 13],
    ['cycles over enabled prompts only', [prompt(11, 1), prompt(12, 2, false), prompt(13, 3)], [11, 13], 11],
    ['drops a prompt disabled mid-cycle', [prompt(11, 1), prompt(12, 2), prompt(13, 3, false)], [11, 12], 11],
    [
      'catches up on a re-enabled prompt',
      [prompt(11, 1), prompt(12, 2), prompt(13, 3)],
      [11, 12, 11, 12],
      13,
    ],
    ['offers a newly added prompt next', [prompt(11, 1), prompt(14, 2), prompt(12, 3)], [11, 12, 11, 12], 14],
  ])('%s', (_name, lib, delivered, expected) => {
    expect(choosePrompt(lib, delivered)?.id).toBe(expected);
  });

  it('returns null when no prompt is enabled', () => {
    expect(choosePrompt([], [])).toBeNull();
    expect(choosePrompt([prompt(11, 1, false), prompt(12, 2, false)], [11])).toBeNull();
  });
});

describe('nudgeDue', () => {
  const sentAt = at('2026-11-23T10:00:00Z');

  it.each([
    ['before 72 hours', '2026-11-26T09:59:59Z', false, false, undefined, false],
    ['at 72 hours', '2026-11-26T10:00:00Z', false, false, undefined, true],
    ['well after 72 hours', '2026-11-28T10:00:00Z', false, false, undefined, true],
    ['answered', '2026-11-28T10:00:00Z', true, false, undefined, false],
    ['already nudged', '2026-11-28T10:00:00Z', false, true, undefined, false],
    ['custom 24 hours, too early', '2026-11-24T09:00:00Z', false, false, 24, false],
    ['custom 24 hours, due', '2026-11-24T10:00:00Z', false, false, 24, true],
    ['explicit 72 hours, too early', '2026-11-25T10:00:00Z', false, false, 72, false],
  ])('%s', (_name, now, answered, alreadyNudged, hours, expected) => {
    expect(nudgeDue(sentAt, at(now), answered, alreadyNudged, hours)).toBe(expected);
  });
});

describe('unansweredStreak', () => {
  const d = (...answered: boolean[]) => answered.map((value) => ({ answered: value }));

  it.each([
    [d(), 0],
    [d(true), 0],
    [d(false), 1],
    [d(false, false, false), 3],
    [d(false, false, false, false, true), 4],
    [d(false, true, false, false), 1],
    [d(true, false, false, false), 0],
  ])('%p → %p', (deliveries, expected) => {
    expect(unansweredStreak(deliveries)).toBe(expected);
  });

  it('asks about pausing after three unanswered prompts', () => {
    expect(INACTIVITY_STREAK).toBe(3);
    expect(unansweredStreak(d(false, false, false, true)) >= INACTIVITY_STREAK).toBe(true);
    expect(unansweredStreak(d(false, false, true)) >= INACTIVITY_STREAK).toBe(false);
  });
});

describe('parseWeekday', () => {
  it.each([
    ['monday', 'monday'],
    ['Wednesday', 'wednesday'],
    [' SUNDAY ', 'sunday'],
    ['fri', 'friday'],
    ['Thu', 'thursday'],
    ['funday', null],
    ['mo', null],
    ['mond', null],
    ['', null],
  ])('%p → %p', (value, expected) => {
    expect(parseWeekday(value)).toBe(expected);
  });
});
