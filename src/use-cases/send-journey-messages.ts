// The pairing journey on the scheduler: every tick asks the journey rules which messages are due for each pair and
// sends each one once, at a sensible local hour on a weekday for whoever receives it.
//
// Exactly once, as the weekly prompts are (see send-due-prompts.ts):
//   1. reserve — insert the (pair, step, role, round) row; the unique index lets only one run own the message;
//   2. post    — chat.postMessage, with metadata naming the row;
//   3. record  — status 'sent' with the message ts.
// A reservation left unconfirmed longer than the lease (a run died) is taken over by one run, which looks in the
// conversation's latest history for the message naming the row: found, it is recorded; not found, it is posted.
// Slack answering ok:false means nothing was posted: the row is marked failed and not retried.
//
// Nothing goes to someone who has left; nothing goes to someone on a break (or to a pair on a break) until they
// are back; outside the recipient's working hours a due message waits for the next tick inside them.
import { JOURNEY_RULES } from '../domain/journey-rules';
import {
  dueJourneyMessages,
  firstTermEnd,
  isSensibleLocalTime,
  type JourneyMessageKey,
  type JourneySettings,
  type PairJourneyFacts,
} from '../domain/pairing-journey';
import type { ProgrammeSettings } from '../domain/programme-settings';
import { pairTimeZone } from '../domain/prompt-schedule';
import { errorSummary, slackErrorCode } from '../errors';
import type { Logger } from '../logger';
import type { Messenger, PostedRef } from '../ports/messenger';
import type { JourneyPerson, JourneyRepository, PairOnJourney } from '../storage/journey-repository';
import { JOURNEY_EVENT_TYPE, journeyMessage } from '../views/journey-messages';
import { wrapUpIfTermOver, type WrapUpDeps } from './choose-term';
import { RESERVATION_LEASE_MS } from './send-due-prompts';

export interface JourneyDeps extends WrapUpDeps {
  journey: JourneyRepository;
  messenger: Pick<Messenger, 'openConversation' | 'postMessage' | 'channelHistory'>;
  settingsFor(teamId: string): Promise<ProgrammeSettings>;
  logger: Logger;
}

export interface JourneySummary {
  sent: number;
  /** Pairs whose term ended this run (the term's transition, made before any message). */
  wrappedUp: number;
  recovered: number;
  waiting: number;
  failed: number;
}

/** The journey's settings for a workspace. */
export function journeySettingsOf(settings: ProgrammeSettings): JourneySettings {
  return { termWeeks: settings.pairTermWeeks, extensionWeeks: settings.extensionWeeks };
}

export async function sendJourneyMessages(
  deps: JourneyDeps,
  now: Date,
  signal?: AbortSignal,
): Promise<JourneySummary> {
  const summary: JourneySummary = { sent: 0, wrappedUp: 0, recovered: 0, waiting: 0, failed: 0 };
  const settingsByTeam = new Map<string, ProgrammeSettings>();
  for (const pair of await deps.journey.pairsOnJourney(now)) {
    if (signal?.aborted) break;
    const { teamId } = pair.facts;
    try {
      let settings = settingsByTeam.get(teamId);
      if (settings === undefined) {
        settings = await deps.settingsFor(teamId);
        settingsByTeam.set(teamId, settings);
      }
      await journeyOfPair(deps, pair, settings, now, summary);
    } catch (error) {
      // One pair's trouble never keeps the others from their messages.
      summary.failed += 1;
      deps.logger.warn(
        { teamId, pairId: pair.facts.pairId, err: errorSummary(error) },
        'journey step failed',
      );
    }
  }
  if (summary.sent + summary.wrappedUp + summary.recovered + summary.failed > 0)
    deps.logger.info({ at: now.toISOString(), ...summary }, 'journey messages run');
  return summary;
}

