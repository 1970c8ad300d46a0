// What the offer and find modals show: the workspace's topic catalogue, ladder and departments, and what the
// person entered before.
import { DEFAULT_CAPACITY, type SignupKind } from '../domain/signup-form';
import type { ExclusionsRepository } from '../storage/exclusions-repository';
import type { MembersRepository } from '../storage/members-repository';
import type { OrganisationRepository } from '../storage/organisation-repository';
import type { OffersRepository } from '../storage/offers-repository';
import type { RequestsRepository } from '../storage/requests-repository';
import type { SignupFormState } from '../domain/signup';
import type { TopicsRepository } from '../storage/topics-repository';
import type { SettingsFor } from './programme-settings';

export interface LoadSignupFormDeps {
  topics: TopicsRepository;
  members: MembersRepository;
  offers: OffersRepository;
  requests: RequestsRepository;
  exclusions: ExclusionsRepository;
  organisation: Pick<OrganisationRepository, 'load'>;
  settingsFor: SettingsFor;
}

export async function loadSignupForm(
  deps: LoadSignupFormDeps,
  kind: SignupKind,
  teamId: string,
  userId: string,
): Promise<SignupFormState> {
  const [visible, member, excludedUserIds, settings, organisation] = await Promise.all([
    deps.topics.listVisible(teamId),
    deps.members.find(teamId, userId),
    deps.exclusions.getExclusions(teamId, userId),
    deps.settingsFor(teamId),
    deps.organisation.load(teamId),
  ]);
  // A retired topic is offered no more, but someone who has it keeps it when they change their form.
  const catalogueFor = (held: readonly number[]) =>
    visible
      .filter((topic) => !topic.retired || held.includes(topic.id))
      .map(({ id, name }) => ({ id, name }));
  const common = {
    kind,
    level: member?.level ?? null,
    department: member?.department ?? null,
    organisation,
    excludedUserIds,
    customTopicsAllowed: settings.membersAddTopics,
  };
  if (kind === 'offer') {
    const offer = await deps.offers.findOpenOffer(teamId, userId);
    const topicIds = offer?.topics.map((topic) => topic.id) ?? [];
    return {
      ...common,
      catalogue: catalogueFor(topicIds),
      topicIds,
      capacity: offer?.capacity ?? DEFAULT_CAPACITY,
      text: offer?.note ?? null,
      updating: offer !== null,
    };
  }
  const request = await deps.requests.findOpenRequest(teamId, userId);
  const topicIds = request?.topics.map((topic) => topic.id) ?? [];
  return {
    ...common,
    catalogue: catalogueFor(topicIds),
    topicIds,
    capacity: DEFAULT_CAPACITY,
    text: request?.goals ?? null,
    updating: request !== null,
  };
}
