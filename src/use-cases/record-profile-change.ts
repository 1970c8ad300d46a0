// Slack told us someone's profile changed: refresh what we keep of it, but only for people who joined.
import type { Logger } from '../logger';
import type { Clock } from '../ports/clock';
import type { SlackProfile } from '../ports/messenger';
import type { MembersRepository } from '../storage/members-repository';
import type { ProcessedEventsRepository } from '../storage/processed-events-repository';
import { profileFields } from './refresh-member-profile';

export interface RecordProfileChangeDeps {
  members: Pick<MembersRepository, 'find' | 'saveProfile'>;
  processedEvents: Pick<ProcessedEventsRepository, 'markProcessed'>;
  clock: Clock;
  logger: Logger;
}

/** True when the person is a member and their stored profile was refreshed. */
export async function recordProfileChange(
  deps: RecordProfileChangeDeps,
  teamId: string,
  eventId: string,
  profile: SlackProfile,
): Promise<boolean> {
  // Marked before the work: a retry of a refresh that failed halfway is not worth running twice for.
  if (!(await deps.processedEvents.markProcessed(teamId, eventId, deps.clock.now()))) return false;
  if (profile.deleted) return false;
  const member = await deps.members.find(teamId, profile.userId);
  if (member === null) return false;
  await deps.members.saveProfile(teamId, profile.userId, profileFields(profile), deps.clock.now());
  deps.logger.info({ teamId }, 'member profile refreshed');
  return true;
}
