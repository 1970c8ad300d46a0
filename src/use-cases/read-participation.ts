// What a person's own participation looks like now: for /mentor status, the Home tab's buttons and the modals
// they open. Reads only; every button answers with what is true at the moment it is pressed.
import { firstTermEnd } from '../domain/pairing-journey';
import { isPaused } from '../domain/pause';
import type { Clock } from '../ports/clock';
import type { MembersRepository } from '../storage/members-repository';
import type { MemberPair, ParticipationSnapshot } from '../domain/participation';
import type { ParticipationStatusRepository } from '../storage/participation-snapshot';
import type { SettingsFor } from './programme-settings';

export interface ReadParticipationDeps {
  participationStatus: Pick<ParticipationStatusRepository, 'snapshot' | 'runningPairs' | 'pairFor'>;
  members: Pick<MembersRepository, 'find'>;
  clock: Clock;
  settingsFor: SettingsFor;
}

/**
 * The pairs with their term's end as the journey counts it: a pair from before terms runs the workspace's term
 * from its start (see send-journey-messages.ts), so status and Home show the same week and end as the journey.
 */
export async function withTermEnds<T extends { pairs: MemberPair[] }>(
  deps: { settingsFor: SettingsFor },
  teamId: string,
  snapshot: T,
): Promise<T> {
  if (snapshot.pairs.every((pair) => pair.termEndsAt !== null)) return snapshot;
  return withTermEndsOf(snapshot, (await deps.settingsFor(teamId)).pairTermWeeks);
}

/** The same, with the workspace's term already read. */
export function withTermEndsOf<T extends { pairs: MemberPair[] }>(snapshot: T, pairTermWeeks: number): T {
  return {
    ...snapshot,
    pairs: snapshot.pairs.map((pair) => ({
      ...pair,
      termEndsAt: pair.termEndsAt ?? firstTermEnd(pair.startedAt, pairTermWeeks),
    })),
  };
}

export async function participationSnapshot(
  deps: ReadParticipationDeps,
  teamId: string,
  userId: string,
): Promise<{ snapshot: ParticipationSnapshot; now: Date; programmeName: string }> {
  const now = deps.clock.now();
  // The title needs the settings anyway: one read serves the term too. Read beside the snapshot, not after
  // it: on PostgreSQL each is a round trip the acknowledgement waits for.
  const [snapshot, { programmeName, pairTermWeeks }] = await Promise.all([
    deps.participationStatus.snapshot(teamId, userId, now),
    deps.settingsFor(teamId),
  ]);
  return { snapshot: withTermEndsOf(snapshot, pairTermWeeks), now, programmeName };
}

/** The pairings the person could end now. */
export async function runningPairs(
  deps: ReadParticipationDeps,
  teamId: string,
  userId: string,
): Promise<MemberPair[]> {
  // The settings are read beside the pairs rather than only when a pair lacks its term's end: on PostgreSQL
  // each is a round trip, and /mentor end's acknowledgement waits for both.
  const [pairs, { pairTermWeeks }] = await Promise.all([
    deps.participationStatus.runningPairs(teamId, userId, deps.clock.now()),
    deps.settingsFor(teamId),
  ]);
  return withTermEndsOf({ pairs }, pairTermWeeks).pairs;
}

/** The pair as this person sees it, or null when it is not theirs (or no pair id could be read). */
export async function ownPair(
  deps: ReadParticipationDeps,
  teamId: string,
  userId: string,
  pairId: number | null,
): Promise<MemberPair | null> {
  if (pairId === null) return null;
  const pair = await deps.participationStatus.pairFor(teamId, pairId, userId, deps.clock.now());
  return pair === null ? null : ((await withTermEnds(deps, teamId, { pairs: [pair] })).pairs[0] ?? null);
}

export type PauseEligibility =
  { kind: 'not-member' } | { kind: 'already-paused'; pausedUntil: Date | null } | { kind: 'can-pause' };

/** Whether the Home tab's "Take a break" should open the pause modal, or say why not. */
export async function pauseEligibility(
  deps: Pick<ReadParticipationDeps, 'members' | 'clock'>,
  teamId: string,
  userId: string,
): Promise<PauseEligibility> {
  const member = await deps.members.find(teamId, userId);
  if (member === null) return { kind: 'not-member' };
  if (isPaused(member, deps.clock.now())) return { kind: 'already-paused', pausedUntil: member.pausedUntil };
  return { kind: 'can-pause' };
}
