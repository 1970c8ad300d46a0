// The pairing journey's storage: what the journey rules need to know about every pair still on its journey,
// and one row per journey message, reserved before it is sent and confirmed after. The unique (pair, step, role,
// round) index makes a second copy impossible, in this process, the CLI's tick or another replica.
import { and, eq, gt, inArray, isNotNull, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { RUNNING_PAIR_STATUSES } from '../domain/pair-lifecycle';
import type {
  EndReason,
  FitAnswer,
  FollowUpAnswer,
  JourneyMessageKey,
  JourneyRole,
  PairJourneyFacts,
  TermChoice,
} from '../domain/pairing-journey';
import { addDays } from '../domain/pairing-journey';
import type { Db } from './database';
import { storeFor } from './store';
import { tablesOf } from './tables';

/** Ended pairs stay on their journey this long: the close survey and the follow-ups come after the end. */
export const JOURNEY_AFTER_END_DAYS = 75;

/** The end reasons after which the journey still has something to say. */
const JOURNEY_CONTINUES_AFTER: readonly EndReason[] = ['wrapped_up', 'not_a_fit'];

export interface JourneyPerson {
  userId: string;
  name: string;
  timeZone: string | null;
  /** On a break: their journey messages wait until they resume. */
  onBreak: boolean;
}

export interface PairOnJourney {
  /** The facts, with the stored term end (null for pairs from before terms). */
  facts: Omit<PairJourneyFacts, 'termEndsAt'> & { termEndsAt: Date | null };
  mentor: JourneyPerson | null;
  mentee: JourneyPerson | null;
  channelId: string | null;
  sharedTopics: string[];
  /** Its journey messages still reserved (not yet confirmed sent): a run may have died while sending them. */
  reserved: (JourneyMessageKey & { id: number; reservedAt: Date })[];
}

export type JourneyMessageStatus = 'reserved' | 'sent' | 'skipped' | 'failed';

export interface JourneyMessageRow {
  id: number;
  status: JourneyMessageStatus;
  reservedAt: Date;
}

export interface JourneyRepository {
  /** Every pair with something left on its journey at `now`, across workspaces. */
  pairsOnJourney(now: Date): Promise<PairOnJourney[]>;
  findMessage(pairId: number, key: JourneyMessageKey): Promise<JourneyMessageRow | null>;
  /** Inserts the reservation; null when the message was already reserved (by this or another run). */
  reserveMessage(
    teamId: string,
    pairId: number,
    key: JourneyMessageKey,
    now: Date,
  ): Promise<JourneyMessageRow | null>;
  /** Takes over a stale reservation; false when another run renewed or resolved it first. */
  renewReservation(id: number, previousReservedAt: Date, now: Date): Promise<boolean>;
  resolveMessage(
    id: number,
    outcome: { status: 'sent'; channelId: string; ts: string; at: Date } | { status: 'skipped' | 'failed' },
  ): Promise<void>;
}

export function createJourneyRepository(db: Db): JourneyRepository {
  const t = tablesOf(db);
  const store = storeFor(db);
  const mentor = alias(t.members, 'mentor');
  const mentee = alias(t.members, 'mentee');
  const messageColumns = {
    id: t.journeyMessages.id,
    status: t.journeyMessages.status,
    reservedAt: t.journeyMessages.reservedAt,
  };

  return {
    pairsOnJourney: (now) =>
      store.run(async (q) => {
        const onJourney = or(
          inArray(t.pairs.status, RUNNING_PAIR_STATUSES),
          and(
            inArray(t.pairs.endReason, JOURNEY_CONTINUES_AFTER),
            isNotNull(t.pairs.endedAt),
            gt(t.pairs.endedAt, addDays(now, -JOURNEY_AFTER_END_DAYS)),
          ),
        );
        const personColumns = (m: typeof mentor | typeof mentee) => ({
          userId: m.userId,
          name: m.name,
          timeZone: m.timeZone,
          pausedAt: m.pausedAt,
        });
        const joined = await q
          .select({ pair: t.pairs, mentor: personColumns(mentor), mentee: personColumns(mentee) })
          .from(t.pairs)
          .leftJoin(mentor, and(eq(mentor.teamId, t.pairs.teamId), eq(mentor.userId, t.pairs.mentorId)))
          .leftJoin(mentee, and(eq(mentee.teamId, t.pairs.teamId), eq(mentee.userId, t.pairs.menteeId)))
          .where(onJourney)
          .orderBy(t.pairs.id);
        if (joined.length === 0) return [];
        const pairRows = joined.map((row) => row.pair);
        // One query per table over all the pairs on their journey (the same condition as a subquery), never one
        // per pair, nor a list of thousands of ids to bind.
        const pairIds = q.select({ id: t.pairs.id }).from(t.pairs).where(onJourney);
        const byPair = <R extends { pairId: number }>(rows: R[]) => {
          const map = new Map<number, R[]>();
          for (const row of rows) {
            const list = map.get(row.pairId);
            if (list === undefined) map.set(row.pairId, [row]);
            else list.push(row);
          }
          return map;
        };
        const sent = byPair(
          await q
            .select({
              id: t.journeyMessages.id,
              status: t.journeyMessages.status,
              pairId: t.journeyMessages.pairId,
              step: t.journeyMessages.step,
              role: t.journeyMessages.role,
              round: t.journeyMessages.round,
              at: t.journeyMessages.reservedAt,
            })
            .from(t.journeyMessages)
            .where(inArray(t.journeyMessages.pairId, pairIds)),
        );
        const discussed = byPair(
          await q
            .select({ pairId: t.promptDeliveries.pairId, at: t.promptDeliveries.answeredAt })
            .from(t.promptDeliveries)
            .where(
              and(inArray(t.promptDeliveries.pairId, pairIds), eq(t.promptDeliveries.outcome, 'discussed')),
            ),
        );
        const goals = byPair(
          await q
            .select({ pairId: t.pairGoals.pairId, id: t.pairGoals.id })
            .from(t.pairGoals)
            .where(inArray(t.pairGoals.pairId, pairIds)),
        );
        const ratings = byPair(
          await q
            .select({ pairId: t.pairGoals.pairId, stage: t.goalRatings.stage })
            .from(t.goalRatings)
            .innerJoin(t.pairGoals, eq(t.pairGoals.id, t.goalRatings.goalId))
            .where(inArray(t.pairGoals.pairId, pairIds)),
        );
        const fit = byPair(
          await q.select().from(t.fitCheckAnswers).where(inArray(t.fitCheckAnswers.pairId, pairIds)),
        );
        const voice = byPair(
          await q
            .select({ pairId: t.mentorVoiceAnswers.pairId, round: t.mentorVoiceAnswers.round })
            .from(t.mentorVoiceAnswers)
            .where(inArray(t.mentorVoiceAnswers.pairId, pairIds)),
        );
        const choices = byPair(
          await q.select().from(t.termChoices).where(inArray(t.termChoices.pairId, pairIds)),
        );
        const commitments = byPair(
          await q.select().from(t.commitments).where(inArray(t.commitments.pairId, pairIds)),
        );
        const surveys = byPair(
          await q
            .select({ pairId: t.feedback.pairId, role: t.feedback.role })
            .from(t.feedback)
            .where(inArray(t.feedback.pairId, pairIds)),
        );
        const people = new Map<string, JourneyPerson>();
        for (const { pair, mentor: mentorRow, mentee: menteeRow } of joined) {
          for (const m of [mentorRow, menteeRow]) {
            // Both columns are stored for every member; the left join only types them as nullable.
            if (m === null || m.userId === null || m.name === null) continue;
            people.set(`${pair.teamId}/${m.userId}`, {
              userId: m.userId,
              name: m.name,
              timeZone: m.timeZone,
              onBreak: m.pausedAt !== null,
            });
          }
        }
        const person = (teamId: string, userId: string | null) =>
          userId === null ? null : (people.get(`${teamId}/${userId}`) ?? null);

        return pairRows.map((p): PairOnJourney => {
          const mentor = person(p.teamId, p.mentorId);
          const mentee = person(p.teamId, p.menteeId);
          const commitment = commitments.get(p.id)?.[0];
          const discussedAt = (discussed.get(p.id) ?? [])
            .map((d) => d.at)
            .filter((at): at is Date => at !== null)
            .sort((a, b) => a.getTime() - b.getTime());
          return {
            facts: {
              teamId: p.teamId,
              pairId: p.id,
              status: p.status,
              startedAt: p.startedAt,
              termEndsAt: p.termEndsAt,
              extensions: p.extensions,
              endedAt: p.endedAt,
              endReason: p.endReason,
              mentorPresent: mentor !== null,
              menteePresent: mentee !== null,
              firstDiscussedAt: discussedAt[0] ?? null,
              goalCount: goals.get(p.id)?.length ?? 0,
              ratedStages: [...new Set((ratings.get(p.id) ?? []).map((r) => r.stage))],
              fitAnswers: (fit.get(p.id) ?? []).map((a) => ({
                role: a.role,
                round: a.round,
                answer: a.answer as FitAnswer,
                answeredAt: a.answeredAt,
              })),
              voiceRounds: (voice.get(p.id) ?? []).map((v) => v.round),
              termChoices: (choices.get(p.id) ?? []).map((c) => ({
                role: c.role,
                term: c.term,
                choice: c.choice as TermChoice,
                answeredAt: c.answeredAt,
              })),
              commitment:
                commitment === undefined
                  ? null
                  : {
                      written: commitment.text !== null,
                      after30Days: commitment.after30Days as FollowUpAnswer | null,
                      after60Days: commitment.after60Days as FollowUpAnswer | null,
                    },
              closeSurveyRoles: (surveys.get(p.id) ?? []).map((s) => s.role),
              sent: (sent.get(p.id) ?? []).map((s) => ({
                step: s.step as JourneyMessageKey['step'],
                role: s.role as JourneyRole,
                round: s.round,
                at: s.at,
              })),
            },
            mentor,
            mentee,
            channelId: p.channelId,
            sharedTopics: p.sharedTopics,
            reserved: (sent.get(p.id) ?? [])
              .filter((s) => s.status === 'reserved')
              .map((s) => ({
                id: s.id,
                step: s.step as JourneyMessageKey['step'],
                role: s.role as JourneyRole,
                round: s.round,
                reservedAt: s.at,
              })),
          };
        });
      }),

    async findMessage(pairId, key) {
      const [row] = await store.run((q) =>
        q
          .select(messageColumns)
          .from(t.journeyMessages)
          .where(
            and(
              eq(t.journeyMessages.pairId, pairId),
              eq(t.journeyMessages.step, key.step),
              eq(t.journeyMessages.role, key.role),
              eq(t.journeyMessages.round, key.round),
            ),
          )
          .limit(1),
      );
      return row ?? null;
    },

    async reserveMessage(teamId, pairId, key, now) {
      const [row] = await store.run((q) =>
        q
          .insert(t.journeyMessages)
          .values({ teamId, pairId, ...key, status: 'reserved', reservedAt: now })
          .onConflictDoNothing({
            target: [
              t.journeyMessages.pairId,
              t.journeyMessages.step,
              t.journeyMessages.role,
              t.journeyMessages.round,
            ],
          })
          .returning(messageColumns),
      );
      return row ?? null;
    },

    async renewReservation(id, previousReservedAt, now) {
      const renewed = await store.run((q) =>
        q
          .update(t.journeyMessages)
          .set({ reservedAt: now })
          .where(
            and(
              eq(t.journeyMessages.id, id),
              eq(t.journeyMessages.status, 'reserved'),
              eq(t.journeyMessages.reservedAt, previousReservedAt),
            ),
          )
          .returning({ id: t.journeyMessages.id }),
      );
      return renewed.length === 1;
    },

    async resolveMessage(id, outcome) {
      await store.run((q) =>
        q
          .update(t.journeyMessages)
          .set(
            outcome.status === 'sent'
              ? { status: 'sent', sentAt: outcome.at, channelId: outcome.channelId, messageTs: outcome.ts }
              : { status: outcome.status },
          )
          .where(eq(t.journeyMessages.id, id)),
      );
    },
  };
}
