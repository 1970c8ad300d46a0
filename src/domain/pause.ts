// Taking a break: how long a pause lasts and when it ends. A pause with no end lasts until the person resumes.

export const MIN_PAUSE_WEEKS = 1;
export const MAX_PAUSE_WEEKS = 52;
/** The lengths the Home tab's pause modal offers besides "until I resume". */
export const PAUSE_CHOICES_WEEKS: readonly number[] = [1, 2, 4, 8, 12];

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export type PauseLength = { ok: true; weeks: number | null } | { ok: false };

/**
 * The words after `/mentor pause`: nothing (until resumed), or a whole number of weeks from 1 to 52,
 * optionally followed by "week" or "weeks".
 */
export function parsePauseLength(args: readonly string[]): PauseLength {
  const [first, second, ...rest] = args;
  if (first === undefined) return { ok: true, weeks: null };
  if (rest.length > 0 || (second !== undefined && !/^weeks?$/i.test(second))) return { ok: false };
  if (!/^\d{1,2}$/.test(first)) return { ok: false };
  const weeks = Number(first);
  if (weeks < MIN_PAUSE_WEEKS || weeks > MAX_PAUSE_WEEKS) return { ok: false };
  return { ok: true, weeks };
}

export function pauseEndsAt(now: Date, weeks: number | null): Date | null {
  return weeks === null ? null : new Date(now.getTime() + weeks * WEEK_MS);
}

/** A pause whose end has passed no longer counts, even before the scheduler has cleared it. */
export function isPaused(member: { pausedAt: Date | null; pausedUntil: Date | null }, now: Date): boolean {
  if (member.pausedAt === null) return false;
  return member.pausedUntil === null || member.pausedUntil.getTime() > now.getTime();
}
