// A pairing's journey from introduction to close: which private or group message is due when. Each part of the
// journey (goals, fit check, the mentor's voice, term and close, follow-ups) is a rule: a pure function of what
// is known about the pair and the instant, returning the messages it wants sent. The journey job sends each
// message once (src/use-cases/send-journey-messages.ts); whether a message may go out *now* (a weekday, a
// sensible local hour, nobody on a break) is decided there, per recipient, so the rules say only "due from".
import { DateTime } from 'luxon';
import type { PairStatus } from './pair-lifecycle';
import { isValidTimeZone } from './prompt-schedule';

// Each part of the journey adds its steps here (with its rule in src/domain/journey-rules.ts and its message in
// src/views/journey-messages.ts).
export type JourneyStep =
  | 'goals-invite'
  | 'goals-reminder'
  | 'midpoint-goals'
  | 'fit-check'
  | 'fit-ended'
  | 'mentor-voice'
  | 'term-choice'
  | 'term-extended'
  | 'closing'
  | 'close-survey'
  | 'follow-up';

/** Who a journey message is for: one of the two, privately, or both in their group DM. */
export type JourneyRole = 'mentor' | 'mentee' | 'pair';

/** One message of the journey: unique per pair, so it is sent once whoever runs the job. */
export interface JourneyMessageKey {
  step: JourneyStep;
  role: JourneyRole;
  /** Which time this step is asked (a fit check asked again, the mentor's voice every few weeks…). */
  round: number;
}

export interface DueJourneyMessage extends JourneyMessageKey {
  /** From when it may go out; it waits for the recipient's next sensible local hour after that. */
  dueFrom: Date;
}

export type FitAnswer = 'good_fit' | 'still_deciding' | 'not_a_fit';
export type TermChoice = 'extend' | 'wrap_up';
export type FollowUpAnswer = 'yes' | 'partly' | 'not_yet';
export type EndReason = 'ended' | 'not_a_fit' | 'wrapped_up' | 'left' | 'admin';

/** What the journey rules know about one pair. */
export interface PairJourneyFacts {
  teamId: string;
  pairId: number;
  status: PairStatus;
  startedAt: Date;
  /** The end of the current term (after any extensions). */
  termEndsAt: Date;
  extensions: number;
  endedAt: Date | null;
  endReason: EndReason | null;
  /** Both still members: a pair one of them left gets nothing more. */
  mentorPresent: boolean;
  menteePresent: boolean;
  /** When the pair first marked a weekly question discussed. */
  firstDiscussedAt: Date | null;
  goalCount: number;
  /** The goal stages the mentee has rated so far. */
  ratedStages: readonly ('start' | 'middle' | 'close')[];
  fitAnswers: readonly { role: 'mentor' | 'mentee'; round: number; answer: FitAnswer; answeredAt: Date }[];
  voiceRounds: readonly number[];
  termChoices: readonly { role: 'mentor' | 'mentee'; term: number; choice: TermChoice; answeredAt: Date }[];
  /** The senior's close-survey commitment, if they wrote one, and their follow-up answers. */
  commitment: {
    written: boolean;
    after30Days: FollowUpAnswer | null;
    after60Days: FollowUpAnswer | null;
  } | null;
  /** Close-survey answers given, by role. */
  closeSurveyRoles: readonly ('mentor' | 'mentee')[];
  /** Every journey message already reserved or sent for the pair, with when. */
  sent: readonly (JourneyMessageKey & { at: Date })[];
}

export interface JourneySettings {
  termWeeks: number;
  extensionWeeks: number;
}

export const DEFAULT_TERM_WEEKS = 26;
export const DEFAULT_EXTENSION_WEEKS = 12;

export type JourneyRule = (facts: PairJourneyFacts, settings: JourneySettings) => DueJourneyMessage[];

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * DAY_MS;

export function addWeeks(instant: Date, weeks: number): Date {
  return new Date(instant.getTime() + weeks * WEEK_MS);
}

export function addDays(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * DAY_MS);
}

/** The end of a pair's first term: pairs from before terms existed run the default term from their start. */
export function firstTermEnd(startedAt: Date, termWeeks: number): Date {
  return addWeeks(startedAt, termWeeks);
}

/** The week of its term a pairing is in, counting the introduction's week as week 1. */
export function termWeek(startedAt: Date, now: Date): number {
  return Math.max(1, Math.floor((now.getTime() - startedAt.getTime()) / WEEK_MS) + 1);
}

/** How many weeks the whole term runs, extensions included. */
export function termLengthWeeks(startedAt: Date, termEndsAt: Date): number {
  return Math.round((termEndsAt.getTime() - startedAt.getTime()) / WEEK_MS);
}

/** Whether this message was already reserved or sent, and when. */
export function sentAt(facts: PairJourneyFacts, key: JourneyMessageKey): Date | null {
  const found = facts.sent.find((s) => s.step === key.step && s.role === key.role && s.round === key.round);
  return found?.at ?? null;
}

/** Local working hours in which a journey DM may arrive: a weekday, from the start of the morning. */
export const SENSIBLE_HOURS = { from: 9, until: 17 } as const;

/**
 * Whether a DM may arrive now for someone in this time zone: Monday to Friday, within working hours. People
 * whose zone Slack did not give are treated as being in UTC.
 */
export function isSensibleLocalTime(now: Date, timeZone: string | null): boolean {
  const local = DateTime.fromJSDate(now, { zone: isValidTimeZone(timeZone) ? timeZone : 'UTC' });
  return local.weekday <= 5 && local.hour >= SENSIBLE_HOURS.from && local.hour < SENSIBLE_HOURS.until;
}

/** Messages of every rule that are due at `now` and not yet reserved or sent. */
export function dueJourneyMessages(
  facts: PairJourneyFacts,
  settings: JourneySettings,
  now: Date,
  rules: readonly JourneyRule[],
): DueJourneyMessage[] {
  return rules
    .flatMap((rule) => rule(facts, settings))
    .filter((message) => message.dueFrom.getTime() <= now.getTime() && sentAt(facts, message) === null);
}
