import type { Messenger, SlackProfile } from '../ports/messenger';
import type { Clock } from '../ports/clock';
import type { Member, MembersRepository } from '../storage/members-repository';

export interface RefreshProfileDeps {
  members: Pick<MembersRepository, 'find' | 'saveProfile'>;
  messenger: Pick<Messenger, 'fetchProfile'>;
  clock: Clock;
}

// users.info is rate limited (Tier 4) and names rarely change; user_change events refresh sooner.
export const PROFILE_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * The member as stored, with name, time zone and admin flag no older than maxAgeMs; asks Slack only when the
 * cached profile is stale or missing.
 */
export async function refreshMemberProfile(
  deps: RefreshProfileDeps,
  teamId: string,
  userId: string,
  maxAgeMs = PROFILE_MAX_AGE_MS,
): Promise<Member> {
  const now = deps.clock.now();
  const cached = await deps.members.find(teamId, userId);
  const fresh =
    cached?.profileFetchedAt != null && now.getTime() - cached.profileFetchedAt.getTime() < maxAgeMs;
  if (cached !== null && fresh) return cached;
  const profile = await deps.messenger.fetchProfile(userId);
  await deps.members.saveProfile(teamId, userId, profileFields(profile), now);
  const saved = await deps.members.find(teamId, userId);
  if (saved === null) throw new Error('member vanished after saving');
  return saved;
}

export function profileFields(profile: SlackProfile) {
  return { name: profile.name, timeZone: profile.timeZone, isWorkspaceAdmin: profile.isWorkspaceAdmin };
}

/**
 * What every signup stores about the person besides the offer or request itself: their Slack profile (asked
 * of Slack here, before the save's transaction, so nothing slow runs while the database is locked) and the
 * fields both forms share.
 */
export async function signupMemberFields(
  deps: RefreshProfileDeps,
  teamId: string,
  userId: string,
  form: {
    level: number;
    department: string;
    excludedUserIds: readonly string[];
    topicIds: readonly number[];
    customTopics: readonly string[];
  },
) {
  const member = await refreshMemberProfile(deps, teamId, userId);
  const now = deps.clock.now();
  return {
    teamId,
    userId,
    profile: { name: member.name, timeZone: member.timeZone, isWorkspaceAdmin: member.isWorkspaceAdmin },
    profileFetchedAt: member.profileFetchedAt ?? now,
    level: form.level,
    department: form.department,
    excludedUserIds: form.excludedUserIds,
    topicIds: form.topicIds,
    customTopics: form.customTopics,
    now,
  };
}
