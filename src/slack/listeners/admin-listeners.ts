// The admin section of App Home: the full report, programme settings, programme admins and the audit log.
// Every button and submission here goes through the admin guard.
import type { View } from '@slack/types';
import type { AppContext } from '../../composition/app-context';
import {
  auditLogDeps,
  deliverReportDeps,
  homeDeps,
  manageAdminsDeps,
  saveSettingsDeps,
  settingsDeps,
} from '../../composition/use-case-deps';
import { SETTING_KEYS, type SettingKey, type SettingsFormInput } from '../../domain/programme-settings';
import { deliverReport } from '../../use-cases/deliver-report';
import {
  addProgrammeAdmin,
  listProgrammeAdmins,
  removeProgrammeAdmin,
} from '../../use-cases/manage-programme-admins';
import { effectiveSettingsFor, saveSettings, SETTING_ENV_VARS } from '../../use-cases/programme-settings';
import { publishHome } from '../../use-cases/publish-home';
import { auditPage, sendAuditCsv } from '../../use-cases/read-audit-log';
import { auditCsvSent, auditModal } from '../../views/admin-audit-views';
import { ADMIN_ACTIONS, ADMIN_CALLBACKS, ADMIN_FIELDS } from '../../views/admin-ids';
import {
  adminAdded,
  adminRemoved,
  adminsModal,
  settingsModal,
  settingsSaved,
} from '../../views/admin-modals';
import { REPORT_FOR_ADMINS_ONLY, REPORT_ON_ITS_WAY } from '../../views/self-service-answers';
import { SELF_SERVICE_ACTIONS } from '../../views/self-service-ids';
import { noticeModal } from '../../views/self-service-modals';
import {
  openAdminModal,
  registerAdminButton,
  registerAdminSubmission,
  showAdminModal,
  type AdminClick,
  type AdminSubmission,
} from './admin-guard';
import type { ListenerRoutes } from './listener-routes';

export function registerAdminListeners(routes: ListenerRoutes, context: AppContext): void {
  const button = (actionId: string, handle: (click: AdminClick) => Promise<void>) =>
    registerAdminButton(routes, context, actionId, handle);
  const submission = (callbackId: string, handle: (submission: AdminSubmission) => Promise<void>) =>
    registerAdminSubmission(routes, context, callbackId, handle);
  const show = (click: AdminClick, view: View) => showAdminModal(context, click, view);

  registerAdminButton(
    routes,
    context,
    SELF_SERVICE_ACTIONS.fullReport,
    async (click) => {
      // The answer goes to the admin's DM: a Home tab has no conversation to reply in.
      await openAdminModal(context, click, noticeModal('Full report', REPORT_ON_ITS_WAY));
      await deliverReport(deliverReportDeps(context), click, async (message) => {
        await context.messenger.sendDirectMessage(click.userId, message);
      });
    },
    { title: 'Full report', text: REPORT_FOR_ADMINS_ONLY },
  );

  // Settings
  button(ADMIN_ACTIONS.settings, async (click) => {
    const deps = settingsDeps(context);
    const current = await effectiveSettingsFor(deps, click.teamId);
    const { ladder } = await context.repos.organisation.load(click.teamId);
    await openAdminModal(
      context,
      click,
      settingsModal(current, deps.defaults, SETTING_ENV_VARS, ladder.length),
    );
  });

  submission(ADMIN_CALLBACKS.settings, async ({ ack, teamId, userId, values }) => {
    const result = await saveSettings(saveSettingsDeps(context), {
      teamId,
      actorId: userId,
      form: settingsForm(values),
    });
    if (!result.ok) {
      await ack({ response_action: 'errors', errors: result.errors as Record<string, string> });
      return;
    }
    await ack({
      response_action: 'update',
      view: noticeModal('Programme settings', settingsSaved(result.changed)),
    });
    // The programme's name and welcome are on the Home tab.
    if (result.changed.length > 0) await publishHome(homeDeps(context), teamId, userId);
  });

  // Programme admins
  const adminsView = async (teamId: string, note?: string) =>
    adminsModal(await listProgrammeAdmins(manageAdminsDeps(context), teamId), note);

  button(ADMIN_ACTIONS.admins, async (click) => {
    await openAdminModal(context, click, await adminsView(click.teamId));
  });

  submission(ADMIN_CALLBACKS.admins, async ({ ack, teamId, userId, values }) => {
    const chosen = values[ADMIN_FIELDS.addAdmin]?.[ADMIN_FIELDS.addAdmin]?.selected_user;
    if (typeof chosen !== 'string' || !/^[UW][A-Z0-9]{1,20}$/.test(chosen)) {
      await ack({ response_action: 'errors', errors: { [ADMIN_FIELDS.addAdmin]: 'Choose someone to add.' } });
      return;
    }
    const result = await addProgrammeAdmin(manageAdminsDeps(context), {
      teamId,
      actorId: userId,
      userId: chosen,
    });
    await ack({ response_action: 'update', view: await adminsView(teamId, adminAdded(result, chosen)) });
  });

  button(ADMIN_ACTIONS.removeAdmin, async (click) => {
    const target = click.value;
    if (!/^[UW][A-Z0-9]{1,20}$/.test(target)) {
      await show(click, await adminsView(click.teamId));
      return;
    }
    const result = await removeProgrammeAdmin(manageAdminsDeps(context), {
      teamId: click.teamId,
      actorId: click.userId,
      userId: target,
    });
    await show(click, await adminsView(click.teamId, adminRemoved(result, target)));
  });

  // The audit log
  const auditView = async (teamId: string, page: number, note?: string) =>
    auditModal(await auditPage(auditLogDeps(context), teamId, page), note);

  button(ADMIN_ACTIONS.audit, async (click) => {
    await openAdminModal(context, click, await auditView(click.teamId, 0));
  });

  button(ADMIN_ACTIONS.auditPage, async (click) => {
    const page = /^\d{1,6}$/.test(click.value) ? Number(click.value) : 0;
    await show(click, await auditView(click.teamId, page));
  });

  button(ADMIN_ACTIONS.auditCsv, async (click) => {
    const entries = await sendAuditCsv(auditLogDeps(context), click.teamId, click.userId);
    await show(click, await auditView(click.teamId, 0, auditCsvSent(entries)));
  });
}

type Values = AdminSubmission['values'];

/** The settings form's fields as text: each input's value or chosen option, and the keys ticked to reset. */
function settingsForm(values: Values): SettingsFormInput {
  const fields: SettingsFormInput['fields'] = {};
  for (const key of SETTING_KEYS) {
    const state = values[key]?.[key];
    fields[key] = state?.selected_option?.value ?? state?.value ?? undefined;
  }
  const ticked = values[ADMIN_FIELDS.settingsReset]?.[ADMIN_FIELDS.settingsReset]?.selected_options ?? [];
  const reset = ticked
    .map((option) => option.value)
    .filter((value): value is SettingKey => SETTING_KEYS.includes(value as SettingKey));
  return { fields, reset };
}
