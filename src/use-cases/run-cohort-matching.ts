// Matching a cohort at its start: everyone who signed up in its window is matched at once, through the same
// matcher as every other run (the global optimum over the whole cohort), with consent as usual — each mentor
// is asked, each mentee told. The cohort is claimed in the transaction that stores its proposals, so however
// many replicas tick, a cohort is matched exactly once. Whoever its start leaves unmatched (and whoever a
// mentor declines) waits in the evergreen pool from then on.
import type { Cohort } from '../domain/cohorts';
import { errorSummary } from '../errors';
import type { CohortsRepository } from '../storage/cohorts-repository';
import type { ProposalDetails } from '../storage/proposals-repository';
import { askMentor, proposalDrafts, tellWaitlisted, toMatchInput, type MatchingDeps } from './run-matching';

export interface CohortMatchingDeps extends MatchingDeps {
  cohorts: Pick<CohortsRepository, 'dueForMatching' | 'claimAndPropose'>;
}

export interface CohortMatchingRun {
  teamId: string;
  cohortId: number;
  /** False when another run had already matched it. */
  matched: boolean;
  proposed: number;
  waitlisted: number;
}

const HOUR_MS = 60 * 60 * 1000;

/** Matches every cohort whose start has come, each once; stops between cohorts when `signal` aborts. */
export async function matchDueCohorts(
  deps: CohortMatchingDeps,
  now: Date,
  signal?: AbortSignal,
): Promise<CohortMatchingRun[]> {
  const runs: CohortMatchingRun[] = [];
  for (const cohort of await deps.cohorts.dueForMatching(now)) {
    if (signal?.aborted === true) break;
    try {
      runs.push(await runCohortMatching(deps, cohort.teamId, cohort, now));
    } catch (error) {
      // Unclaimed: the next tick tries this cohort again.
      deps.logger.error(
        { teamId: cohort.teamId, cohortId: cohort.id, err: errorSummary(error) },
        'cohort matching failed',
      );
    }
  }
  return runs;
}

export async function runCohortMatching(
  deps: CohortMatchingDeps,
  teamId: string,
  cohort: Pick<Cohort, 'id'>,
  now: Date,
): Promise<CohortMatchingRun> {
  const pool = await deps.matchingPool.loadPool(teamId, now, cohort.id);
  const { minLevelGap, proposalTtlHours } = await deps.settingsFor(teamId);
  const org = await deps.organisation.load(teamId);
  const result =
    pool.requests.length === 0
      ? { proposals: [], unmatchedRequestIds: [], totalScore: 0, upperBound: 0 }
      : await deps.matcher.proposeMatches(toMatchInput(pool, now, minLevelGap, org));
  const expiresAt = new Date(now.getTime() + proposalTtlHours * HOUR_MS);
  const ids = await deps.cohorts.claimAndPropose(
    teamId,
    cohort.id,
    proposalDrafts(result, org),
    now,
    expiresAt,
  );
  if (ids === null) return { teamId, cohortId: cohort.id, matched: false, proposed: 0, waitlisted: 0 };

  const proposed: ProposalDetails[] = [];
  for (const proposal of await deps.proposals.findProposals(teamId, ids)) {
    if (await askMentor(deps, proposal, proposalTtlHours)) proposed.push(proposal);
  }
  const waitlisted = result.unmatchedRequestIds.length;
  await tellWaitlisted(deps, teamId, pool, result.unmatchedRequestIds, now);
  deps.logger.info(
    { teamId, cohortId: cohort.id, proposed: proposed.length, waitlisted },
    'cohort matching run',
  );
  return { teamId, cohortId: cohort.id, matched: true, proposed: proposed.length, waitlisted };
}
