// The offer and find forms: what a person may submit and the rules it must meet. Parsing takes the modal's
// submitted state values as Slack sends them ({ [blockId]: { [actionId]: value } }) and returns either a typed
// form or one message per field to show under that input. Every value is checked against the catalogues,
// because a payload can be tampered with on its way back to us.
import { isDepartment, isLadderLevel, type Organisation } from './organisation';

export type SignupKind = 'offer' | 'find';

/** Block ids of the form's inputs; each input's action id is the same string. */
export const SIGNUP_FIELDS = {
  topics: 'topics',
  otherTopics: 'other_topics',
  level: 'level',
  department: 'department',
  capacity: 'capacity',
  note: 'note',
  goals: 'goals',
  exclusions: 'exclusions',
} as const;

export type SignupField = (typeof SIGNUP_FIELDS)[keyof typeof SIGNUP_FIELDS];

export const MAX_CUSTOM_TOPIC_LENGTH = 40;
export const MAX_CUSTOM_TOPICS = 10;
// Long enough for MAX_CUSTOM_TOPICS topics of the longest length with their commas.
export const MAX_OTHER_TOPICS_INPUT = MAX_CUSTOM_TOPICS * (MAX_CUSTOM_TOPIC_LENGTH + 2);
export const MAX_NOTE_LENGTH = 500;
export const MAX_GOALS_LENGTH = 500;
export const MIN_CAPACITY = 1;
export const MAX_CAPACITY = 3;
export const DEFAULT_CAPACITY = 1;
export const MAX_EXCLUSIONS = 50;

interface SignupCommon {
  /** Chosen from the catalogue, de-duplicated, in the order chosen. */
  topicIds: number[];
  /** Typed as "other topics": trimmed, inner spaces collapsed, de-duplicated by topicNameKey. */
  customTopics: string[];
  level: number;
  department: string;
  /** The whole "don't match me with" list, replacing the stored one. */
  excludedUserIds: string[];
}

export interface OfferForm extends SignupCommon {
  kind: 'offer';
  capacity: number;
  note: string | null;
}

export interface FindForm extends SignupCommon {
  kind: 'find';
  goals: string | null;
}

export type SignupForm = OfferForm | FindForm;

export type FieldErrors = Partial<Record<SignupField, string>>;

export type FormParse<T> = { ok: true; form: T } | { ok: false; errors: FieldErrors };

export type SubmittedValues = Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>>;

export interface FormContext {
  /** Who is submitting: they cannot exclude themselves. */
  userId: string;
  /** Ids of the topics in this workspace's catalogue. */
  catalogueTopicIds: ReadonlySet<number>;
  /** False when the workspace's admins keep the topic list to themselves: "Other topics" is then ignored. */
  customTopicsAllowed?: boolean;
  /** The workspace's ladder and departments: the level must be on the ladder, the department one of its own. */
  organisation: Organisation;
}

/** The key custom topics are de-duplicated on: lower-cased, runs of white space collapsed to one space. */
export function topicNameKey(name: string): string {
  return cleanTopicName(name).toLowerCase();
}

/** A topic name as it is stored and shown: trimmed, runs of white space collapsed to one space. */
export function cleanTopicName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

export function parseOfferForm(values: SubmittedValues, context: FormContext): FormParse<OfferForm> {
  const errors: FieldErrors = {};
  const common = parseCommon(values, context, errors);
  const capacity = parseCapacity(selectedValue(values, SIGNUP_FIELDS.capacity));
  if (capacity === null) errors.capacity = `Choose how many people: ${MIN_CAPACITY} to ${MAX_CAPACITY}.`;
  const note = parseLongText(values, SIGNUP_FIELDS.note, MAX_NOTE_LENGTH, errors);
  if (common === null || capacity === null || hasErrors(errors)) return { ok: false, errors };
  return { ok: true, form: { kind: 'offer', ...common, capacity, note } };
}

export function parseFindForm(values: SubmittedValues, context: FormContext): FormParse<FindForm> {
  const errors: FieldErrors = {};
  const common = parseCommon(values, context, errors);
  const goals = parseLongText(values, SIGNUP_FIELDS.goals, MAX_GOALS_LENGTH, errors);
  if (common === null || hasErrors(errors)) return { ok: false, errors };
  return { ok: true, form: { kind: 'find', ...common, goals } };
}

function parseCommon(
  values: SubmittedValues,
  context: FormContext,
  errors: FieldErrors,
): SignupCommon | null {
  const topicIds = parseTopicIds(selectedValues(values, SIGNUP_FIELDS.topics), context.catalogueTopicIds);
  if (topicIds === null) errors.topics = 'Choose topics from the list.';

  const customAllowed = context.customTopicsAllowed !== false;
  // The field is not shown then; a forged value for it is dropped rather than stored.
  const custom = customAllowed
    ? parseCustomTopics(textValue(values, SIGNUP_FIELDS.otherTopics))
    : { ok: true as const, topics: [] };
  if (!custom.ok) errors.other_topics = custom.error;

  if (topicIds !== null && custom.ok && topicIds.length === 0 && custom.topics.length === 0)
    errors.topics = customAllowed
      ? 'Choose at least one topic, or add your own under "Other topics".'
      : 'Choose at least one topic.';

  const levelValue = selectedValue(values, SIGNUP_FIELDS.level);
  const level =
    levelValue !== null &&
    /^\d{1,9}$/.test(levelValue) &&
    isLadderLevel(context.organisation, Number(levelValue))
      ? Number(levelValue)
      : null;
  if (level === null) errors.level = 'Choose your level from the list.';

  const departmentValue = selectedValue(values, SIGNUP_FIELDS.department);
  // A retired department is offered only to the people already in it, and stays theirs when they save again.
  const department =
    departmentValue !== null && isDepartment(context.organisation, departmentValue) ? departmentValue : null;
  if (department === null) errors.department = 'Choose your department from the list.';

  const excluded = parseExclusions(selectedUsers(values, SIGNUP_FIELDS.exclusions), context.userId);
  if (!excluded.ok) errors.exclusions = excluded.error;

  if (topicIds === null || !custom.ok || level === null || department === null || !excluded.ok) return null;
  return {
    topicIds,
    customTopics: custom.topics,
    level,
    department,
    excludedUserIds: excluded.userIds,
  };
}

