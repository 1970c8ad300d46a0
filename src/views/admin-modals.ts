// The admin modals: programme settings (saying where each value comes from) and programme admins. The audit log
// is in admin-audit-views.ts.
import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import {
  MAX_PROGRAMME_NAME_LENGTH,
  MAX_WELCOME_TEXT_LENGTH,
  NUMBER_BOUNDS,
  settingNumberBounds,
  SETTING_KEYS,
  type EffectiveSettings,
  type ProgrammeSettings,
  type SettingKey,
} from '../domain/programme-settings';
import { WEEKDAYS } from '../domain/prompt-schedule';
import { ADMIN_ACTIONS, ADMIN_CALLBACKS, ADMIN_FIELDS } from './admin-ids';
import { context, section } from './blocks';
import { mention, truncate } from './text';

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const option = (text: string, value: string): PlainTextOption => ({ text: plain(text), value });

export const SETTING_LABELS: Record<SettingKey, string> = {
  programmeName: 'Programme name',
  welcomeText: 'Welcome text',
  promptWeekday: 'Prompt day',
  promptHour: 'Prompt hour (local time, 0–23)',
  nudgeEnabled: 'Reminders for unanswered prompts',
  nudgeAfterHours: 'Remind after (hours)',
  minLevelGap: 'Minimum level gap',
  proposalTtlHours: 'Proposals expire after (hours)',
  reportHideNames: 'Hide names in the pairs CSV',
  membersAddTopics: 'Members may add their own topics',
  pairTermWeeks: 'Term of a new pairing (weeks)',
  extensionWeeks: 'An extension adds (weeks)',
};

export function describeSettingValue(key: SettingKey, value: unknown): string {
  // A setting stored as null follows the install's default (audit entries record it so).
  if (value === null || value === undefined)
    return key === 'welcomeText' ? 'the built-in introduction' : 'the default';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (key === 'promptWeekday' && typeof value === 'string')
    return value.charAt(0).toUpperCase() + value.slice(1);
  return String(value);
}

/**
 * The settings form. `envVars` names the environment variable behind each default, so the admin can tell a
 * value set in Slack from the install's default and where that default comes from.
 */
