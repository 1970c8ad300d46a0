// An admin posts the programme's invitation to a channel. Re-posting is allowed: the new one says how many
// people joined since the previous one. A channel Slack will not take the post in is explained, not failed.
import { slackErrorCode } from '../errors';
import type { Logger } from '../logger';
import type { Clock } from '../ports/clock';
import type { Messenger } from '../ports/messenger';
import type { InvitationsRepository } from '../storage/invitations-repository';
import { invitationMessage, type InvitationHistory, type InvitationProblem } from '../views/invitation-views';
import type { SettingsFor } from './programme-settings';

export interface PostInvitationDeps {
  invitations: InvitationsRepository;
  messenger: Pick<Messenger, 'postMessage'>;
  clock: Clock;
  logger: Logger;
  settingsFor: SettingsFor;
}

export type PostInvitationResult =
  | { kind: 'posted'; channelId: string; history: InvitationHistory }
  | { kind: 'refused'; problem: InvitationProblem };

// Slack's answers to chat.postMessage that say the app may not post in that channel (each a documented error).
const PROBLEMS: Record<string, InvitationProblem> = {
  not_in_channel: 'not-in-channel',
  channel_not_found: 'not-found',
  is_archived: 'archived',
  missing_scope: 'no-permission',
  not_allowed_token_type: 'no-permission',
  access_denied: 'no-permission',
  ekm_access_denied: 'no-permission',
  team_access_not_granted: 'no-permission',
  restricted_action: 'restricted',
  restricted_action_read_only_channel: 'restricted',
  restricted_action_thread_only_channel: 'restricted',
  restricted_action_non_threadable_channel: 'restricted',
};

/** The previous invitation and how many joined since it: what the admin modal shows. */
export async function invitationHistory(
  deps: Pick<PostInvitationDeps, 'invitations'>,
  teamId: string,
): Promise<InvitationHistory> {
  const previous = await deps.invitations.latest(teamId);
  if (previous === null) return { previous: null, joinedSince: null };
  return { previous, joinedSince: await deps.invitations.joinedSince(teamId, previous.postedAt) };
}

export async function postInvitation(
  deps: PostInvitationDeps,
  request: { teamId: string; actorId: string; channelId: string },
): Promise<PostInvitationResult> {
  const { teamId, actorId, channelId } = request;
  const history = await invitationHistory(deps, teamId);
  const { programmeName } = await deps.settingsFor(teamId);
  let messageTs: string;
  try {
    const posted = await deps.messenger.postMessage(
      channelId,
      invitationMessage({ programmeName, joinedSince: history.joinedSince }),
    );
    messageTs = posted.ts;
  } catch (error) {
    const code = slackErrorCode(error);
    const problem = code === null ? undefined : PROBLEMS[code];
    if (problem === undefined) throw error;
    deps.logger.info({ teamId, reason: code }, 'invitation not posted');
    return { kind: 'refused', problem };
  }
  // Stored after the post: the post cannot be undone, and an invitation that is not in the channel must not
  // count as the previous one.
  await deps.invitations.record({
    teamId,
    channelId,
    messageTs,
    postedBy: actorId,
    postedAt: deps.clock.now(),
    joinedSince: history.joinedSince,
  });
  deps.logger.info({ teamId }, 'invitation posted');
  return { kind: 'posted', channelId, history };
}
