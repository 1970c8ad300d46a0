// Programme admins' cohorts: the list, and opening one. The caller's rights are checked by the admin guard
// before any of these runs; the form's rules are the domain's, and the cohort is stored with its audit entry
// in one transaction, checked against the workspace's other cohorts inside it.
import {
  defaultCohortTermWeeks,
  parseCohortForm,
  type CohortFormInput,
  type CohortFormResult,
} from '../domain/cohorts';
import { errorSummary } from '../errors';
import type { Logger } from '../logger';
import type { Clock } from '../ports/clock';
import type { Messenger } from '../ports/messenger';
import type { CohortListing, CohortsRepository, OpenCohortOutcome } from '../storage/cohorts-repository';
import type { MembersRepository } from '../storage/members-repository';
import type { SettingsFor } from './programme-settings';

export interface ManageCohortsDeps {
  cohorts: Pick<CohortsRepository, 'list' | 'open'>;
  members: Pick<MembersRepository, 'find'>;
  messenger: Pick<Messenger, 'fetchProfile'>;
  settingsFor: SettingsFor;
  clock: Clock;
  logger: Logger;
}

export interface CohortsOverview {
  cohorts: CohortListing[];
  now: Date;
  /** The admin's zone, in which the cohorts' days are shown and the form's dates are read. */
  timeZone: string | null;
}

/**
 * The admin's time zone: as stored for them (a member), else as Slack has it. Null when neither is known: the
 * dates are then UTC days, and the modal says so.
 */
export async function adminTimeZone(
  deps: ManageCohortsDeps,
  teamId: string,
  userId: string,
): Promise<string | null> {
  const member = await deps.members.find(teamId, userId);
  if (member?.timeZone) return member.timeZone;
  try {
    return (await deps.messenger.fetchProfile(userId)).timeZone;
  } catch (error) {
    deps.logger.warn({ teamId, err: errorSummary(error) }, 'could not read an admin’s time zone');
    return null;
  }
}

export async function readCohorts(
  deps: ManageCohortsDeps,
  teamId: string,
  userId: string,
): Promise<CohortsOverview> {
  return {
    cohorts: await deps.cohorts.list(teamId),
    now: deps.clock.now(),
    timeZone: await adminTimeZone(deps, teamId, userId),
  };
}

/** The term the "Open a cohort" form suggests. */
export async function suggestedTermWeeks(deps: Pick<ManageCohortsDeps, 'settingsFor'>, teamId: string) {
  return defaultCohortTermWeeks((await deps.settingsFor(teamId)).pairTermWeeks);
}

export async function openCohort(
  deps: ManageCohortsDeps,
  request: { teamId: string; actorId: string; input: CohortFormInput; timeZone: string | null },
): Promise<OpenCohortOutcome> {
  const at = deps.clock.now();
  const check = (existing: Parameters<typeof parseCohortForm>[1]['existing']): CohortFormResult =>
    parseCohortForm(request.input, { existing, timeZone: request.timeZone, now: at });
  return deps.cohorts.open({ teamId: request.teamId, actorId: request.actorId, at, check });
}
