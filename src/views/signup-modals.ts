// The "Offer mentoring" and "Find a mentor" modals, and the confirmations sent once one is saved.
import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { openDepartments } from '../domain/organisation';
import {
  MAX_CAPACITY,
  MAX_CUSTOM_TOPIC_LENGTH,
  MAX_EXCLUSIONS,
  MAX_GOALS_LENGTH,
  MAX_NOTE_LENGTH,
  MAX_OTHER_TOPICS_INPUT,
  MIN_CAPACITY,
  SIGNUP_FIELDS,
  type SignupField,
  type SignupForm,
  type SignupKind,
} from '../domain/signup-form';
import type { OpenOffer, OpenRequest, Topic } from '../domain/signup';
import type { SignupFormState } from '../domain/signup';
import type { SlackMessage } from '../ports/messenger';
import { APOLOGY } from './apology';
import { escapeMrkdwn, mention, truncate } from './text';

export const OFFER_CALLBACK_ID = 'mentor_offer';
export const FIND_CALLBACK_ID = 'mentor_find';

// Block Kit: a select holds at most 100 options, or 100 groups of 100.
export const MAX_SELECT_OPTIONS = 100;
const MAX_OPTION_TEXT = 75;
const MAX_SECTION_TEXT = 3000;

export function signupModal(state: SignupFormState): ModalView {
  const offer = state.kind === 'offer';
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: offer
          ? 'Share what you could teach a more senior colleague. When someone asks to learn one of your topics, you get a proposal to accept or decline: nothing starts without your OK.'
          : 'Tell us what you would like to learn. We look for a colleague earlier in their career who knows it and ask them to mentor you.',
      },
    },
  ];
  if (state.updating)
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: offer
            ? 'This is your current offer: saving replaces it.'
            : 'This is your current request: saving replaces it.',
        },
      ],
    });
  blocks.push(
    topicsInput(state, offer ? 'Topics I can teach' : 'Topics I want to learn'),
    ...(state.customTopicsAllowed ? [otherTopicsInput()] : []),
    input(SIGNUP_FIELDS.level, 'My level', {
      element: staticSelect(
        SIGNUP_FIELDS.level,
        state.organisation.ladder.map((level) => option(level.name, String(level.id))),
        state.level !== null && state.organisation.ladder.some((level) => level.id === state.level)
          ? String(state.level)
          : null,
      ),
    }),
    input(SIGNUP_FIELDS.department, 'My department', {
      element: staticSelect(
        SIGNUP_FIELDS.department,
        departmentChoices(state).map((department) => option(department, department)),
        state.department,
      ),
    }),
  );
  if (offer) {
    const capacities = [];
    for (let n = MIN_CAPACITY; n <= MAX_CAPACITY; n += 1) capacities.push(option(String(n), String(n)));
    blocks.push(
      input(SIGNUP_FIELDS.capacity, 'How many people I can mentor at once', {
        element: staticSelect(SIGNUP_FIELDS.capacity, capacities, String(state.capacity)),
      }),
    );
  }
  blocks.push(
    input(
      offer ? SIGNUP_FIELDS.note : SIGNUP_FIELDS.goals,
      offer ? 'A short note about me' : 'What I hope to get out of it',
      {
        optional: true,
        element: {
          type: 'plain_text_input',
          action_id: offer ? SIGNUP_FIELDS.note : SIGNUP_FIELDS.goals,
          multiline: true,
          max_length: offer ? MAX_NOTE_LENGTH : MAX_GOALS_LENGTH,
          ...(state.text === null ? {} : { initial_value: state.text }),
        },
      },
    ),
    input(SIGNUP_FIELDS.exclusions, "Don't match me with", {
      optional: true,
      hint: 'For example your own manager or your direct reports. One list for both your offer and your request.',
      element: {
        type: 'multi_users_select',
        action_id: SIGNUP_FIELDS.exclusions,
        max_selected_items: MAX_EXCLUSIONS,
        ...(state.excludedUserIds.length === 0 ? {} : { initial_users: state.excludedUserIds }),
      },
    }),
  );
  return {
    type: 'modal',
    callback_id: offer ? OFFER_CALLBACK_ID : FIND_CALLBACK_ID,
    title: { type: 'plain_text', text: offer ? 'Offer mentoring' : 'Find a mentor' },
    submit: { type: 'plain_text', text: offer ? 'Save offer' : 'Ask for a mentor' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}

/** The open departments, and the person's own even once it is retired (it stays theirs). */
function departmentChoices(state: SignupFormState): string[] {
  const open = openDepartments(state.organisation);
  const own = state.department;
  const kept =
    own !== null && !open.includes(own) && state.organisation.departments.some((d) => d.name === own);
  return kept ? [...open, own] : open;
}

function topicsInput(state: SignupFormState, label: string): InputBlock {
  const options = state.catalogue.map(topicOption);
  const chosen = new Set(state.topicIds);
  const initial = options.filter((o) => chosen.has(Number(o.value)));
  return input(SIGNUP_FIELDS.topics, label, {
    // Optional to Slack because "Other topics" can stand in; the form rules require one or the other.
    optional: true,
    hint: 'Choose at least one here, or add your own under "Other topics".',
    element: {
      type: 'multi_static_select',
      action_id: SIGNUP_FIELDS.topics,
      placeholder: { type: 'plain_text', text: 'Choose topics' },
      ...topicChoices(options),
      ...(initial.length === 0 ? {} : { initial_options: initial }),
    },
  });
}

/** Up to 100 topics as plain options; more as groups of at most 100, labelled by their first letters. */
export function topicChoices(
  options: PlainTextOption[],
):
  | { options: PlainTextOption[] }
  | { option_groups: { label: PlainTextOption['text']; options: PlainTextOption[] }[] } {
  if (options.length <= MAX_SELECT_OPTIONS) return { options };
  const groups = [];
  for (
    let start = 0;
    start < options.length && groups.length < MAX_SELECT_OPTIONS;
    start += MAX_SELECT_OPTIONS
  ) {
    const chunk = options.slice(start, start + MAX_SELECT_OPTIONS);
    const first = initialOf(chunk[0]);
    const last = initialOf(chunk[chunk.length - 1]);
    groups.push({
      label: {
        type: 'plain_text' as const,
        text: first === last ? `Topics ${first}` : `Topics ${first}–${last}`,
      },
      options: chunk,
    });
  }
  return { option_groups: groups };
}

function initialOf(o: PlainTextOption | undefined): string {
  return [...(o?.text.text ?? '?')][0]?.toUpperCase() ?? '?';
}

function topicOption(topic: Topic): PlainTextOption {
  return option(topic.name, String(topic.id));
}

function otherTopicsInput(): KnownBlock {
  return input(SIGNUP_FIELDS.otherTopics, 'Other topics', {
    optional: true,
    hint: `Not in the list? Separate topics with commas, each up to ${MAX_CUSTOM_TOPIC_LENGTH} characters.`,
    element: {
      type: 'plain_text_input',
      action_id: SIGNUP_FIELDS.otherTopics,
      max_length: MAX_OTHER_TOPICS_INPUT,
      placeholder: { type: 'plain_text', text: 'e.g. Podcasting, Esports' },
    },
  });
}

function option(text: string, value: string): PlainTextOption {
  return { text: { type: 'plain_text', text: truncate(text, MAX_OPTION_TEXT) }, value };
}

function staticSelect(actionId: string, options: PlainTextOption[], initialValue: string | null) {
  const initial = options.find((o) => o.value === initialValue);
  return {
    type: 'static_select' as const,
    action_id: actionId,
    placeholder: { type: 'plain_text' as const, text: 'Choose one' },
    options,
    ...(initial === undefined ? {} : { initial_option: initial }),
  };
}

function input(
  blockId: SignupField,
  label: string,
  { element, optional = false, hint }: { element: InputBlock['element']; optional?: boolean; hint?: string },
): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: { type: 'plain_text', text: label },
    optional,
    element,
    ...(hint === undefined ? {} : { hint: { type: 'plain_text', text: hint } }),
  };
}

