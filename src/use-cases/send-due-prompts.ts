// Posts each active pair's weekly question once its local slot has come: the scheduler's job and
// `mentor-circles send-prompts`.
//
// Exactly once, whatever fails in between. Each delivery goes through three steps:
//   1. reserve — insert the delivery row (status 'reserved'). The unique (pair_id, week_key) index makes a
//      second reservation for the same pair and week fail, in this process or another (the CLI beside the
//      server), so at most one run ever owns a pair's week.
//   2. post   — chat.postMessage to the pair's stored group DM, with Slack message metadata naming the
//      delivery: { event_type: 'mentor_prompt', event_payload: { delivery_id } }.
//   3. record — store the message ts and status 'sent'.
// A run killed between 1 and 2 has posted nothing; one killed between 2 and 3 has posted. The database
// cannot tell the two apart, so a reservation left unconfirmed for longer than RESERVATION_LEASE_MS (longer
// than any post can take, the WebClient's own retries included) is resolved by asking Slack: the run takes
// the reservation over (a conditional update, so only one run does), reads the channel's history with
// include_all_metadata, newest first, and looks for a message whose metadata names this delivery.
//   - found → record that message's ts: the pair keeps its one message;
//   - not found (history reached an older prompt of this pair, or the channel's start) → post now;
//   - Slack could not answer (rate limit, network) → leave it reserved and look again after the next lease.
// conversations.history is only read on this rare recovery path, never per week. Should an install lack the
// history scope, the lookup counts as "not found" and the prompt is re-posted: the pair might see the
// question twice after a crash at exactly the wrong moment, but never lose it.
// A reservation younger than the lease is left alone: another run may be posting it right now.
// Slack answering ok:false means nothing was posted, so the delivery is marked failed (and, for errors that
// belong to the pair's channel or people, the pair is flagged as needing attention); any other failure
// leaves the reservation for the recovery above, because the post may or may not have happened.
import { choosePrompt, dueSlotsAt, pairTimeZone, type DueSlot } from '../domain/prompt-schedule';
import type { Logger } from '../logger';
import type { Messenger } from '../ports/messenger';
import { slackErrorCode } from '../errors';
import { errorSummary } from '../errors';
import { PROMPT_EVENT_TYPE, promptMessage, promptMetadata } from '../views/prompt-message';
import type {
  Delivery,
  PromptDeliveriesRepository,
  PromptPair,
} from '../storage/prompt-deliveries-repository';
import type { PromptsRepository } from '../storage/prompts-repository';
import { mapLimited } from './limited-concurrency';
import type { SettingsFor } from './programme-settings';

/** Errors that belong to one pair's channel or people: flag the pair, carry on with the others. */
export const PAIR_LEVEL_ERRORS: ReadonlySet<string> = new Set([
  'channel_not_found',
  'is_archived',
  'account_inactive',
  'user_disabled',
  'not_in_channel',
]);

// Errors meaning this install cannot read history at all; recovery then falls back to posting.
const HISTORY_UNAVAILABLE = new Set([
  'missing_scope',
  'not_allowed_token_type',
  'unknown_method',
  'method_deprecated',
]);

/** Longer than a post can take with the WebClient's default retries (about 30 minutes). */
export const RESERVATION_LEASE_MS = 60 * 60 * 1000;
const PAIRS_AT_A_TIME = 4;
const MAX_HISTORY_PAGES = 10;

export interface SendDuePromptsDeps {
  deliveries: PromptDeliveriesRepository;
  prompts: Pick<PromptsRepository, 'libraryFor'>;
  messenger: Pick<Messenger, 'postMessage' | 'channelHistory'>;
  logger: Logger;
  /** Each workspace's prompt weekday and local hour. */
  settingsFor: SettingsFor;
  /** Told about every pair whose slot is due, as it is handled (the CLI prints these). */
  onProgress?: (result: PairResult) => void;
}

export type PairOutcome = 'sent' | 'recovered' | 'skipped' | 'failed' | 'attention';

