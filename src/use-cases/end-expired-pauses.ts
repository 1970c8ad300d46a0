// The scheduler's part of pausing: a break taken for N weeks ends by itself once the weeks are up.
import { errorSummary } from '../errors';
import type { ParticipationRepository } from '../storage/participation-repository';
import { resumeParticipation, type ResumeParticipationDeps } from './resume-participation';

export interface EndExpiredPausesDeps extends ResumeParticipationDeps {
  participation: Pick<ParticipationRepository, 'resume' | 'expiredPauses'>;
}

export async function endExpiredPauses(
  deps: EndExpiredPausesDeps,
  now: Date,
): Promise<{ resumed: number; failed: number }> {
  const due = await deps.participation.expiredPauses(now);
  let resumed = 0;
  let failed = 0;
  for (const { teamId, userId } of due) {
    // One person's failure must not keep the others on a break.
    try {
      const result = await resumeParticipation(deps, teamId, userId, { expiredOnly: true });
      if (result.kind === 'resumed') resumed += 1;
    } catch (error) {
      failed += 1;
      deps.logger.error({ teamId, err: errorSummary(error) }, 'could not end an expired pause');
    }
  }
  return { resumed, failed };
}
