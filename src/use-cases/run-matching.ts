// Runs the matcher over one workspace's pool, stores the proposals and asks each mentor for consent; tells
// mentees that someone is being asked, or, once, that they are on the waitlist.
import type { MatchInput } from '../domain/match-rules';
import type { MatchResult } from '../domain/matching';
import { levelPosition, type Organisation } from '../domain/organisation';
import type { Logger } from '../logger';
import type { Clock } from '../ports/clock';
import type { Matcher } from '../ports/matcher';
import type { Messenger } from '../ports/messenger';
import { errorSummary } from '../errors';
import { menteeProposalNotice, proposalRequestMessage, waitlistMessage } from '../views/proposal-messages';
import type { MatchingPool, MatchingPoolRepository } from '../storage/matching-pool-repository';
import type { OrganisationRepository } from '../storage/organisation-repository';
import type { ProposalDetails, ProposalDraft, ProposalsRepository } from '../storage/proposals-repository';
import type { SettingsFor } from './programme-settings';

export interface MatchingDeps {
  matchingPool: MatchingPoolRepository;
  /** The workspace's ladder: the matcher compares places on it. */
  organisation: Pick<OrganisationRepository, 'load'>;
  proposals: ProposalsRepository;
  matcher: Matcher;
  messenger: Pick<Messenger, 'sendDirectMessage' | 'updateMessage' | 'openConversation' | 'postMessage'>;
  clock: Clock;
  logger: Logger;
  /** The workspace's minimum level gap and proposal expiry. */
  settingsFor: SettingsFor;
}

