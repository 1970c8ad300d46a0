// When each active pair gets its weekly discussion prompt, which prompt it gets, and when to nudge or
// ask whether to pause. Everything here is pure: the current instant is always passed in, so the
// scheduler can be replayed in tests and after downtime without surprises.

import { DateTime, IANAZone } from 'luxon';

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

// ISO order: index + 1 is the ISO weekday number luxon uses (Monday = 1).
export const WEEKDAYS: readonly Weekday[] = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
];

/** Local wall-clock time of the pair; hour 0-23, always on the hour. */
export interface PromptTime {
  weekday: Weekday;
  hour: number;
}

export interface DueSlot {
  weekKey: string;
  slotAt: Date;
}

export interface LibraryPrompt {
  id: number;
  position: number;
  enabled: boolean;
}

/** After this many unanswered prompts in a row, the pair is asked whether to pause. */
export const INACTIVITY_STREAK = 3;

/** The mid-week reminder goes out this long after an unanswered prompt unless configured otherwise. */
export const DEFAULT_NUDGE_AFTER_HOURS = 72;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

// Checking a zone name builds an Intl formatter, which dominated the scheduler's profile; the answer for a
// name never changes within a process. Only valid names are kept, so the set is bounded by the IANA list
// whatever names arrive; an invalid one is rare and simply checked again.
const validZones = new Set<string>();

export function isValidTimeZone(value: string | null | undefined): value is string {
  if (typeof value !== 'string' || value.trim() === '') return false;
  if (validZones.has(value)) return true;
  if (!IANAZone.isValidZone(value)) return false;
  validZones.add(value);
  return true;
}

/**
 * The prompt follows the mentee's calendar because the programme exists for the junior colleague;
 * the mentor's zone is only a fallback when Slack gave us nothing usable for the mentee.
 */
export function pairTimeZone(menteeTz: string | null, mentorTz: string | null): string {
  if (isValidTimeZone(menteeTz)) return menteeTz;
  if (isValidTimeZone(mentorTz)) return mentorTz;
  return 'UTC';
}

/** ISO week of the local date in `timeZone`, keyed by ISO week-year (2027-01-01 is '2026-W53'). */
export function isoWeekKey(instant: Date, timeZone: string): string {
  const local = DateTime.fromJSDate(checkedDate(instant, 'instant'), { zone: checkedZone(timeZone) });
  return formatWeekKey(local.weekYear, local.weekNumber);
}

/** Parses 'YYYY-Www'; null for malformed keys and for week 53 in years that have only 52 weeks. */
export function parseIsoWeekKey(weekKey: string): { weekYear: number; weekNumber: number } | null {
  const match = /^(\d{4})-W(\d{2})$/.exec(weekKey);
  if (!match) return null;
  const weekYear = Number(match[1]);
  const weekNumber = Number(match[2]);
  const weeksInYear = DateTime.fromObject(
    { weekYear, weekNumber: 1, weekday: 1 },
    { zone: 'utc' },
  ).weeksInWeekYear;
  if (weekNumber < 1 || weekNumber > weeksInYear) return null;
  return { weekYear, weekNumber };
}

/** The week key `weeks` weeks after (or, when negative, before) `weekKey`; crosses week-years correctly. */
export function addIsoWeeks(weekKey: string, weeks: number): string {
  const monday = weekStartUtc(weekKey).plus({ weeks });
  return formatWeekKey(monday.weekYear, monday.weekNumber);
}

/**
 * The instant of the pair's slot in the given ISO week, read in the pair's zone.
 *
 * Daylight-saving edges are resolved without consulting the clock:
 * - an hour that does not exist that day (spring-forward gap) becomes the next valid instant, i.e. the
 *   moment the clocks jump (London 01:00 on 2026-03-29 → 02:00 BST = 01:00 UTC);
 * - an hour that happens twice (fall-back) uses its first occurrence, so the prompt is not an hour late.
 * luxon's own `fromObject` guesses ambiguous times from the offset in force *now*, which would make the
 * same week's slot differ between a summer and a winter run, so only its zone data is used here.
 */
export function slotInWeek(weekKey: string, timeZone: string, time: PromptTime): Date {
  const zone = IANAZone.create(checkedZone(timeZone));
  const weekday = WEEKDAYS.indexOf(time.weekday) + 1;
  if (weekday === 0) throw new RangeError(`Unknown weekday: ${String(time.weekday)}`);
  if (!Number.isInteger(time.hour) || time.hour < 0 || time.hour > 23) {
    throw new RangeError(`Prompt hour must be an integer 0-23, got ${time.hour}`);
  }
  // Wall-clock time encoded as if it were UTC; the zone's offsets then map it to real instants.
  const wallClock = weekStartUtc(weekKey)
    .plus({ days: weekday - 1, hours: time.hour })
    .toMillis();
  return new Date(resolveWallClock(wallClock, zone));
}

/** First slot strictly after `instant` (this week's if still ahead, else next week's). */
export function firstSlotAfter(instant: Date, timeZone: string, time: PromptTime): Date {
  const weekKey = isoWeekKey(instant, timeZone);
  const thisWeek = slotInWeek(weekKey, timeZone, time);
  if (thisWeek.getTime() > instant.getTime()) return thisWeek;
  return slotInWeek(addIsoWeeks(weekKey, 1), timeZone, time);
}

/**
 * The slot of the pair's current local ISO week once it has passed. A slot missed because the app was
 * down is still delivered later that week, but never carried into the next one: a stale prompt on top of
 * a fresh one would feel like spam. Pairs formed after this week's slot wait for next week's.
 */
