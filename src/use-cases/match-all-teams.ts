// Runs matching for every workspace with open requests: the daily job and `mentor-circles match`.
import { errorSummary } from '../errors';
import { runMatching, type MatchingDeps, type MatchingRun } from './run-matching';

export async function matchAllTeams(deps: MatchingDeps): Promise<MatchingRun[]> {
  const runs: MatchingRun[] = [];
  for (const teamId of await deps.matchingPool.teamsWithOpenRequests()) {
    try {
      runs.push(await runMatching(deps, teamId));
    } catch (error) {
      deps.logger.error({ teamId, err: errorSummary(error) }, 'matching failed for a workspace');
    }
  }
  return runs;
}
