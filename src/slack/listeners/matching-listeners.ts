// The mentor's Accept / Decline buttons on a proposal DM.
import type { BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../composition/app-context';
import { homeDeps, matchingDeps } from '../../composition/use-case-deps';
import { decideProposal, type Decision } from '../../use-cases/decide-proposal';
import { publishHome } from '../../use-cases/publish-home';
import {
  decisionRefusalText,
  PROPOSAL_ACCEPT_ACTION,
  PROPOSAL_DECLINE_ACTION,
} from '../../views/proposal-messages';
import { parseRowId } from '../../views/self-service-ids';
import type { ListenerRoutes } from './listener-routes';
import { replyPrivately } from './private-reply';
import { teamIdOf } from './team-id';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

export function registerMatchingListeners(routes: ListenerRoutes, context: AppContext): void {
  const handle =
    (decision: Decision) =>
    async ({ ack, body, action, respond }: ButtonArgs) => {
      await ack();
      // The workspace comes from the payload, so a proposal of another workspace is never found.
      const teamId = teamIdOf(body);
      const proposalId = parseRowId(action.value ?? '');
      const container = body.container as { channel_id?: string; message_ts?: string } | undefined;
      const clicked =
        container?.channel_id !== undefined && container.message_ts !== undefined
          ? { channel: container.channel_id, ts: container.message_ts }
          : null;
      if (teamId === '' || proposalId === null) {
        await replyPrivately(respond, decisionRefusalText({ kind: 'not_found' }));
        return;
      }
      const reply = await decideProposal(matchingDeps(context), {
        teamId,
        userId: body.user.id,
        proposalId,
        decision,
        clicked,
      });
      if (reply.ephemeral !== null) {
        await replyPrivately(respond, reply.ephemeral);
      }
      if (reply.changed) await publishHome(homeDeps(context), teamId, body.user.id);
    };
  routes.button(PROPOSAL_ACCEPT_ACTION, handle('accept'));
  routes.button(PROPOSAL_DECLINE_ACTION, handle('decline'));
}
