// Action ids, callback ids and field ids of the pairing journey's messages and forms. Each button's value is the
// pair's id (and, where it matters, the round asked): a click is checked against the pair as it is now.
export const JOURNEY_ACTIONS = {
  openGoals: 'journey_open_goals',
  /** Value `${pairId}:${stage}` (middle or close): opens the private re-rating of the mentee's goals. */
  rateGoals: 'journey_rate_goals',
  fitGood: 'journey_fit_good',
  fitDeciding: 'journey_fit_deciding',
  fitNot: 'journey_fit_not',
  /** After a pairing ended as not a fit: back into the pool (the offer or find form). */
  fitRejoin: 'journey_fit_rejoin',
  openMentorVoice: 'journey_open_mentor_voice',
} as const;

export const JOURNEY_CALLBACKS = {
  setGoals: 'journey_set_goals',
  rateGoals: 'journey_rate_goals_form',
  mentorVoice: 'journey_mentor_voice',
} as const;

export const JOURNEY_FIELDS = {
  candour: 'journey_candour',
  contact: 'journey_contact',
} as const;
