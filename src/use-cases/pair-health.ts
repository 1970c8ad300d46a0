// What a programme admin sees and does in the pair-health view: the lists of what needs a human, and the
// actions on them — nudge a pair, end a pairing (the reason stays with the admins), run matching now, and
// suggest one eligible mentor to a waiting mentee (still a proposal the mentor answers as always). Each action
// is recorded in the audit log; a Slack failure toward one person is logged and never stops the rest.
import { expiringBefore, quietSince, type PairHealth } from '../domain/pair-health';
import { isEligible, pastPairKeys, scoreMatch, type MentorOffer } from '../domain/match-rules';
import { errorSummary } from '../errors';
import type { Logger } from '../logger';
import type { Clock } from '../ports/clock';
import type { Messenger } from '../ports/messenger';
import type { HeadlineFigures, PairHealthRepository } from '../storage/pair-health-repository';
import { adminEndedMessage, nudgeMessage } from '../views/admin-pair-health';
import { bestEffort } from './best-effort';
import type { SettingsFor } from './programme-settings';
import { askMentor, runMatching, toMatchInput, type MatchingDeps } from './run-matching';

export interface PairHealthDeps {
  pairHealth: PairHealthRepository;
  clock: Clock;
}

export async function readPairHealth(deps: PairHealthDeps, teamId: string): Promise<PairHealth> {
  const now = deps.clock.now();
  return deps.pairHealth.load(teamId, {
    now,
    quietSince: quietSince(now),
    expiringBefore: expiringBefore(now),
  });
}

export function readHeadlines(deps: PairHealthDeps, teamId: string): Promise<HeadlineFigures> {
  return deps.pairHealth.headlines(teamId);
}

export interface PairActionDeps extends PairHealthDeps {
  messenger: Pick<Messenger, 'postMessage' | 'sendDirectMessage'>;
  logger: Logger;
  rematch(teamId: string): Promise<void>;
  refreshHome(teamId: string, userId: string): Promise<void>;
  settingsFor: SettingsFor;
}

export type NudgeResult = 'nudged' | 'not-running' | 'not-delivered';

/** A friendly note in the pair's group DM. */
export async function nudgePair(
  deps: PairActionDeps,
  action: { teamId: string; actorId: string; pairId: number },
): Promise<NudgeResult> {
  const pair = await deps.pairHealth.findRunningPair(action.teamId, action.pairId);
  if (pair === null) return 'not-running';
  if (pair.channelId === null) return 'not-delivered';
  try {
    await deps.messenger.postMessage(pair.channelId, nudgeMessage());
  } catch (error) {
    deps.logger.warn(
      { teamId: action.teamId, pairId: pair.pairId, err: errorSummary(error) },
      'nudge not delivered',
    );
    return 'not-delivered';
  }
  await deps.pairHealth.recordAdminAction({
    teamId: action.teamId,
    actorId: action.actorId,
    action: 'pair.nudged',
    subject: `pair ${pair.pairId}`,
    before: null,
    after: null,
    at: deps.clock.now(),
  });
  deps.logger.info({ teamId: action.teamId, pairId: pair.pairId }, 'admin nudged a pair');
  return 'nudged';
}

/**
 * Ends a running pairing. The reason is kept in the audit log for admins; both people are told kindly and
 * neutrally, without it; the mentor's place is free again, so matching runs.
 */
export async function endPairingAsAdmin(
  deps: PairActionDeps,
  action: { teamId: string; actorId: string; pairId: number; reason: string },
  /** Called once the end is stored, before anyone is told (a modal can be answered in time). */
  onStored?: (result: 'ended' | 'not-running') => Promise<void>,
): Promise<'ended' | 'not-running'> {
  const { teamId, pairId } = action;
  const result = await deps.pairHealth.endPairByAdmin(teamId, pairId, {
    actorId: action.actorId,
    reason: action.reason,
    at: deps.clock.now(),
  });
  await onStored?.(result.kind);
  if (result.kind !== 'ended') return 'not-running';
  deps.logger.info({ teamId, pairId }, 'admin ended a pairing');
  const people = [result.pair.mentorId, result.pair.menteeId].filter((id): id is string => id !== null);
  const { programmeName } = await deps.settingsFor(teamId);
  for (const userId of people) {
    await bestEffort(deps.logger, 'tell a member an admin ended their pairing', { teamId, pairId }, () =>
      deps.messenger.sendDirectMessage(userId, adminEndedMessage(programmeName)),
    );
  }
  for (const userId of people) await deps.refreshHome(teamId, userId);
  await bestEffort(deps.logger, 'run matching after a pairing ended', { teamId }, () => deps.rematch(teamId));
  return 'ended';
}

export interface AdminMatchingDeps {
  matching: MatchingDeps;
  pairHealth: Pick<PairHealthRepository, 'recordAdminAction'>;
}

