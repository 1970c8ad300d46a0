// What the self-service use cases (pause, resume, end, feedback, leave) need, built once per request from the
// app context. Matching and the Home tab are passed in as plain functions so each use case reads as intent.
import type { Logger } from '../logger';
import type { Clock } from '../ports/clock';
import type { AppContext } from '../composition/app-context';
import type { Messenger } from '../ports/messenger';
import { errorSummary } from '../errors';
import type { MemberErasureRepository } from '../storage/member-erasure';
import type { ParticipationRepository } from '../storage/participation-repository';
import { publishHome } from './publish-home';
import { matchingDeps, runMatching } from './run-matching';

export interface SelfServiceDeps {
  participation: ParticipationRepository;
  erasure: MemberErasureRepository;
  messenger: Pick<Messenger, 'sendDirectMessage' | 'updateMessage' | 'publishHome'>;
  clock: Clock;
  logger: Logger;
  /** Runs the matcher for the workspace (a place was freed or someone came back). */
  rematch(teamId: string): Promise<void>;
  /** Republishes a person's Home tab. */
  refreshHome(teamId: string, userId: string): Promise<void>;
}

export function selfServiceDeps(context: AppContext): SelfServiceDeps {
  const logger = context.logger.child({ component: 'self-service' });
  return {
    participation: context.repos.participation,
    erasure: context.repos.erasure,
    messenger: context.messenger,
    clock: context.clock,
    logger,
    async rematch(teamId) {
      await runMatching(matchingDeps(context), teamId);
    },
    refreshHome: (teamId, userId) => publishHome(context, teamId, userId),
  };
}

/**
 * Runs one follow-up (a DM, a Home refresh, a matching run) and logs instead of throwing: the change itself is
 * already stored, and one person's closed DM must not keep the others from being told.
 */
export async function bestEffort(
  logger: Logger,
  what: string,
  fields: Record<string, unknown>,
  work: () => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    logger.warn({ ...fields, err: errorSummary(error) }, `could not ${what}`);
  }
}
