// Builds each use case's deps from the app context: the one place that knows which repository, logger
// component and setting a use case gets. Listeners, scheduler jobs and CLI commands call
// `useCase(xDeps(context), …)`; tests of a use case pass their own small fakes instead.
import type { ManageCohortsDeps } from '../use-cases/manage-cohorts';
import type { CohortMatchingDeps } from '../use-cases/run-cohort-matching';
import type { JourneyDeps } from '../use-cases/send-journey-messages';
import type { SetGoalsDeps } from '../use-cases/set-goals';
import type { RateGoalsDeps } from '../use-cases/rate-goals';
import type { AnswerFitCheckDeps } from '../use-cases/answer-fit-check';
import type { AnswerMentorVoiceDeps } from '../use-cases/answer-mentor-voice';
import type { ChooseTermDeps } from '../use-cases/choose-term';
import type { CloseSurveyDeps } from '../use-cases/answer-close-survey';
import type { FollowUpDeps } from '../use-cases/answer-follow-up';
import type { InactivityAnswerDeps } from '../use-cases/answer-inactivity-question';
import type { InactivityDeps } from '../use-cases/ask-inactive-pairs';
import type { BuildOutcomesDeps, BuildReportDeps } from '../use-cases/build-report';
import { isProgrammeAdmin, type CheckProgrammeAdminDeps } from '../use-cases/check-programme-admin';
import type { DeliverReportDeps } from '../use-cases/deliver-report';
import type { EndExpiredPausesDeps } from '../use-cases/end-expired-pauses';
import type { EndPairingDeps } from '../use-cases/end-pairing';
import type { GiveFeedbackDeps } from '../use-cases/give-feedback';
import type { LeaveProgrammeDeps } from '../use-cases/leave-programme';
import type { LoadSignupFormDeps } from '../use-cases/load-signup-form';
import type { ManageAdminsDeps } from '../use-cases/manage-programme-admins';
import type { DigestChoiceDeps, SendDigestsDeps } from '../use-cases/admin-digest';
import type { AdminMatchingDeps, PairActionDeps, PairHealthDeps } from '../use-cases/pair-health';
import type { PauseParticipationDeps } from '../use-cases/pause-participation';
import type { PostInvitationDeps } from '../use-cases/post-invitation';
import {
  defaultSettings,
  settingsFor,
  type ProgrammeSettingsDeps,
  type SaveSettingsDeps,
  type SettingsFor,
} from '../use-cases/programme-settings';
import { publishHome, type PublishHomeDeps } from '../use-cases/publish-home';
import type { ReadAuditLogDeps } from '../use-cases/read-audit-log';
import type { ReadParticipationDeps } from '../use-cases/read-participation';
import type { RecordProfileChangeDeps } from '../use-cases/record-profile-change';
import type { PromptOutcomeDeps } from '../use-cases/record-prompt-outcome';
import type { PromptReplyDeps } from '../use-cases/record-prompt-reply';
import type { ResumeParticipationDeps } from '../use-cases/resume-participation';
import type { ManageOrganisationDeps } from '../use-cases/manage-organisation';
import { runMatching, type MatchingDeps } from '../use-cases/run-matching';
import type { SendDuePromptsDeps } from '../use-cases/send-due-prompts';
import type { NudgeDeps } from '../use-cases/send-prompt-nudges';
import type { SubmitSignupDeps } from '../use-cases/submit-signup';
import type { CurateTopicsDeps } from '../use-cases/curate-topics';
import type { EditPromptLibraryDeps } from '../use-cases/edit-prompt-library';
import { createMatcher } from '../workers/worker-matcher';
import type { AppContext } from './app-context';

type Context = Pick<
  AppContext,
  'config' | 'repos' | 'messenger' | 'clock' | 'logger' | 'matchingRuns' | 'inFlight' | 'homeRedraws'
>;

// ---------------------------------------------------------------------------------------------------------
// Programme settings: every use case reads them through one SettingsFor

export function settingsDeps(context: Pick<AppContext, 'config' | 'repos'>): ProgrammeSettingsDeps {
  return { settings: context.repos.settings, defaults: defaultSettings(context.config) };
}

/** A workspace's settings as they apply now: its own values over the environment's defaults. */
export function settingsReader(context: Pick<AppContext, 'config' | 'repos'>): SettingsFor {
  const deps = settingsDeps(context);
  return (teamId) => settingsFor(deps, teamId);
}

// ---------------------------------------------------------------------------------------------------------
// Matching

export function matchingDeps(context: Context): MatchingDeps {
  return {
    matchingPool: context.repos.matchingPool,
    organisation: context.repos.organisation,
    proposals: context.repos.proposals,
    matcher: createMatcher(),
    messenger: context.messenger,
    clock: context.clock,
    logger: context.logger.child({ component: 'matching' }),
    settingsFor: settingsReader(context),
  };
}

/**
 * Matching and the Home tab as plain functions, for use cases that run them after a change. Matching after a
 * change is coalesced per workspace: a burst of sign-ups shares one follow-up run instead of overlapping runs.
 */