async function journeyOfPair(
  deps: JourneyDeps,
  pair: PairOnJourney,
  settings: ProgrammeSettings,
  now: Date,
  summary: JourneySummary,
): Promise<void> {
  const journeySettings = journeySettingsOf(settings);
  const stored: PairJourneyFacts = {
    ...pair.facts,
    termEndsAt: pair.facts.termEndsAt ?? firstTermEnd(pair.facts.startedAt, journeySettings.termWeeks),
  };
  // Status changes the journey makes happen before its messages, so a wrap-up's closing goes out in the same run.
  const wrappedUp = await wrapUpIfTermOver(deps, stored, now);
  if (wrappedUp) summary.wrappedUp += 1;
  const facts: PairJourneyFacts = wrappedUp
    ? { ...stored, status: 'ended', endedAt: now, endReason: 'wrapped_up' }
    : stored;
  const stale = pair.reserved.filter((r) => now.getTime() - r.reservedAt.getTime() >= RESERVATION_LEASE_MS);
  const due = [
    ...stale.map((r) => ({ key: r as JourneyMessageKey, reservation: r })),
    ...dueJourneyMessages(facts, journeySettings, now, JOURNEY_RULES).map((key) => ({
      key,
      reservation: null,
    })),
  ];
  for (const { key, reservation } of due) {
    const recipient = recipientOf(pair, key);
    if (recipient === null) continue;
    if (
      recipient.onBreak ||
      pair.facts.status === 'paused' ||
      !isSensibleLocalTime(now, recipient.timeZone)
    ) {
      summary.waiting += 1;
      continue;
    }
    let id: number;
    if (reservation !== null) {
      if (!(await deps.journey.renewReservation(reservation.id, reservation.reservedAt, now))) continue;
      id = reservation.id;
      const found = await findPosted(deps, recipient, id);
      if (found !== null) {
        await deps.journey.resolveMessage(id, {
          status: 'sent',
          channelId: found.channel,
          ts: found.ts,
          at: now,
        });
        summary.recovered += 1;
        continue;
      }
    } else {
      const reserved = await deps.journey.reserveMessage(facts.teamId, facts.pairId, key, now);
      if (reserved === null) continue;
      id = reserved.id;
    }
    const message = journeyMessage({
      key,
      facts,
      settings: journeySettings,
      programmeName: settings.programmeName,
      mentorName: pair.mentor?.name ?? null,
      menteeName: pair.mentee?.name ?? null,
      sharedTopics: pair.sharedTopics,
      now,
    });
    try {
      const channel = await conversationOf(deps, recipient);
      const ref = await deps.messenger.postMessage(channel, message, {
        metadata: { event_type: JOURNEY_EVENT_TYPE, event_payload: { journey_message_id: id } },
      });
      await deps.journey.resolveMessage(id, { status: 'sent', channelId: ref.channel, ts: ref.ts, at: now });
      summary.sent += 1;
      deps.logger.info(
        { teamId: facts.teamId, pairId: facts.pairId, step: key.step },
        'journey message sent',
      );
    } catch (error) {
      // ok:false means Slack posted nothing; anything else may or may not have posted: left for the recovery.
      if (slackErrorCode(error) !== null) await deps.journey.resolveMessage(id, { status: 'failed' });
      throw error;
    }
  }
}

/** Where a message goes: a person's DM, or the pair's group DM (in the pair's time zone). */
type Recipient =
  | (JourneyPerson & { kind: 'person' })
  | { kind: 'pair'; channelId: string; timeZone: string; onBreak: boolean };

function recipientOf(pair: PairOnJourney, key: JourneyMessageKey): Recipient | null {
  if (key.role === 'pair') {
    if (pair.channelId === null || pair.mentor === null || pair.mentee === null) return null;
    return {
      kind: 'pair',
      channelId: pair.channelId,
      timeZone: pairTimeZone(pair.mentee.timeZone, pair.mentor.timeZone),
      onBreak: pair.mentor.onBreak || pair.mentee.onBreak,
    };
  }
  const person = key.role === 'mentor' ? pair.mentor : pair.mentee;
  return person === null ? null : { ...person, kind: 'person' };
}

async function conversationOf(deps: JourneyDeps, recipient: Recipient): Promise<string> {
  return recipient.kind === 'pair'
    ? recipient.channelId
    : deps.messenger.openConversation([recipient.userId]);
}

async function findPosted(deps: JourneyDeps, recipient: Recipient, id: number): Promise<PostedRef | null> {
  const channel = await conversationOf(deps, recipient);
  let cursor: string | undefined;
  // Within a lease only a few messages reach one conversation: the message is in the first pages if at all.
  for (let page = 0; page < 3; page += 1) {
    const history = await deps.messenger.channelHistory(channel, cursor);
    const found = history.messages.find(
      (message) =>
        message.metadata?.event_type === JOURNEY_EVENT_TYPE &&
        message.metadata.event_payload.journey_message_id === id,
    );
    if (found !== undefined) return { channel, ts: found.ts };
    if (history.nextCursor === null) return null;
    cursor = history.nextCursor;
  }
  return null;
}