/** Said when the offer or find modal could not be opened before its trigger expired. */
export const SIGNUP_OPEN_FAILED =
  "Sorry, I couldn't open the form in time. Please try the command again; if it keeps failing, tell your programme admin.";

/** The modal's answer when the form could not even be checked: the apology, shown under the topics. */
export function signupCheckFailedErrors(): Record<string, string> {
  return { [SIGNUP_FIELDS.topics]: APOLOGY };
}

/** Sent when a checked form could not be stored: the modal is already closed, so the apology comes by DM. */
export function signupNotSavedMessage(kind: SignupKind): SlackMessage {
  return { text: `${APOLOGY} Your ${kind === 'offer' ? 'offer' : 'request'} was not saved.` };
}

/** Sent once an offer is saved: what they offered and what happens next. */
export function offerConfirmation(
  saved: { offer: OpenOffer; created: boolean },
  form: SignupForm,
  /** The name of the level they chose, on the workspace's ladder. */
  levelName: string,
): SlackMessage {
  const { offer, created } = saved;
  const people = offer.capacity === 1 ? '1 person' : `${offer.capacity} people`;
  return confirmation({
    heading: created ? '*Thank you for offering to mentor!*' : '*Your offer to mentor is updated.*',
    summary: [
      `*You can teach:* ${topicList(offer.topics)}`,
      `*At once:* up to ${people}`,
      `*You:* ${escapeMrkdwn(levelName)}, ${escapeMrkdwn(form.department)}`,
    ],
    next: '*What happens next:* when a more senior colleague asks to learn one of your topics, I send you a proposal here. You accept or decline; nothing starts without your OK. Once you accept, I open a group DM for the two of you and share one discussion prompt a week.',
    form,
    command: '/mentor offer',
    text: created ? 'Thank you for offering to mentor!' : 'Your offer to mentor is updated.',
  });
}

