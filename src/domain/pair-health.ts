// Pair health: what in a programme needs a human. The lists come from storage; this module says how long is
// "quiet", how soon is "expiring", and lays the lists out as one flat sequence of items that views page through,
// so the admin view stays within Slack's block limits however large the programme is.

/** A running pair with no answered weekly question for this long (or since it started) is quiet. */
export const QUIET_DAYS = 14;
/** Proposals whose mentor has not answered and that expire within this many hours are listed. */
export const EXPIRING_WITHIN_HOURS = 24;

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

export interface HealthPair {
  pairId: number;
  mentorId: string | null;
  menteeId: string | null;
  /** The last answered weekly question, or the start when none was ever answered. */
  lastActiveAt: Date;
}

export interface FailingPair {
  pairId: number;
  mentorId: string | null;
  menteeId: string | null;
  /** The Slack error of the failed delivery, or why the pair was flagged. */
  reason: string;
}

export interface ExpiringProposal {
  proposalId: number;
  mentorId: string | null;
  menteeId: string | null;
  expiresAt: Date;
}

export interface WaitingMentee {
  requestId: number;
  menteeId: string;
  since: Date;
}

export interface TopicShortage {
  topic: string;
  /** Open offers on the topic. */
  supply: number;
  /** Open requests on the topic. */
  demand: number;
}

/** A mentor who asked, in their private check-in, that the programme team get in touch. */
export interface ContactRequest {
  mentorId: string;
  requestedAt: Date;
}

/** The programme's headline figures, for the weekly admin digest. */
export interface HeadlineFigures {
  members: number;
  activePairs: number;
  waiting: number;
  proposalsPending: number;
}

export interface PairHealth {
  quiet: HealthPair[];
  failing: FailingPair[];
  expiring: ExpiringProposal[];
  waiting: WaitingMentee[];
  shortages: TopicShortage[];
  /** Only who asked and when: never their rating or their pair. */
  contactRequests: ContactRequest[];
}

export type HealthItem =
  | { kind: 'quiet'; pair: HealthPair; quietDays: number }
  | { kind: 'failing'; pair: FailingPair }
  | { kind: 'expiring'; proposal: ExpiringProposal; hoursLeft: number }
  | { kind: 'waiting'; mentee: WaitingMentee; waitingDays: number }
  | { kind: 'shortage'; shortage: TopicShortage }
  | { kind: 'contact'; request: ContactRequest; days: number };

export type HealthKind = HealthItem['kind'];

/** Since when a pair must have been silent to count as quiet at `now`. */
export function quietSince(now: Date): Date {
  return new Date(now.getTime() - QUIET_DAYS * DAY_MS);
}

export function expiringBefore(now: Date): Date {
  return new Date(now.getTime() + EXPIRING_WITHIN_HOURS * HOUR_MS);
}

export function wholeDaysBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY_MS));
}

/**
 * Every item, in the order the view shows them: mentors who asked to be contacted, failing, quiet, expiring,
 * longest waiting, shortages.
 */
export function healthItems(health: PairHealth, now: Date): HealthItem[] {
  return [
    ...[...health.contactRequests]
      .sort(
        (a, b) => a.requestedAt.getTime() - b.requestedAt.getTime() || a.mentorId.localeCompare(b.mentorId),
      )
      .map((request): HealthItem => ({
        kind: 'contact',
        request,
        days: wholeDaysBetween(request.requestedAt, now),
      })),
    ...health.failing.map((pair): HealthItem => ({ kind: 'failing', pair })),
    ...[...health.quiet]
      .sort((a, b) => a.lastActiveAt.getTime() - b.lastActiveAt.getTime() || a.pairId - b.pairId)
      .map((pair): HealthItem => ({
        kind: 'quiet',
        pair,
        quietDays: wholeDaysBetween(pair.lastActiveAt, now),
      })),
    ...[...health.expiring]
      .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime() || a.proposalId - b.proposalId)
      .map((proposal): HealthItem => ({
        kind: 'expiring',
        proposal,
        hoursLeft: Math.max(0, Math.ceil((proposal.expiresAt.getTime() - now.getTime()) / HOUR_MS)),
      })),
    ...[...health.waiting]
      .sort((a, b) => a.since.getTime() - b.since.getTime() || a.requestId - b.requestId)
      .map((mentee): HealthItem => ({
        kind: 'waiting',
        mentee,
        waitingDays: wholeDaysBetween(mentee.since, now),
      })),
    ...[...health.shortages]
      .sort((a, b) => b.demand - b.supply - (a.demand - a.supply) || a.topic.localeCompare(b.topic))
      .map((shortage): HealthItem => ({ kind: 'shortage', shortage })),
  ];
}

export function countsOf(health: PairHealth): Record<HealthKind, number> {
  return {
    failing: health.failing.length,
    quiet: health.quiet.length,
    expiring: health.expiring.length,
    waiting: health.waiting.length,
    shortage: health.shortages.length,
    contact: health.contactRequests.length,
  };
}

export function nothingNeedsAttention(health: PairHealth): boolean {
  return Object.values(countsOf(health)).every((count) => count === 0);
}

/** One page of items and how many pages there are (at least one, so an empty list still shows a page). */
export function pageOf<T>(
  items: readonly T[],
  page: number,
  size: number,
): { items: T[]; page: number; pageCount: number } {
  const pageCount = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(0, Math.floor(page)), pageCount - 1);
  return { items: items.slice(current * size, (current + 1) * size), page: current, pageCount };
}
