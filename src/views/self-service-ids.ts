// Ids shared by the self-service views (status, Home tab, pause, end, leave) and their listeners.

export const SELF_SERVICE_CALLBACKS = {
  chooseEnd: 'self_end_choose',
  feedback: 'self_feedback',
  leave: 'self_leave',
  pause: 'self_pause',
} as const;

export const SELF_SERVICE_ACTIONS = {
  offer: 'home_offer',
  find: 'home_find',
  pause: 'home_pause',
  resume: 'home_resume',
  end: 'home_end',
  /** The End button beside one pair on the Home tab; its value is the pair id. */
  endPair: 'home_end_pair',
  leave: 'home_leave',
  fullReport: 'home_full_report',
  /** In the DM telling someone their pairing ended; its value is the pair id. */
  giveFeedback: 'give_feedback',
} as const;

/**
 * The id a button value or select option carries (a pair, prompt delivery or proposal: see endPair,
 * giveFeedback); null when it holds none.
 */
export function parseRowId(value: string): number | null {
  // A forged payload can carry any JSON where Slack sends a string: `true` or `[1]` would read as id 1.
  if (typeof value !== 'string' || !/^[1-9]\d{0,14}$/.test(value)) return null;
  return Number(value);
}

/** Block ids (each input's action id is the same string) of the modals that are not the feedback form. */
export const SELF_SERVICE_FIELDS = {
  pair: 'end_pair',
  pauseWeeks: 'pause_weeks',
} as const;
