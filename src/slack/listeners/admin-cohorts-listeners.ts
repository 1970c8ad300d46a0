// Cohorts in the admin section: the list (paged), and the "Open a cohort" form it opens. Every button and
// submission goes through the admin guard.
import type { AppContext } from '../../composition/app-context';
import { manageCohortsDeps } from '../../composition/use-case-deps';
import type { CohortField, CohortFormInput } from '../../domain/cohorts';
import { adminTimeZone, openCohort, readCohorts, suggestedTermWeeks } from '../../use-cases/manage-cohorts';
import { ADMIN_ACTIONS, ADMIN_CALLBACKS } from '../../views/admin-ids';
import {
  COHORT_FORM_FIELDS,
  cohortOpened,
  cohortsModal,
  openCohortModal,
} from '../../views/admin-cohorts-modals';
import {
  openAdminModal,
  registerAdminButton,
  registerAdminSubmission,
  showAdminModal,
  type AdminSubmission,
} from './admin-guard';
import type { ListenerRoutes } from './listener-routes';

export function registerAdminCohortsListeners(routes: ListenerRoutes, context: AppContext): void {
  const deps = () => manageCohortsDeps(context);
  const listModal = async (teamId: string, userId: string, page: number, note?: string) =>
    cohortsModal(await readCohorts(deps(), teamId, userId), page, note);

  registerAdminButton(routes, context, ADMIN_ACTIONS.cohorts, async (click) => {
    await openAdminModal(context, click, await listModal(click.teamId, click.userId, 0));
  });

  registerAdminButton(routes, context, ADMIN_ACTIONS.cohortsPage, async (click) => {
    const page = /^\d{1,6}$/.test(click.value) ? Number(click.value) : 0;
    await showAdminModal(context, click, await listModal(click.teamId, click.userId, page));
  });

  registerAdminButton(routes, context, ADMIN_ACTIONS.openCohort, async (click) => {
    const view = openCohortModal({
      termWeeks: await suggestedTermWeeks(deps(), click.teamId),
      timeZone: await adminTimeZone(deps(), click.teamId, click.userId),
    });
    await showAdminModal(context, click, view);
  });

  registerAdminSubmission(
    routes,
    context,
    ADMIN_CALLBACKS.openCohort,
    async ({ ack, teamId, userId, values }) => {
      // Read again at submission: the dates are days in the admin's zone as it is now.
      const timeZone = await adminTimeZone(deps(), teamId, userId);
      const result = await openCohort(deps(), {
        teamId,
        actorId: userId,
        input: formInput(values),
        timeZone,
      });
      if (!result.ok) {
        const errors: Record<string, string> = {};
        for (const [field, message] of Object.entries(result.errors))
          errors[COHORT_FORM_FIELDS[field as CohortField]] = message;
        await ack({ response_action: 'errors', errors });
        return;
      }
      await ack({
        response_action: 'update',
        view: await listModal(teamId, userId, 0, cohortOpened(result.cohort, timeZone)),
      });
    },
  );
}

function formInput(values: AdminSubmission['values']): CohortFormInput {
  const text = (field: string) => values[field]?.[field]?.value ?? '';
  const date = (field: string) => values[field]?.[field]?.selected_date ?? '';
  return {
    name: text(COHORT_FORM_FIELDS.name),
    opens: date(COHORT_FORM_FIELDS.opens),
    closes: date(COHORT_FORM_FIELDS.closes),
    starts: date(COHORT_FORM_FIELDS.starts),
    termWeeks: text(COHORT_FORM_FIELDS.termWeeks),
  };
}
