// Cohorts: an optional way to run the programme in rounds. An admin opens a named cohort with a sign-up window,
// a start date and a term; offers and requests made inside the window join it, wait for its start, and are
// matched all at once then. Without a cohort the programme stays evergreen. Pure: dates arrive as the text the
// date pickers send, the admin's time zone and the instant are passed in.
import { DateTime } from 'luxon';
import { addWeeks, DEFAULT_TERM_WEEKS } from './pairing-journey';
import { isValidTimeZone } from './prompt-schedule';

export interface Cohort {
  id: number;
  name: string;
  /** Sign-up is open from this instant (the start of the first day in the admin's zone)… */
  signupOpensAt: Date;
  /** …until this one, exclusive (the end of the last day). */
  signupClosesAt: Date;
  /** Matching runs at this instant, and the cohort's pairs' terms run from it. */
  startsAt: Date;
  termWeeks: number;
  /** Set, once, when the cohort was matched. */
  matchedAt: Date | null;
}

export type CohortStatus = 'upcoming' | 'open' | 'closed' | 'matched';

export const COHORT_STATUS_LABELS: Record<CohortStatus, string> = {
  upcoming: 'upcoming',
  open: 'open for sign-up',
  closed: 'sign-up closed, starting soon',
  matched: 'matched',
};

export const TERM_WEEKS_BOUNDS = { min: 4, max: 52 } as const;
export const MAX_COHORT_NAME_LENGTH = 60;

export function cohortStatus(cohort: Omit<Cohort, 'id' | 'name' | 'termWeeks'>, now: Date): CohortStatus {
  if (cohort.matchedAt !== null) return 'matched';
  const at = now.getTime();
  if (at < cohort.signupOpensAt.getTime()) return 'upcoming';
  if (at < cohort.signupClosesAt.getTime()) return 'open';
  return 'closed';
}

/** Whether a sign-up at `now` falls inside the cohort's window (and it has not been matched yet). */
export function inSignupWindow(cohort: Omit<Cohort, 'id' | 'name' | 'termWeeks'>, now: Date): boolean {
  return cohortStatus(cohort, now) === 'open';
}

/** The cohort whose window is open at `now`, if any (windows never overlap, so there is at most one). */
export function cohortOpenAt<T extends Omit<Cohort, 'id' | 'name' | 'termWeeks'>>(
  cohorts: readonly T[],
  now: Date,
): T | null {
  return cohorts.find((cohort) => inSignupWindow(cohort, now)) ?? null;
}

/** Two half-open windows [opens, closes) overlap when each opens before the other closes. */
export function windowsOverlap(
  a: { signupOpensAt: Date; signupClosesAt: Date },
  b: { signupOpensAt: Date; signupClosesAt: Date },
): boolean {
  return (
    a.signupOpensAt.getTime() < b.signupClosesAt.getTime() &&
    b.signupOpensAt.getTime() < a.signupClosesAt.getTime()
  );
}

/** The end of a cohort pair's first term: the cohort's start plus its term. */
export function cohortTermEnd(cohort: Pick<Cohort, 'startsAt' | 'termWeeks'>): Date {
  return addWeeks(cohort.startsAt, cohort.termWeeks);
}

export interface CohortFormInput {
  name: string;
  /** 'YYYY-MM-DD', as a date picker sends it; empty when not chosen. */
  opens: string;
  /** The last day of sign-up. */
  closes: string;
  starts: string;
  termWeeks: string;
}

export type CohortField = keyof CohortFormInput;

export interface CohortDraft {
  name: string;
  signupOpensAt: Date;
  signupClosesAt: Date;
  startsAt: Date;
  termWeeks: number;
}

export interface CohortFormContext {
  /** The workspace's cohorts, to keep names unique and windows apart. */
  existing: readonly Pick<Cohort, 'name' | 'signupOpensAt' | 'signupClosesAt'>[];
  /** The admin's zone: the dates are days in it. Null or invalid: UTC. */
  timeZone: string | null;
  now: Date;
}

export type CohortFormResult =
  { ok: true; draft: CohortDraft } | { ok: false; errors: Partial<Record<CohortField, string>> };

/** The zone a cohort's dates are read in: the admin's, or UTC when Slack gave none. */
export function cohortZone(timeZone: string | null): string {
  return isValidTimeZone(timeZone) ? timeZone : 'UTC';
}

