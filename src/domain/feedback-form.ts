// The feedback form a person fills in when a pairing ends: a rating, whether they would recommend the
// programme, and an optional comment for the programme admins. Parsing takes the modal's submitted state
// values as Slack sends them ({ [blockId]: { [actionId]: value } }) and returns either the feedback or one
// message per field; values are checked because a payload can be tampered with on its way back.

/** Block ids of the form's inputs; each input's action id is the same string. */
export const FEEDBACK_FIELDS = {
  rating: 'feedback_rating',
  recommend: 'feedback_recommend',
  comment: 'feedback_comment',
} as const;

export type FeedbackField = (typeof FEEDBACK_FIELDS)[keyof typeof FEEDBACK_FIELDS];

export const MIN_RATING = 1;
export const MAX_RATING = 5;
export const MAX_FEEDBACK_COMMENT_LENGTH = 1000;

export interface FeedbackInput {
  rating: number;
  wouldRecommend: boolean;
  /** Trimmed; null when left empty. */
  comment: string | null;
}

export type FeedbackParse =
  { ok: true; feedback: FeedbackInput } | { ok: false; errors: Partial<Record<FeedbackField, string>> };

type StateValues = Record<string, Record<string, unknown> | undefined>;

export function parseFeedbackForm(values: StateValues): FeedbackParse {
  const errors: Partial<Record<FeedbackField, string>> = {};
  const ratingValue = selectedValue(values, FEEDBACK_FIELDS.rating);
  const rating = Number(ratingValue);
  if (ratingValue === null || !Number.isInteger(rating) || rating < MIN_RATING || rating > MAX_RATING) {
    errors[FEEDBACK_FIELDS.rating] = `Please choose a rating from ${MIN_RATING} to ${MAX_RATING}.`;
  }
  const recommendValue = selectedValue(values, FEEDBACK_FIELDS.recommend);
  if (recommendValue !== 'yes' && recommendValue !== 'no') {
    errors[FEEDBACK_FIELDS.recommend] = 'Please answer yes or no.';
  }
  const rawComment = textValue(values, FEEDBACK_FIELDS.comment);
  const comment = rawComment === null || rawComment.trim() === '' ? null : rawComment.trim();
  if (comment !== null && comment.length > MAX_FEEDBACK_COMMENT_LENGTH) {
    errors[FEEDBACK_FIELDS.comment] =
      `Please keep the comment to ${MAX_FEEDBACK_COMMENT_LENGTH} characters (it has ${comment.length}).`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, feedback: { rating, wouldRecommend: recommendValue === 'yes', comment } };
}

function field(values: StateValues, id: string): Record<string, unknown> | undefined {
  const value = values[id]?.[id];
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

function selectedValue(values: StateValues, id: string): string | null {
  const option = field(values, id)?.selected_option as { value?: unknown } | null | undefined;
  return typeof option?.value === 'string' ? option.value : null;
}

function textValue(values: StateValues, id: string): string | null {
  const value = field(values, id)?.value;
  return typeof value === 'string' ? value : null;
}
