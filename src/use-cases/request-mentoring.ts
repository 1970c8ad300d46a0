// "I want to learn": stores the person's request for a mentor, with their profile, topics and exclusions.
import type { FindForm } from '../domain/signup-form';
import type { Clock } from '../ports/clock';
import type { Messenger } from '../ports/messenger';
import type { MembersRepository } from '../storage/members-repository';
import type { RequestsRepository, SavedRequest } from '../storage/requests-repository';
import { signupMemberFields } from './refresh-member-profile';

export interface RequestMentoringDeps {
  members: Pick<MembersRepository, 'find' | 'saveProfile'>;
  requests: Pick<RequestsRepository, 'saveOpenRequest'>;
  messenger: Pick<Messenger, 'fetchProfile'>;
  clock: Clock;
}

export async function requestMentoring(
  deps: RequestMentoringDeps,
  teamId: string,
  userId: string,
  form: FindForm,
): Promise<SavedRequest> {
  return deps.requests.saveOpenRequest({
    ...(await signupMemberFields(deps, teamId, userId, form)),
    goals: form.goals,
  });
}