export interface PairResult {
  teamId: string;
  pairId: number;
  weekKey: string;
  outcome: PairOutcome;
  /** Why it was skipped or failed: a Slack error code or one of ours (already_sent, member_paused, …). */
  reason?: string;
  deliveryId?: number;
}

export interface SendSummary {
  /** Prompts posted in this run. */
  sent: number;
  /** Prompts found already posted by an interrupted run and recorded now, without posting again. */
  recovered: number;
  /** Due pairs with nothing to post: already had this week's prompt, paused, or another run is on it. */
  skipped: number;
  /** Posts that failed or could not be confirmed (an unconfirmed one is looked at again later). */
  failed: number;
  /** Pairs flagged as needing attention in this run (their channel or a member is gone). */
  attention: number;
}

export async function sendDuePrompts(deps: SendDuePromptsDeps, now: Date): Promise<SendSummary> {
  const due: DuePair[] = [];
  for (const teamId of await deps.deliveries.teamsWithActivePairs()) {
    const { promptWeekday, promptHour } = await deps.settingsFor(teamId);
    const dueSlotOf = dueSlotsAt(now, { weekday: promptWeekday, hour: promptHour });
    const teamDue: { pair: PromptPair; slot: DueSlot }[] = [];
    for (const pair of await deps.deliveries.activePairs(teamId, now)) {
      const slot = dueSlotOf(pair.startedAt, pairTimeZone(pair.menteeTimeZone, pair.mentorTimeZone));
      if (slot !== null) teamDue.push({ pair, slot });
    }
    if (teamDue.length === 0) continue;
    // Every tick after the week's slot finds most pairs already served: one read tells which, so only the
    // others get the careful per-pair look below.
    const states = await deps.deliveries.weekStates(teamId, [...new Set(teamDue.map((d) => d.slot.weekKey))]);
    for (const { pair, slot } of teamDue) {
      const settledId = states.reservedPairs.has(pair.id)
        ? undefined
        : states.settled.get(`${pair.id}/${slot.weekKey}`);
      due.push({ pair, slot, settledId });
    }
  }
  const results = await mapLimited(due, PAIRS_AT_A_TIME, async (pair) => {
    const result = await handlePairSafely(deps, pair, now);
    deps.onProgress?.(result);
    return result;
  });
  const summary: SendSummary = { sent: 0, recovered: 0, skipped: 0, failed: 0, attention: 0 };
  for (const result of results) summary[result.outcome] += 1;
  deps.logger.info({ at: now.toISOString(), ...summary }, 'weekly prompts run');
  return summary;
}

interface DuePair {
  pair: PromptPair;
  slot: DueSlot;
  /** This week's delivery, already sent or failed, when the pair holds no unconfirmed reservation. */
  settledId: number | undefined;
}

async function handlePairSafely(deps: SendDuePromptsDeps, due: DuePair, now: Date): Promise<PairResult> {
  const { pair } = due;
  try {
    return await handlePair(deps, due, now);
  } catch (error) {
    // Whatever went wrong (a database error while recording, say), the delivery stays reserved and is
    // resolved after the lease; the other pairs carry on.
    deps.logger.error({ teamId: pair.teamId, pairId: pair.id, err: errorSummary(error) }, 'prompt failed');
    return {
      teamId: pair.teamId,
      pairId: pair.id,
      weekKey: '',
      outcome: 'failed',
      reason: errorSummary(error).message,
    };
  }
}

