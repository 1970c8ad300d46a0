// What a person's own participation looks like now: for /mentor status, the Home tab's buttons and the modals
// they open. Reads only; every button answers with what is true at the moment it is pressed.
import { isPaused } from '../domain/pause';
import type { Clock } from '../ports/clock';
import type { MembersRepository } from '../storage/members-repository';
import type { MemberPair, ParticipationSnapshot } from '../domain/participation';
import type { ParticipationStatusRepository } from '../storage/participation-snapshot';

export interface ReadParticipationDeps {
  participationStatus: Pick<ParticipationStatusRepository, 'snapshot' | 'pairFor'>;
  members: Pick<MembersRepository, 'find'>;
  clock: Clock;
}

export async function participationSnapshot(
  deps: ReadParticipationDeps,
  teamId: string,
  userId: string,
): Promise<{ snapshot: ParticipationSnapshot; now: Date }> {
  const now = deps.clock.now();
  return { snapshot: await deps.participationStatus.snapshot(teamId, userId, now), now };
}

/** The pairings the person could end now. */
export async function runningPairs(
  deps: ReadParticipationDeps,
  teamId: string,
  userId: string,
): Promise<MemberPair[]> {
  return (await participationSnapshot(deps, teamId, userId)).snapshot.pairs;
}

/** The pair as this person sees it, or null when it is not theirs (or no pair id could be read). */
export async function ownPair(
  deps: ReadParticipationDeps,
  teamId: string,
  userId: string,
  pairId: number | null,
): Promise<MemberPair | null> {
  if (pairId === null) return null;
  return deps.participationStatus.pairFor(teamId, pairId, userId, deps.clock.now());
}

export type PauseEligibility =
  { kind: 'not-member' } | { kind: 'already-paused'; pausedUntil: Date | null } | { kind: 'can-pause' };

/** Whether the Home tab's "Take a break" should open the pause modal, or say why not. */
export async function pauseEligibility(
  deps: ReadParticipationDeps,
  teamId: string,
  userId: string,
): Promise<PauseEligibility> {
  const member = await deps.members.find(teamId, userId);
  if (member === null) return { kind: 'not-member' };
  if (isPaused(member, deps.clock.now())) return { kind: 'already-paused', pausedUntil: member.pausedUntil };
  return { kind: 'can-pause' };
}
