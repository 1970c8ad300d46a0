// An admin's changes to the organisation's shape: the level ladder and the departments. The caller's rights
// are checked by the admin guard before any of these runs; the rules are the domain's, and each change is
// stored with its audit entry in one transaction.
import type {
  ChangeResult,
  DepartmentChange,
  DepartmentEffect,
  DepartmentField,
  LevelChange,
  LevelEffect,
  LevelField,
} from '../domain/organisation';
import type { Clock } from '../ports/clock';
import type { OrganisationOverview, OrganisationRepository } from '../storage/organisation-repository';

export interface ManageOrganisationDeps {
  organisation: OrganisationRepository;
  clock: Clock;
}

export function readOrganisation(
  deps: ManageOrganisationDeps,
  teamId: string,
): Promise<OrganisationOverview> {
  return deps.organisation.overview(teamId);
}

export function changeLevel(
  deps: ManageOrganisationDeps,
  request: { teamId: string; actorId: string; change: LevelChange },
): Promise<ChangeResult<LevelField, LevelEffect>> {
  return deps.organisation.changeLevel({ ...request, at: deps.clock.now() });
}

export function changeDepartment(
  deps: ManageOrganisationDeps,
  request: { teamId: string; actorId: string; change: DepartmentChange },
): Promise<ChangeResult<DepartmentField, DepartmentEffect>> {
  return deps.organisation.changeDepartment({ ...request, at: deps.clock.now() });
}
