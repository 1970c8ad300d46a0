// The close survey after a wrap-up: each person, once, rates how useful the pairing was and whether they would
// recommend it; the senior (the mentee) may write one thing they will do differently. The form is checked
// first: an invalid answer stores nothing and is shown under its field.
import { parseCloseSurvey, type CloseSurveyField, type CloseSurveyRefusal } from '../domain/journey-term';
import type { Logger } from '../logger';
import type { Clock } from '../ports/clock';
import type { TermRepository } from '../storage/term-repository';

export interface CloseSurveyDeps {
  term: Pick<TermRepository, 'closeSurveyFor' | 'answerCloseSurvey'>;
  clock: Clock;
  logger: Logger;
}

/** Whether the person may open the survey now, and whether it asks for a commitment. */
export function openCloseSurvey(
  deps: CloseSurveyDeps,
  who: { teamId: string; pairId: number; userId: string },
) {
  return deps.term.closeSurveyFor(who.teamId, who.pairId, who.userId);
}

export type CloseSurveyResult =
  | { kind: 'stored' }
  | { kind: 'invalid'; errors: Partial<Record<CloseSurveyField, string>> }
  | { kind: CloseSurveyRefusal };

export async function answerCloseSurvey(
  deps: CloseSurveyDeps,
  answer: {
    teamId: string;
    pairId: number;
    userId: string;
    usefulness: string | null;
    recommend: string | null;
    commitment: string | null;
  },
): Promise<CloseSurveyResult> {
  const { teamId, pairId, userId } = answer;
  const open = await deps.term.closeSurveyFor(teamId, pairId, userId);
  if (open.kind !== 'open') return open;
  const parsed = parseCloseSurvey(answer, open.asksCommitment);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  const stored = await deps.term.answerCloseSurvey(teamId, pairId, userId, deps.clock.now(), parsed.survey);
  // The commitment's words are never logged; not even whether one was written.
  if (stored.kind === 'stored') deps.logger.info({ teamId, pairId }, 'close survey answered');
  return stored;
}
