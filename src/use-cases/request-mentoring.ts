// "I want to learn": stores the person's request for a mentor, with their profile, topics and exclusions.
import type { FindForm } from '../domain/signup-form';
import type { Clock } from '../scheduling/clock';
import type { Messenger } from '../slack/messenger';
import type { MembersRepository } from '../storage/members-repository';
import type { RequestsRepository, SavedRequest } from '../storage/requests-repository';
import { refreshMemberProfile } from './refresh-member-profile';

export interface RequestMentoringDeps {
  members: MembersRepository;
  requests: RequestsRepository;
  messenger: Pick<Messenger, 'fetchProfile'>;
  clock: Clock;
}

export async function requestMentoring(
  deps: RequestMentoringDeps,
  teamId: string,
  userId: string,
  form: FindForm,
): Promise<SavedRequest> {
  // users.info happens here, before the transaction: nothing slow runs while the database is locked.
  const member = await refreshMemberProfile(deps, teamId, userId);
  const now = deps.clock.now();
  return deps.requests.saveOpenRequest({
    teamId,
    userId,
    profile: { name: member.name, timeZone: member.timeZone, isWorkspaceAdmin: member.isWorkspaceAdmin },
    profileFetchedAt: member.profileFetchedAt ?? now,
    level: form.level,
    department: form.department,
    excludedUserIds: form.excludedUserIds,
    goals: form.goals,
    topicIds: form.topicIds,
    customTopics: form.customTopics,
    now,
  });
}
