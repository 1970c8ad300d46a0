// The admin modals for the organisation's shape: the ladder and departments with who is where, and the forms
// that add, rename, move, remove, merge and retire them. One modal moves between these views.
import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import {
  levelNameOf,
  MAX_DEPARTMENT_NAME,
  MAX_LEVEL_NAME,
  type DepartmentEffect,
  type LevelChange,
  type LevelEffect,
  type Organisation,
  type OrgDepartment,
  type OrgLevel,
} from '../domain/organisation';
import { ADMIN_ACTIONS, ADMIN_CALLBACKS, ADMIN_FIELDS } from './admin-ids';
import { context, section } from './blocks';
import { escapeMrkdwn, truncate } from './text';

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const option = (text: string, value: string): PlainTextOption => ({ text: plain(truncate(text, 75)), value });
const people = (n: number) => (n === 1 ? '1 person' : `${n} people`);

export interface OrganisationOverviewView {
  organisation: Organisation;
  levelHolders: ReadonlyMap<number, number>;
  departmentMembers: ReadonlyMap<string, number>;
}

const TITLE = plain('Levels and departments');

function editButton(actionId: string, value: string, text = 'Edit') {
  return { type: 'button' as const, action_id: actionId, value, text: plain(text) };
}

export function organisationModal(overview: OrganisationOverviewView, note?: string): ModalView {
  const { organisation, levelHolders, departmentMembers } = overview;
  const blocks: KnownBlock[] = [];
  if (note !== undefined) blocks.push(context(escapeMrkdwn(note)));
  blocks.push(
    section(
      '*Levels*, from most junior to most senior. Renaming a level keeps everyone on it; when you move or remove a level people hold, you choose where they go.',
    ),
  );
  organisation.ladder.forEach((level, index) => {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `${index + 1}. *${escapeMrkdwn(level.name)}* · ${people(levelHolders.get(level.id) ?? 0)}`,
      },
      accessory: editButton(ADMIN_ACTIONS.editLevel, String(level.id)),
    });
  });
  blocks.push(
    { type: 'actions', elements: [editButton(ADMIN_ACTIONS.editLevel, 'new', 'Add a level')] },
    { type: 'divider' },
    section(
      '*Departments*. Renaming or merging one moves its people with it; a retired one is hidden for new sign-ups and kept for the people in it.',
    ),
  );
  for (const department of organisation.departments) {
    const retired = department.retired ? ' · _retired_' : '';
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*${escapeMrkdwn(department.name)}* · ${people(departmentMembers.get(department.name) ?? 0)}${retired}`,
      },
      accessory: editButton(ADMIN_ACTIONS.editDepartment, department.name),
    });
  }
  blocks.push({
    type: 'actions',
    elements: [editButton(ADMIN_ACTIONS.editDepartment, '', 'Add a department')],
  });
  return { type: 'modal', title: TITLE, close: plain('Close'), blocks };
}

/** The form for a new level (level null) or one on the ladder. */
export function levelModal(organisation: Organisation, level: OrgLevel | null, holders: number): ModalView {
  const ladder = organisation.ladder;
  const places = level === null ? ladder.length + 1 : ladder.length;
  const current = level === null ? places : ladder.findIndex((l) => l.id === level.id) + 1;
  const placeOptions: PlainTextOption[] = [];
  for (let place = 1; place <= places; place += 1) {
    const end = place === 1 ? ' (most junior)' : place === places ? ' (most senior)' : '';
    placeOptions.push(option(`${place}${end}`, String(place)));
  }
  const blocks: KnownBlock[] = [
    {
      type: 'input',
      block_id: ADMIN_FIELDS.levelName,
      label: plain('Name'),
      element: {
        type: 'plain_text_input',
        action_id: ADMIN_FIELDS.levelName,
        max_length: MAX_LEVEL_NAME,
        ...(level === null ? {} : { initial_value: level.name }),
      },
    },
    selectInput(ADMIN_FIELDS.levelPosition, 'Place on the ladder', placeOptions, String(current), false),
  ];
  if (level !== null && holders > 0)
    blocks.push(
      selectInput(
        ADMIN_FIELDS.levelHolders,
        `If this level moves or goes, the ${people(holders)} at it are now at`,
        ladder.map((l) => option(l.name, String(l.id))),
        null,
        true,
        'Needed when you move or remove the level, so nobody’s seniority changes without you saying so. Choose this level itself to keep them on it as it moves.',
      ),
    );
  if (level !== null)
    blocks.push({
      type: 'input',
      block_id: ADMIN_FIELDS.levelRemove,
      optional: true,
      label: plain('Remove'),
      element: {
        type: 'checkboxes',
        action_id: ADMIN_FIELDS.levelRemove,
        options: [option('Remove this level from the ladder', 'remove')],
      },
    });
  return {
    type: 'modal',
    callback_id: ADMIN_CALLBACKS.level,
    private_metadata: level === null ? 'new' : String(level.id),
    title: plain(level === null ? 'Add a level' : 'Edit a level'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks,
  };
}

/** The form for a new department (null) or an existing one. */
export function departmentModal(organisation: Organisation, department: OrgDepartment | null): ModalView {
  const blocks: KnownBlock[] = [
    {
      type: 'input',
      block_id: ADMIN_FIELDS.departmentName,
      label: plain('Name'),
      element: {
        type: 'plain_text_input',
        action_id: ADMIN_FIELDS.departmentName,
        max_length: MAX_DEPARTMENT_NAME,
        ...(department === null ? {} : { initial_value: department.name }),
      },
    },
  ];
  if (department !== null) {
    const others = organisation.departments.filter((d) => d.name !== department.name);
    if (others.length > 0)
      blocks.push(
        selectInput(
          ADMIN_FIELDS.departmentMerge,
          'Merge into',
          others.map((d) => option(d.name, d.name)),
          null,
          true,
          'Its people move to the department you choose, and this one goes.',
        ),
      );
    blocks.push({
      type: 'input',
      block_id: ADMIN_FIELDS.departmentRetired,
      optional: true,
      label: plain('Retire'),
      element: {
        type: 'checkboxes',
        action_id: ADMIN_FIELDS.departmentRetired,
        options: [RETIRED_OPTION],
        ...(department.retired ? { initial_options: [RETIRED_OPTION] } : {}),
      },
    });
  }
  return {
    type: 'modal',
    callback_id: ADMIN_CALLBACKS.department,
    private_metadata: department === null ? '' : department.name,
    title: plain(department === null ? 'Add a department' : 'Edit a department'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks,
  };
}

const RETIRED_OPTION = option('Retired: hidden for new sign-ups', 'retired');

function selectInput(
  blockId: string,
  label: string,
  options: PlainTextOption[],
  initial: string | null,
  optional: boolean,
  hint?: string,
): InputBlock {
  const chosen = options.find((candidate) => candidate.value === initial);
  return {
    type: 'input',
    block_id: blockId,
    optional,
    label: plain(label),
    ...(hint === undefined ? {} : { hint: plain(hint) }),
    element: {
      type: 'static_select',
      action_id: blockId,
      options,
      ...(chosen === undefined ? {} : { initial_option: chosen }),
    },
  };
}

/** What the organisation modal says after a saved change. */
export function levelSaved(effect: LevelEffect, kind: LevelChange['kind'], org: Organisation): string {
  const moved = effect.move === null ? '' : ` Its people are now at ${levelNameOf(org, effect.move.to)}.`;
  if (kind === 'add') return `Added ${effect.level.name}.`;
  if (kind === 'remove') return `Removed ${effect.level.name}.${moved}`;
  return `Saved ${effect.level.name}.${moved}`;
}

export function departmentSaved(effect: DepartmentEffect): string {
  switch (effect.kind) {
    case 'added':
      return `Added ${effect.to}.`;
    case 'renamed':
      return `Renamed ${effect.from} to ${effect.to}; its people moved with it.`;
    case 'merged':
      return `Merged ${effect.from} into ${effect.to}; its people are now in ${effect.to}.`;
    case 'retired':
      return `Retired ${effect.from}: new sign-ups no longer see it.`;
    case 'restored':
      return `${effect.from} is open to new sign-ups again.`;
    case 'unchanged':
      return 'Nothing changed.';
  }
}
