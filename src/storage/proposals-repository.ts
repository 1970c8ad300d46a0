// Proposals and the pairs accepted proposals become: storing a matching run's proposals, the mentor's answer,
// expiry and withdrawal. Every write that must hold together (capacity, one mentor per request) is re-checked
// inside one IMMEDIATE transaction, so two clicks or two matching runs at once, in this process or another,
// can never exceed a capacity or pair a request twice. Status changes go through lifecycle-writes.ts.
import { and, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { pairKey } from '../domain/match-rules';
import { RUNNING_PAIR_STATUSES, type ProposalStatus } from '../domain/pair-lifecycle';
import type { Db, Tx } from './database';
import { inChunks } from './in-chunks';
import {
  decideProposal,
  expireDueProposals,
  insertActivePair,
  insertPendingProposals,
  type NewProposal,
  type ProposalDecision,
} from './lifecycle-writes';
import { loadPastPairs, placesInUse, topicNameMap } from './matching-pool-repository';
import { members, offers, pairs, proposals, requests, requestTopics, topics } from './schema';

const reasonsSchema = z.object({
  sharedTopicIds: z.array(z.number()),
  sharedTopics: z.array(z.string()),
  mentorLevel: z.number(),
  menteeLevel: z.number(),
  levelGap: z.number(),
  mentorDepartment: z.string().nullable(),
  menteeDepartment: z.string().nullable(),
  crossDepartment: z.boolean(),
  waitingDays: z.number(),
});

/** Why a pair was proposed, as stored on the proposal (the matcher's reasons plus the topic names). */
export type ProposalReasons = z.infer<typeof reasonsSchema>;

export interface ProposalDraft {
  requestId: number;
  offerId: number;
  mentorId: string;
  menteeId: string;
  score: number;
  reasons: Omit<ProposalReasons, 'sharedTopics'>;
}

export interface PersonOnProposal {
  userId: string;
  name: string;
  level: number;
  department: string | null;
}

/** A proposal with everything the messages about it show. */
export interface ProposalDetails {
  id: number;
  teamId: string;
  status: ProposalStatus;
  requestId: number | null;
  score: number;
  expiresAt: Date;
  message: { channel: string; ts: string } | null;
  mentor: PersonOnProposal;
  mentee: PersonOnProposal;
  menteeTopics: string[];
  goals: string | null;
  reasons: ProposalReasons;
  /** The mentee had been told they were on the waitlist before this proposal. */
  menteeWasWaitlisted: boolean;
}

export type Unavailable = 'mentor_full' | 'request_gone' | 'offer_gone';

export type AcceptOutcome =
  | { kind: 'not_found' }
  | { kind: 'not_yours' }
  | { kind: 'already_decided'; status: ProposalStatus }
  | { kind: 'expired' }
  | { kind: 'unavailable'; reason: Unavailable }
  | { kind: 'accepted'; pairId: number };

export type DeclineOutcome =
  | { kind: 'not_found' }
  | { kind: 'not_yours' }
  | { kind: 'already_decided'; status: ProposalStatus }
  | { kind: 'expired' }
  | { kind: 'declined' };

export interface ProposalsRepository {
  teamsWithDueProposals(now: Date): Promise<string[]>;
  /** Stores the drafts that still fit (request open and unproposed, mentor with a free place); returns their ids. */
  insertProposals(
    teamId: string,
    drafts: readonly ProposalDraft[],
    now: Date,
    expiresAt: Date,
  ): Promise<number[]>;
  findProposals(teamId: string, proposalIds: readonly number[]): Promise<ProposalDetails[]>;
  setProposalMessage(teamId: string, proposalId: number, ref: { channel: string; ts: string }): Promise<void>;
  /** Withdraws a pending proposal nobody could be told about, so its places are free again. */
  cancelProposal(teamId: string, proposalId: number, now: Date): Promise<boolean>;
  acceptProposal(teamId: string, proposalId: number, userId: string, now: Date): Promise<AcceptOutcome>;
  declineProposal(teamId: string, proposalId: number, userId: string, now: Date): Promise<DeclineOutcome>;
  /** Marks every pending proposal past its expiry as expired; returns their ids. */
  expireDueProposals(teamId: string, now: Date): Promise<number[]>;
  /** The pair's group DM; set once, never replaced. */
  setPairChannel(teamId: string, pairId: number, channelId: string): Promise<void>;
}

export function createProposalsRepository(db: Db): ProposalsRepository {
  const immediately = <T>(work: (tx: Tx) => T): T => db.transaction(work, { behavior: 'immediate' });

  return {
    async teamsWithDueProposals(now) {
      return db
        .selectDistinct({ teamId: proposals.teamId })
        .from(proposals)
        .where(and(eq(proposals.status, 'pending'), lte(proposals.expiresAt, now)))
        .all()
        .map((row) => row.teamId);
    },

    async insertProposals(teamId, drafts, now, expiresAt) {
      if (drafts.length === 0) return [];
      return immediately((tx) => {
        const names = topicNameMap(
          tx,
          teamId,
          drafts.flatMap((draft) => draft.reasons.sharedTopicIds),
        );
        const state = loadWriteState(tx, teamId);
        const rows = drafts
          .filter((draft) => takePlace(state, draft))
          .map((draft): NewProposal => ({
            teamId,
            requestId: draft.requestId,
            offerId: draft.offerId,
            mentorId: draft.mentorId,
            menteeId: draft.menteeId,
            score: draft.score,
            reasons: {
              ...draft.reasons,
              sharedTopics: draft.reasons.sharedTopicIds.map((id) => names.get(id) ?? `#${id}`),
            } satisfies ProposalReasons,
            createdAt: now,
            expiresAt,
          }));
        // Multi-row inserts: one statement per slice instead of one per proposal.
        return inChunks(rows, (chunk) => insertPendingProposals(tx, chunk)).sort((a, b) => a - b);
      });
    },

    async findProposals(teamId, proposalIds) {
      return findProposals(db, teamId, proposalIds);
    },

    async setProposalMessage(teamId, proposalId, ref) {
      db.update(proposals)
        .set({ messageChannelId: ref.channel, messageTs: ref.ts })
        .where(and(eq(proposals.teamId, teamId), eq(proposals.id, proposalId)))
        .run();
    },

    async cancelProposal(teamId, proposalId, now) {
      return decideProposal(db, teamId, proposalId, 'cancelled', now);
    },

    async acceptProposal(teamId, proposalId, userId, now) {
      return immediately((tx): AcceptOutcome => {
        const proposal = findProposalRow(tx, teamId, proposalId);
        if (proposal === undefined) return { kind: 'not_found' };
        if (proposal.mentorId !== userId) return { kind: 'not_yours' };
        if (proposal.status !== 'pending') return { kind: 'already_decided', status: proposal.status };
        const decide = (decision: ProposalDecision) => decideProposal(tx, teamId, proposalId, decision, now);
        if (proposal.expiresAt.getTime() <= now.getTime()) {
          decide('expired');
          return { kind: 'expired' };
        }
        const unavailable = whyUnavailable(tx, teamId, proposal);
        if (unavailable !== null) {
          decide('cancelled');
          return { kind: 'unavailable', reason: unavailable };
        }
        const reasons = parseReasons(proposal.reasons);
        decide('accepted');
        tx.update(requests)
          .set({ status: 'matched', matchedAt: now, updatedAt: now })
          .where(and(eq(requests.teamId, teamId), eq(requests.id, proposal.requestId!)))
          .run();
        const pairId = insertActivePair(tx, {
          teamId,
          proposalId,
          offerId: proposal.offerId,
          mentorId: proposal.mentorId,
          menteeId: proposal.menteeId,
          levelGap: reasons.levelGap,
          crossDepartment: reasons.crossDepartment,
          sharedTopics: reasons.sharedTopics,
          startedAt: now,
        });
        return { kind: 'accepted', pairId };
      });
    },

    async declineProposal(teamId, proposalId, userId, now) {
      return immediately((tx): DeclineOutcome => {
        const proposal = findProposalRow(tx, teamId, proposalId);
        if (proposal === undefined) return { kind: 'not_found' };
        if (proposal.mentorId !== userId) return { kind: 'not_yours' };
        if (proposal.status !== 'pending') return { kind: 'already_decided', status: proposal.status };
        const decision = proposal.expiresAt.getTime() <= now.getTime() ? 'expired' : 'declined';
        decideProposal(tx, teamId, proposalId, decision, now);
        return { kind: decision };
      });
    },

    async expireDueProposals(teamId, now) {
      return immediately((tx) => expireDueProposals(tx, teamId, now));
    },

    async setPairChannel(teamId, pairId, channelId) {
      db.update(pairs)
        .set({ channelId })
        .where(and(eq(pairs.teamId, teamId), eq(pairs.id, pairId), isNull(pairs.channelId)))
        .run();
    },
  };
}

function countPairsInUse(tx: Tx, teamId: string, mentorId: string): number {
  const paired = tx
    .select({ count: sql<number>`count(*)` })
    .from(pairs)
    .where(
      and(
        eq(pairs.teamId, teamId),
        eq(pairs.mentorId, mentorId),
        inArray(pairs.status, [...RUNNING_PAIR_STATUSES]),
      ),
    )
    .get();
  return paired?.count ?? 0;
}

// The workspace as it is inside the write transaction: another run, a click or a submission may have changed
// it since the pool was read. Loaded once per batch (not per draft) so a run of any size stays linear.
interface WriteState {
  openRequests: Map<number, string>;
  waitingRequests: Set<number>;
  openOffers: Map<number, { userId: string; capacity: number }>;
  placesInUse: Map<string, number>;
  pastPairs: Set<string>;
}

function loadWriteState(tx: Tx, teamId: string): WriteState {
  const openRequests = tx
    .select({ id: requests.id, userId: requests.userId })
    .from(requests)
    .where(and(eq(requests.teamId, teamId), eq(requests.status, 'open')))
    .all();
  const waiting = tx
    .select({ requestId: proposals.requestId })
    .from(proposals)
    .where(and(eq(proposals.teamId, teamId), eq(proposals.status, 'pending')))
    .all();
  const openOffers = tx
    .select({ id: offers.id, userId: offers.userId, capacity: offers.capacity })
    .from(offers)
    .where(and(eq(offers.teamId, teamId), eq(offers.status, 'open')))
    .all();
  return {
    openRequests: new Map(openRequests.map((row) => [row.id, row.userId])),
    waitingRequests: new Set(waiting.map((row) => row.requestId).filter((id) => id !== null)),
    openOffers: new Map(openOffers.map((row) => [row.id, { userId: row.userId, capacity: row.capacity }])),
    placesInUse: placesInUse(tx, teamId),
    pastPairs: new Set(loadPastPairs(tx, teamId).map(([a, b]) => pairKey(a, b))),
  };
}

/** True when the draft still fits; then counts it in, so later drafts of the same batch see it. */
function takePlace(state: WriteState, draft: ProposalDraft): boolean {
  if (state.openRequests.get(draft.requestId) !== draft.menteeId) return false;
  if (state.waitingRequests.has(draft.requestId)) return false;
  const offer = state.openOffers.get(draft.offerId);
  if (offer?.userId !== draft.mentorId) return false;
  const used = state.placesInUse.get(draft.mentorId) ?? 0;
  if (used >= offer.capacity) return false;
  const key = pairKey(draft.mentorId, draft.menteeId);
  if (state.pastPairs.has(key)) return false;
  state.waitingRequests.add(draft.requestId);
  state.placesInUse.set(draft.mentorId, used + 1);
  state.pastPairs.add(key);
  return true;
}

function findProposalRow(tx: Tx, teamId: string, proposalId: number) {
  return tx
    .select()
    .from(proposals)
    .where(and(eq(proposals.teamId, teamId), eq(proposals.id, proposalId)))
    .get();
}

// Pending proposals are reservations, not commitments: at accept time only real pairs count against the
// capacity, so of two proposals racing for the mentor's last place exactly one wins.
function whyUnavailable(tx: Tx, teamId: string, proposal: typeof proposals.$inferSelect): Unavailable | null {
  if (proposal.requestId === null || proposal.menteeId === null) return 'request_gone';
  const request = tx
    .select({ status: requests.status })
    .from(requests)
    .where(and(eq(requests.teamId, teamId), eq(requests.id, proposal.requestId)))
    .get();
  if (request?.status !== 'open') return 'request_gone';
  const alreadyPaired = tx
    .select({ id: pairs.id })
    .from(pairs)
    .innerJoin(proposals, eq(proposals.id, pairs.proposalId))
    .where(and(eq(pairs.teamId, teamId), eq(proposals.requestId, proposal.requestId)))
    .get();
  if (alreadyPaired !== undefined) return 'request_gone';
  if (proposal.offerId === null) return 'offer_gone';
  const offer = tx
    .select({ status: offers.status, capacity: offers.capacity })
    .from(offers)
    .where(and(eq(offers.teamId, teamId), eq(offers.id, proposal.offerId)))
    .get();
  if (offer?.status !== 'open') return 'offer_gone';
  if (countPairsInUse(tx, teamId, proposal.mentorId!) >= offer.capacity) return 'mentor_full';
  return null;
}

function parseReasons(value: unknown): ProposalReasons {
  return reasonsSchema.parse(typeof value === 'string' ? JSON.parse(value) : value);
}

function findProposals(db: Db, teamId: string, proposalIds: readonly number[]): ProposalDetails[] {
  if (proposalIds.length === 0) return [];
  return db.transaction((tx) => {
    const rows = inChunks(proposalIds, (chunk) =>
      tx
        .select()
        .from(proposals)
        .where(and(eq(proposals.teamId, teamId), inArray(proposals.id, chunk)))
        .all(),
    );
    const userIds = [
      ...new Set(rows.flatMap((row) => [row.mentorId, row.menteeId]).filter((id) => id !== null)),
    ];
    const names = new Map(
      inChunks(userIds, (chunk) =>
        tx
          .select({ userId: members.userId, name: members.name })
          .from(members)
          .where(and(eq(members.teamId, teamId), inArray(members.userId, chunk)))
          .all()
          .map((row): [string, string] => [row.userId, row.name]),
      ),
    );
    const requestIds = rows.map((row) => row.requestId).filter((id) => id !== null);
    const requestById = new Map(
      inChunks(requestIds, (chunk) =>
        tx
          .select({ id: requests.id, goals: requests.goals, waitlistNotifiedAt: requests.waitlistNotifiedAt })
          .from(requests)
          .where(and(eq(requests.teamId, teamId), inArray(requests.id, chunk)))
          .all(),
      ).map((row) => [row.id, row]),
    );
    const topicsByRequest = new Map<number, string[]>();
    const topicRows = inChunks(requestIds, (chunk) =>
      tx
        .select({ requestId: requestTopics.requestId, name: topics.name })
        .from(requestTopics)
        .innerJoin(topics, eq(topics.id, requestTopics.topicId))
        .where(inArray(requestTopics.requestId, chunk))
        .all(),
    );
    for (const row of topicRows.sort((a, b) => a.name.localeCompare(b.name))) {
      const list = topicsByRequest.get(row.requestId);
      if (list === undefined) topicsByRequest.set(row.requestId, [row.name]);
      else list.push(row.name);
    }
    const details: ProposalDetails[] = [];
    for (const row of rows.sort((a, b) => a.id - b.id)) {
      // A proposal whose people have left has nothing left to show.
      if (row.mentorId === null || row.menteeId === null) continue;
      const reasons = parseReasons(row.reasons);
      const request = row.requestId === null ? undefined : requestById.get(row.requestId);
      details.push({
        id: row.id,
        teamId,
        status: row.status,
        requestId: row.requestId,
        score: row.score,
        expiresAt: row.expiresAt,
        message:
          row.messageChannelId !== null && row.messageTs !== null
            ? { channel: row.messageChannelId, ts: row.messageTs }
            : null,
        mentor: {
          userId: row.mentorId,
          name: names.get(row.mentorId) ?? row.mentorId,
          level: reasons.mentorLevel,
          department: reasons.mentorDepartment,
        },
        mentee: {
          userId: row.menteeId,
          name: names.get(row.menteeId) ?? row.menteeId,
          level: reasons.menteeLevel,
          department: reasons.menteeDepartment,
        },
        menteeTopics: row.requestId === null ? [] : (topicsByRequest.get(row.requestId) ?? []),
        goals: request?.goals ?? null,
        reasons,
        menteeWasWaitlisted: request?.waitlistNotifiedAt != null,
      });
    }
    return details;
  });
}
