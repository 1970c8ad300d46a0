// Every repository, built once over the database. Use cases take the ones they need from here.
import { createJourneyRepository, type JourneyRepository } from './journey-repository';
import { createGoalsRepository, type GoalsRepository } from './goals-repository';
import { createTermRepository, type TermRepository } from './term-repository';
import { createAdminDigestRepository, type AdminDigestRepository } from './admin-digest-repository';
import { createCohortsRepository, type CohortsRepository } from './cohorts-repository';
import { createAuditLogRepository, type AuditLogRepository } from './audit-log';
import type { Db } from './database';
import { createFitCheckRepository, type FitCheckRepository } from './fit-check-repository';
import { createExclusionsRepository, type ExclusionsRepository } from './exclusions-repository';
import { createMatchingPoolRepository, type MatchingPoolRepository } from './matching-pool-repository';
import { createMemberErasureRepository, type MemberErasureRepository } from './member-erasure';
import { createInvitationsRepository, type InvitationsRepository } from './invitations-repository';
import { createMembersRepository, type MembersRepository } from './members-repository';
import { createPairHealthRepository, type PairHealthRepository } from './pair-health-repository';
import { createOrganisationRepository, type OrganisationRepository } from './organisation-repository';
import { createOffersRepository, type OffersRepository } from './offers-repository';
import { createParticipationRepository, type ParticipationRepository } from './participation-repository';
import {
  createParticipationStatusRepository,
  type ParticipationStatusRepository,
} from './participation-snapshot';
import {
  createProcessedEventsRepository,
  type ProcessedEventsRepository,
} from './processed-events-repository';
import {
  createPromptDeliveriesRepository,
  type PromptDeliveriesRepository,
} from './prompt-deliveries-repository';
import { createPromptsRepository, type PromptsRepository } from './prompts-repository';
import {
  createProgrammeAdminsRepository,
  type ProgrammeAdminsRepository,
} from './programme-admins-repository';
import { createProposalsRepository, type ProposalsRepository } from './proposals-repository';
import { createOutcomesRepository, type OutcomesRepository } from './outcomes-repository';
import { createReportRepository, type ReportRepository } from './report-repository';
import { createRequestsRepository, type RequestsRepository } from './requests-repository';
import { createSettingsRepository, type SettingsRepository } from './settings-repository';
import { createTopicsRepository, type TopicsRepository } from './topics-repository';
import { createTopicCurationRepository, type TopicCurationRepository } from './topic-curation-repository';

export interface Repositories {
  members: MembersRepository;
  topics: TopicsRepository;
  offers: OffersRepository;
  requests: RequestsRepository;
  exclusions: ExclusionsRepository;
  processedEvents: ProcessedEventsRepository;
  matchingPool: MatchingPoolRepository;
  proposals: ProposalsRepository;
  reports: ReportRepository;
  outcomes: OutcomesRepository;
  /** The status read model behind /mentor status and the Home tab. */
  participationStatus: ParticipationStatusRepository;
  participation: ParticipationRepository;
  erasure: MemberErasureRepository;
  prompts: PromptsRepository;
  promptDeliveries: PromptDeliveriesRepository;
  programmeAdmins: ProgrammeAdminsRepository;
  auditLog: AuditLogRepository;
  settings: SettingsRepository;
  invitations: InvitationsRepository;
  topicCuration: TopicCurationRepository;
  pairHealth: PairHealthRepository;
  adminDigest: AdminDigestRepository;
  journey: JourneyRepository;
  goals: GoalsRepository;
  fitChecks: FitCheckRepository;
  term: TermRepository;
  organisation: OrganisationRepository;
  cohorts: CohortsRepository;
}

export function createRepositories(db: Db): Repositories {
  return {
    members: createMembersRepository(db),
    topics: createTopicsRepository(db),
    topicCuration: createTopicCurationRepository(db),
    offers: createOffersRepository(db),
    requests: createRequestsRepository(db),
    exclusions: createExclusionsRepository(db),
    processedEvents: createProcessedEventsRepository(db),
    matchingPool: createMatchingPoolRepository(db),
    proposals: createProposalsRepository(db),
    reports: createReportRepository(db),
    outcomes: createOutcomesRepository(db),
    participationStatus: createParticipationStatusRepository(db),
    participation: createParticipationRepository(db),
    erasure: createMemberErasureRepository(db),
    prompts: createPromptsRepository(db),
    promptDeliveries: createPromptDeliveriesRepository(db),
    programmeAdmins: createProgrammeAdminsRepository(db),
    auditLog: createAuditLogRepository(db),
    settings: createSettingsRepository(db),
    invitations: createInvitationsRepository(db),
    pairHealth: createPairHealthRepository(db),
    adminDigest: createAdminDigestRepository(db),
    journey: createJourneyRepository(db),
    goals: createGoalsRepository(db),
    fitChecks: createFitCheckRepository(db),
    term: createTermRepository(db),
    organisation: createOrganisationRepository(db),
    cohorts: createCohortsRepository(db),
  };
}
