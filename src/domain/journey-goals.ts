// The goals part of a pairing's journey: right after the introduction the mentee is invited, privately, to set
// the goals they want from the pairing.
import type { DueJourneyMessage, JourneyRule } from './pairing-journey';

export const goalsRule: JourneyRule = (facts) => {
  const due: DueJourneyMessage[] = [];
  const running = facts.status !== 'ended';
  if (running && facts.menteePresent && facts.goalCount === 0)
    due.push({ step: 'goals-invite', role: 'mentee', round: 1, dueFrom: facts.startedAt });
  return due;
};
