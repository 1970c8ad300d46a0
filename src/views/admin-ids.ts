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
  invitation: 'admin_invitation',
  topics: 'admin_topics',
  /** Previous / next in the topics modal; its value is the zero-based page. */
  topicsPage: 'admin_topics_page',
  /** The Change button beside a topic; its value is the topic's id. */
  topicEdit: 'admin_topic_edit',
  prompts: 'admin_prompts',
  /** Previous / next in the prompts modal; its value is the zero-based page. */
  promptsPage: 'admin_prompts_page',
  /** The Change button beside a prompt; its value is the prompt's id. */
  promptEdit: 'admin_prompt_edit',
  pairHealth: 'admin_pair_health',
  /** Previous / next in the pair-health modal; its value is the zero-based page. */
  pairHealthPage: 'admin_pair_health_page',
  /** Per-item actions in the pair-health modal; the value is the pair id (or request id to suggest for). */
  nudgePair: 'admin_nudge_pair',
  endPair: 'admin_end_pair',
  runMatching: 'admin_run_matching',
  suggestMentor: 'admin_suggest_mentor',
  digest: 'admin_digest',
  organisation: 'admin_organisation',
  /** Edit beside a level, or Add a level; its value is the level's id, or "new". */
  editLevel: 'admin_org_edit_level',
  /** Edit beside a department, or Add a department; its value is the department's name, or "" for a new one. */
  editDepartment: 'admin_org_edit_department',
  cohorts: 'admin_cohorts',
  /** Previous / next in the cohorts modal; its value is the zero-based page. */
  cohortsPage: 'admin_cohorts_page',
  /** "Open a cohort" in the cohorts modal. */
  openCohort: 'admin_open_cohort',
} as const;

export const ADMIN_CALLBACKS = {
  settings: 'admin_settings_form',
  admins: 'admin_admins_form',
  invitation: 'admin_invitation_form',
  /** The topics modal: its submit adds the topic typed in it. */
  topics: 'admin_topics_form',
  /** One topic's form (private_metadata: its id): rename, retire or restore, merge. */
  topicEdit: 'admin_topic_edit_form',
  /** The prompts modal: its submit adds the question typed in it. */
  prompts: 'admin_prompts_form',
  /** One prompt's form (private_metadata: its id): wording, place, sent or not. */
  promptEdit: 'admin_prompt_edit_form',
  endPair: 'admin_end_pair_form',
  suggestMentor: 'admin_suggest_mentor_form',
  digest: 'admin_digest_form',
  level: 'admin_org_level_form',
  department: 'admin_org_department_form',
  openCohort: 'admin_open_cohort_form',
} as const;

/** Block ids (each input's action id is the same string) of the admin modals' own inputs. */
export const ADMIN_FIELDS = {
  addAdmin: 'admin_add_user',
  settingsReset: 'settings_reset',
  invitationChannel: 'invitation_channel',
  topicNew: 'admin_topic_new',
  topicName: 'admin_topic_name',
  topicRetired: 'admin_topic_retired',
  topicMergeInto: 'admin_topic_merge_into',
  promptNew: 'admin_prompt_new',
  promptText: 'admin_prompt_text',
  promptPosition: 'admin_prompt_position',
  promptEnabled: 'admin_prompt_enabled',
  endReason: 'admin_end_reason',
  suggestedMentor: 'admin_suggested_mentor',
  digestEnabled: 'digest_enabled',
  digestWeekday: 'digest_weekday',
  digestHour: 'digest_hour',
  levelName: 'org_level_name',
  levelPosition: 'org_level_position',
  levelHolders: 'org_level_holders',
  levelRemove: 'org_level_remove',
  departmentName: 'org_department_name',
  departmentMerge: 'org_department_merge',
  departmentRetired: 'org_department_retired',
  cohortName: 'cohort_name',
  cohortOpens: 'cohort_opens',
  cohortCloses: 'cohort_closes',
  cohortStarts: 'cohort_starts',
  cohortTermWeeks: 'cohort_term_weeks',
} as const;

/**
 * The admin section's buttons on App Home, one per admin feature, in order. A new admin feature adds its
 * button here and registers its action through the admin guard (src/slack/listeners/admin-guard.ts).
 */
export const ADMIN_HOME_BUTTONS: readonly { text: string; actionId: string }[] = [
  { text: 'Full report', actionId: SELF_SERVICE_ACTIONS.fullReport },
  { text: 'Settings', actionId: ADMIN_ACTIONS.settings },
  { text: 'Programme admins', actionId: ADMIN_ACTIONS.admins },
  { text: 'Topics', actionId: ADMIN_ACTIONS.topics },
  { text: 'Prompts', actionId: ADMIN_ACTIONS.prompts },
  { text: 'Audit log', actionId: ADMIN_ACTIONS.audit },
  { text: 'Post an invitation', actionId: ADMIN_ACTIONS.invitation },
  { text: 'Pair health', actionId: ADMIN_ACTIONS.pairHealth },
  { text: 'Weekly digest', actionId: ADMIN_ACTIONS.digest },
  { text: 'Levels and departments', actionId: ADMIN_ACTIONS.organisation },
  { text: 'Cohorts', actionId: ADMIN_ACTIONS.cohorts },
];

/** The short private answer to anyone who is not a programme admin, whatever they tried. */
export const ADMIN_ONLY =
  'Only programme admins can do that. If you should be one, ask a programme admin to add you.';
