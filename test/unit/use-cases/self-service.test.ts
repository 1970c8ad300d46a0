// The self-service use cases decide who is told what after a change is stored; the storage of the change
// itself is the repository's (tested against SQLite in test/integration/self-service-*).
import { endPairing } from '../../../src/use-cases/end-pairing';
import { pauseParticipation } from '../../../src/use-cases/pause-participation';
import { pauseEligibility } from '../../../src/use-cases/read-participation';
import { resumeParticipation } from '../../../src/use-cases/resume-participation';
import type { MemberPair } from '../../../src/domain/participation';
import type { EndResult, PauseResult, ResumeResult } from '../../../src/storage/participation-repository';
import type { Member } from '../../../src/storage/members-repository';
import { DEFAULT_SETTINGS, fixedClock, recorder, silentLogger } from './fakes';

const TEAM = 'T1';
const ADA = 'U0ADA';
const BEN = 'U0BEN';
const CARA = 'U0CARA';
const NOW = '2026-11-23T09:00:00Z';

function world() {
  const r = recorder();
  const common = {
    messenger: r.messenger,
    clock: fixedClock(NOW),
    logger: silentLogger,
    rematch: r.rematch,
    refreshHome: r.refreshHome,
    settingsFor: async () => DEFAULT_SETTINGS,
  };
  return { ...r, common };
}

describe('pausing', () => {
  const withdrawnFromCara = {
    id: 7,
    role: 'mentor' as const,
    remainingUserId: CARA,
    message: { channel: `D-${ADA}`, ts: 'proposal-7' },
  };
  it.each<[string, PauseResult, unknown[]]>([
    ['someone not taking part', { kind: 'not-member' }, []],
    ['someone already on a break', { kind: 'already-paused', pausedUntil: null }, []],
    [
      'someone with a partner',
      { kind: 'paused', pausedUntil: null, partnerIds: [BEN], withdrawn: [] },
      [{ dm: BEN, text: expect.stringContaining('taking a short break') }, { home: ADA }, { home: BEN }],
    ],
    [
      'a mentor with a proposal waiting',
      { kind: 'paused', pausedUntil: null, partnerIds: [], withdrawn: [withdrawnFromCara] },
      [{ updated: 'proposal-7' }, { home: CARA }, { home: ADA }, { rematch: TEAM }],
    ],
  ])('%s: tells exactly who needs to know', async (_case, stored, expected) => {
    const w = world();
    const answered: PauseResult[] = [];
    const result = await pauseParticipation(
      { ...w.common, participation: { pause: async () => stored } },
      TEAM,
      ADA,
      null,
      async (r) => {
        answered.push(r);
      },
    );
    expect(result).toBe(stored);
    expect(answered).toEqual([stored]);
    expect(w.steps).toEqual(expected);
  });

  it('stores a break of N weeks as ending N weeks from now, and an open one as never ending', async () => {
    const until: (Date | null)[] = [];
    const w = world();
    const participation = {
      async pause(_team: string, _user: string, _now: Date, end: Date | null): Promise<PauseResult> {
        until.push(end);
        return { kind: 'not-member' };
      },
    };
    await pauseParticipation({ ...w.common, participation }, TEAM, ADA, 2);
    await pauseParticipation({ ...w.common, participation }, TEAM, ADA, null);
    expect(until).toEqual([new Date('2026-12-07T09:00:00Z'), null]);
  });
});

describe('resuming', () => {
  it.each<[string, ResumeResult, boolean, unknown[]]>([
    ['someone not on a break', { kind: 'not-paused' }, false, []],
    [
      'someone back by hand',
      { kind: 'resumed', partnerIds: [BEN] },
      false,
      [
        { dm: BEN, text: expect.stringContaining('is back') },
        { home: ADA },
        { home: BEN },
        { rematch: TEAM },
      ],
    ],
    [
      'someone whose weeks are up',
      { kind: 'resumed', partnerIds: [] },
      true,
      [{ dm: ADA, text: expect.stringContaining('Welcome back') }, { home: ADA }, { rematch: TEAM }],
    ],
  ])('%s', async (_case, stored, expiredOnly, expected) => {
    const w = world();
    await resumeParticipation({ ...w.common, participation: { resume: async () => stored } }, TEAM, ADA, {
      expiredOnly,
    });
    expect(w.steps).toEqual(expected);
  });
});

describe('ending a pairing', () => {
  const pair = { id: 3, partnerId: BEN } as MemberPair;
  it.each<[string, EndResult, unknown[]]>([
    ['not their pairing', { kind: 'not-in-pair' }, []],
    ['a pairing that had already ended', { kind: 'already-ended', pair, feedbackStored: true }, []],
    [
      'a running pairing',
      { kind: 'ended', pair },
      [
        { dm: BEN, text: expect.stringContaining('has ended your') },
        { home: ADA },
        { home: BEN },
        { rematch: TEAM },
      ],
    ],
  ])('%s', async (_case, stored, expected) => {
    const w = world();
    const feedback = { rating: 4, wouldRecommend: true, comment: null };
    await endPairing({ ...w.common, participation: { endPair: async () => stored } }, TEAM, ADA, 3, feedback);
    expect(w.steps).toEqual(expected);
  });

  it('still refreshes the Home tabs when the partner cannot be told', async () => {
    const w = world();
    const messenger = {
      ...w.messenger,
      sendDirectMessage: async () => {
        throw new Error('channel_not_found');
      },
    };
    await endPairing(
      { ...w.common, messenger, participation: { endPair: async () => ({ kind: 'ended', pair }) } },
      TEAM,
      ADA,
      3,
      { rating: 4, wouldRecommend: true, comment: null },
    );
    expect(w.steps).toEqual([{ home: ADA }, { home: BEN }, { rematch: TEAM }]);
  });
});

describe('the Home tab\'s "Take a break" button', () => {
  const member = (paused: { pausedAt: string | null; pausedUntil: string | null }): Member => ({
    teamId: TEAM,
    userId: ADA,
    name: 'Ada',
    timeZone: null,
    level: 1,
    department: 'Engineering',
    isWorkspaceAdmin: false,
    profileFetchedAt: null,
    pausedAt: paused.pausedAt === null ? null : new Date(paused.pausedAt),
    pausedUntil: paused.pausedUntil === null ? null : new Date(paused.pausedUntil),
  });
  it.each<[string, Member | null, string]>([
    ['not taking part', null, 'not-member'],
    ['taking part', member({ pausedAt: null, pausedUntil: null }), 'can-pause'],
    ['on an open break', member({ pausedAt: '2026-11-01T00:00:00Z', pausedUntil: null }), 'already-paused'],
    [
      'on a break that ended',
      member({ pausedAt: '2026-11-01T00:00:00Z', pausedUntil: '2026-11-22T00:00:00Z' }),
      'can-pause',
    ],
  ])('someone %s → %s', async (_case, found, expected) => {
    const deps = {
      members: { find: async () => found },
      participationStatus: {
        snapshot: async () => {
          throw new Error('not read');
        },
        pairFor: async () => null,
      },
      clock: fixedClock(NOW),
    };
    expect((await pauseEligibility(deps, TEAM, ADA)).kind).toBe(expected);
  });
});
