// The demo programme's calendar: when it starts, the hour prompts go out, and instants in people's own time
// zones, so that every scheduled action happens at a plausible local time.
import { DateTime } from 'luxon';
import type { DemoPerson } from './demo-company';

export const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
// A Monday, with no daylight-saving change in the three time zones for the weeks that follow.
export const PROGRAMME_START = DateTime.fromISO('2026-05-04T00:00:00Z', { zone: 'utc' });
/** The hour the weekly questions go out once the admin has set it in week 0's settings. */
export const PROMPT_HOUR = 10;
/** The hour the installation starts with (its environment), before the admin changes it in Slack. */
export const INSTALLED_PROMPT_HOUR = 9;

/** Midnight UTC of a weekday (1 is Monday) in a week of the programme (0 is the sign-up week). */
export function weekDay(week: number, isoWeekday: number): number {
  return PROGRAMME_START.plus({ weeks: week, days: isoWeekday - 1 }).toMillis();
}

/** The week of the programme an instant falls in (0 is the sign-up week). */
export function weekOf(at: number): number {
  return Math.floor((at - PROGRAMME_START.toMillis()) / WEEK);
}

export function weekRange(week: number): string {
  const monday = PROGRAMME_START.plus({ weeks: week });
  return `${monday.toFormat('ccc d LLL')} – ${monday.plus({ days: 6 }).toFormat('ccc d LLL yyyy')}`;
}

/** The time as the person saw it, e.g. "14:30 in Kolkata". */
export function localTime(person: DemoPerson, at: number): string {
  return `${DateTime.fromMillis(at, { zone: person.timeZone }).toFormat('HH:mm')} in ${person.city}`;
}

/** The next instant at this local hour for the person (today if still ahead). */
export function atLocal(person: DemoPerson, from: number, hour: number, minute = 0): number {
  const local = DateTime.fromMillis(from, { zone: person.timeZone }).set({
    hour,
    minute,
    second: 0,
    millisecond: 0,
  });
  return (local.toMillis() > from ? local : local.plus({ days: 1 })).toMillis();
}
