// Proposals and the pairs accepted proposals become: storing a matching run's proposals, the mentor's answer,
// expiry and withdrawal. Every write that must hold together (capacity, one mentor per request) is re-checked
// inside one IMMEDIATE transaction, so two clicks or two matching runs at once, in this process or another,
// can never exceed a capacity or pair a request twice. Status changes go through lifecycle-writes.ts.
import { levelNameOf } from '../domain/organisation';
import { loadOrganisationIn } from './organisation-repository';
import { and, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import {
  array,
  boolean,
  nullable,
  number,
  object,
  string,
  validate,
  type Infer,
  // @ts-expect-error -- superstruct's types are marked ESM (superstruct#1287); Node requires its CommonJS build.
} from 'superstruct';
import { pairKey } from '../domain/match-rules';
import { RUNNING_PAIR_STATUSES, type ProposalStatus } from '../domain/pair-lifecycle';
import { DEFAULT_TERM_WEEKS, firstTermEnd } from '../domain/pairing-journey';
import type { Db } from './database';
import { applyCohortTermIn } from './cohort-writes';
import { inChunks } from './in-chunks';
import { serialiseMatchingWrites } from './job-claims';
import {
  decideProposal,
  expireDueProposals,
  insertActivePair,
  insertPendingProposals,
  type NewProposal,
  type ProposalDecision,
} from './lifecycle-writes';
import { loadPastPairs, placesInUse, topicNameMap } from './matching-pool-repository';
import type { proposals } from './schema';
import { tablesOf } from './tables';
import { storeFor } from './store';

const reasonsShape = object({
  sharedTopicIds: array(number()),
  sharedTopics: array(string()),
  mentorLevel: number(),
  menteeLevel: number(),
  levelGap: number(),
  mentorDepartment: nullable(string()),
  menteeDepartment: nullable(string()),
  crossDepartment: boolean(),
  waitingDays: number(),
});

/** Why a pair was proposed, as stored on the proposal (the matcher's reasons plus the topic names). */
export type ProposalReasons = Infer<typeof reasonsShape>;

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
  /** The level's id in the workspace's ladder, and its name now. */
  level: number;
  levelName: string;
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
  /** Stores the pair with its term ending `termWeeks` after `now` (the built-in default when not given). */
  acceptProposal(
    teamId: string,
    proposalId: number,
    userId: string,
    now: Date,
    termWeeks?: number,
  ): Promise<AcceptOutcome>;
  declineProposal(teamId: string, proposalId: number, userId: string, now: Date): Promise<DeclineOutcome>;
  /** Marks every pending proposal past its expiry as expired; returns their ids. */
  expireDueProposals(teamId: string, now: Date): Promise<number[]>;
  /** The pair's group DM; set once, never replaced. */
  setPairChannel(teamId: string, pairId: number, channelId: string): Promise<void>;
}