function followUps(context: Context) {
  return {
    rematch: (teamId: string): Promise<void> =>
      context.matchingRuns.run(teamId, async () => {
        await runMatching(matchingDeps(context), teamId);
      }),
    refreshHome: (teamId: string, userId: string) =>
      context.homeRedraws.runExclusive(() => publishHome(homeDeps(context), teamId, userId)),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Sign-up, the Home tab, reading one's own participation

export function signupFormDeps(context: Context): LoadSignupFormDeps {
  return { ...context.repos, settingsFor: settingsReader(context) };
}

export function submitSignupDeps(context: Context): SubmitSignupDeps {
  return {
    ...context.repos,
    messenger: context.messenger,
    clock: context.clock,
    logger: context.logger.child({ component: 'signup' }),
    settingsFor: settingsReader(context),
    ...followUps(context),
    inBackground: (work) => void context.inFlight.track(work()),
  };
}

export function homeDeps(context: Context): PublishHomeDeps {
  return {
    participationStatus: context.repos.participationStatus,
    reports: context.repos.reports,
    programmeAdmins: context.repos.programmeAdmins,
    messenger: context.messenger,
    clock: context.clock,
    config: context.config,
    settingsFor: settingsReader(context),
    logger: context.logger.child({ component: 'home' }),
  };
}

export function readParticipationDeps(context: Context): ReadParticipationDeps {
  return {
    participationStatus: context.repos.participationStatus,
    members: context.repos.members,
    clock: context.clock,
    settingsFor: settingsReader(context),
  };
}

export function profileChangeDeps(context: Context): RecordProfileChangeDeps {
  return {
    members: context.repos.members,
    processedEvents: context.repos.processedEvents,
    clock: context.clock,
    logger: context.logger.child({ component: 'members' }),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Self-service: pause, resume, end, feedback, leave

/** One deps object serves every self-service use case: each takes the part it declares. */
export function selfServiceDeps(
  context: Context,
): PauseParticipationDeps &
  ResumeParticipationDeps &
  EndExpiredPausesDeps &
  EndPairingDeps &
  GiveFeedbackDeps &
  LeaveProgrammeDeps {
  return {
    participation: context.repos.participation,
    erasure: context.repos.erasure,
    messenger: context.messenger,
    clock: context.clock,
    logger: context.logger.child({ component: 'self-service' }),
    settingsFor: settingsReader(context),
    ...followUps(context),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Admins and the report

export function programmeAdminDeps(context: Context): CheckProgrammeAdminDeps {
  return {
    config: context.config,
    programmeAdmins: context.repos.programmeAdmins,
    messenger: context.messenger,
    clock: context.clock,
  };
}

export function manageAdminsDeps(context: Context): ManageAdminsDeps {
  return { config: context.config, programmeAdmins: context.repos.programmeAdmins, clock: context.clock };
}

export function manageOrganisationDeps(context: Context): ManageOrganisationDeps {
  return { organisation: context.repos.organisation, clock: context.clock };
}

export function saveSettingsDeps(context: Context): SaveSettingsDeps {
  return {
    settings: context.repos.settings,
    organisation: context.repos.organisation,
    defaults: defaultSettings(context.config),
    clock: context.clock,
  };
}

export function postInvitationDeps(context: Context): PostInvitationDeps {
  return {
    invitations: context.repos.invitations,
    messenger: context.messenger,
    clock: context.clock,
    logger: context.logger.child({ component: 'invitation' }),
    settingsFor: settingsReader(context),
  };
}

export function auditLogDeps(context: Context): ReadAuditLogDeps {
  return { auditLog: context.repos.auditLog, messenger: context.messenger, clock: context.clock };
}

export function reportDeps(context: Pick<AppContext, 'repos' | 'clock'>): BuildReportDeps {
  return { reports: context.repos.reports, clock: context.clock };
}

export function outcomesDeps(context: Pick<AppContext, 'repos'>): BuildOutcomesDeps {
  return { outcomes: context.repos.outcomes };
}

export function deliverReportDeps(context: Context): DeliverReportDeps {
  return {
    ...programmeAdminDeps(context),
    ...reportDeps(context),
    ...outcomesDeps(context),
    messenger: context.messenger,
    settingsFor: settingsReader(context),
    logger: context.logger.child({ component: 'report' }),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Weekly prompts

function promptsLogger(context: Context) {
  return context.logger.child({ component: 'prompts' });
}

export function sendDuePromptsDeps(context: Context): SendDuePromptsDeps {
  return {
    deliveries: context.repos.promptDeliveries,
    prompts: context.repos.prompts,
    messenger: context.messenger,
    logger: promptsLogger(context),
    settingsFor: settingsReader(context),
  };
}

export function nudgeDeps(context: Context): NudgeDeps {
  return {
    deliveries: context.repos.promptDeliveries,
    messenger: context.messenger,
    logger: promptsLogger(context),
    settingsFor: settingsReader(context),
  };
}

export function inactivityDeps(context: Context): InactivityDeps {
  return {
    deliveries: context.repos.promptDeliveries,
    messenger: context.messenger,
    logger: promptsLogger(context),
    settingsFor: settingsReader(context),
  };
}

export function inactivityAnswerDeps(context: Context): InactivityAnswerDeps {
  return { deliveries: context.repos.promptDeliveries, logger: promptsLogger(context) };
}

export function promptOutcomeDeps(context: Context): PromptOutcomeDeps {
  return { deliveries: context.repos.promptDeliveries, logger: promptsLogger(context) };
}

export function promptReplyDeps(context: Context): PromptReplyDeps {
  return {
    deliveries: context.repos.promptDeliveries,
    processedEvents: context.repos.processedEvents,
    logger: promptsLogger(context),
  };
}

export function curateTopicsDeps(context: Pick<AppContext, 'repos' | 'clock'>): CurateTopicsDeps {
  return { topicCuration: context.repos.topicCuration, clock: context.clock };
}

export function editPromptLibraryDeps(context: Pick<AppContext, 'repos' | 'clock'>): EditPromptLibraryDeps {
  return { prompts: context.repos.prompts, clock: context.clock };
}

// ---------------------------------------------------------------------------------------------------------
// Pair health: the admin view of what needs a human, and its actions

export function pairHealthDeps(context: Context): PairHealthDeps {
  return { pairHealth: context.repos.pairHealth, clock: context.clock };
}

export function pairActionDeps(context: Context): PairActionDeps {
  return {
    pairHealth: context.repos.pairHealth,
    clock: context.clock,
    messenger: context.messenger,
    logger: context.logger.child({ component: 'pair-health' }),
    settingsFor: settingsReader(context),
    ...followUps(context),
  };
}

export function adminMatchingDeps(context: Context): AdminMatchingDeps {
  return { matching: matchingDeps(context), pairHealth: context.repos.pairHealth };
}

// ---------------------------------------------------------------------------------------------------------
// The weekly admin digest

export function digestChoiceDeps(context: Context): DigestChoiceDeps {
  return {
    adminDigest: context.repos.adminDigest,
    messenger: context.messenger,
    clock: context.clock,
    logger: context.logger.child({ component: 'admin-digest' }),
  };
}

export function adminDigestDeps(context: Context): SendDigestsDeps {
  return {
    adminDigest: context.repos.adminDigest,
    pairHealth: context.repos.pairHealth,
    clock: context.clock,
    messenger: context.messenger,
    isAdmin: (teamId, userId) => isProgrammeAdmin(programmeAdminDeps(context), teamId, userId),
    logger: context.logger.child({ component: 'admin-digest' }),
  };
}

export function manageCohortsDeps(context: Context): ManageCohortsDeps {
  return {
    cohorts: context.repos.cohorts,
    members: context.repos.members,
    messenger: context.messenger,
    settingsFor: settingsReader(context),
    clock: context.clock,
    logger: context.logger.child({ component: 'cohorts' }),
  };
}

export function cohortMatchingDeps(context: Context): CohortMatchingDeps {
  return { ...matchingDeps(context), cohorts: context.repos.cohorts };
}

export function journeyDeps(context: Context): JourneyDeps {
  return {
    journey: context.repos.journey,
    term: context.repos.term,
    messenger: context.messenger,
    settingsFor: settingsReader(context),
    logger: context.logger.child({ component: 'journey' }),
    ...followUps(context),
  };
}

export function setGoalsDeps(context: Context): SetGoalsDeps {
  return {
    goals: context.repos.goals,
    messenger: context.messenger,
    clock: context.clock,
    logger: context.logger.child({ component: 'goals' }),
  };
}

export function rateGoalsDeps(context: Context): RateGoalsDeps {
  return {
    goals: context.repos.goals,
    clock: context.clock,
    logger: context.logger.child({ component: 'goals' }),
  };
}

export function answerFitCheckDeps(context: Context): AnswerFitCheckDeps {
  return {
    fitChecks: context.repos.fitChecks,
    clock: context.clock,
    logger: context.logger.child({ component: 'journey' }),
    settingsFor: settingsReader(context),
    ...followUps(context),
  };
}

export function answerMentorVoiceDeps(context: Context): AnswerMentorVoiceDeps {
  return {
    fitChecks: context.repos.fitChecks,
    clock: context.clock,
    logger: context.logger.child({ component: 'journey' }),
  };
}

export function chooseTermDeps(context: Context): ChooseTermDeps {
  return {
    term: context.repos.term,
    settingsFor: settingsReader(context),
    clock: context.clock,
    logger: context.logger.child({ component: 'journey' }),
  };
}

export function closeSurveyDeps(context: Context): CloseSurveyDeps {
  return {
    term: context.repos.term,
    clock: context.clock,
    logger: context.logger.child({ component: 'journey' }),
  };
}

export function followUpDeps(context: Context): FollowUpDeps {
  return { term: context.repos.term };
}