export async function runMatchingNow(
  deps: AdminMatchingDeps,
  action: { teamId: string; actorId: string },
): Promise<{ proposed: number; waitlisted: number }> {
  const run = await runMatching(deps.matching, action.teamId);
  const summary = { proposed: run.proposed.length, waitlisted: run.waitlisted };
  await deps.pairHealth.recordAdminAction({
    teamId: action.teamId,
    actorId: action.actorId,
    action: 'matching.run',
    subject: 'matching',
    before: null,
    after: summary,
    at: deps.matching.clock.now(),
  });
  return summary;
}

/** What deciding a mentee's eligible mentors reads: the pool, the workspace's settings and its ladder. */
type EligibilityDeps = Pick<MatchingDeps, 'matchingPool' | 'clock' | 'settingsFor' | 'organisation'>;

export interface EligibleMentor {
  offerId: number;
  mentorId: string;
  sharedTopics: string[];
  score: number;
}

/** Up to this many, best first: a select menu holds at most 100 options. */
export const MAX_SUGGESTIONS = 100;

/**
 * The mentors the matching rules allow for this waiting mentee, best first; null when the request is no longer
 * waiting (matched, withdrawn, being asked about, or its owner is on a break).
 */
export async function eligibleMentors(
  deps: EligibilityDeps,
  teamId: string,
  requestId: number,
): Promise<{ menteeId: string; mentors: EligibleMentor[] } | null> {
  const found = await eligibleFor(deps, teamId, requestId);
  if (found === null) return null;
  const names = await deps.matchingPool.topicNames(
    teamId,
    found.mentors.flatMap((m) => m.sharedTopicIds),
  );
  return {
    menteeId: found.mentee.menteeId,
    mentors: found.mentors.slice(0, MAX_SUGGESTIONS).map((m) => ({
      offerId: m.offerId,
      mentorId: m.mentorId,
      score: m.score,
      sharedTopics: m.sharedTopicIds.map((id) => names.get(id) ?? `#${id}`),
    })),
  };
}

async function eligibleFor(deps: EligibilityDeps, teamId: string, requestId: number) {
  const now = deps.clock.now();
  const pool = await deps.matchingPool.loadPool(teamId, now);
  const [{ minLevelGap }, organisation] = await Promise.all([
    deps.settingsFor(teamId),
    deps.organisation.load(teamId),
  ]);
  const input = toMatchInput(pool, now, minLevelGap, organisation);
  const mentee = input.mentees.find((candidate) => candidate.requestId === requestId);
  if (mentee === undefined) return null;
  const past = pastPairKeys(input.pastPairs);
  const mentors = input.mentors
    .filter((mentor) => isEligible(mentor, mentee, minLevelGap, past))
    .map((mentor: MentorOffer) => {
      const { score, reasons } = scoreMatch(mentor, mentee);
      return {
        offerId: mentor.offerId,
        mentorId: mentor.mentorId,
        score,
        reasons,
        sharedTopicIds: reasons.sharedTopicIds,
      };
    })
    .sort((a, b) => b.score - a.score || a.offerId - b.offerId);
  return { mentee, mentors };
}

export type SuggestResult = 'proposed' | 'not-eligible' | 'not-delivered';

/** Proposes this mentor to the waiting mentee, if the matching rules still allow it; the mentor is asked. */
export async function suggestMentor(
  deps: AdminMatchingDeps,
  action: { teamId: string; actorId: string; requestId: number; offerId: number },
): Promise<SuggestResult> {
  const m = deps.matching;
  const { teamId } = action;
  const found = await eligibleFor(m, teamId, action.requestId);
  const chosen = found?.mentors.find((mentor) => mentor.offerId === action.offerId);
  if (found === null || chosen === undefined) return 'not-eligible';
  const now = m.clock.now();
  const { proposalTtlHours } = await m.settingsFor(teamId);
  const ids = await m.proposals.insertProposals(
    teamId,
    [
      {
        requestId: found.mentee.requestId,
        offerId: chosen.offerId,
        mentorId: chosen.mentorId,
        menteeId: found.mentee.menteeId,
        score: chosen.score,
        reasons: chosen.reasons,
      },
    ],
    now,
    new Date(now.getTime() + proposalTtlHours * 60 * 60 * 1000),
  );
  const [proposal] = await m.proposals.findProposals(teamId, ids);
  if (proposal === undefined) return 'not-eligible';
  await deps.pairHealth.recordAdminAction({
    teamId,
    actorId: action.actorId,
    action: 'mentor.suggested',
    subject: `proposal ${proposal.id}`,
    before: null,
    after: { mentorId: chosen.mentorId, menteeId: found.mentee.menteeId },
    at: now,
  });
  return (await askMentor(m, proposal, proposalTtlHours)) ? 'proposed' : 'not-delivered';
}
