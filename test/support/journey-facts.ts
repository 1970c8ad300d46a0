// A running pair on its journey with nothing answered or sent yet: unit tests of the journey rules change only
// the facts their case is about.
import type { PairJourneyFacts } from '../../src/domain/pairing-journey';

export function journeyFacts(
  startedAt: Date,
  termEndsAt: Date,
  changes: Partial<PairJourneyFacts> = {},
): PairJourneyFacts {
  return {
    teamId: 'T1',
    pairId: 7,
    status: 'active',
    startedAt,
    termEndsAt,
    extensions: 0,
    endedAt: null,
    endReason: null,
    mentorPresent: true,
    menteePresent: true,
    firstDiscussedAt: null,
    goalCount: 0,
    ratedStages: [],
    fitAnswers: [],
    voiceRounds: [],
    termChoices: [],
    commitment: null,
    closeSurveyRoles: [],
    sent: [],
    ...changes,
  };
}
