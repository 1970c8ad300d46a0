// Levels and departments, edited by programme admins: the overview, and the level and department forms it
// opens. Every button and submission goes through the admin guard.
import type { AppContext } from '../../composition/app-context';
import { manageOrganisationDeps } from '../../composition/use-case-deps';
import type { DepartmentChange, LevelChange } from '../../domain/organisation';
import { changeDepartment, changeLevel, readOrganisation } from '../../use-cases/manage-organisation';
import { ADMIN_ACTIONS, ADMIN_CALLBACKS, ADMIN_FIELDS } from '../../views/admin-ids';
import {
  departmentModal,
  departmentSaved,
  levelModal,
  levelSaved,
  organisationModal,
} from '../../views/admin-organisation-modals';
import {
  openAdminModal,
  registerAdminButton,
  registerAdminSubmission,
  showAdminModal,
  type AdminSubmission,
} from './admin-guard';
import type { ListenerRoutes } from './listener-routes';

type Values = AdminSubmission['values'];

export function registerAdminOrganisationListeners(routes: ListenerRoutes, context: AppContext): void {
  const deps = () => manageOrganisationDeps(context);
  const overviewModal = async (teamId: string, note?: string) =>
    organisationModal(await readOrganisation(deps(), teamId), note);

  registerAdminButton(routes, context, ADMIN_ACTIONS.organisation, async (click) => {
    await openAdminModal(context, click, await overviewModal(click.teamId));
  });

  registerAdminButton(routes, context, ADMIN_ACTIONS.editLevel, async (click) => {
    const overview = await readOrganisation(deps(), click.teamId);
    const level =
      click.value === 'new' ? null : overview.organisation.ladder.find((l) => String(l.id) === click.value);
    const view =
      level === undefined
        ? organisationModal(overview, 'That level is no longer on the ladder.')
        : levelModal(
            overview.organisation,
            level,
            level === null ? 0 : (overview.levelHolders.get(level.id) ?? 0),
          );
    await showAdminModal(context, click, view);
  });

  registerAdminButton(routes, context, ADMIN_ACTIONS.editDepartment, async (click) => {
    const overview = await readOrganisation(deps(), click.teamId);
    const department =
      click.value === '' ? null : overview.organisation.departments.find((d) => d.name === click.value);
    const view =
      department === undefined
        ? organisationModal(overview, 'That department no longer exists.')
        : departmentModal(overview.organisation, department);
    await showAdminModal(context, click, view);
  });

  registerAdminSubmission(
    routes,
    context,
    ADMIN_CALLBACKS.level,
    async ({ ack, teamId, userId, values, privateMetadata }) => {
      const change = levelChange(privateMetadata, values);
      const result = await changeLevel(deps(), { teamId, actorId: userId, change });
      if (!result.ok) {
        const { name, position, holders } = result.errors;
        // "At least two levels" concerns the removal, so it is shown beside it.
        const nameField = change.kind === 'remove' ? ADMIN_FIELDS.levelRemove : ADMIN_FIELDS.levelName;
        const errors: Record<string, string> = {};
        if (name !== undefined) errors[nameField] = name;
        if (position !== undefined) errors[ADMIN_FIELDS.levelPosition] = position;
        if (holders !== undefined) errors[ADMIN_FIELDS.levelHolders] = holders;
        await ack({ response_action: 'errors', errors });
        return;
      }
      await ack({
        response_action: 'update',
        view: await overviewModal(teamId, levelSaved(result.effect, change.kind, result.organisation)),
      });
    },
  );

  registerAdminSubmission(
    routes,
    context,
    ADMIN_CALLBACKS.department,
    async ({ ack, teamId, userId, values, privateMetadata }) => {
      const change = departmentChange(privateMetadata, values);
      const result = await changeDepartment(deps(), { teamId, actorId: userId, change });
      if (!result.ok) {
        const errors: Record<string, string> = {};
        if (result.errors.name !== undefined) errors[ADMIN_FIELDS.departmentName] = result.errors.name;
        if (result.errors.merge !== undefined) errors[ADMIN_FIELDS.departmentMerge] = result.errors.merge;
        await ack({ response_action: 'errors', errors });
        return;
      }
      await ack({
        response_action: 'update',
        view: await overviewModal(teamId, departmentSaved(result.effect)),
      });
    },
  );
}

function text(values: Values, field: string): string {
  return values[field]?.[field]?.value ?? '';
}

function chosen(values: Values, field: string): string | null {
  return values[field]?.[field]?.selected_option?.value ?? null;
}

function ticked(values: Values, field: string): boolean {
  return (values[field]?.[field]?.selected_options ?? []).length > 0;
}

function number(value: string | null): number | null {
  return value !== null && /^\d{1,9}$/.test(value) ? Number(value) : null;
}

function levelChange(metadata: string, values: Values): LevelChange {
  const name = text(values, ADMIN_FIELDS.levelName);
  const position = number(chosen(values, ADMIN_FIELDS.levelPosition)) ?? 0;
  if (metadata === 'new') return { kind: 'add', name, position };
  const levelId = number(metadata) ?? 0;
  const holdersMoveTo = number(chosen(values, ADMIN_FIELDS.levelHolders));
  if (ticked(values, ADMIN_FIELDS.levelRemove)) return { kind: 'remove', levelId, holdersMoveTo };
  return { kind: 'edit', levelId, name, position, holdersMoveTo };
}

function departmentChange(metadata: string, values: Values): DepartmentChange {
  const name = text(values, ADMIN_FIELDS.departmentName);
  if (metadata === '') return { kind: 'add', name };
  return {
    kind: 'edit',
    department: metadata,
    name,
    retired: ticked(values, ADMIN_FIELDS.departmentRetired),
    mergeInto: chosen(values, ADMIN_FIELDS.departmentMerge),
  };
}
