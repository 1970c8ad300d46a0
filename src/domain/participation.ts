// A person's own participation as /mentor status and the Home tab show it: their offer, request, proposals
// waiting for an answer and running pairs. Plain data, read by storage and rendered by the views.
import type { PairStatus } from './pair-lifecycle';

export type PairRole = 'mentor' | 'mentee';

export interface StatusOffer {
  id: number;
  capacity: number;
  /** Sorted by name. */
  topics: string[];
  /** Active and paused pairs the person mentors: each takes a place. */
  pairsTaken: number;
  /** Proposals waiting for the person's answer also hold a place until answered. */
  proposalsPending: number;
  createdAt: Date;
}

export interface StatusRequest {
  id: number;
  topics: string[];
  createdAt: Date;
}

export interface StatusProposal {
  id: number;
  role: PairRole;
  otherUserId: string | null;
  otherName: string | null;
  createdAt: Date;
  expiresAt: Date;
}

export interface MemberPair {
  id: number;
  role: PairRole;
  partnerId: string | null;
  partnerName: string | null;
  status: PairStatus;
  /** True while the partner is on a break of their own. */
  partnerPaused: boolean;
  startedAt: Date;
  endedAt: Date | null;
  sharedTopics: string[];
  promptsSent: number;
  promptsAnswered: number;
  /** Whether this person has already given feedback on the pair. */
  feedbackGiven: boolean;
  /**
   * The end of the pairing's term as stored; null for pairs from before terms, which the use cases resolve to
   * the workspace's term from the start before showing it (read-participation.ts withTermEnds).
   */
  termEndsAt: Date | null;
  /** The topics of the mentee's goals, in order (the ratings are private and not read here). */
  goals: string[];
}

export interface ParticipationSnapshot {
  member: { name: string; pausedAt: Date | null; pausedUntil: Date | null } | null;
  offer: StatusOffer | null;
  request: StatusRequest | null;
  proposals: StatusProposal[];
  /** Active and paused pairs, oldest first. */
  pairs: MemberPair[];
}