export function dueSlot(now: Date, pairStartedAt: Date, timeZone: string, time: PromptTime): DueSlot | null {
  return dueSlotsAt(now, time)(pairStartedAt, timeZone);
}

/**
 * dueSlot for many pairs at one instant: a zone's slot of the week depends only on the zone, so it is worked out
 * once per zone rather than once per pair (the time-zone arithmetic dominated a run over thousands of pairs).
 */
export function dueSlotsAt(
  now: Date,
  time: PromptTime,
): (pairStartedAt: Date, timeZone: string) => DueSlot | null {
  const slots = new Map<string, DueSlot>();
  return (pairStartedAt, timeZone) => {
    let slot = slots.get(timeZone);
    if (slot === undefined) {
      const weekKey = isoWeekKey(now, timeZone);
      slot = { weekKey, slotAt: slotInWeek(weekKey, timeZone, time) };
      slots.set(timeZone, slot);
    }
    if (slot.slotAt.getTime() > now.getTime()) return null;
    if (slot.slotAt.getTime() <= checkedDate(pairStartedAt, 'pairStartedAt').getTime()) return null;
    return { weekKey: slot.weekKey, slotAt: slot.slotAt };
  };
}

/**
 * Enabled prompts in position order, cycling once the pair has had them all. Picking the prompt the pair
 * had least often (ties by position) gives 1..n, 1..n, ... and also does the right thing when the library
 * changes mid-cycle: a newly added or re-enabled prompt comes up next, a disabled one is simply skipped.
 */
export function choosePrompt(
  library: readonly LibraryPrompt[],
  deliveredPromptIds: readonly number[],
): LibraryPrompt | null {
  const timesHad = new Map<number, number>();
  for (const id of deliveredPromptIds) timesHad.set(id, (timesHad.get(id) ?? 0) + 1);

  let best: LibraryPrompt | null = null;
  let bestCount = Infinity;
  for (const prompt of library) {
    if (!prompt.enabled) continue;
    const count = timesHad.get(prompt.id) ?? 0;
    const earlier =
      best === null ||
      count < bestCount ||
      (count === bestCount &&
        (prompt.position < best.position || (prompt.position === best.position && prompt.id < best.id)));
    if (earlier) {
      best = prompt;
      bestCount = count;
    }
  }
  return best;
}

/** One mid-week reminder per prompt, only while it is unanswered. */
export function nudgeDue(
  sentAt: Date,
  now: Date,
  answered: boolean,
  alreadyNudged: boolean,
  nudgeAfterHours: number = DEFAULT_NUDGE_AFTER_HOURS,
): boolean {
  if (answered || alreadyNudged) return false;
  return now.getTime() - sentAt.getTime() >= nudgeAfterHours * HOUR_MS;
}

/** How many of the most recent prompts in a row went unanswered. */
export function unansweredStreak(deliveriesNewestFirst: readonly { answered: boolean }[]): number {
  let streak = 0;
  for (const delivery of deliveriesNewestFirst) {
    if (delivery.answered) break;
    streak += 1;
  }
  return streak;
}

/** Accepts full English day names and three-letter abbreviations, any case (config and admin input). */
export function parseWeekday(value: string): Weekday | null {
  const normalised = value.trim().toLowerCase();
  if (normalised.length < 3) return null;
  for (const day of WEEKDAYS) {
    if (day === normalised || (normalised.length === 3 && day.startsWith(normalised))) return day;
  }
  return null;
}

function formatWeekKey(weekYear: number, weekNumber: number): string {
  return `${String(weekYear).padStart(4, '0')}-W${String(weekNumber).padStart(2, '0')}`;
}

// Monday 00:00 of the ISO week, in UTC: only used as calendar arithmetic, never as a real instant.
function weekStartUtc(weekKey: string): DateTime {
  const parsed = parseIsoWeekKey(weekKey);
  if (!parsed) throw new RangeError(`Invalid ISO week key: ${weekKey}`);
  return DateTime.fromObject({ ...parsed, weekday: 1 }, { zone: 'utc' });
}

// Callers should have gone through pairTimeZone; a bad zone here is a bug, and luxon would otherwise
// return invalid DateTimes that turn into NaN dates far from the cause.
function checkedZone(timeZone: string): string {
  if (!isValidTimeZone(timeZone)) throw new RangeError(`Invalid IANA time zone: ${timeZone}`);
  return timeZone;
}

function checkedDate(value: Date, name: string): Date {
  if (Number.isNaN(value.getTime())) throw new RangeError(`${name} is an invalid Date`);
  return value;
}

function resolveWallClock(wallClock: number, zone: IANAZone): number {
  // The real instant is within 14 hours of the wall-clock-as-UTC value, and zones do not change offset
  // twice within a couple of days, so the offsets a day either side cover every candidate.
  const offsets = [wallClock - DAY_MS, wallClock, wallClock + DAY_MS].map((ts) => zone.offset(ts));
  const matches = offsets
    .map((offset) => ({ offset, instant: wallClock - offset * MINUTE_MS }))
    .filter(({ offset, instant }) => zone.offset(instant) === offset)
    .map(({ instant }) => instant);
  if (matches.length > 0) return Math.min(...matches);

  // Gap: the wall-clock time is skipped. The jump lies between reading it with the later offset and
  // reading it with the earlier one; find the first instant that already has the later offset.
  const earlier = Math.min(...offsets);
  const later = Math.max(...offsets);
  let before = wallClock - later * MINUTE_MS;
  let after = wallClock - earlier * MINUTE_MS;
  const offsetAfter = zone.offset(after);
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (zone.offset(middle) === offsetAfter) after = middle;
    else before = middle;
  }
  return after;
}
