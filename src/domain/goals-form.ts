// The goals form and the re-rating form. The goals form has three slots, each a topic, "how confident am I
// today?" 1–5 and an optional note; a slot left empty is no goal. Parsing takes the modal's submitted state
// values as Slack sends them ({ [blockId]: { [actionId]: value } }) and returns either the goals or one
// message per field; every value is checked, because a payload can be tampered with on its way back.

export const MAX_GOALS = 3;
export const MAX_GOAL_NOTE_LENGTH = 300;
export const MIN_CONFIDENCE = 1;
export const MAX_CONFIDENCE = 5;

/** Block ids of the forms' inputs; each input's action id is the same string. */
export const GOAL_FIELDS = {
  topic: (slot: number) => `goal_topic_${slot}`,
  confidence: (slot: number) => `goal_confidence_${slot}`,
  note: (slot: number) => `goal_note_${slot}`,
  rating: (goalId: number) => `goal_rating_${goalId}`,
} as const;

/** The goal slots of the form, 1 to MAX_GOALS. */
export const GOAL_SLOTS: readonly number[] = Array.from({ length: MAX_GOALS }, (_, i) => i + 1);

export interface GoalInput {
  /** 1 for the first goal set, in the order of the form. */
  position: number;
  topic: string;
  confidence: number;
  /** Trimmed; null when left empty. */
  note: string | null;
}

export type FormErrors = Record<string, string>;

export type GoalsFormParse = { ok: true; goals: GoalInput[] } | { ok: false; errors: FormErrors };

export const GOAL_ERRORS = {
  noGoal: 'Set at least one goal: choose a topic and how confident you feel about it today.',
  topicMissing: 'Choose a topic for this goal, or clear its other fields.',
  topicNotOffered: 'Choose one of the topics in the list.',
  duplicate: (slot: number) => `You chose this topic already for goal ${slot}: choose another one.`,
  confidence: `How confident are you today? Choose ${MIN_CONFIDENCE} to ${MAX_CONFIDENCE}.`,
  noteTooLong: (length: number) =>
    `Please keep the note to ${MAX_GOAL_NOTE_LENGTH} characters (it has ${length}).`,
  rating: `How confident do you feel now? Choose ${MIN_CONFIDENCE} to ${MAX_CONFIDENCE}.`,
} as const;

type StateValues = Record<string, Record<string, unknown> | undefined>;

/** Parses the goals form; a topic must be one of `topics` (the pair's shared and the mentee's other topics). */
export function parseGoalsForm(values: StateValues, topics: readonly string[]): GoalsFormParse {
  const errors: FormErrors = {};
  const goals: GoalInput[] = [];
  const slotOfTopic = new Map<string, number>();
  for (const slot of GOAL_SLOTS) {
    const topic = selectedValue(values, GOAL_FIELDS.topic(slot));
    const confidenceValue = selectedValue(values, GOAL_FIELDS.confidence(slot));
    const rawNote = textValue(values, GOAL_FIELDS.note(slot));
    const note = rawNote === null || rawNote.trim() === '' ? null : rawNote.trim();
    if (note !== null && note.length > MAX_GOAL_NOTE_LENGTH)
      errors[GOAL_FIELDS.note(slot)] = GOAL_ERRORS.noteTooLong(note.length);
    if (topic === null) {
      if (confidenceValue !== null || note !== null)
        errors[GOAL_FIELDS.topic(slot)] = GOAL_ERRORS.topicMissing;
      continue;
    }
    if (!topics.includes(topic)) errors[GOAL_FIELDS.topic(slot)] = GOAL_ERRORS.topicNotOffered;
    const earlier = slotOfTopic.get(topic);
    if (earlier !== undefined) errors[GOAL_FIELDS.topic(slot)] = GOAL_ERRORS.duplicate(earlier);
    else slotOfTopic.set(topic, slot);
    const confidence = parseConfidence(confidenceValue);
    if (confidence === null) errors[GOAL_FIELDS.confidence(slot)] = GOAL_ERRORS.confidence;
    goals.push({ position: goals.length + 1, topic, confidence: confidence ?? 0, note });
  }
  if (goals.length === 0 && Object.keys(errors).length === 0)
    errors[GOAL_FIELDS.topic(1)] = GOAL_ERRORS.noGoal;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, goals };
}

export type RatingsFormParse =
  { ok: true; ratings: { goalId: number; confidence: number }[] } | { ok: false; errors: FormErrors };

/** Parses the re-rating form: one confidence for each of the pair's goals, no more and no fewer. */
export function parseRatingsForm(values: StateValues, goalIds: readonly number[]): RatingsFormParse {
  const errors: FormErrors = {};
  const ratings: { goalId: number; confidence: number }[] = [];
  for (const goalId of goalIds) {
    const confidence = parseConfidence(selectedValue(values, GOAL_FIELDS.rating(goalId)));
    if (confidence === null) errors[GOAL_FIELDS.rating(goalId)] = GOAL_ERRORS.rating;
    else ratings.push({ goalId, confidence });
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, ratings };
}

function parseConfidence(value: string | null): number | null {
  if (value === null || !/^\d$/.test(value)) return null;
  const confidence = Number(value);
  return confidence >= MIN_CONFIDENCE && confidence <= MAX_CONFIDENCE ? confidence : null;
}

function field(values: StateValues, id: string): Record<string, unknown> | undefined {
  const value = values[id]?.[id];
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

function selectedValue(values: StateValues, id: string): string | null {
  const option = field(values, id)?.selected_option as { value?: unknown } | null | undefined;
  return typeof option?.value === 'string' && option.value !== '' ? option.value : null;
}

function textValue(values: StateValues, id: string): string | null {
  const value = field(values, id)?.value;
  return typeof value === 'string' ? value : null;
}
