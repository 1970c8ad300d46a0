import type { Config } from '../config';
import { refreshMemberProfile, type RefreshProfileDeps } from './refresh-member-profile';

export interface CheckProgrammeAdminDeps extends RefreshProfileDeps {
  config: Pick<Config, 'adminUserIds'>;
}

// Admin rights can be taken away: the workspace role is cached only briefly, and checked on every call.
export const ADMIN_PROFILE_MAX_AGE_MS = 10 * 60 * 1000;

/**
 * True for programme admins: people listed in MENTOR_ADMINS, and Slack workspace admins and owners (per
 * users.info, at most ADMIN_PROFILE_MAX_AGE_MS old).
 */
export async function isProgrammeAdmin(
  deps: CheckProgrammeAdminDeps,
  teamId: string,
  userId: string,
): Promise<boolean> {
  if (deps.config.adminUserIds.includes(userId)) return true;
  const member = await refreshMemberProfile(deps, teamId, userId, ADMIN_PROFILE_MAX_AGE_MS);
  return member.isWorkspaceAdmin;
}
