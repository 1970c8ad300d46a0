// Proposals nobody answered in time expire: the mentor's message loses its buttons and the mentee goes to the
// next best mentor.
import { errorSummary } from '../errors';
import { closeProposalMessage } from './decide-proposal';
import { runMatching, type MatchingDeps } from './run-matching';

export interface ExpiryRun {
  expired: number;
  proposed: number;
}

export async function expireProposals(deps: MatchingDeps): Promise<ExpiryRun> {
  const now = deps.clock.now();
  let expired = 0;
  let proposed = 0;
  for (const teamId of await deps.proposals.teamsWithDueProposals(now)) {
    // One workspace failing must not keep the others' proposals from expiring.
    try {
      const ids = await deps.proposals.expireDueProposals(teamId, now);
      expired += ids.length;
      for (const proposalId of ids) {
        await closeProposalMessage(deps, { teamId, proposalId, clicked: null }, 'expired');
      }
      proposed += (await runMatching(deps, teamId)).proposed.length;
    } catch (error) {
      deps.logger.error({ teamId, err: errorSummary(error) }, 'expiring proposals failed');
    }
  }
  return { expired, proposed };
}