/** Sent once a request is saved: what they asked for and what happens next. */
export function requestConfirmation(
  saved: { request: OpenRequest; created: boolean },
  form: SignupForm,
  levelName: string,
): SlackMessage {
  const { request, created } = saved;
  return confirmation({
    heading: created ? '*You have asked for a mentor.*' : '*Your request for a mentor is updated.*',
    summary: [
      `*You want to learn:* ${topicList(request.topics)}`,
      `*You:* ${escapeMrkdwn(levelName)}, ${escapeMrkdwn(form.department)}`,
    ],
    next: '*What happens next:* I look for a colleague earlier in their career who can teach one of these topics and ask them to mentor you. When they accept, I open a group DM for the two of you and share one discussion prompt a week. Until then you are on the waiting list: there is nothing else you need to do.',
    form,
    command: '/mentor find',
    text: created ? 'You have asked for a mentor.' : 'Your request for a mentor is updated.',
  });
}

function confirmation(parts: {
  heading: string;
  summary: string[];
  next: string;
  form: SignupForm;
  command: string;
  text: string;
}): SlackMessage {
  const excluded = parts.form.excludedUserIds;
  const summary = [
    ...parts.summary,
    ...(excluded.length === 0 ? [] : [`*Never matched with:* ${excluded.map(mention).join(', ')}`]),
  ];
  return {
    text: parts.text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: parts.heading } },
      { type: 'section', text: { type: 'mrkdwn', text: truncate(summary.join('\n'), MAX_SECTION_TEXT) } },
      { type: 'section', text: { type: 'mrkdwn', text: parts.next } },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `Change it any time with \`${parts.command}\`; see where things stand with \`/mentor status\`.`,
          },
        ],
      },
    ],
  };
}

function topicList(topics: readonly Topic[]): string {
  return topics.map((topic) => escapeMrkdwn(topic.name)).join(', ');
}