export function settingsModal(
  current: EffectiveSettings,
  defaults: ProgrammeSettings,
  envVars: Partial<Record<SettingKey, string>>,
  /** How many levels the workspace's ladder has: the gap can be at most one fewer. */
  ladderLevels?: number,
): ModalView {
  const v = current.values;
  const origin = (key: SettingKey) => {
    if (current.setInSlack.has(key))
      return `Set in Slack for this workspace. Default: ${describeSettingValue(key, defaults[key])}.`;
    const variable = envVars[key];
    return variable === undefined ? 'Built-in default.' : `Default, from the app's ${variable} setting.`;
  };
  const source = (key: SettingKey) =>
    key === 'minLevelGap' && ladderLevels !== undefined
      ? `${origin(key)} At most ${settingNumberBounds(ladderLevels).minLevelGap.max} on this workspace's ladder of ${ladderLevels} levels.`
      : origin(key);
  const text = (
    key: SettingKey,
    initial: string,
    extra: { multiline?: boolean; max?: number; optional?: boolean } = {},
  ) =>
    input(
      key,
      source(key),
      {
        type: 'plain_text_input',
        action_id: key,
        ...(initial === '' ? {} : { initial_value: initial }),
        ...(extra.multiline === true ? { multiline: true } : {}),
        ...(extra.max === undefined ? {} : { max_length: extra.max }),
      },
      extra.optional === true,
    );
  const yesNo = (key: SettingKey, value: boolean) =>
    input(key, source(key), {
      type: 'static_select',
      action_id: key,
      options: [option('Yes', 'yes'), option('No', 'no')],
      initial_option: value ? option('Yes', 'yes') : option('No', 'no'),
    });
  const weekdays = WEEKDAYS.map((day) => option(describeSettingValue('promptWeekday', day), day));
  const blocks: KnownBlock[] = [
    section(
      'Each value applies to this workspace. A value *set in Slack* overrides the install’s default; the others follow the defaults.',
    ),
    text('programmeName', v.programmeName, { max: MAX_PROGRAMME_NAME_LENGTH }),
    text('welcomeText', v.welcomeText ?? '', {
      multiline: true,
      max: MAX_WELCOME_TEXT_LENGTH,
      optional: true,
    }),
    input('promptWeekday', source('promptWeekday'), {
      type: 'static_select',
      action_id: 'promptWeekday',
      options: weekdays,
      initial_option: option(describeSettingValue('promptWeekday', v.promptWeekday), v.promptWeekday),
    }),
    text('promptHour', String(v.promptHour)),
    yesNo('nudgeEnabled', v.nudgeEnabled),
    text('nudgeAfterHours', String(v.nudgeAfterHours)),
    text('minLevelGap', String(v.minLevelGap)),
    text('proposalTtlHours', String(v.proposalTtlHours)),
    yesNo('reportHideNames', v.reportHideNames),
    yesNo('membersAddTopics', v.membersAddTopics),
    text('pairTermWeeks', String(v.pairTermWeeks)),
    text('extensionWeeks', String(v.extensionWeeks)),
  ];
  const resettable = SETTING_KEYS.filter((key) => current.setInSlack.has(key));
  if (resettable.length > 0) {
    blocks.push({
      type: 'input',
      block_id: ADMIN_FIELDS.settingsReset,
      optional: true,
      label: plain('Back to the default'),
      // A multi-select rather than checkboxes: there are more settings than Slack shows as checkboxes.
      element: {
        type: 'multi_static_select',
        action_id: ADMIN_FIELDS.settingsReset,
        placeholder: plain('Choose settings'),
        options: resettable.map((key) =>
          option(truncate(`${SETTING_LABELS[key]} (${describeSettingValue(key, defaults[key])})`, 75), key),
        ),
      },
    });
  }
  return {
    type: 'modal',
    callback_id: ADMIN_CALLBACKS.settings,
    title: plain('Programme settings'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks,
  };
}

function input(key: SettingKey, hint: string, element: InputBlock['element'], optional = false): InputBlock {
  return {
    type: 'input',
    block_id: key,
    label: plain(SETTING_LABELS[key]),
    hint: plain(truncate(hint, 2000)),
    ...(optional ? { optional: true } : {}),
    element,
  };
}

/** Numbers the settings form accepts, for the guide and tests. */
export const SETTING_NUMBER_BOUNDS = NUMBER_BOUNDS;

export function settingsSaved(changed: readonly SettingKey[]): string {
  if (changed.length === 0) return 'Nothing changed.';
  return `Saved: ${changed.map((key) => SETTING_LABELS[key]).join(', ')}.`;
}

// Room for the header blocks and the add input within Slack's 100 blocks per modal.
const MAX_LISTED_ADMINS = 80;

export function adminsModal(
  list: { fromEnvironment: readonly string[]; added: readonly { userId: string }[] },
  note?: string,
): ModalView {
  const blocks: KnownBlock[] = [
    section(
      'Programme admins see the report and change the programme. Slack workspace admins and owners are programme admins too.',
    ),
  ];
  if (note !== undefined) blocks.push(context(note));
  if (list.fromEnvironment.length > 0) {
    blocks.push(
      section(
        `*From the app's MENTOR_ADMINS setting* (change them there, not in Slack):\n${list.fromEnvironment.map(mention).join(', ')}`,
      ),
    );
  }
  if (list.added.length === 0) blocks.push(context('Nobody has been added in Slack yet.'));
  for (const admin of list.added.slice(0, MAX_LISTED_ADMINS)) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `${mention(admin.userId)} (added in Slack)` },
      accessory: {
        type: 'button',
        action_id: ADMIN_ACTIONS.removeAdmin,
        value: admin.userId,
        text: plain('Remove'),
        confirm: {
          title: plain('Remove this admin?'),
          text: plain('They will no longer see the report or change the programme.'),
          confirm: plain('Remove'),
          deny: plain('Keep'),
        },
      },
    });
  }
  if (list.added.length > MAX_LISTED_ADMINS)
    blocks.push(context(`And ${list.added.length - MAX_LISTED_ADMINS} more.`));
  blocks.push({
    type: 'input',
    block_id: ADMIN_FIELDS.addAdmin,
    optional: true,
    label: plain('Add a programme admin'),
    element: { type: 'users_select', action_id: ADMIN_FIELDS.addAdmin },
  });
  return {
    type: 'modal',
    callback_id: ADMIN_CALLBACKS.admins,
    title: plain('Programme admins'),
    submit: plain('Add'),
    close: plain('Close'),
    blocks,
  };
}

export function adminAdded(result: 'added' | 'already-admin' | 'from-environment', userId: string): string {
  if (result === 'added') return `${mention(userId)} is now a programme admin.`;
  if (result === 'from-environment') return `${mention(userId)} is already an admin through MENTOR_ADMINS.`;
  return `${mention(userId)} was already a programme admin.`;
}

export function adminRemoved(result: 'removed' | 'not-added' | 'from-environment', userId: string): string {
  if (result === 'removed') return `${mention(userId)} is no longer a programme admin.`;
  if (result === 'from-environment')
    return `${mention(userId)} is an admin through MENTOR_ADMINS: change that setting to remove them.`;
  return `${mention(userId)} was not an admin added in Slack.`;
}
