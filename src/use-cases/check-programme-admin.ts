import type { Config } from '../config';
import type { Clock } from '../ports/clock';
import type { Messenger } from '../ports/messenger';
import type { ProgrammeAdminsRepository } from '../storage/programme-admins-repository';

export interface CheckProgrammeAdminDeps {
  config: Pick<Config, 'adminUserIds'>;
  programmeAdmins: Pick<ProgrammeAdminsRepository, 'rightsOf'>;
  messenger: Pick<Messenger, 'fetchProfile'>;
  clock: Clock;
}

// Admin rights can be taken away: a member's stored workspace role counts only while this fresh.
export const ADMIN_PROFILE_MAX_AGE_MS = 10 * 60 * 1000;

/**
 * True for programme admins: people listed in MENTOR_ADMINS, people an admin added in Slack, and Slack
 * workspace admins and owners (a member's stored role when at most ADMIN_PROFILE_MAX_AGE_MS old, else
 * users.info). Stores nothing: asking whether someone is an admin must not create or change a profile.
 */
export async function isProgrammeAdmin(
  deps: CheckProgrammeAdminDeps,
  teamId: string,
  userId: string,
): Promise<boolean> {
  if (deps.config.adminUserIds.includes(userId)) return true;
  const { listed, storedRole } = await deps.programmeAdmins.rightsOf(teamId, userId);
  if (listed) return true;
  const fetchedAt = storedRole?.fetchedAt;
  if (storedRole != null && fetchedAt != null) {
    if (deps.clock.now().getTime() - fetchedAt.getTime() < ADMIN_PROFILE_MAX_AGE_MS) {
      return storedRole.isWorkspaceAdmin;
    }
  }
  return (await deps.messenger.fetchProfile(userId)).isWorkspaceAdmin;
}
