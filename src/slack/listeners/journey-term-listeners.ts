// The buttons and the form of a pairing's term and close: Extend / Wrap up, the close survey (a button opens the
// form; its submission is checked and stored), and the follow-ups on a commitment (yes / partly / not yet, and
// "show what I wrote"). Every click is judged against the pair as it is now; a refusal is answered privately.
import type { BlockAction, ButtonAction, RespondFn, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../composition/app-context';
import { chooseTermDeps, closeSurveyDeps, followUpDeps } from '../../composition/use-case-deps';
import type { CloseSurveyField } from '../../domain/journey-term';
import type { FollowUpAnswer, TermChoice } from '../../domain/pairing-journey';
import { answerCloseSurvey, openCloseSurvey } from '../../use-cases/answer-close-survey';
import { answerFollowUp, ownCommitment } from '../../use-cases/answer-follow-up';
import { chooseTerm } from '../../use-cases/choose-term';
import { APOLOGY } from '../../views/apology';
import { JOURNEY_ACTIONS, JOURNEY_CALLBACKS, JOURNEY_FIELDS } from '../../views/journey-ids';
import {
  CLOSE_SURVEY_BLOCKS,
  CLOSE_SURVEY_THANKS,
  closeSurveyModal,
  closeSurveyRefusalText,
  commitmentText,
  followUpAnswered,
  followUpReplyText,
  NOT_YOUR_PAIRING,
  termChoiceAnswered,
  termChoiceReplyText,
} from '../../views/journey-term-views';
import type { SlackMessage } from '../../ports/messenger';
import { noticeModal } from '../../views/self-service-modals';
import { guardedSubmission, runGuarded } from './listener-guard';
import type { ListenerRoutes } from './listener-routes';
import { replyPrivately } from './private-reply';
import { teamIdOf } from './team-id';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

interface Click {
  teamId: string;
  userId: string;
  value: string;
  triggerId: string;
  respond: RespondFn | undefined;
  /** The message the button is in, to replace it with the answer. */
  message: { channel: string; ts: string } | null;
}

/** `pairId` or `pairId:round` from a button's value; null for anything else. */
function parseValue(value: string): { pairId: number; round: number } | null {
  const match = /^(\d{1,12})(?::(\d{1,3}))?$/.exec(value);
  if (match === null) return null;
  const pairId = Number(match[1]);
  const round = match[2] === undefined ? 1 : Number(match[2]);
  return pairId > 0 && round > 0 ? { pairId, round } : null;
}

export function registerJourneyTermListeners(routes: ListenerRoutes, context: AppContext): void {
  const button = (actionId: string, handle: (click: Click) => Promise<void>) =>
    routes.button(actionId, async ({ ack, body, action, respond }: ButtonArgs) => {
      await ack();
      const teamId = teamIdOf(body);
      const container = body.container as { channel_id?: string; message_ts?: string } | undefined;
      await runGuarded(
        {
          logger: context.logger,
          fields: { component: 'journey', actionId, teamId },
          failed: 'journey click failed',
          apologise: () => replyPrivately(respond, APOLOGY),
        },
        () =>
          handle({
            teamId,
            userId: body.user.id,
            value: action.value ?? '',
            triggerId: body.trigger_id,
            respond,
            message:
              container?.channel_id !== undefined && container.message_ts !== undefined
                ? { channel: container.channel_id, ts: container.message_ts }
                : null,
          }),
      );
    });

  const replaceMessage = async (click: Click, message: SlackMessage) => {
    if (click.message === null) await replyPrivately(click.respond, message.text);
    else await context.messenger.updateMessage(click.message, message);
  };

  const termChoice = (choice: TermChoice) => async (click: Click) => {
    const parsed = parseValue(click.value);
    if (parsed === null || click.teamId === '') {
      await replyPrivately(click.respond, NOT_YOUR_PAIRING);
      return;
    }
    const reply = await chooseTerm(chooseTermDeps(context), {
      teamId: click.teamId,
      userId: click.userId,
      pairId: parsed.pairId,
      round: parsed.round,
      choice,
    });
    if (reply.kind === 'chosen') await replaceMessage(click, termChoiceAnswered(reply));
    else await replyPrivately(click.respond, termChoiceReplyText(reply));
  };
  button(JOURNEY_ACTIONS.termExtend, termChoice('extend'));
  button(JOURNEY_ACTIONS.termWrapUp, termChoice('wrap_up'));

  button(JOURNEY_ACTIONS.openCloseSurvey, async (click) => {
    const parsed = parseValue(click.value);
    if (parsed === null || click.teamId === '') {
      await replyPrivately(click.respond, NOT_YOUR_PAIRING);
      return;
    }
    const who = { teamId: click.teamId, pairId: parsed.pairId, userId: click.userId };
    const open = await openCloseSurvey(closeSurveyDeps(context), who);
    if (open.kind !== 'open') {
      await replyPrivately(click.respond, closeSurveyRefusalText(open.kind));
      return;
    }
    await context.messenger.openModal(
      click.triggerId,
      closeSurveyModal({ pairId: parsed.pairId, asksCommitment: open.asksCommitment }),
    );
  });

  guardedSubmission(
    routes,
    context.logger,
    { component: 'journey', callbackId: JOURNEY_CALLBACKS.closeSurvey, failed: 'close survey failed' },
    async ({ ack, teamId, userId, values, privateMetadata }) => {
      const selected = (id: string) => values[id]?.[id]?.selected_option?.value ?? null;
      const typed = (id: string) => values[id]?.[id]?.value ?? null;
      const parsed = parseValue(privateMetadata);
      const result =
        parsed === null
          ? ({ kind: 'not_in_pair' } as const)
          : await answerCloseSurvey(closeSurveyDeps(context), {
              teamId,
              pairId: parsed.pairId,
              userId,
              usefulness: selected(JOURNEY_FIELDS.closeUsefulness),
              recommend: selected(JOURNEY_FIELDS.closeRecommend),
              commitment: typed(JOURNEY_FIELDS.closeCommitment),
            });
      if (result.kind === 'invalid') {
        const errors: Record<string, string> = {};
        for (const [field, message] of Object.entries(result.errors))
          errors[CLOSE_SURVEY_BLOCKS[field as CloseSurveyField]] = message;
        await ack({ response_action: 'errors', errors });
        return;
      }
      const text = result.kind === 'stored' ? CLOSE_SURVEY_THANKS : closeSurveyRefusalText(result.kind);
      await ack({ response_action: 'update', view: noticeModal('Close survey', text) });
    },
  );

  const followUp = (answer: FollowUpAnswer) => async (click: Click) => {
    const parsed = parseValue(click.value);
    if (parsed === null || click.teamId === '') {
      await replyPrivately(click.respond, NOT_YOUR_PAIRING);
      return;
    }
    const reply = await answerFollowUp(followUpDeps(context), {
      teamId: click.teamId,
      userId: click.userId,
      pairId: parsed.pairId,
      round: parsed.round,
      answer,
    });
    if (reply.kind === 'stored') await replaceMessage(click, followUpAnswered(reply));
    else await replyPrivately(click.respond, followUpReplyText(reply));
  };
  button(JOURNEY_ACTIONS.followUpYes, followUp('yes'));
  button(JOURNEY_ACTIONS.followUpPartly, followUp('partly'));
  button(JOURNEY_ACTIONS.followUpNotYet, followUp('not_yet'));

  button(JOURNEY_ACTIONS.showCommitment, async (click) => {
    const parsed = parseValue(click.value);
    const text =
      parsed === null || click.teamId === ''
        ? null
        : await ownCommitment(followUpDeps(context), {
            teamId: click.teamId,
            pairId: parsed.pairId,
            userId: click.userId,
          });
    await replyPrivately(click.respond, commitmentText(text));
  });
}