export interface MatchingRun {
  teamId: string;
  /** Proposals stored and sent to their mentor in this run. */
  proposed: ProposalDetails[];
  /** Open requests nobody fits right now. */
  waitlisted: number;
  /** Of those, the ones told about the waitlist in this run (everyone is told once). */
  newlyWaitlisted: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/**
 * The pool as the matcher sees it: each person's level is their level's place on the workspace's ladder (1 the
 * most junior), so a reordered ladder changes who may mentor whom from the next run on.
 */
export function toMatchInput(
  pool: MatchingPool,
  now: Date,
  minLevelGap: number,
  org: Organisation,
): MatchInput {
  const excludes = (userId: string) => pool.excludes.get(userId) ?? [];
  const onLadder = <T extends { level: number }>(people: readonly T[]) =>
    people.flatMap((person) => {
      const position = levelPosition(org, person.level);
      return position === null ? [] : [{ ...person, level: position }];
    });
  return {
    mentors: onLadder(pool.offers).map((offer) => ({
      offerId: offer.offerId,
      mentorId: offer.mentorId,
      level: offer.level,
      department: offer.department,
      topicIds: offer.topicIds,
      freeCapacity: offer.freeCapacity,
      excludes: excludes(offer.mentorId),
    })),
    mentees: onLadder(pool.requests).map((request) => ({
      requestId: request.requestId,
      menteeId: request.menteeId,
      level: request.level,
      department: request.department,
      topicIds: request.topicIds,
      // Whole days keep every score an integer, which lets the matcher prove its result optimal.
      waitingDays: Math.max(0, Math.floor((now.getTime() - request.createdAt.getTime()) / DAY_MS)),
      excludes: excludes(request.menteeId),
    })),
    pastPairs: pool.pastPairs,
    minLevelGap,
  };
}

export async function runMatching(deps: MatchingDeps, teamId: string): Promise<MatchingRun> {
  const now = deps.clock.now();
  const nothingToMatch = { teamId, proposed: [], waitlisted: 0, newlyWaitlisted: 0 };
  // Most changes that ask for a run (a pause, an ended pairing) leave nobody waiting: then the whole pool, with
  // everyone ever paired, is not worth reading.
  if (!(await deps.matchingPool.hasOpenRequests(teamId))) return nothingToMatch;
  const pool = await deps.matchingPool.loadPool(teamId, now);
  if (pool.requests.length === 0) return nothingToMatch;

  const { minLevelGap, proposalTtlHours } = await deps.settingsFor(teamId);
  const org = await deps.organisation.load(teamId);
  const result = await deps.matcher.proposeMatches(toMatchInput(pool, now, minLevelGap, org));
  const drafts = proposalDrafts(result, org);
  const expiresAt = new Date(now.getTime() + proposalTtlHours * HOUR_MS);
  const ids = await deps.proposals.insertProposals(teamId, drafts, now, expiresAt);
  const stored = await deps.proposals.findProposals(teamId, ids);

  const proposed: ProposalDetails[] = [];
  for (const proposal of stored) {
    if (await askMentor(deps, proposal, proposalTtlHours)) proposed.push(proposal);
  }
  const newlyWaitlisted = await tellWaitlisted(deps, teamId, pool, result.unmatchedRequestIds, now);
  deps.logger.info(
    { teamId, proposed: proposed.length, waitlisted: result.unmatchedRequestIds.length, newlyWaitlisted },
    'matching run',
  );
  return { teamId, proposed, waitlisted: result.unmatchedRequestIds.length, newlyWaitlisted };
}

/** The matcher's proposals as stored, with level ids (they name a level even after the ladder changes). */
export function proposalDrafts(result: MatchResult, org: Organisation): ProposalDraft[] {
  const levelIdAt = (position: number) => org.ladder[position - 1]?.id ?? position;
  return result.proposals.map((proposal) => ({
    requestId: proposal.requestId,
    offerId: proposal.offerId,
    mentorId: proposal.mentorId,
    menteeId: proposal.menteeId,
    score: proposal.score,
    reasons: {
      ...proposal.reasons,
      mentorLevel: levelIdAt(proposal.reasons.mentorLevel),
      menteeLevel: levelIdAt(proposal.reasons.menteeLevel),
    },
  }));
}

// A proposal the mentor never sees could only expire, holding the mentee back for days: withdraw it instead,
// and the next run (the daily one at the latest) tries again.
export async function askMentor(
  deps: MatchingDeps,
  proposal: ProposalDetails,
  ttl: number,
): Promise<boolean> {
  const log = { teamId: proposal.teamId, proposalId: proposal.id };
  try {
    const ref = await deps.messenger.sendDirectMessage(
      proposal.mentor.userId,
      proposalRequestMessage(proposal, ttl),
    );
    await deps.proposals.setProposalMessage(proposal.teamId, proposal.id, ref);
  } catch (error) {
    deps.logger.error({ ...log, err: errorSummary(error) }, 'could not ask the mentor; proposal withdrawn');
    await deps.proposals.cancelProposal(proposal.teamId, proposal.id, deps.clock.now());
    return false;
  }
  try {
    await deps.messenger.sendDirectMessage(proposal.mentee.userId, menteeProposalNotice(proposal, ttl));
  } catch (error) {
    deps.logger.warn(
      { ...log, err: errorSummary(error) },
      'could not tell the mentee a mentor is being asked',
    );
  }
  return true;
}

export async function tellWaitlisted(
  deps: MatchingDeps,
  teamId: string,
  pool: MatchingPool,
  unmatchedRequestIds: readonly number[],
  now: Date,
): Promise<number> {
  const unmatched = new Set(unmatchedRequestIds);
  const candidates = pool.requests.filter(
    (request) => unmatched.has(request.requestId) && request.waitlistNotifiedAt === null,
  );
  if (candidates.length === 0) return 0;
  // Claimed before sending, so two runs at once never tell the same person twice.
  const claimed = new Set(
    await deps.matchingPool.claimWaitlistNotices(
      teamId,
      candidates.map((request) => request.requestId),
      now,
    ),
  );
  const toTell = candidates.filter((request) => claimed.has(request.requestId));
  const names = await deps.matchingPool.topicNames(
    teamId,
    toTell.flatMap((request) => request.topicIds),
  );
  let told = 0;
  for (const request of toTell) {
    const topics = request.topicIds
      .map((id) => names.get(id))
      .filter((name) => name !== undefined)
      .sort((a, b) => a.localeCompare(b));
    try {
      await deps.messenger.sendDirectMessage(request.menteeId, waitlistMessage(topics));
      told += 1;
    } catch (error) {
      deps.logger.warn(
        { teamId, requestId: request.requestId, err: errorSummary(error) },
        'could not tell the mentee about the waitlist; will try again next run',
      );
      await deps.matchingPool.releaseWaitlistNotice(teamId, request.requestId);
    }
  }
  return told;
}
