// After several weekly questions in a row went unanswered, ask the pair (once per streak) whether they
// would like to pause. A question counts as unanswered once it has had its chance: nobody replied, nobody
// pressed a button, and the reminder time has passed.
import { INACTIVITY_STREAK, unansweredStreak } from '../domain/prompt-schedule';
import type { Logger } from '../logger';
import type { Messenger } from '../ports/messenger';
import { slackErrorCode } from '../errors';
import { errorSummary } from '../errors';
import { inactivityQuestion } from '../views/prompt-message';
import type {
  Delivery,
  PromptDeliveriesRepository,
  PromptPair,
} from '../storage/prompt-deliveries-repository';
import type { SettingsFor } from './programme-settings';
import { PAIR_LEVEL_ERRORS } from './send-due-prompts';

export interface InactivityDeps {
  deliveries: Pick<
    PromptDeliveriesRepository,
    | 'teamsWithActivePairs'
    | 'activePairs'
    | 'sentDeliveries'
    | 'pairsThatMayBeQuiet'
    | 'claimInactivityQuestion'
    | 'markPairNeedsAttention'
  >;
  messenger: Pick<Messenger, 'postMessage'>;
  logger: Logger;
  /** How long each workspace gives a question before it counts as unanswered (the reminder time). */
  settingsFor: SettingsFor;
}

const HOUR_MS = 60 * 60 * 1000;

/** How many questions in a row this pair has let pass since it was last asked (or resumed). */
export function quietStreak(
  pair: Pick<PromptPair, 'inactivityAskedAt'>,
  deliveriesNewestFirst: readonly Delivery[],
  now: Date,
  chanceHours: number,
): number {
  const counted = deliveriesNewestFirst.filter(
    (delivery) =>
      delivery.sentAt !== null &&
      (pair.inactivityAskedAt === null || delivery.sentAt.getTime() > pair.inactivityAskedAt.getTime()),
  );
  const answered = (delivery: Delivery) => delivery.answeredAt !== null || delivery.outcome !== null;
  // The newest questions may still be open: they neither count against the pair nor break the streak yet.
  let firstDecided = 0;
  while (firstDecided < counted.length) {
    const delivery = counted[firstDecided] as Delivery;
    const open = (delivery.sentAt?.getTime() ?? 0) + chanceHours * HOUR_MS > now.getTime();
    if (answered(delivery) || !open) break;
    firstDecided += 1;
  }
  return unansweredStreak(counted.slice(firstDecided).map((delivery) => ({ answered: answered(delivery) })));
}

export async function askInactivePairs(
  deps: InactivityDeps,
  now: Date,
): Promise<{ asked: number; failed: number; attention: number }> {
  const summary = { asked: 0, failed: 0, attention: 0 };
  for (const teamId of await deps.deliveries.teamsWithActivePairs()) {
    const { nudgeAfterHours } = await deps.settingsFor(teamId);
    // One query narrows thousands of pairs to the few with enough unanswered questions to have a streak.
    const mayBeQuiet = await deps.deliveries.pairsThatMayBeQuiet(teamId, INACTIVITY_STREAK);
    if (mayBeQuiet.size === 0) continue;
    for (const pair of await deps.deliveries.activePairs(teamId, now)) {
      if (!mayBeQuiet.has(pair.id) || pair.memberPaused || pair.channelId === null) continue;
      const deliveries = await deps.deliveries.sentDeliveries(teamId, pair.id, INACTIVITY_STREAK + 3);
      const streak = quietStreak(pair, deliveries, now, nudgeAfterHours);
      if (streak < INACTIVITY_STREAK) continue;
      const log = { teamId, pairId: pair.id, streak };
      try {
        if (!(await deps.deliveries.claimInactivityQuestion(teamId, pair.id, pair.inactivityAskedAt, now)))
          continue;
        await deps.messenger.postMessage(
          pair.channelId,
          inactivityQuestion({ pairId: pair.id, unanswered: streak }),
        );
        summary.asked += 1;
        deps.logger.info(log, 'asked a quiet pair whether to pause');
      } catch (error) {
        const code = slackErrorCode(error);
        if (code !== null && PAIR_LEVEL_ERRORS.has(code)) {
          await deps.deliveries.markPairNeedsAttention(teamId, pair.id, code);
          summary.attention += 1;
          deps.logger.warn({ ...log, error: code }, 'pair needs attention: pause question not delivered');
          continue;
        }
        summary.failed += 1;
        deps.logger.warn({ ...log, err: errorSummary(error) }, 'pause question failed');
      }
    }
  }
  return summary;
}