function startOfDay(text: string, zone: string): DateTime | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const day = DateTime.fromISO(text, { zone });
  return day.isValid ? day.startOf('day') : null;
}

/** Checks the "Open a cohort" form; every field's problem is reported at once. */
export function parseCohortForm(input: CohortFormInput, context: CohortFormContext): CohortFormResult {
  const zone = cohortZone(context.timeZone);
  const errors: Partial<Record<CohortField, string>> = {};
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (name === '') errors.name = 'Give the cohort a name.';
  else if (name.length > MAX_COHORT_NAME_LENGTH)
    errors.name = `Keep the name to ${MAX_COHORT_NAME_LENGTH} characters.`;
  else if (context.existing.some((c) => c.name.toLowerCase() === name.toLowerCase()))
    errors.name = 'There is already a cohort with that name.';

  const today = DateTime.fromJSDate(context.now, { zone }).startOf('day');
  const opens = startOfDay(input.opens, zone);
  const lastDay = startOfDay(input.closes, zone);
  const starts = startOfDay(input.starts, zone);
  if (opens === null) errors.opens = 'Choose the day sign-up opens.';
  else if (opens < today) errors.opens = 'Sign-up cannot open in the past.';
  if (lastDay === null) errors.closes = 'Choose the last day of sign-up.';
  else if (opens !== null && lastDay < opens)
    errors.closes = 'Sign-up must close on or after the day it opens.';
  // Sign-up closes at the end of its last day; the start is a whole day, so it must come after that day.
  const closes = lastDay?.plus({ days: 1 }) ?? null;
  if (starts === null) errors.starts = 'Choose the day the cohort starts.';
  else if (closes !== null && starts < closes)
    errors.starts =
      'The cohort starts after sign-up closes: choose a later day than the last day of sign-up.';

  const termText = input.termWeeks.trim();
  const termWeeks = /^\d{1,3}$/.test(termText) ? Number(termText) : NaN;
  if (!(termWeeks >= TERM_WEEKS_BOUNDS.min && termWeeks <= TERM_WEEKS_BOUNDS.max))
    errors.termWeeks = `Enter a whole number of weeks from ${TERM_WEEKS_BOUNDS.min} to ${TERM_WEEKS_BOUNDS.max}.`;

  if (opens !== null && closes !== null && errors.opens === undefined && errors.closes === undefined) {
    const window = { signupOpensAt: opens.toJSDate(), signupClosesAt: closes.toJSDate() };
    const clash = context.existing.find((cohort) => windowsOverlap(cohort, window));
    if (clash !== undefined) {
      const last = DateTime.fromJSDate(clash.signupClosesAt, { zone }).minus({ days: 1 });
      const first = DateTime.fromJSDate(clash.signupOpensAt, { zone });
      errors.opens = `Sign-up for “${clash.name}” runs from ${first.toISODate()} to ${last.toISODate()}: sign-up windows may not overlap.`;
    }
  }

  if (Object.keys(errors).length > 0 || opens === null || closes === null || starts === null)
    return { ok: false, errors };
  return {
    ok: true,
    draft: {
      name,
      signupOpensAt: opens.toJSDate(),
      signupClosesAt: closes.toJSDate(),
      startsAt: starts.toJSDate(),
      termWeeks,
    },
  };
}

/** The term the form suggests: the workspace's term setting when there is one, else the programme default. */
export function defaultCohortTermWeeks(settingTermWeeks: number | undefined): number {
  const weeks = settingTermWeeks ?? DEFAULT_TERM_WEEKS;
  return Math.min(TERM_WEEKS_BOUNDS.max, Math.max(TERM_WEEKS_BOUNDS.min, weeks));
}

/** A cohort's days as the admin chose them, in a zone: first and last day of sign-up, and the start. */
export function cohortDays(
  cohort: Pick<Cohort, 'signupOpensAt' | 'signupClosesAt' | 'startsAt'>,
  timeZone: string | null,
): { opens: string; lastDay: string; starts: string } {
  const zone = cohortZone(timeZone);
  const day = (instant: Date) => DateTime.fromJSDate(instant, { zone }).toISODate() ?? '';
  return {
    opens: day(cohort.signupOpensAt),
    lastDay: day(new Date(cohort.signupClosesAt.getTime() - 1)),
    starts: day(cohort.startsAt),
  };
}
