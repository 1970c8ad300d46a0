// A mentor's answer to a proposal. Accept stores the pair, opens the pair's group DM and introduces them;
// decline frees the mentee for the next best mentor. Clicks that come too late or twice change nothing and
// get a polite answer instead.
import { errorSummary } from '../errors';
import type { PostedRef } from '../ports/messenger';
import { introductionMessage } from '../views/introduction-message';
import {
  decisionRefusalText,
  proposalClosedMessage,
  proposalGoneMessage,
  type ProposalClosing,
} from '../views/proposal-messages';
import type { ProposalDetails } from '../storage/proposals-repository';
import { runMatching, type MatchingDeps } from './run-matching';

export type Decision = 'accept' | 'decline';

export interface ProposalClick {
  teamId: string;
  userId: string;
  proposalId: number;
  decision: Decision;
  /** The message the button was in: used when the proposal has no stored message reference. */
  clicked: PostedRef | null;
}

export interface DecisionReply {
  /** What only the clicking person should see; null when the updated message says it all. */
  ephemeral: string | null;
  /** Whether the click changed anything (a refused click changes nothing, not even the clicker's Home). */
  changed: boolean;
}

export async function decideProposal(deps: MatchingDeps, click: ProposalClick): Promise<DecisionReply> {
  const now = deps.clock.now();
  const { teamId, userId, proposalId } = click;

  if (click.decision === 'decline') {
    const outcome = await deps.proposals.declineProposal(teamId, proposalId, userId, now);
    switch (outcome.kind) {
      case 'declined':
        await closeProposalMessage(deps, click, 'declined');
        await rematch(deps, teamId);
        return { ephemeral: null, changed: true };
      case 'expired':
        await closeProposalMessage(deps, click, 'expired');
        await rematch(deps, teamId);
        return { ephemeral: decisionRefusalText(outcome), changed: true };
      default:
        return { ephemeral: decisionRefusalText(outcome), changed: false };
    }
  }

  const { pairTermWeeks } = await deps.settingsFor(teamId);
  const outcome = await deps.proposals.acceptProposal(teamId, proposalId, userId, now, pairTermWeeks);
  switch (outcome.kind) {
    case 'accepted': {
      const [proposal] = await deps.proposals.findProposals(teamId, [proposalId]);
      const introduced = proposal !== undefined && (await introducePair(deps, proposal, outcome.pairId));
      await closeProposalMessage(deps, click, 'accepted', { introduced }, proposal);
      return { ephemeral: null, changed: true };
    }
    case 'expired':
      await closeProposalMessage(deps, click, 'expired');
      await rematch(deps, teamId);
      return { ephemeral: decisionRefusalText(outcome), changed: true };
    case 'unavailable':
      await closeProposalMessage(deps, click, outcome.reason);
      await rematch(deps, teamId);
      return { ephemeral: decisionRefusalText(outcome), changed: true };
    default:
      return { ephemeral: decisionRefusalText(outcome), changed: false };
  }
}

// The group DM is opened once, here; its id is kept on the pair so weekly prompts never open it again.
async function introducePair(
  deps: MatchingDeps,
  proposal: ProposalDetails,
  pairId: number,
): Promise<boolean> {
  const { teamId } = proposal;
  try {
    const channel = await deps.messenger.openConversation([proposal.mentor.userId, proposal.mentee.userId]);
    await deps.proposals.setPairChannel(teamId, pairId, channel);
    await deps.messenger.postMessage(
      channel,
      introductionMessage({
        mentor: proposal.mentor,
        mentee: proposal.mentee,
        sharedTopics: proposal.reasons.sharedTopics,
        goals: proposal.goals,
      }),
    );
    return true;
  } catch (error) {
    deps.logger.error({ teamId, pairId, err: errorSummary(error) }, 'could not introduce the pair');
    return false;
  }
}

/** Replaces the proposal DM with how it ended, so its buttons cannot be used again. */
export async function closeProposalMessage(
  deps: MatchingDeps,
  click: Pick<ProposalClick, 'teamId' | 'proposalId' | 'clicked'>,
  closing: ProposalClosing,
  options: { introduced: boolean } = { introduced: true },
  known?: ProposalDetails,
): Promise<void> {
  const proposal = known ?? (await deps.proposals.findProposals(click.teamId, [click.proposalId]))[0];
  const ref = proposal?.message ?? click.clicked;
  if (ref === null) return;
  const message =
    proposal === undefined ? proposalGoneMessage() : proposalClosedMessage(proposal, closing, options);
  try {
    await deps.messenger.updateMessage(ref, message);
  } catch (error) {
    deps.logger.warn(
      { teamId: click.teamId, proposalId: click.proposalId, err: errorSummary(error) },
      'could not update the proposal message',
    );
  }
}

async function rematch(deps: MatchingDeps, teamId: string): Promise<void> {
  try {
    await runMatching(deps, teamId);
  } catch (error) {
    // The daily run picks the mentee up again; the mentor's answer is already stored.
    deps.logger.error({ teamId, err: errorSummary(error) }, 'matching after a decision failed');
  }
}
