// The values a person's Slack client sends back when they submit one of the app's modals, in the shape Slack
// uses for view_submission state ({ [blockId]: { [actionId]: value } }). Options are picked from the modal the
// person was actually shown, as a person picks them on screen.
import { asObject, asObjects, optionsOf, type Json } from './demo-block-kit-json';
import type { DemoPerson } from './demo-company';
import type { ModalValues } from './demo-slack-client';

function optionsIn(view: Json, blockId: string): Json[] {
  const block = asObjects(view.blocks).find((candidate) => candidate.block_id === blockId);
  return optionsOf(asObject(block?.element));
}

function chosen(view: Json, blockId: string, test: (option: Json) => boolean): Json {
  const found = optionsIn(view, blockId).find(test);
  if (found === undefined) throw new Error(`the modal offers no such option under ${blockId}`);
  return found;
}

const label = (option: Json) => String(asObject(option.text).text ?? '');

/** The offer or find modal, filled in with the person's topics, level, department and words. */
export function signupValues(
  view: Json,
  person: DemoPerson,
  options: { withoutTopics?: boolean; excludedUserIds?: readonly string[] } = {},
): ModalValues {
  const withoutTopics = options.withoutTopics === true;
  const topics = withoutTopics
    ? []
    : person.topics.map((topic) => chosen(view, 'topics', (option) => label(option) === topic));
  const select = (blockId: string, value: string) => ({
    [blockId]: {
      type: 'static_select',
      selected_option: chosen(view, blockId, (option) => option.value === value),
    },
  });
  const values: ModalValues = {
    topics: { topics: { type: 'multi_static_select', selected_options: topics } },
    other_topics: {
      other_topics: { type: 'plain_text_input', value: withoutTopics ? null : person.otherTopics },
    },
    level: select('level', String(person.level)),
    department: select('department', person.department),
    exclusions: {
      exclusions: { type: 'multi_users_select', selected_users: [...(options.excludedUserIds ?? [])] },
    },
  };
  if (person.role === 'mentor') {
    values.capacity = select('capacity', String(person.capacity));
    values.note = { note: { type: 'plain_text_input', value: person.note } };
  } else {
    values.goals = { goals: { type: 'plain_text_input', value: person.note } };
  }
  return values;
}

const RATING_LABELS = [
  '',
  '1 – Not useful',
  '2 – A little useful',
  '3 – Useful',
  '4 – Very useful',
  '5 – Excellent',
];

/** The feedback modal (ending a pairing, or after the partner ended it): a rating, yes/no and a comment. */
export function feedbackValues(rating: number, recommend: boolean, comment: string): ModalValues {
  const option = (text: string, value: string) => ({ text: { type: 'plain_text', text }, value });
  return {
    feedback_rating: {
      feedback_rating: {
        type: 'radio_buttons',
        selected_option: option(RATING_LABELS[rating] ?? String(rating), String(rating)),
      },
    },
    feedback_recommend: {
      feedback_recommend: {
        type: 'radio_buttons',
        selected_option: recommend ? option('Yes', 'yes') : option('No', 'no'),
      },
    },
    feedback_comment: { feedback_comment: { type: 'plain_text_input', value: comment } },
  };
}

/**
 * Any form of the app as its fields stand on screen (each input's initial value or option), with some fields
 * changed: text typed, an option chosen by its value or its label, boxes ticked, a channel picked.
 */
export function formValues(
  view: Json,
  changes: Record<string, string | boolean | { label: string } | null> = {},
): ModalValues {
  const values: ModalValues = {};
  for (const block of asObjects(view.blocks)) {
    if (block.type !== 'input' || typeof block.block_id !== 'string') continue;
    const element = asObject(block.element);
    const actionId = String(element.action_id ?? block.block_id);
    const change = changes[block.block_id];
    const type = String(element.type);
    let state: Record<string, unknown>;
    if (type === 'plain_text_input') {
      state = { type, value: typeof change === 'string' ? change : (element.initial_value ?? null) };
    } else if (type === 'static_select' || type === 'radio_buttons') {
      const option =
        change === undefined
          ? (element.initial_option ?? null)
          : change === null
            ? null
            : optionsOf(element).find((candidate) =>
                typeof change === 'object'
                  ? label(candidate) === change.label
                  : candidate.value === String(change),
              );
      if (option === undefined) throw new Error(`the form offers no such option under ${block.block_id}`);
      state = { type, selected_option: option };
    } else if (type === 'checkboxes') {
      const options = optionsOf(element);
      state = {
        type,
        selected_options:
          change === undefined ? (element.initial_options ?? []) : change === true ? options : [],
      };
    } else if (type === 'conversations_select') {
      state = { type, selected_conversation: typeof change === 'string' ? change : null };
    } else {
      continue;
    }
    values[block.block_id] = { [actionId]: state };
  }
  return values;
}