export function createProposalsRepository(db: Db): ProposalsRepository {
  const { pairs, proposals, requests } = tablesOf(db);
  const store = storeFor(db);
  const immediately = <T>(work: (tx: Db) => Promise<T>): Promise<T> => store.transaction(work, 'write');

  return {
    async teamsWithDueProposals(now) {
      const rows = await store.run((q) =>
        q
          .selectDistinct({ teamId: proposals.teamId })
          .from(proposals)
          .where(and(eq(proposals.status, 'pending'), lte(proposals.expiresAt, now))),
      );
      return rows.map((row) => row.teamId);
    },

    async insertProposals(teamId, drafts, now, expiresAt) {
      if (drafts.length === 0) return [];
      return immediately((tx) => insertProposalsIn(tx, teamId, drafts, now, expiresAt));
    },

    async findProposals(teamId, proposalIds) {
      if (proposalIds.length === 0) return [];
      // One read transaction: the rows of the several queries below describe one instant.
      return store.transaction((tx) => findProposals(tx, teamId, proposalIds), 'read');
    },

    async setProposalMessage(teamId, proposalId, ref) {
      await store.run((q) =>
        q
          .update(proposals)
          .set({ messageChannelId: ref.channel, messageTs: ref.ts })
          .where(and(eq(proposals.teamId, teamId), eq(proposals.id, proposalId))),
      );
    },

    async cancelProposal(teamId, proposalId, now) {
      return store.run((q) => decideProposal(q, teamId, proposalId, 'cancelled', now));
    },

    async acceptProposal(teamId, proposalId, userId, now, termWeeks = DEFAULT_TERM_WEEKS) {
      return immediately(async (tx): Promise<AcceptOutcome> => {
        const proposal = await findProposalRow(tx, teamId, proposalId);
        if (proposal === undefined) return { kind: 'not_found' };
        if (proposal.mentorId !== userId) return { kind: 'not_yours' };
        if (proposal.status !== 'pending') return { kind: 'already_decided', status: proposal.status };
        const decide = (decision: ProposalDecision) => decideProposal(tx, teamId, proposalId, decision, now);
        if (proposal.expiresAt.getTime() <= now.getTime()) {
          await decide('expired');
          return { kind: 'expired' };
        }
        const unavailable = await whyUnavailable(tx, teamId, proposal);
        if (unavailable !== null) {
          await decide('cancelled');
          return { kind: 'unavailable', reason: unavailable };
        }
        const reasons = parseReasons(proposal.reasons);
        await decide('accepted');
        await tx
          .update(requests)
          .set({ status: 'matched', matchedAt: now, updatedAt: now })
          .where(and(eq(requests.teamId, teamId), eq(requests.id, proposal.requestId!)));
        const pairId = await insertActivePair(tx, {
          teamId,
          proposalId,
          offerId: proposal.offerId,
          mentorId: proposal.mentorId,
          menteeId: proposal.menteeId,
          levelGap: reasons.levelGap,
          crossDepartment: reasons.crossDepartment,
          sharedTopics: reasons.sharedTopics,
          startedAt: now,
          termEndsAt: firstTermEnd(now, termWeeks),
        });
        // Cohorts: a pair of a cohort's sign-ups belongs to it, and its term runs from the cohort's start.
        await applyCohortTermIn(
          tx,
          teamId,
          { pairId, requestId: proposal.requestId, offerId: proposal.offerId },
          now,
        );
        return { kind: 'accepted', pairId };
      });
    },

    async declineProposal(teamId, proposalId, userId, now) {
      return immediately(async (tx): Promise<DeclineOutcome> => {
        const proposal = await findProposalRow(tx, teamId, proposalId);
        if (proposal === undefined) return { kind: 'not_found' };
        if (proposal.mentorId !== userId) return { kind: 'not_yours' };
        if (proposal.status !== 'pending') return { kind: 'already_decided', status: proposal.status };
        const decision = proposal.expiresAt.getTime() <= now.getTime() ? 'expired' : 'declined';
        await decideProposal(tx, teamId, proposalId, decision, now);
        return { kind: decision };
      });
    },

    async expireDueProposals(teamId, now) {
      return immediately((tx) => expireDueProposals(tx, teamId, now));
    },

    async setPairChannel(teamId, pairId, channelId) {
      await store.run((q) =>
        q
          .update(pairs)
          .set({ channelId })
          .where(and(eq(pairs.teamId, teamId), eq(pairs.id, pairId), isNull(pairs.channelId))),
      );
    },
  };
}

/** Stores the drafts that still fit, inside the caller's write transaction; returns their ids. */
export async function insertProposalsIn(
  tx: Db,
  teamId: string,
  drafts: readonly ProposalDraft[],
  now: Date,
  expiresAt: Date,
): Promise<number[]> {
  await serialiseMatchingWrites(tx, teamId);
  const names = await topicNameMap(
    tx,
    teamId,
    drafts.flatMap((draft) => draft.reasons.sharedTopicIds),
  );
  const state = await loadWriteState(tx, teamId);
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
  const ids = await inChunks(rows, (chunk) => insertPendingProposals(tx, chunk));
  return ids.sort((a, b) => a - b);
}

