import {
  canTransitionPair,
  canTransitionProposal,
  NEW_PAIR_STATUS,
  NEW_PROPOSAL_STATUS,
  PAIR_STATUSES,
  pairStatusesLeadingTo,
  PROPOSAL_STATUSES,
  proposalStatusesLeadingTo,
  RUNNING_PAIR_STATUSES,
  type PairStatus,
  type ProposalStatus,
} from '../../src/domain/pair-lifecycle';

// Every (from, to) pair of statuses, each marked allowed or refused: a status added or a move changed later
// shows up here as a failing row.
const PAIR_MOVES: [PairStatus, PairStatus, boolean][] = [
  ['active', 'active', false],
  ['active', 'paused', true],
  ['active', 'ended', true],
  ['paused', 'active', true],
  ['paused', 'paused', false],
  ['paused', 'ended', true],
  ['ended', 'active', false],
  ['ended', 'paused', false],
  ['ended', 'ended', false],
];

const PROPOSAL_MOVES: [ProposalStatus, ProposalStatus, boolean][] = [
  ['pending', 'pending', false],
  ['pending', 'accepted', true],
  ['pending', 'declined', true],
  ['pending', 'expired', true],
  ['pending', 'cancelled', true],
  ...(['accepted', 'declined', 'expired', 'cancelled'] as const).flatMap((from) =>
    PROPOSAL_STATUSES.map((to): [ProposalStatus, ProposalStatus, boolean] => [from, to, false]),
  ),
];

describe('pair lifecycle', () => {
  it('lists every pair of statuses once', () => {
    expect(PAIR_MOVES).toHaveLength(PAIR_STATUSES.length ** 2);
    expect(new Set(PAIR_MOVES.map(([from, to]) => `${from}>${to}`)).size).toBe(PAIR_MOVES.length);
  });

  it.each(PAIR_MOVES)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canTransitionPair(from, to)).toBe(allowed);
  });

  it('starts active; active and paused pairs are the running ones', () => {
    expect(NEW_PAIR_STATUS).toBe('active');
    expect(RUNNING_PAIR_STATUSES).toEqual(['active', 'paused']);
  });

  it.each([
    ['active', ['paused']],
    ['paused', ['active']],
    ['ended', ['active', 'paused']],
  ] as [PairStatus, PairStatus[]][])('a pair becomes %s only from %j', (to, from) => {
    expect(pairStatusesLeadingTo(to)).toEqual(from);
  });
});

describe('proposal lifecycle', () => {
  it('lists every pair of statuses once', () => {
    expect(PROPOSAL_MOVES).toHaveLength(PROPOSAL_STATUSES.length ** 2);
    expect(new Set(PROPOSAL_MOVES.map(([from, to]) => `${from}>${to}`)).size).toBe(PROPOSAL_MOVES.length);
  });

  it.each(PROPOSAL_MOVES)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canTransitionProposal(from, to)).toBe(allowed);
  });

  it('starts pending', () => {
    expect(NEW_PROPOSAL_STATUS).toBe('pending');
  });

  it.each(['accepted', 'declined', 'expired', 'cancelled'] as ProposalStatus[])(
    'a proposal becomes %s only while pending',
    (to) => {
      expect(proposalStatusesLeadingTo(to)).toEqual(['pending']);
    },
  );

  it('nothing leads back to pending', () => {
    expect(proposalStatusesLeadingTo('pending')).toEqual([]);
  });
});
