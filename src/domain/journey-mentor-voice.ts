// The mentor's private voice: every four weeks of a running pairing the mentor alone is asked, 1:1, how true
// "I feel listened to and can be candid" is (1–5), with an optional request that the programme team get in
// touch. Ratings are reported only as aggregates; only a contact request, with the mentor's name, reaches
// admins.
import { addWeeks, sentAt, type DueJourneyMessage, type JourneyRule } from './pairing-journey';

/** The mentor is asked every this many weeks after the introduction. */
export const VOICE_EVERY_WEEKS = 4;
/**
 * Asks held back by a break are not sent back to back when it ends: the next one comes at its date, but at
 * least this many weeks after the last.
 */
export const VOICE_MIN_GAP_WEEKS = 2;
/** The scale of the answer, 1 = not at all true, 5 = completely true. */
export const CANDOUR_SCALE = [1, 2, 3, 4, 5] as const;
/** Contact requests stay on the admins' list this long. */
export const CONTACT_REQUEST_DAYS = 28;

export function isCandour(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 5;
}

/** When round `round` is due by the calendar (it may go out later, never earlier). */
export function voiceRoundDate(startedAt: Date, round: number): Date {
  return addWeeks(startedAt, VOICE_EVERY_WEEKS * round);
}

export const mentorVoiceRule: JourneyRule = (facts) => {
  if (facts.status === 'ended' || !facts.mentorPresent) return [];
  const asked = facts.sent
    .filter((s) => s.step === 'mentor-voice' && s.role === 'mentor')
    .map((s) => s.round);
  const last = asked.length === 0 ? 0 : Math.max(...asked);
  const next = last + 1;
  const lastAt = last === 0 ? null : sentAt(facts, { step: 'mentor-voice', role: 'mentor', round: last });
  const onCalendar = voiceRoundDate(facts.startedAt, next);
  const afterGap = lastAt === null ? onCalendar : addWeeks(lastAt, VOICE_MIN_GAP_WEEKS);
  const due: DueJourneyMessage = {
    step: 'mentor-voice',
    role: 'mentor',
    round: next,
    dueFrom: new Date(Math.max(onCalendar.getTime(), afterGap.getTime())),
  };
  return [due];
};

export type MentorVoiceDecision =
  | { kind: 'not-in-pair' }
  | { kind: 'already-answered' }
  | { kind: 'pair-ended' }
  | { kind: 'not-asked' }
  | { kind: 'record' };

/** What a mentor's answer does, decided from the pair as it is now. */
export function decideMentorVoiceAnswer(input: {
  isMentor: boolean;
  pairEnded: boolean;
  answeredRounds: readonly number[];
  startedAt: Date;
  round: number;
  candour: number;
  now: Date;
}): MentorVoiceDecision {
  if (!input.isMentor) return { kind: 'not-in-pair' };
  if (input.answeredRounds.includes(input.round)) return { kind: 'already-answered' };
  if (input.pairEnded) return { kind: 'pair-ended' };
  if (
    !Number.isInteger(input.round) ||
    input.round < 1 ||
    voiceRoundDate(input.startedAt, input.round).getTime() > input.now.getTime() ||
    !isCandour(input.candour)
  )
    return { kind: 'not-asked' };
  return { kind: 'record' };
}
