// Action ids, callback ids and field ids of the pairing journey's messages and forms. Each button's value is the
// pair's id (and, where it matters, the round asked): a click is checked against the pair as it is now.
export const JOURNEY_ACTIONS = {
  openGoals: 'journey_open_goals',
  rateGoals: 'journey_rate_goals',
  termExtend: 'journey_term_extend',
  termWrapUp: 'journey_term_wrap_up',
  openCloseSurvey: 'journey_open_close_survey',
  followUpYes: 'journey_follow_up_yes',
  followUpPartly: 'journey_follow_up_partly',
  followUpNotYet: 'journey_follow_up_not_yet',
  showCommitment: 'journey_show_commitment',
} as const;

export const JOURNEY_CALLBACKS = {
  closeSurvey: 'journey_close_survey',
} as const;

export const JOURNEY_FIELDS = {
  closeUsefulness: 'journey_close_usefulness',
  closeRecommend: 'journey_close_recommend',
  closeCommitment: 'journey_close_commitment',
} as const;
