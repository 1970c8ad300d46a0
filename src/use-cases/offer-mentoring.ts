// "I can teach": stores the person's offer to mentor, with their profile, topics and exclusions.
import type { OfferForm } from '../domain/signup-form';
import type { Clock } from '../scheduling/clock';
import type { Messenger } from '../slack/messenger';
import type { MembersRepository } from '../storage/members-repository';
import type { OffersRepository, SavedOffer } from '../storage/offers-repository';
import { refreshMemberProfile } from './refresh-member-profile';

export interface OfferMentoringDeps {
  members: MembersRepository;
  offers: OffersRepository;
  messenger: Pick<Messenger, 'fetchProfile'>;
  clock: Clock;
}

export async function offerMentoring(
  deps: OfferMentoringDeps,
  teamId: string,
  userId: string,
  form: OfferForm,
): Promise<SavedOffer> {
  // users.info happens here, before the transaction: nothing slow runs while the database is locked.
  const member = await refreshMemberProfile(deps, teamId, userId);
  const now = deps.clock.now();
  return deps.offers.saveOpenOffer({
    teamId,
    userId,
    profile: { name: member.name, timeZone: member.timeZone, isWorkspaceAdmin: member.isWorkspaceAdmin },
    profileFetchedAt: member.profileFetchedAt ?? now,
    level: form.level,
    department: form.department,
    excludedUserIds: form.excludedUserIds,
    capacity: form.capacity,
    note: form.note,
    topicIds: form.topicIds,
    customTopics: form.customTopics,
    now,
  });
}