function parseTopicIds(selected: string[] | null, catalogue: ReadonlySet<number>): number[] | null {
  if (selected === null) return null;
  const ids: number[] = [];
  for (const value of selected) {
    if (!/^\d+$/.test(value)) return null;
    const id = Number(value);
    if (!catalogue.has(id)) return null;
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

type CustomTopics = { ok: true; topics: string[] } | { ok: false; error: string };

/** "Other topics": comma-separated; blank input means none, but a blank entry between commas is a mistake. */
export function parseCustomTopics(text: string | null): CustomTopics {
  if (text === null || text.trim() === '') return { ok: true, topics: [] };
  const names = text.split(',').map(cleanTopicName);
  if (names.some((name) => name === ''))
    return { ok: false, error: 'One of your topics is empty: remove the extra comma.' };
  const tooLong = names.find((name) => [...name].length > MAX_CUSTOM_TOPIC_LENGTH);
  if (tooLong !== undefined)
    return {
      ok: false,
      error: `Keep each topic to ${MAX_CUSTOM_TOPIC_LENGTH} characters: "${[...tooLong].slice(0, 20).join('')}…" is ${[...tooLong].length}.`,
    };
  const topics: string[] = [];
  const keys = new Set<string>();
  for (const name of names) {
    const key = topicNameKey(name);
    if (keys.has(key)) continue;
    keys.add(key);
    topics.push(name);
  }
  if (topics.length > MAX_CUSTOM_TOPICS)
    return { ok: false, error: `Add at most ${MAX_CUSTOM_TOPICS} other topics.` };
  return { ok: true, topics };
}

function parseCapacity(value: string | null): number | null {
  if (value === null || !/^\d$/.test(value)) return null;
  const capacity = Number(value);
  return capacity >= MIN_CAPACITY && capacity <= MAX_CAPACITY ? capacity : null;
}

function parseLongText(
  values: SubmittedValues,
  field: typeof SIGNUP_FIELDS.note | typeof SIGNUP_FIELDS.goals,
  max: number,
  errors: FieldErrors,
): string | null {
  const text = textValue(values, field)?.trim() ?? '';
  const length = [...text].length;
  if (length > max) {
    errors[field] = `Keep this to ${max} characters (it is ${length}).`;
    return null;
  }
  return text === '' ? null : text;
}

type Exclusions = { ok: true; userIds: string[] } | { ok: false; error: string };

function parseExclusions(selected: string[] | null, userId: string): Exclusions {
  if (selected === null) return { ok: false, error: 'Choose people from the list.' };
  const userIds = [...new Set(selected)];
  if (userIds.some((id) => !/^[UW][A-Z0-9]{1,20}$/.test(id)))
    return { ok: false, error: 'Choose people from the list.' };
  if (userIds.includes(userId)) return { ok: false, error: "You can't exclude yourself: remove your name." };
  if (userIds.length > MAX_EXCLUSIONS)
    return { ok: false, error: `Choose at most ${MAX_EXCLUSIONS} people.` };
  return { ok: true, userIds };
}

// Readers for Slack's state values. A missing input or a null value reads as "nothing entered"; a value of
// the wrong shape reads as null (rejected) where the field has a list of allowed values.

function element(values: SubmittedValues, field: SignupField): Readonly<Record<string, unknown>> | undefined {
  const value = values[field]?.[field];
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

function textValue(values: SubmittedValues, field: SignupField): string | null {
  const value = element(values, field)?.value;
  return typeof value === 'string' ? value : null;
}

function selectedValue(values: SubmittedValues, field: SignupField): string | null {
  const option = element(values, field)?.selected_option;
  return optionValue(option);
}

/** The chosen options' values; [] when nothing was chosen, null when the payload is malformed. */
function selectedValues(values: SubmittedValues, field: SignupField): string[] | null {
  const options = element(values, field)?.selected_options;
  if (options === undefined || options === null) return [];
  if (!Array.isArray(options)) return null;
  const chosen = options.map(optionValue);
  return chosen.every((value): value is string => value !== null) ? chosen : null;
}

function selectedUsers(values: SubmittedValues, field: SignupField): string[] | null {
  const users = element(values, field)?.selected_users;
  if (users === undefined || users === null) return [];
  if (!Array.isArray(users)) return null;
  return users.every((id): id is string => typeof id === 'string') ? users : null;
}

function optionValue(option: unknown): string | null {
  if (typeof option !== 'object' || option === null) return null;
  const value = (option as { value?: unknown }).value;
  return typeof value === 'string' ? value : null;
}

function hasErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0;
}
