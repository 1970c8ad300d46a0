// Slack told us someone's profile changed: refresh what we keep of it, but only for people who joined.
import type { Clock } from '../ports/clock';
import type { SlackProfile } from '../ports/messenger';
import type { MembersRepository } from '../storage/members-repository';
import { profileFields } from './refresh-member-profile';

export interface RecordProfileChangeDeps {
  members: MembersRepository;
  clock: Clock;
}

/** True when the person is a member and their stored profile was refreshed. */
export async function recordProfileChange(
  deps: RecordProfileChangeDeps,
  teamId: string,
  profile: SlackProfile,
): Promise<boolean> {
  const member = await deps.members.find(teamId, profile.userId);
  if (member === null) return false;
  await deps.members.saveProfile(teamId, profile.userId, profileFields(profile), deps.clock.now());
  return true;
}
