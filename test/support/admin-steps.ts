// Steps the admin tests share: pressing an admin button, reading what the fake Slack showed, filling in the
// settings form as Slack would send it.
import { ADMIN_FIELDS } from '../../src/views/admin-ids';
import type { TestApp } from './test-app';
import { blockKitProblems } from './block-kit-limits';

type View = Record<string, unknown>;

/** A button on the Home tab (or, with `modal`, in the admin modal with that view id). */
export function pressAdmin(
  t: TestApp,
  userId: string,
  actionId: string,
  options: { value?: string; modal?: string } = {},
) {
  return t.click({
    userId,
    actionId,
    ...(options.value === undefined ? {} : { value: options.value }),
    ...(options.modal === undefined
      ? { viewId: 'V0HOME' }
      : { viewId: options.modal, viewType: 'modal' as const }),
  });
}

/** The modal last opened or updated, checked against the Block Kit limits. */
export function lastModal(t: TestApp): View {
  const call = t.fake
    .calls()
    .filter((c) => c.method === 'views.open' || c.method === 'views.update')
    .at(-1);
  if (call === undefined) throw new Error('no modal was opened');
  const view = call.params.view as View;
  expect(blockKitProblems('modal', view)).toEqual([]);
  return view;
}

export function textOf(view: unknown): string {
  return JSON.stringify(view);
}

/** The user's Home tab as last published. */
export function homeOf(t: TestApp, userId: string): View {
  const call = t.fake
    .calls('views.publish')
    .filter((c) => c.params.user_id === userId)
    .at(-1);
  if (call === undefined) throw new Error(`no Home published for ${userId}`);
  const view = call.params.view as View;
  expect(blockKitProblems('home', view)).toEqual([]);
  return view;
}

export function actionIdsOf(view: unknown): string[] {
  return [...textOf(view).matchAll(/"action_id":"([a-z_]+)"/g)].map((m) => m[1] ?? '');
}

export async function openHome(t: TestApp, userId: string) {
  await t.event({ type: 'app_home_opened', user: userId, channel: 'D0HOME', tab: 'home' });
}

/** The settings form's values as Slack sends them: text inputs and yes/no selects. */
export function settingsValues(fields: Record<string, string>, reset: string[] = []) {
  const selects = new Set(['promptWeekday', 'nudgeEnabled', 'reportHideNames', 'membersAddTopics']);
  const values: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of Object.entries(fields)) {
    values[key] = {
      [key]: selects.has(key)
        ? { type: 'static_select', selected_option: { text: { type: 'plain_text', text: value }, value } }
        : { type: 'plain_text_input', value },
    };
  }
  if (reset.length > 0) {
    values.settings_reset = {
      settings_reset: {
        type: 'multi_static_select',
        selected_options: reset.map((key) => ({ text: { type: 'plain_text', text: key }, value: key })),
      },
    };
  }
  return values;
}

/** Today's defaults (the test app's environment sets none of the programme variables). */
export const DEFAULT_FORM: Record<string, string> = {
  programmeName: 'Mentor Circles',
  welcomeText: '',
  promptWeekday: 'monday',
  promptHour: '10',
  nudgeEnabled: 'yes',
  nudgeAfterHours: '72',
  minLevelGap: '1',
  proposalTtlHours: '72',
  reportHideNames: 'no',
  membersAddTopics: 'yes',
  pairTermWeeks: '26',
  extensionWeeks: '12',
};

const typed = (field: string, value: string | null) => ({
  [field]: { [field]: { type: 'plain_text_input', value } },
});
const ticked = (field: string, value: string, on: boolean) => ({
  [field]: {
    [field]: {
      type: 'checkboxes',
      selected_options: on ? [{ text: { type: 'plain_text', text: value }, value }] : [],
    },
  },
});

/** The topics modal with a name typed under "Add a topic". */
export function topicAddValues(name: string) {
  return typed(ADMIN_FIELDS.topicNew, name);
}

/** One topic's form: its name, retired or not, and the topic to merge it into (none by default). */
export function topicEditValues(change: { name: string; retired?: boolean; mergeInto?: number }) {
  return {
    ...typed(ADMIN_FIELDS.topicName, change.name),
    ...ticked(ADMIN_FIELDS.topicRetired, 'retired', change.retired === true),
    [ADMIN_FIELDS.topicMergeInto]: {
      [ADMIN_FIELDS.topicMergeInto]: {
        type: 'static_select',
        selected_option:
          change.mergeInto === undefined
            ? null
            : { text: { type: 'plain_text', text: 'x' }, value: String(change.mergeInto) },
      },
    },
  };
}

/** One prompt's form: its wording, place and whether it is sent. */
export function promptEditValues(change: { text: string; position: string; enabled: boolean }) {
  return {
    ...typed(ADMIN_FIELDS.promptText, change.text),
    ...typed(ADMIN_FIELDS.promptPosition, change.position),
    ...ticked(ADMIN_FIELDS.promptEnabled, 'enabled', change.enabled),
  };
}

/** The invitation modal with a channel picked. */
export function invitationValues(channel: string | null) {
  return {
    [ADMIN_FIELDS.invitationChannel]: {
      [ADMIN_FIELDS.invitationChannel]: { type: 'conversations_select', selected_conversation: channel },
    },
  };
}