async function handlePair(
  deps: SendDuePromptsDeps,
  { pair, slot, settledId }: DuePair,
  now: Date,
): Promise<PairResult> {
  const result = (outcome: PairOutcome, reason?: string, deliveryId?: number): PairResult => ({
    teamId: pair.teamId,
    pairId: pair.id,
    weekKey: slot.weekKey,
    outcome,
    ...(reason === undefined ? {} : { reason }),
    ...(deliveryId === undefined ? {} : { deliveryId }),
  });

  if (settledId !== undefined) return result('skipped', 'already_sent', settledId);
  await settleEarlierWeeks(deps, pair, slot.weekKey, now);
  const existing = await deps.deliveries.findForWeek(pair.teamId, pair.id, slot.weekKey);
  if (existing !== null) {
    if (existing.status !== 'reserved') return result('skipped', 'already_sent', existing.id);
    if (now.getTime() - existing.reservedAt.getTime() < RESERVATION_LEASE_MS) {
      return result('skipped', 'in_progress', existing.id);
    }
    return recover(deps, pair, existing, now, result);
  }
  if (pair.memberPaused) return result('skipped', 'member_paused');
  if (pair.channelId === null) {
    await deps.deliveries.markPairNeedsAttention(pair.teamId, pair.id, 'no_channel');
    deps.logger.warn({ teamId: pair.teamId, pairId: pair.id }, 'pair has no group DM; needs attention');
    return result('attention', 'no_channel');
  }

  const library = await deps.prompts.libraryFor(pair.teamId);
  const prompt = choosePrompt(library, await deps.deliveries.promptIdsHad(pair.teamId, pair.id));
  const text = library.find((candidate) => candidate.id === prompt?.id)?.text;
  if (prompt === null || text === undefined) {
    deps.logger.warn({ teamId: pair.teamId }, 'no enabled prompt in the library');
    return result('skipped', 'no_prompts');
  }
  const delivery = await deps.deliveries.reserve({
    teamId: pair.teamId,
    pairId: pair.id,
    weekKey: slot.weekKey,
    promptId: prompt.id,
    promptText: text,
    channelId: pair.channelId,
    reservedAt: now,
  });
  // Another run reserved this week between our look and our insert: it owns the post.
  if (delivery === null) return result('skipped', 'in_progress');
  return post(deps, pair, delivery, now, result);
}

type ResultOf = (outcome: PairOutcome, reason?: string, deliveryId?: number) => PairResult;

async function post(
  deps: SendDuePromptsDeps,
  pair: PromptPair,
  delivery: Delivery,
  now: Date,
  result: ResultOf,
): Promise<PairResult> {
  const channel = delivery.channelId ?? pair.channelId ?? '';
  const log = { teamId: pair.teamId, pairId: pair.id, deliveryId: delivery.id, weekKey: delivery.weekKey };
  let posted;
  try {
    posted = await deps.messenger.postMessage(
      channel,
      promptMessage({ deliveryId: delivery.id, question: delivery.promptText }),
      { metadata: promptMetadata(delivery.id) },
    );
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === null) {
      deps.logger.warn(
        { ...log, err: errorSummary(error) },
        'prompt post unconfirmed; will check after the lease',
      );
      return result('failed', 'unconfirmed', delivery.id);
    }
    await deps.deliveries.recordFailed(pair.teamId, delivery.id, code);
    if (PAIR_LEVEL_ERRORS.has(code)) {
      await deps.deliveries.markPairNeedsAttention(pair.teamId, pair.id, code);
      deps.logger.warn({ ...log, error: code }, 'pair needs attention: prompt not delivered');
      return result('attention', code, delivery.id);
    }
    deps.logger.warn({ ...log, error: code }, 'prompt not delivered');
    return result('failed', code, delivery.id);
  }
  await deps.deliveries.recordSent(pair.teamId, delivery.id, {
    channelId: posted.channel,
    ts: posted.ts,
    sentAt: now,
  });
  deps.logger.info(log, 'prompt sent');
  return result('sent', undefined, delivery.id);
}

