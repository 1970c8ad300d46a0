// Every figure of the admin report, computed in one place so the Slack message, the CSV export and the
// CLI can only differ in formatting, never in what they count. Raw numbers (shares 0-1, fractional days)
// are returned; rounding is left to each presentation.

import type { PairStatus, ProposalStatus } from './pair-lifecycle';
import { addIsoWeeks, isoWeekKey } from './prompt-schedule';

export type OfferStatus = 'open' | 'closed';
export type RequestStatus = 'open' | 'matched' | 'closed';
export type DeliveryStatus = 'reserved' | 'sent' | 'failed';

export interface ReportPair {
  id: number;
  mentorName: string | null;
  menteeName: string | null;
  mentorId: string | null;
  menteeId: string | null;
  status: PairStatus;
  levelGap: number;
  crossDepartment: boolean;
  startedAt: Date;
  endedAt: Date | null;
  sharedTopics: readonly string[];
  needsAttention: string | null;
  promptsSent: number;
  promptsAnswered: number;
  lastAnsweredAt: Date | null;
  /** The Slack error of the pair's latest prompt delivery when that delivery failed, else null. */
  lastDeliveryError?: string | null;
}

export interface ReportData {
  offers: readonly {
    status: OfferStatus;
    topicNames: readonly string[];
    capacity: number;
    activePairs: number;
  }[];
  requests: readonly {
    status: RequestStatus;
    topicNames: readonly string[];
    createdAt: Date;
    matchedAt: Date | null;
  }[];
  proposals: readonly { status: ProposalStatus }[];
  pairs: readonly ReportPair[];
  deliveries: readonly { weekKey: string; status: DeliveryStatus; answered: boolean }[];
  feedback: readonly { rating: number; wouldRecommend: boolean | null }[];
}

export interface TopicFigure {
  topic: string;
  offers: number;
  requests: number;
  /** requests - offers, over open ones only: positive means mentees are waiting for mentors on it. */
  gap: number;
}

export interface WeekFigure {
  weekKey: string;
  sent: number;
  answered: number;
  answerRate: number | null;
}

export interface AttentionItem {
  pairId: number;
  mentorName: string | null;
  menteeName: string | null;
  reason: string;
}

/** One row of the pairs CSV. `mentor`/`mentee` show the name, or the Slack id when the name is unknown. */
export interface PairRow {
  id: number;
  mentor: string | null;
  mentee: string | null;
  mentorId: string | null;
  menteeId: string | null;
  status: PairStatus;
  levelGap: number;
  crossDepartment: boolean;
  sharedTopics: readonly string[];
  startedAt: Date;
  endedAt: Date | null;
  promptsSent: number;
  promptsAnswered: number;
}

export interface ReportFigures {
  generatedAt: Date;
  participants: {
    mentorsOpen: number;
    menteesWaiting: number;
    proposalsPending: number;
    pairsActive: number;
    pairsPaused: number;
    pairsEnded: number;
  };
  topics: TopicFigure[];
  pairsByLevelGap: { levelGap: number; pairs: number }[];
  crossDepartmentShare: number | null;
  medianDaysToMatch: number | null;
  weeks: WeekFigure[];
  feedback: { count: number; averageRating: number | null; recommendShare: number | null };
  attention: AttentionItem[];
  pairRows: PairRow[];
}

/** How many ISO weeks of prompt activity the report shows. */
export const REPORT_WEEKS = 8;
/** An active pair that has had at least this many prompts... */
export const INACTIVE_MIN_PROMPTS = 3;
/** ...and has not answered any for this many days is listed as needing attention. */
export const INACTIVE_AFTER_DAYS = 21;
export const INACTIVE_REASON = 'inactive';
export const DELIVERY_FAILED_REASON = 'prompt delivery failed';

const DAY_MS = 24 * 60 * 60 * 1000;

export function computeReportFigures(data: ReportData, generatedAt: Date): ReportFigures {
  return {
    generatedAt: new Date(generatedAt.getTime()),
    participants: {
      // Counted by status, not spare capacity: a full offer is still a mentor taking part.
      mentorsOpen: data.offers.filter((offer) => offer.status === 'open').length,
      menteesWaiting: data.requests.filter((request) => request.status === 'open').length,
      proposalsPending: data.proposals.filter((proposal) => proposal.status === 'pending').length,
      pairsActive: data.pairs.filter((pair) => pair.status === 'active').length,
      pairsPaused: data.pairs.filter((pair) => pair.status === 'paused').length,
      pairsEnded: data.pairs.filter((pair) => pair.status === 'ended').length,
    },
    topics: topicFigures(data),
    pairsByLevelGap: levelGapHistogram(data.pairs),
    crossDepartmentShare: share(data.pairs.filter((pair) => pair.crossDepartment).length, data.pairs.length),
    medianDaysToMatch: median(
      data.requests.flatMap((request) =>
        request.matchedAt === null
          ? []
          : [(request.matchedAt.getTime() - request.createdAt.getTime()) / DAY_MS],
      ),
    ),
    weeks: weekFigures(data.deliveries, generatedAt),
    feedback: feedbackFigures(data.feedback),
    attention: attentionItems(data.pairs, generatedAt),
    pairRows: [...data.pairs].sort((a, b) => a.id - b.id).map(pairRow),
  };
}

/** The `count` ISO week keys ending with `weekKey`, oldest first. */
export function previousIsoWeeks(weekKey: string, count: number): string[] {
  const weeks: string[] = [];
  for (let back = count - 1; back >= 0; back -= 1) weeks.push(addIsoWeeks(weekKey, -back));
  return weeks;
}