async function countPairsInUse(tx: Db, teamId: string, mentorId: string): Promise<number> {
  const { pairs } = tablesOf(tx);
  const [paired] = await tx
    .select({ count: sql<number>`count(*)`.mapWith(Number) })
    .from(pairs)
    .where(
      and(
        eq(pairs.teamId, teamId),
        eq(pairs.mentorId, mentorId),
        inArray(pairs.status, [...RUNNING_PAIR_STATUSES]),
      ),
    )
    .limit(1);
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

async function loadWriteState(tx: Db, teamId: string): Promise<WriteState> {
  const { offers, proposals, requests } = tablesOf(tx);
  const openRequests = await tx
    .select({ id: requests.id, userId: requests.userId })
    .from(requests)
    .where(and(eq(requests.teamId, teamId), eq(requests.status, 'open')));
  const waiting = await tx
    .select({ requestId: proposals.requestId })
    .from(proposals)
    .where(and(eq(proposals.teamId, teamId), eq(proposals.status, 'pending')));
  const openOffers = await tx
    .select({ id: offers.id, userId: offers.userId, capacity: offers.capacity })
    .from(offers)
    .where(and(eq(offers.teamId, teamId), eq(offers.status, 'open')));
  return {
    openRequests: new Map(openRequests.map((row) => [row.id, row.userId])),
    waitingRequests: new Set(waiting.map((row) => row.requestId).filter((id) => id !== null)),
    openOffers: new Map(openOffers.map((row) => [row.id, { userId: row.userId, capacity: row.capacity }])),
    placesInUse: await placesInUse(tx, teamId),
    pastPairs: new Set((await loadPastPairs(tx, teamId)).map(([a, b]) => pairKey(a, b))),
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

async function findProposalRow(tx: Db, teamId: string, proposalId: number) {
  const { proposals } = tablesOf(tx);
  const [row] = await tx
    .select()
    .from(proposals)
    .where(and(eq(proposals.teamId, teamId), eq(proposals.id, proposalId)))
    .limit(1);
  return row;
}

// Pending proposals are reservations, not commitments: at accept time only real pairs count against the
// capacity, so of two proposals racing for the mentor's last place exactly one wins.
async function whyUnavailable(
  tx: Db,
  teamId: string,
  proposal: typeof proposals.$inferSelect,
): Promise<Unavailable | null> {
  const { offers, pairs, proposals, requests } = tablesOf(tx);
  if (proposal.requestId === null || proposal.menteeId === null) return 'request_gone';
  const [request] = await tx
    .select({ status: requests.status })
    .from(requests)
    .where(and(eq(requests.teamId, teamId), eq(requests.id, proposal.requestId)))
    .limit(1);
  if (request?.status !== 'open') return 'request_gone';
  const [alreadyPaired] = await tx
    .select({ id: pairs.id })
    .from(pairs)
    .innerJoin(proposals, eq(proposals.id, pairs.proposalId))
    .where(and(eq(pairs.teamId, teamId), eq(proposals.requestId, proposal.requestId)))
    .limit(1);
  if (alreadyPaired !== undefined) return 'request_gone';
  if (proposal.offerId === null) return 'offer_gone';
  const [offer] = await tx
    .select({ status: offers.status, capacity: offers.capacity })
    .from(offers)
    .where(and(eq(offers.teamId, teamId), eq(offers.id, proposal.offerId)))
    .limit(1);
  if (offer?.status !== 'open') return 'offer_gone';
  if ((await countPairsInUse(tx, teamId, proposal.mentorId!)) >= offer.capacity) return 'mentor_full';
  return null;
}

/** The stored reasons, without any other field stored alongside them. */
function parseReasons(value: unknown): ProposalReasons {
  const stored: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  const [failure, reasons] = validate(stored, reasonsShape, { coerce: true, mask: true });
  // Named by path and type only: superstruct's own message repeats the value, which may be a typed topic.
  if (failure !== undefined) {
    throw new Error(`stored proposal reasons are invalid: ${failure.path.join('.')} is not ${failure.type}`);
  }
  return reasons;
}

async function findProposals(
  tx: Db,
  teamId: string,
  proposalIds: readonly number[],
): Promise<ProposalDetails[]> {
  const { members, proposals, requests, requestTopics, topics } = tablesOf(tx);
  const rows = await inChunks(proposalIds, (chunk) =>
    tx
      .select()
      .from(proposals)
      .where(and(eq(proposals.teamId, teamId), inArray(proposals.id, chunk))),
  );
  const userIds = [
    ...new Set(rows.flatMap((row) => [row.mentorId, row.menteeId]).filter((id) => id !== null)),
  ];
  const names = new Map(
    (
      await inChunks(userIds, (chunk) =>
        tx
          .select({ userId: members.userId, name: members.name })
          .from(members)
          .where(and(eq(members.teamId, teamId), inArray(members.userId, chunk))),
      )
    ).map((row): [string, string] => [row.userId, row.name]),
  );
  const requestIds = rows.map((row) => row.requestId).filter((id) => id !== null);
  const requestById = new Map(
    (
      await inChunks(requestIds, (chunk) =>
        tx
          .select({ id: requests.id, goals: requests.goals, waitlistNotifiedAt: requests.waitlistNotifiedAt })
          .from(requests)
          .where(and(eq(requests.teamId, teamId), inArray(requests.id, chunk))),
      )
    ).map((row) => [row.id, row]),
  );
  const topicsByRequest = new Map<number, string[]>();
  const topicRows = await inChunks(requestIds, (chunk) =>
    tx
      .select({ requestId: requestTopics.requestId, name: topics.name })
      .from(requestTopics)
      .innerJoin(topics, eq(topics.id, requestTopics.topicId))
      .where(inArray(requestTopics.requestId, chunk)),
  );
  for (const row of topicRows.sort((a, b) => a.name.localeCompare(b.name))) {
    const list = topicsByRequest.get(row.requestId);
    if (list === undefined) topicsByRequest.set(row.requestId, [row.name]);
    else list.push(row.name);
  }
  const org = rows.length === 0 ? null : await loadOrganisationIn(tx, teamId);
  const levelName = (levelId: number) => (org === null ? '' : levelNameOf(org, levelId));
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
        levelName: levelName(reasons.mentorLevel),
        department: reasons.mentorDepartment,
      },
      mentee: {
        userId: row.menteeId,
        name: names.get(row.menteeId) ?? row.menteeId,
        level: reasons.menteeLevel,
        levelName: levelName(reasons.menteeLevel),
        department: reasons.menteeDepartment,
      },
      menteeTopics: row.requestId === null ? [] : (topicsByRequest.get(row.requestId) ?? []),
      goals: request?.goals ?? null,
      reasons,
      menteeWasWaitlisted: request?.waitlistNotifiedAt != null,
    });
  }
  return details;
}
