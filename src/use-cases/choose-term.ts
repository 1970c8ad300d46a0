// The end of a pairing's term: each person's private choice to extend or wrap up (a click), and the wrap-up the
// journey job applies once a term is over without both choosing to extend. A wrap-up frees the mentor's place
// as /mentor end does: matching runs again and both Home tabs are refreshed.
import { dueTermTransition, type TermChoiceReply } from '../domain/journey-term';
import type { PairJourneyFacts, TermChoice } from '../domain/pairing-journey';
import type { Logger } from '../logger';
import type { Clock } from '../ports/clock';
import type { TermRepository } from '../storage/term-repository';
import { bestEffort } from './best-effort';
import type { SettingsFor } from './programme-settings';

export interface ChooseTermDeps {
  term: Pick<TermRepository, 'chooseTerm'>;
  settingsFor: SettingsFor;
  clock: Clock;
  logger: Logger;
}

export async function chooseTerm(
  deps: ChooseTermDeps,
  click: { teamId: string; pairId: number; userId: string; round: number; choice: TermChoice },
): Promise<TermChoiceReply> {
  const { pairTermWeeks, extensionWeeks } = await deps.settingsFor(click.teamId);
  const reply = await deps.term.chooseTerm({
    ...click,
    now: deps.clock.now(),
    termWeeks: pairTermWeeks,
    extensionWeeks,
  });
  // Which way each person chose stays out of the logs: only that a choice was made, and an extension.
  if (reply.kind === 'chosen')
    deps.logger.info(
      { teamId: click.teamId, pairId: click.pairId, extended: reply.extended },
      'term choice recorded',
    );
  return reply;
}

export interface WrapUpDeps {
  term: Pick<TermRepository, 'wrapUp'>;
  logger: Logger;
  /** Runs the matcher for the workspace (the mentor's place is free again). */
  rematch(teamId: string): Promise<void>;
  refreshHome(teamId: string, userId: string): Promise<void>;
}

/**
 * Wraps the pair up when its term is over (see dueTermTransition); true when this call did it. Whoever gets there
 * first (another tick, another replica, an extension clicked a moment earlier) wins and the others change nothing.
 */
export async function wrapUpIfTermOver(
  deps: WrapUpDeps,
  facts: PairJourneyFacts,
  now: Date,
): Promise<boolean> {
  const transition = dueTermTransition(facts, now);
  if (transition === null) return false;
  const people = await deps.term.wrapUp(facts.teamId, facts.pairId, now, transition.extensions);
  if (people === null) return false;
  const { teamId, pairId } = facts;
  deps.logger.info({ teamId, pairId }, 'pairing wrapped up');
  for (const userId of [people.mentorId, people.menteeId])
    if (userId !== null)
      await bestEffort(deps.logger, 'refresh Home after a wrap-up', { teamId }, () =>
        deps.refreshHome(teamId, userId),
      );
  await bestEffort(deps.logger, 'run matching after a wrap-up', { teamId }, () => deps.rematch(teamId));
  return true;
}