export function median(values: readonly number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle];
  if (upper === undefined) return null;
  if (sorted.length % 2 === 1) return upper;
  const lower = sorted[middle - 1];
  return lower === undefined ? upper : (lower + upper) / 2;
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

function topicFigures(data: ReportData): TopicFigure[] {
  const byTopic = new Map<string, TopicFigure>();
  const figure = (topic: string): TopicFigure => {
    let existing = byTopic.get(topic);
    if (!existing) {
      existing = { topic, offers: 0, requests: 0, gap: 0 };
      byTopic.set(topic, existing);
    }
    return existing;
  };
  // A Set per offer/request so a topic listed twice on one form is not counted twice.
  for (const offer of data.offers) {
    if (offer.status !== 'open') continue;
    for (const topic of new Set(offer.topicNames)) figure(topic).offers += 1;
  }
  for (const request of data.requests) {
    if (request.status !== 'open') continue;
    for (const topic of new Set(request.topicNames)) figure(topic).requests += 1;
  }
  const topics = [...byTopic.values()].map((topic) => ({ ...topic, gap: topic.requests - topic.offers }));
  // Largest shortage first: that is where admins should go looking for mentors.
  return topics.sort((a, b) => b.gap - a.gap || compareText(a.topic, b.topic));
}

function levelGapHistogram(pairs: readonly ReportPair[]): { levelGap: number; pairs: number }[] {
  const counts = new Map<number, number>();
  for (const pair of pairs) counts.set(pair.levelGap, (counts.get(pair.levelGap) ?? 0) + 1);
  return [...counts.entries()]
    .map(([levelGap, count]) => ({ levelGap, pairs: count }))
    .sort((a, b) => a.levelGap - b.levelGap);
}

function weekFigures(deliveries: ReportData['deliveries'], generatedAt: Date): WeekFigure[] {
  const weeks = previousIsoWeeks(isoWeekKey(generatedAt, 'UTC'), REPORT_WEEKS).map((weekKey): WeekFigure => ({
    weekKey,
    sent: 0,
    answered: 0,
    answerRate: null,
  }));
  const byKey = new Map(weeks.map((week) => [week.weekKey, week]));
  for (const delivery of deliveries) {
    // Reserved and failed deliveries never reached the pair, so they count neither as sent nor answered.
    if (delivery.status !== 'sent') continue;
    const week = byKey.get(delivery.weekKey);
    if (!week) continue;
    week.sent += 1;
    if (delivery.answered) week.answered += 1;
  }
  return weeks.map((week) => ({ ...week, answerRate: share(week.answered, week.sent) }));
}

function feedbackFigures(feedback: ReportData['feedback']): ReportFigures['feedback'] {
  const ratingSum = feedback.reduce((sum, entry) => sum + entry.rating, 0);
  // People who skipped the "would you recommend" question are left out rather than counted as a no.
  const recommendAnswers = feedback.filter((entry) => entry.wouldRecommend !== null);
  return {
    count: feedback.length,
    averageRating: feedback.length === 0 ? null : ratingSum / feedback.length,
    recommendShare: share(
      recommendAnswers.filter((entry) => entry.wouldRecommend === true).length,
      recommendAnswers.length,
    ),
  };
}

function attentionItems(pairs: readonly ReportPair[], generatedAt: Date): AttentionItem[] {
  const quietSince = generatedAt.getTime() - INACTIVE_AFTER_DAYS * DAY_MS;
  const items: AttentionItem[] = [];
  for (const pair of [...pairs].sort((a, b) => a.id - b.id)) {
    const inactive =
      pair.status === 'active' &&
      pair.promptsSent >= INACTIVE_MIN_PROMPTS &&
      (pair.lastAnsweredAt === null || pair.lastAnsweredAt.getTime() < quietSince);
    // One line per pair: an explicit flag already explains more than a failed delivery, which in turn
    // explains more than 'inactive' would (an unreachable pair cannot answer).
    const flagged = pair.needsAttention !== null && pair.needsAttention.trim() !== '';
    const reason = flagged
      ? pair.needsAttention
      : pair.lastDeliveryError != null
        ? deliveryFailedReason(pair.lastDeliveryError)
        : inactive
          ? INACTIVE_REASON
          : null;
    if (reason === null) continue;
    items.push({ pairId: pair.id, mentorName: pair.mentorName, menteeName: pair.menteeName, reason });
  }
  return items;
}

function deliveryFailedReason(error: string): string {
  // Slack error codes are short snake_case words; anything else is not shown, in case it carries data.
  return /^[a-z0-9_]{1,60}$/.test(error) ? `${DELIVERY_FAILED_REASON} (${error})` : DELIVERY_FAILED_REASON;
}

function pairRow(pair: ReportPair): PairRow {
  return {
    id: pair.id,
    mentor: pair.mentorName ?? pair.mentorId,
    mentee: pair.menteeName ?? pair.menteeId,
    mentorId: pair.mentorId,
    menteeId: pair.menteeId,
    status: pair.status,
    levelGap: pair.levelGap,
    crossDepartment: pair.crossDepartment,
    sharedTopics: [...pair.sharedTopics],
    startedAt: new Date(pair.startedAt.getTime()),
    endedAt: pair.endedAt === null ? null : new Date(pair.endedAt.getTime()),
    promptsSent: pair.promptsSent,
    promptsAnswered: pair.promptsAnswered,
  };
}

function compareText(a: string, b: string): number {
  // Fixed locale so every presentation and every server sorts topics identically.
  return a.localeCompare(b, 'en') || (a < b ? -1 : a > b ? 1 : 0);
}
