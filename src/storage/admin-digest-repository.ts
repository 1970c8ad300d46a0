// The weekly admin digest: who asked for it and when, and one delivery row per admin and local week. A delivery
// is reserved before the DM is sent and confirmed after; the unique (team, user, week) index makes a second
// reservation for the same week impossible, in this process, the CLI's tick or another replica.
import { and, eq } from 'drizzle-orm';
import type { Weekday } from '../domain/prompt-schedule';
import { recordAuditIn } from './audit-log';
import type { Db } from './database';
import { storeFor } from './store';
import { tablesOf } from './tables';

export interface DigestSubscription {
  teamId: string;
  userId: string;
  weekday: Weekday;
  hour: number;
  timeZone: string | null;
}

export type DigestStatus = 'reserved' | 'sent' | 'skipped' | 'failed';

export interface DigestDelivery {
  id: number;
  status: DigestStatus;
  reservedAt: Date;
}

export interface AdminDigestRepository {
  subscription(teamId: string, userId: string): Promise<DigestSubscription | null>;
  /** Saves (or, with null, ends) an admin's digest and records the change; false when nothing changed. */
  saveSubscription(
    teamId: string,
    userId: string,
    choice: Pick<DigestSubscription, 'weekday' | 'hour' | 'timeZone'> | null,
    now: Date,
  ): Promise<boolean>;
  /** Every subscription in every workspace (the digest job's only cross-team query). */
  allSubscriptions(): Promise<DigestSubscription[]>;
  findForWeek(teamId: string, userId: string, weekKey: string): Promise<DigestDelivery | null>;
  /** Inserts the reservation; null when this admin already has a delivery for that week. */
  reserve(teamId: string, userId: string, weekKey: string, now: Date): Promise<DigestDelivery | null>;
  /** Takes over a stale reservation; false when another run renewed or resolved it first. */
  renewReservation(id: number, previousReservedAt: Date, now: Date): Promise<boolean>;
  resolve(
    id: number,
    outcome: { status: 'sent'; channelId: string; ts: string; at: Date } | { status: 'skipped' | 'failed' },
  ): Promise<void>;
}

export function createAdminDigestRepository(db: Db): AdminDigestRepository {
  const { adminDigestSubscriptions: subs, adminDigestDeliveries: deliveries } = tablesOf(db);
  const store = storeFor(db);
  const subColumns = {
    teamId: subs.teamId,
    userId: subs.userId,
    weekday: subs.weekday,
    hour: subs.hour,
    timeZone: subs.timeZone,
  };
  const deliveryColumns = { id: deliveries.id, status: deliveries.status, reservedAt: deliveries.reservedAt };
  const asSubscription = (row: { weekday: string } & Omit<DigestSubscription, 'weekday'>) =>
    ({ ...row, weekday: row.weekday as Weekday }) satisfies DigestSubscription;
  const readSubscription = async (q: Db, teamId: string, userId: string) => {
    const [row] = await q
      .select(subColumns)
      .from(subs)
      .where(and(eq(subs.teamId, teamId), eq(subs.userId, userId)))
      .limit(1);
    return row === undefined ? null : asSubscription(row);
  };

  return {
    subscription: (teamId, userId) => store.run((q) => readSubscription(q, teamId, userId)),

    saveSubscription: (teamId, userId, choice, now) =>
      store.transaction(async (tx) => {
        const before = await readSubscription(tx, teamId, userId);
        const shown = (value: typeof choice) =>
          value === null ? null : { weekday: value.weekday, hour: value.hour };
        if (
          JSON.stringify(shown(before)) === JSON.stringify(shown(choice)) &&
          before?.timeZone === choice?.timeZone
        )
          return false;
        if (choice === null) {
          await tx.delete(subs).where(and(eq(subs.teamId, teamId), eq(subs.userId, userId)));
        } else {
          const values = { ...choice, updatedAt: now };
          await tx
            .insert(subs)
            .values({ teamId, userId, ...values })
            .onConflictDoUpdate({ target: [subs.teamId, subs.userId], set: values });
        }
        await recordAuditIn(tx, {
          teamId,
          actorId: userId,
          action: 'digest.changed',
          subject: userId,
          before: shown(before),
          after: shown(choice),
          at: now,
        });
        return true;
      }, 'write'),

    allSubscriptions: async () =>
      (await store.run((q) => q.select(subColumns).from(subs).orderBy(subs.teamId, subs.userId))).map(
        asSubscription,
      ),

    async findForWeek(teamId, userId, weekKey) {
      const [row] = await store.run((q) =>
        q
          .select(deliveryColumns)
          .from(deliveries)
          .where(
            and(
              eq(deliveries.teamId, teamId),
              eq(deliveries.userId, userId),
              eq(deliveries.weekKey, weekKey),
            ),
          )
          .limit(1),
      );
      return row ?? null;
    },

    async reserve(teamId, userId, weekKey, now) {
      const [row] = await store.run((q) =>
        q
          .insert(deliveries)
          .values({ teamId, userId, weekKey, status: 'reserved', reservedAt: now })
          .onConflictDoNothing({ target: [deliveries.teamId, deliveries.userId, deliveries.weekKey] })
          .returning(deliveryColumns),
      );
      return row ?? null;
    },

    async renewReservation(id, previousReservedAt, now) {
      const renewed = await store.run((q) =>
        q
          .update(deliveries)
          .set({ reservedAt: now })
          .where(
            and(
              eq(deliveries.id, id),
              eq(deliveries.status, 'reserved'),
              eq(deliveries.reservedAt, previousReservedAt),
            ),
          )
          .returning({ id: deliveries.id }),
      );
      return renewed.length === 1;
    },

    async resolve(id, outcome) {
      await store.run((q) =>
        q
          .update(deliveries)
          .set(
            outcome.status === 'sent'
              ? { status: 'sent', sentAt: outcome.at, channelId: outcome.channelId, messageTs: outcome.ts }
              : { status: outcome.status },
          )
          .where(eq(deliveries.id, id)),
      );
    },
  };
}
