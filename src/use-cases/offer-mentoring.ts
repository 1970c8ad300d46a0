// "I can teach": stores the person's offer to mentor, with their profile, topics and exclusions.
import type { OfferForm } from '../domain/signup-form';
import type { Clock } from '../ports/clock';
import type { Messenger } from '../ports/messenger';
import type { MembersRepository } from '../storage/members-repository';
import type { OffersRepository, SavedOffer } from '../storage/offers-repository';
import { signupMemberFields } from './refresh-member-profile';

export interface OfferMentoringDeps {
  members: Pick<MembersRepository, 'find' | 'saveProfile'>;
  offers: Pick<OffersRepository, 'saveOpenOffer'>;
  messenger: Pick<Messenger, 'fetchProfile'>;
  clock: Clock;
}

export async function offerMentoring(
  deps: OfferMentoringDeps,
  teamId: string,
  userId: string,
  form: OfferForm,
): Promise<SavedOffer> {
  return deps.offers.saveOpenOffer({
    ...(await signupMemberFields(deps, teamId, userId, form)),
    capacity: form.capacity,
    note: form.note,
  });
}
