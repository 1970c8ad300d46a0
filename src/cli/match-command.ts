// `mentor-circles match`: one matching run for every workspace with open requests, printed for the operator.
import pino from 'pino';
import type { Config } from '../config';
import { matchingDeps } from '../composition/use-case-deps';
import { closeContext, createContext } from '../composition/wiring';
import { matchAllTeams } from '../use-cases/match-all-teams';
import type { MatchingRun } from '../use-cases/run-matching';

export async function runMatchCommand(config: Config): Promise<number> {
  // Logs go to stderr so that stdout holds only the report.
  const context = await createContext(config, { logDestination: pino.destination({ dest: 2, sync: true }) });
  try {
    const runs = await matchAllTeams(matchingDeps(context));
    console.log(describeRuns(runs));
    return 0;
  } finally {
    await closeContext(context);
  }
}

export function describeRuns(runs: readonly MatchingRun[]): string {
  if (runs.length === 0) return 'No open requests: nothing to match.';
  const lines: string[] = [];
  for (const run of runs) {
    const proposals = run.proposed.length === 1 ? '1 proposal' : `${run.proposed.length} proposals`;
    lines.push(
      `Workspace ${run.teamId}: ${proposals}; ${run.waitlisted} waitlisted (${run.newlyWaitlisted} told now)`,
    );
    for (const proposal of run.proposed) {
      lines.push(
        `  ${proposal.mentee.name} ← ${proposal.mentor.name}  score ${proposal.score}  shared: ${proposal.reasons.sharedTopics.join(', ')}`,
      );
    }
  }
  return lines.join('\n');
}
