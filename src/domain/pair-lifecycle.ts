// The lifecycles of a proposal and of the pair an accepted proposal becomes: which status changes exist at all.
// Storage writes every status change through src/storage/lifecycle-writes.ts, which only ever moves a row from
// a status allowed here, so a change this table refuses is never written.

export type ProposalStatus = 'pending' | 'accepted' | 'declined' | 'expired' | 'cancelled';
export type PairStatus = 'active' | 'paused' | 'ended';

/** A proposal is stored waiting for the mentor's answer. */
export const NEW_PROPOSAL_STATUS = 'pending' as const satisfies ProposalStatus;

/** A pair is stored running, the moment its mentor accepts the proposal. */
export const NEW_PAIR_STATUS = 'active' as const satisfies PairStatus;

/** Pairs in these statuses are still going: they get prompts or will again, and take a mentor's place. */
export const RUNNING_PAIR_STATUSES: readonly PairStatus[] = ['active', 'paused'];

const PROPOSAL_TRANSITIONS: { readonly [from in ProposalStatus]: readonly ProposalStatus[] } = {
  // accepted: the mentor said yes. declined: the mentor said no. expired: nobody answered in time (the expiry
  // job, or a click that came too late). cancelled: withdrawn before anyone answered (the mentor could not be
  // told, the request or offer went away or the mentor filled up before the yes, or one side paused or left).
  pending: ['accepted', 'declined', 'expired', 'cancelled'],
  accepted: [],
  declined: [],
  expired: [],
  cancelled: [],
};

const PAIR_TRANSITIONS: { readonly [from in PairStatus]: readonly PairStatus[] } = {
  // paused: one of the two takes a break (/mentor pause), or the pair answers "pause" to the quiet-weeks
  // question. ended: one of the two ends it (/mentor end), or leaves and is erased (/mentor leave).
  active: ['paused', 'ended'],
  // active: /mentor resume or the end of a timed break (when the partner is not on a break of their own), or
  // the pair's "resume" after the quiet-weeks question.
  paused: ['active', 'ended'],
  ended: [],
};

export const PROPOSAL_STATUSES = Object.keys(PROPOSAL_TRANSITIONS) as readonly ProposalStatus[];
export const PAIR_STATUSES = Object.keys(PAIR_TRANSITIONS) as readonly PairStatus[];

export function canTransitionProposal(from: ProposalStatus, to: ProposalStatus): boolean {
  return PROPOSAL_TRANSITIONS[from].includes(to);
}

export function canTransitionPair(from: PairStatus, to: PairStatus): boolean {
  return PAIR_TRANSITIONS[from].includes(to);
}

/** The statuses a proposal may be in for it to become `to`: the condition a status write is guarded by. */
export function proposalStatusesLeadingTo(to: ProposalStatus): ProposalStatus[] {
  return PROPOSAL_STATUSES.filter((from) => canTransitionProposal(from, to));
}

/** The statuses a pair may be in for it to become `to`: the condition a status write is guarded by. */
export function pairStatusesLeadingTo(to: PairStatus): PairStatus[] {
  return PAIR_STATUSES.filter((from) => canTransitionPair(from, to));
}