async function recover(
  deps: SendDuePromptsDeps,
  pair: PromptPair,
  delivery: Delivery,
  now: Date,
  result: ResultOf,
): Promise<PairResult> {
  const log = { teamId: pair.teamId, pairId: pair.id, deliveryId: delivery.id, weekKey: delivery.weekKey };
  // Taking the reservation over also restarts its lease, so a second recovering run keeps its hands off.
  if (!(await deps.deliveries.renewReservation(pair.teamId, delivery.id, delivery.reservedAt, now))) {
    return result('skipped', 'in_progress', delivery.id);
  }
  const channel = delivery.channelId ?? pair.channelId;
  if (channel === null) return result('failed', 'no_channel', delivery.id);
  const found = await findPostedPrompt(deps, channel, delivery.id);
  if (found.kind === 'unknown') {
    deps.logger.warn(
      { ...log, error: found.reason },
      'could not check whether the prompt was posted; will retry',
    );
    return result('failed', 'unconfirmed', delivery.id);
  }
  if (found.kind === 'posted') {
    await deps.deliveries.recordSent(pair.teamId, delivery.id, {
      channelId: channel,
      ts: found.ts,
      sentAt: now,
    });
    deps.logger.info(log, 'interrupted prompt found posted; recorded without posting again');
    return result('recovered', undefined, delivery.id);
  }
  deps.logger.info(log, 'interrupted prompt was never posted; posting it now');
  return post(deps, pair, { ...delivery, reservedAt: now }, now, result);
}

/**
 * A reservation of an earlier week is what a run that died leaves when the app then stayed down past the end
 * of that week. Slack's history says whether it was posted: if so it is recorded as sent (so replies to it
 * count); if not, that week is over and, like any missed week, its question is not sent late.
 */
async function settleEarlierWeeks(deps: SendDuePromptsDeps, pair: PromptPair, weekKey: string, now: Date) {
  for (const delivery of await deps.deliveries.reservedBeforeWeek(pair.teamId, pair.id, weekKey)) {
    if (now.getTime() - delivery.reservedAt.getTime() < RESERVATION_LEASE_MS) continue;
    if (!(await deps.deliveries.renewReservation(pair.teamId, delivery.id, delivery.reservedAt, now)))
      continue;
    const channel = delivery.channelId ?? pair.channelId;
    const found: Lookup =
      channel === null ? { kind: 'absent' } : await findPostedPrompt(deps, channel, delivery.id);
    const log = { teamId: pair.teamId, pairId: pair.id, deliveryId: delivery.id, weekKey: delivery.weekKey };
    if (found.kind === 'posted' && channel !== null) {
      await deps.deliveries.recordSent(pair.teamId, delivery.id, {
        channelId: channel,
        ts: found.ts,
        sentAt: now,
      });
      deps.logger.info(log, 'earlier week prompt found posted; recorded');
    } else if (found.kind === 'absent') {
      await deps.deliveries.recordFailed(pair.teamId, delivery.id, 'week_missed');
      deps.logger.info(log, 'earlier week prompt was never posted; that week is over');
    }
  }
}

type Lookup = { kind: 'posted'; ts: string } | { kind: 'absent' } | { kind: 'unknown'; reason: string };

// Newest first: once an older prompt of this channel shows up (delivery ids only grow), ours is not there.
async function findPostedPrompt(
  deps: SendDuePromptsDeps,
  channel: string,
  deliveryId: number,
): Promise<Lookup> {
  let cursor: string | undefined;
  for (let page = 0; page < MAX_HISTORY_PAGES; page += 1) {
    let history;
    try {
      history = await deps.messenger.channelHistory(channel, cursor);
    } catch (error) {
      const code = slackErrorCode(error);
      // A missing channel makes the post fail too, which flags the pair; no history scope → fall back to posting.
      if (code !== null && (HISTORY_UNAVAILABLE.has(code) || PAIR_LEVEL_ERRORS.has(code)))
        return { kind: 'absent' };
      return { kind: 'unknown', reason: code ?? errorSummary(error).message };
    }
    for (const message of history.messages) {
      if (message.metadata?.event_type !== PROMPT_EVENT_TYPE) continue;
      const named = Number(message.metadata.event_payload.delivery_id);
      if (named === deliveryId) return { kind: 'posted', ts: message.ts };
      if (named < deliveryId) return { kind: 'absent' };
    }
    if (history.nextCursor === null) return { kind: 'absent' };
    cursor = history.nextCursor;
  }
  return { kind: 'unknown', reason: 'history_too_long' };
}
