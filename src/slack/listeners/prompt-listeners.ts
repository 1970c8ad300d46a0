// The weekly question's buttons, the pause question's buttons, and thread replies in pairs' group DMs.
import type { BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../composition/app-context';
import { inactivityAnswerDeps, promptOutcomeDeps, promptReplyDeps } from '../../composition/use-case-deps';
import { answerInactivityQuestion, type InactivityChoice } from '../../use-cases/answer-inactivity-question';
import { recordPromptOutcome } from '../../use-cases/record-prompt-outcome';
import { recordPromptReply } from '../../use-cases/record-prompt-reply';
import type { PromptOutcome } from '../../storage/prompt-deliveries-repository';
import {
  inactivityAnswered,
  inactivityNotApplicableText,
  NOT_YOUR_PAIR,
  outcomeAcknowledgement,
  PROMPT_ACTIONS,
} from '../../views/prompt-message';
import { parseRowId } from '../../views/self-service-ids';
import type { ListenerRoutes } from './listener-routes';
import { replyPrivately } from './private-reply';
import { teamIdOf } from './team-id';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

// Only what decides whether a message is a reply to a question; the text is never read.
interface MessageEventFacts {
  channel?: string;
  channel_type?: string;
  user?: string;
  ts?: string;
  thread_ts?: string;
  subtype?: string;
  bot_id?: string;
}

export function registerPromptListeners(routes: ListenerRoutes, context: AppContext): void {
  routes.event('message', async ({ event, body }) => {
    const message = event as MessageEventFacts;
    if (message.channel_type !== 'mpim' && message.channel_type !== 'im') return;
    if (message.channel === undefined || message.ts === undefined) return;
    await recordPromptReply(
      promptReplyDeps(context),
      {
        teamId: body.team_id,
        eventId: body.event_id,
        channelId: message.channel,
        userId: message.user,
        ts: message.ts,
        threadTs: message.thread_ts,
        subtype: message.subtype,
        botId: message.bot_id,
      },
      context.clock.now(),
    );
  });

  const outcome =
    (chosen: PromptOutcome) =>
    async ({ ack, body, action, respond }: ButtonArgs) => {
      await ack();
      const teamId = teamIdOf(body);
      const deliveryId = parseRowId(action.value ?? '');
      if (teamId === '' || deliveryId === null) {
        await replyPrivately(respond, NOT_YOUR_PAIR.text);
        return;
      }
      const result = await recordPromptOutcome(
        promptOutcomeDeps(context),
        { teamId, deliveryId, userId: body.user.id, outcome: chosen },
        context.clock.now(),
      );
      await replyPrivately(
        respond,
        result.kind === 'recorded'
          ? outcomeAcknowledgement(chosen, result.alreadyRecorded).text
          : NOT_YOUR_PAIR.text,
      );
    };
  routes.button(PROMPT_ACTIONS.discussed, outcome('discussed'));
  routes.button(PROMPT_ACTIONS.skipped, outcome('skipped'));

  const inactivity =
    (choice: InactivityChoice) =>
    async ({ ack, body, action, respond }: ButtonArgs) => {
      await ack();
      const teamId = teamIdOf(body);
      const pairId = parseRowId(action.value ?? '');
      if (teamId === '' || pairId === null) {
        await replyPrivately(respond, NOT_YOUR_PAIR.text);
        return;
      }
      const answer = await answerInactivityQuestion(
        inactivityAnswerDeps(context),
        { teamId, pairId, userId: body.user.id, choice },
        context.clock.now(),
      );
      if (answer.kind === 'not_in_pair') {
        await replyPrivately(respond, NOT_YOUR_PAIR.text);
        return;
      }
      if (answer.kind === 'not_applicable') {
        await replyPrivately(respond, inactivityNotApplicableText(choice, answer));
        return;
      }
      const container = body.container as { channel_id?: string; message_ts?: string } | undefined;
      if (container?.channel_id !== undefined && container.message_ts !== undefined) {
        await context.messenger.updateMessage(
          { channel: container.channel_id, ts: container.message_ts },
          inactivityAnswered({ pairId, userId: body.user.id, choice }),
        );
      }
    };
  routes.button(PROMPT_ACTIONS.pause, inactivity('pause'));
  routes.button(PROMPT_ACTIONS.keepGoing, inactivity('keep_going'));
  routes.button(PROMPT_ACTIONS.resume, inactivity('resume'));
}
