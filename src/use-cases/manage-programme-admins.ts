// Who runs the programme, as admins see and change it in Slack. The caller's own rights are checked by the
// admin guard before any of these runs.
import type { Config } from '../config';
import type { Clock } from '../ports/clock';
import type { AddedAdmin, ProgrammeAdminsRepository } from '../storage/programme-admins-repository';

export interface ManageAdminsDeps {
  config: Pick<Config, 'adminUserIds'>;
  programmeAdmins: ProgrammeAdminsRepository;
  clock: Clock;
}

export interface AdminList {
  /** From MENTOR_ADMINS: shown, not removable in Slack. */
  fromEnvironment: readonly string[];
  added: AddedAdmin[];
}

export async function listProgrammeAdmins(deps: ManageAdminsDeps, teamId: string): Promise<AdminList> {
  return { fromEnvironment: deps.config.adminUserIds, added: await deps.programmeAdmins.list(teamId) };
}

export type AddAdminResult = 'added' | 'already-admin' | 'from-environment';

export async function addProgrammeAdmin(
  deps: ManageAdminsDeps,
  request: { teamId: string; actorId: string; userId: string },
): Promise<AddAdminResult> {
  if (deps.config.adminUserIds.includes(request.userId)) return 'from-environment';
  const added = await deps.programmeAdmins.add({ ...request, at: deps.clock.now() });
  return added ? 'added' : 'already-admin';
}

export type RemoveAdminResult = 'removed' | 'not-added' | 'from-environment';

export async function removeProgrammeAdmin(
  deps: ManageAdminsDeps,
  request: { teamId: string; actorId: string; userId: string },
): Promise<RemoveAdminResult> {
  if (deps.config.adminUserIds.includes(request.userId)) return 'from-environment';
  const removed = await deps.programmeAdmins.remove({ ...request, at: deps.clock.now() });
  return removed ? 'removed' : 'not-added';
}
