// One friendly reminder in the thread of a weekly question nobody has answered by mid-week. The reminder is
// claimed (nudged_at) before it is posted, so two runs never both post it; a reminder lost to a crash in
// between is a smaller harm than a duplicate.
import { nudgeDue } from '../domain/prompt-schedule';
import type { Logger } from '../logger';
import type { Messenger } from '../ports/messenger';
import { slackErrorCode } from '../errors';
import { errorSummary } from '../errors';
import { nudgeMessage } from '../views/prompt-message';
import type { PromptDeliveriesRepository } from '../storage/prompt-deliveries-repository';
import { mapLimited } from './limited-concurrency';
import type { SettingsFor } from './programme-settings';
import { PAIR_LEVEL_ERRORS } from './send-due-prompts';

export interface NudgeDeps {
  deliveries: Pick<
    PromptDeliveriesRepository,
    'teamsWithActivePairs' | 'nudgeCandidates' | 'claimNudge' | 'markPairNeedsAttention'
  >;
  messenger: Pick<Messenger, 'postMessage'>;
  logger: Logger;
  /** Whether each workspace sends reminders, and after how many hours. */
  settingsFor: SettingsFor;
}

// A reminder belongs to its week: never nudge about a question once the next one is due.
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export async function sendPromptNudges(
  deps: NudgeDeps,
  now: Date,
): Promise<{ nudged: number; failed: number; attention: number }> {
  const summary = { nudged: 0, failed: 0, attention: 0 };
  const due = [];
  for (const teamId of await deps.deliveries.teamsWithActivePairs()) {
    const { nudgeEnabled, nudgeAfterHours } = await deps.settingsFor(teamId);
    if (!nudgeEnabled) continue;
    for (const delivery of await deps.deliveries.nudgeCandidates(
      teamId,
      new Date(now.getTime() - WEEK_MS),
      now,
    )) {
      if (delivery.sentAt === null || delivery.messageTs === null || delivery.channelId === null) continue;
      if (delivery.pair.memberPaused) continue;
      // The pair was asked whether to pause after this question went out: one message is enough.
      const asked = delivery.pair.inactivityAskedAt;
      if (asked !== null && asked.getTime() >= delivery.sentAt.getTime()) continue;
      if (nudgeDue(delivery.sentAt, now, false, false, nudgeAfterHours)) due.push(delivery);
    }
  }
  await mapLimited(due, 4, async (delivery) => {
    const log = { teamId: delivery.teamId, pairId: delivery.pairId, deliveryId: delivery.id };
    try {
      if (!(await deps.deliveries.claimNudge(delivery.teamId, delivery.id, now))) return;
      await deps.messenger.postMessage(delivery.channelId ?? '', nudgeMessage(), {
        threadTs: delivery.messageTs ?? undefined,
      });
      summary.nudged += 1;
      deps.logger.info(log, 'prompt reminder sent');
    } catch (error) {
      const code = slackErrorCode(error);
      if (code !== null && PAIR_LEVEL_ERRORS.has(code)) {
        await deps.deliveries.markPairNeedsAttention(delivery.teamId, delivery.pairId, code);
        summary.attention += 1;
        deps.logger.warn({ ...log, error: code }, 'pair needs attention: reminder not delivered');
        return;
      }
      summary.failed += 1;
      deps.logger.warn({ ...log, err: errorSummary(error) }, 'prompt reminder failed');
    }
  });
  return summary;
}
