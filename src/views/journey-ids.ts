// Action ids, callback ids and field ids of the pairing journey's messages and forms. Each button's value is the
// pair's id (and, where it matters, the round asked): a click is checked against the pair as it is now.
export const JOURNEY_ACTIONS = {
  openGoals: 'journey_open_goals',
  /** Value `${pairId}:${stage}` (middle or close): opens the private re-rating of the mentee's goals. */
  rateGoals: 'journey_rate_goals',
  fitGood: 'journey_fit_good',
  fitDeciding: 'journey_fit_deciding',
  fitNot: 'journey_fit_not',
  /** After a pairing ended as not a fit: back into the pool (the request reopens, or the offer or find form). */
  fitRejoin: 'journey_fit_rejoin',
  openMentorVoice: 'journey_open_mentor_voice',
  termExtend: 'journey_term_extend',
  termWrapUp: 'journey_term_wrap_up',
  openCloseSurvey: 'journey_open_close_survey',
  followUpYes: 'journey_follow_up_yes',
  followUpPartly: 'journey_follow_up_partly',
  followUpNotYet: 'journey_follow_up_not_yet',
  showCommitment: 'journey_show_commitment',
} as const;

export const JOURNEY_CALLBACKS = {
  setGoals: 'journey_set_goals',
  rateGoals: 'journey_rate_goals_form',
  mentorVoice: 'journey_mentor_voice',
  closeSurvey: 'journey_close_survey',
} as const;

export const JOURNEY_FIELDS = {
  candour: 'journey_candour',
  contact: 'journey_contact',
  closeUsefulness: 'journey_close_usefulness',
  closeRecommend: 'journey_close_recommend',
  closeCommitment: 'journey_close_commitment',
} as const;
