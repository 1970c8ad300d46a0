// Ids of the admin section of App Home and its modals, shared by the views and the admin listeners.
import { SELF_SERVICE_ACTIONS } from './self-service-ids';

export const ADMIN_ACTIONS = {
  settings: 'admin_settings',
  admins: 'admin_admins',
  /** The Remove button beside an added admin; its value is their user id. */
  removeAdmin: 'admin_remove_admin',
  audit: 'admin_audit',
  /** Previous / next in the audit modal; its value is the zero-based page. */
  auditPage: 'admin_audit_page',
  auditCsv: 'admin_audit_csv',
  organisation: 'admin_organisation',
  /** Edit beside a level, or Add a level; its value is the level's id, or "new". */
  editLevel: 'admin_org_edit_level',
  /** Edit beside a department, or Add a department; its value is the department's name, or "" for a new one. */
  editDepartment: 'admin_org_edit_department',
} as const;

export const ADMIN_CALLBACKS = {
  settings: 'admin_settings_form',
  admins: 'admin_admins_form',
  level: 'admin_org_level_form',
  department: 'admin_org_department_form',
} as const;

/** Block ids (each input's action id is the same string) of the admin modals' own inputs. */
export const ADMIN_FIELDS = {
  addAdmin: 'admin_add_user',
  settingsReset: 'settings_reset',
  levelName: 'org_level_name',
  levelPosition: 'org_level_position',
  levelHolders: 'org_level_holders',
  levelRemove: 'org_level_remove',
  departmentName: 'org_department_name',
  departmentMerge: 'org_department_merge',
  departmentRetired: 'org_department_retired',
} as const;

/**
 * The admin section's buttons on App Home, one per admin feature, in order. A new admin feature adds its
 * button here and registers its action through the admin guard (src/slack/listeners/admin-guard.ts).
 */
export const ADMIN_HOME_BUTTONS: readonly { text: string; actionId: string }[] = [
  { text: 'Full report', actionId: SELF_SERVICE_ACTIONS.fullReport },
  { text: 'Settings', actionId: ADMIN_ACTIONS.settings },
  { text: 'Programme admins', actionId: ADMIN_ACTIONS.admins },
  { text: 'Audit log', actionId: ADMIN_ACTIONS.audit },
  { text: 'Levels and departments', actionId: ADMIN_ACTIONS.organisation },
];

/** The short private answer to anyone who is not a programme admin, whatever they tried. */
export const ADMIN_ONLY =
  'Only programme admins can do that. If you should be one, ask a programme admin to add you.';
