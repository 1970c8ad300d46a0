// A message in a pair's group DM: when it is a thread reply to one of the weekly questions, written by one
// of the two people in the pair, the question counts as answered. Only that fact is kept — who, when and
// how many replies — never the words: this function is not even given the message text.
import type { Logger } from '../logger';
import type { PromptDeliveriesRepository } from '../storage/prompt-deliveries-repository';
import type { ProcessedEventsRepository } from '../storage/processed-events-repository';

export interface PromptReplyDeps {
  deliveries: Pick<PromptDeliveriesRepository, 'findByMessage' | 'recordReply'>;
  processedEvents: ProcessedEventsRepository;
  logger: Logger;
}

/** The parts of a `message` event that matter here; the text is deliberately not among them. */
export interface MessageFacts {
  teamId: string;
  eventId: string;
  channelId: string;
  userId: string | undefined;
  ts: string;
  threadTs: string | undefined;
  subtype: string | undefined;
  botId: string | undefined;
}

export type ReplyResult = 'counted' | 'duplicate' | 'ignored';

// Replies that are still someone writing in the thread; edits, deletions and joins are not.
const REPLY_SUBTYPES = new Set([undefined, 'thread_broadcast', 'file_share']);

export async function recordPromptReply(
  deps: PromptReplyDeps,
  message: MessageFacts,
  now: Date,
): Promise<ReplyResult> {
  if (message.botId !== undefined || !REPLY_SUBTYPES.has(message.subtype)) return 'ignored';
  if (message.userId === undefined || message.threadTs === undefined || message.threadTs === message.ts) {
    return 'ignored';
  }
  const delivery = await deps.deliveries.findByMessage(message.teamId, message.channelId, message.threadTs);
  if (delivery === null) return 'ignored';
  const role =
    message.userId === delivery.pair.mentorId
      ? 'mentor'
      : message.userId === delivery.pair.menteeId
        ? 'mentee'
        : null;
  if (role === null) return 'ignored';
  // Marked only once the event is known to count, so unrelated chatter fills no table. Slack's retries of
  // the same event (same event_id) stop here.
  if (!(await deps.processedEvents.markProcessed(message.teamId, message.eventId, now))) return 'duplicate';
  await deps.deliveries.recordReply(message.teamId, delivery.id, role, now);
  deps.logger.info(
    { teamId: message.teamId, pairId: delivery.pairId, deliveryId: delivery.id, role },
    'prompt answered in thread',
  );
  return 'counted';
}
