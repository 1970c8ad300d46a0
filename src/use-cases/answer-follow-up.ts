// The follow-ups on the senior's commitment, 30 and 60 days after a wrap-up: did you do it? And, on request, the
// commitment shown back to its author (and to nobody else).
import type { FollowUpReply } from '../domain/journey-term';
import type { FollowUpAnswer } from '../domain/pairing-journey';
import type { TermRepository } from '../storage/term-repository';

export interface FollowUpDeps {
  term: Pick<TermRepository, 'answerFollowUp' | 'commitmentOf'>;
}

export function answerFollowUp(
  deps: FollowUpDeps,
  click: { teamId: string; pairId: number; userId: string; round: number; answer: FollowUpAnswer },
): Promise<FollowUpReply> {
  return deps.term.answerFollowUp(click.teamId, click.pairId, click.userId, click.round, click.answer);
}

/** The commitment's text for its author; null for anyone else. */
export function ownCommitment(
  deps: FollowUpDeps,
  who: { teamId: string; pairId: number; userId: string },
): Promise<string | null> {
  return deps.term.commitmentOf(who.teamId, who.pairId, who.userId);
}
