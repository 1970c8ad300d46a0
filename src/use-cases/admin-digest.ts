// The weekly admin digest: an admin opts in (weekday and local hour, in their Slack time zone) and gets a DM
// once a week with the headline figures and the pair-health list — through the same scheduler as the prompts.
//
// Exactly once per admin and local ISO week, as the weekly prompts are (see send-due-prompts.ts):
//   1. reserve — insert the (team, admin, week) delivery row; the unique index lets only one run own the week;
//   2. post    — chat.postMessage to the admin's DM, with metadata naming the delivery;
//   3. record  — status 'sent' with the message ts.
// A reservation left unconfirmed longer than the lease (a run died) is taken over by one run, which looks in the
// DM's latest history for the message naming the delivery: found, it is recorded; not found, it is posted.
// Slack answering ok:false means nothing was posted: the delivery is marked failed and not retried that week.
// A week with nothing at all to say (no figures, nothing needing attention) is marked skipped, with no DM.
import { nothingNeedsAttention } from '../domain/pair-health';
import { dueSlot, type Weekday } from '../domain/prompt-schedule';
import { errorSummary, slackErrorCode } from '../errors';
import type { Logger } from '../logger';
import type { Clock } from '../ports/clock';
import type { Messenger, PostedRef } from '../ports/messenger';
import type { AdminDigestRepository, DigestSubscription } from '../storage/admin-digest-repository';
import { ADMIN_DIGEST_EVENT_TYPE, digestMessage } from '../views/admin-digest';
import { readHeadlines, readPairHealth, type PairHealthDeps } from './pair-health';
import { RESERVATION_LEASE_MS } from './send-due-prompts';

export interface DigestChoiceDeps {
  adminDigest: Pick<AdminDigestRepository, 'subscription' | 'saveSubscription'>;
  messenger: Pick<Messenger, 'fetchProfile'>;
  clock: Clock;
  logger: Logger;
}

/** Saves an admin's choice (null: no digest), with their Slack time zone as it is now. */
export async function saveDigestChoice(
  deps: DigestChoiceDeps,
  teamId: string,
  userId: string,
  choice: { weekday: Weekday; hour: number } | null,
): Promise<boolean> {
  let timeZone: string | null = null;
  if (choice !== null) {
    try {
      timeZone = (await deps.messenger.fetchProfile(userId)).timeZone;
    } catch (error) {
      // Without it the digest follows UTC until they save again.
      deps.logger.warn({ teamId, err: errorSummary(error) }, 'could not read an admin’s time zone');
    }
  }
  return deps.adminDigest.saveSubscription(
    teamId,
    userId,
    choice === null ? null : { ...choice, timeZone },
    deps.clock.now(),
  );
}

export interface SendDigestsDeps extends PairHealthDeps {
  adminDigest: AdminDigestRepository;
  messenger: Pick<Messenger, 'openConversation' | 'postMessage' | 'channelHistory'>;
  /** Whether they are still a programme admin: a digest never goes to someone who no longer is. */
  isAdmin(teamId: string, userId: string): Promise<boolean>;
  logger: Logger;
}

export interface DigestSummary {
  sent: number;
  recovered: number;
  skipped: number;
  failed: number;
}

export async function sendAdminDigests(deps: SendDigestsDeps, now: Date): Promise<DigestSummary> {
  const summary: DigestSummary = { sent: 0, recovered: 0, skipped: 0, failed: 0 };
  for (const subscription of await deps.adminDigest.allSubscriptions()) {
    try {
      const outcome = await digestFor(deps, subscription, now);
      if (outcome !== null) summary[outcome] += 1;
    } catch (error) {
      // One admin's digest failing never keeps the others from theirs; a reservation left behind is resolved
      // after the lease.
      summary.failed += 1;
      deps.logger.warn({ teamId: subscription.teamId, err: errorSummary(error) }, 'admin digest failed');
    }
  }
  deps.logger.info({ at: now.toISOString(), ...summary }, 'admin digests run');
  return summary;
}

async function digestFor(
  deps: SendDigestsDeps,
  subscription: DigestSubscription,
  now: Date,
): Promise<keyof DigestSummary | null> {
  const { teamId, userId } = subscription;
  const timeZone = subscription.timeZone ?? 'UTC';
  // Any slot of this local week that has passed is due: opting in mid-week still brings this week's digest.
  const slot = dueSlot(now, new Date(0), timeZone, {
    weekday: subscription.weekday,
    hour: subscription.hour,
  });
  if (slot === null) return null;
  const existing = await deps.adminDigest.findForWeek(teamId, userId, slot.weekKey);
  let deliveryId: number;
  if (existing !== null) {
    if (existing.status !== 'reserved') return null;
    if (now.getTime() - existing.reservedAt.getTime() < RESERVATION_LEASE_MS) return null;
    if (!(await deps.adminDigest.renewReservation(existing.id, existing.reservedAt, now))) return null;
    deliveryId = existing.id;
    const found = await findPosted(deps, userId, deliveryId);
    if (found !== null) {
      await deps.adminDigest.resolve(deliveryId, {
        status: 'sent',
        channelId: found.channel,
        ts: found.ts,
        at: now,
      });
      return 'recovered';
    }
  } else {
    const reserved = await deps.adminDigest.reserve(teamId, userId, slot.weekKey, now);
    if (reserved === null) return null;
    deliveryId = reserved.id;
  }

  if (!(await deps.isAdmin(teamId, userId))) {
    await deps.adminDigest.resolve(deliveryId, { status: 'skipped' });
    return 'skipped';
  }
  const headlines = await readHeadlines(deps, teamId);
  const health = await readPairHealth(deps, teamId);
  if (Object.values(headlines).every((n) => n === 0) && nothingNeedsAttention(health)) {
    await deps.adminDigest.resolve(deliveryId, { status: 'skipped' });
    return 'skipped';
  }
  try {
    const channel = await deps.messenger.openConversation([userId]);
    const ref = await deps.messenger.postMessage(channel, digestMessage(headlines, health, now), {
      metadata: { event_type: ADMIN_DIGEST_EVENT_TYPE, event_payload: { digest_id: deliveryId } },
    });
    await deps.adminDigest.resolve(deliveryId, {
      status: 'sent',
      channelId: ref.channel,
      ts: ref.ts,
      at: now,
    });
    deps.logger.info({ teamId, deliveryId }, 'admin digest sent');
    return 'sent';
  } catch (error) {
    // ok:false means Slack posted nothing; anything else may or may not have posted: left for the recovery.
    if (slackErrorCode(error) !== null) await deps.adminDigest.resolve(deliveryId, { status: 'failed' });
    throw error;
  }
}

async function findPosted(
  deps: SendDigestsDeps,
  userId: string,
  deliveryId: number,
): Promise<PostedRef | null> {
  const channel = await deps.messenger.openConversation([userId]);
  let cursor: string | undefined;
  // A week's DMs from the app are few: the digest is within the first pages if it was posted at all.
  for (let page = 0; page < 3; page += 1) {
    const history = await deps.messenger.channelHistory(channel, cursor);
    const found = history.messages.find(
      (message) =>
        message.metadata?.event_type === ADMIN_DIGEST_EVENT_TYPE &&
        message.metadata.event_payload.digest_id === deliveryId,
    );
    if (found !== undefined) return { channel, ts: found.ts };
    if (history.nextCursor === null) return null;
    cursor = history.nextCursor;
  }
  return null;
}
