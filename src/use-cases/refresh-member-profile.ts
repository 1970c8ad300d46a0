import type { Messenger, SlackProfile } from '../slack/messenger';
import type { Clock } from '../scheduling/clock';
import type { Member, MembersRepository } from '../storage/members-repository';

export interface RefreshProfileDeps {
  members: MembersRepository;
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
