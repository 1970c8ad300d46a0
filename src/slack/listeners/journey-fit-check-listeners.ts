// The fit check's buttons, the "go back into the pool" button after a pairing ended as not a fit, and the
// mentor's private question (its button opens a small form; the form's submission stores the answer). Each click
// is checked against the pair as it is now; anything unexpected is logged and the person gets an apology.
import type { BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../composition/app-context';
import { answerFitCheckDeps, answerMentorVoiceDeps } from '../../composition/use-case-deps';
import type { FitAnswer } from '../../domain/pairing-journey';
import { answerFitCheck, rejoinAfterFitCheck } from '../../use-cases/answer-fit-check';
import { answerMentorVoice, checkMentorVoice } from '../../use-cases/answer-mentor-voice';
import { APOLOGY } from '../../views/apology';
import {
  CANDOUR_REQUIRED,
  fitCheckAnswered,
  fitRefusalText,
  fitRejoinMessage,
  mentorVoiceAnswered,
  mentorVoiceModal,
  mentorVoiceRefusalText,
  mentorVoiceThanks,
  parseMentorVoiceMetadata,
  parsePairRound,
} from '../../views/journey-fit-check-views';
import { JOURNEY_ACTIONS, JOURNEY_CALLBACKS, JOURNEY_FIELDS } from '../../views/journey-ids';
import { INVITATION_FORM_NOT_OPENED } from '../../views/invitation-views';
import { parseRowId } from '../../views/self-service-ids';
import { noticeModal } from '../../views/self-service-modals';
import { guardedSubmission, runGuarded } from './listener-guard';
import type { ListenerRoutes } from './listener-routes';
import { openSignupForm } from './offer-find-listeners';
import { replyPrivately } from './private-reply';
import { teamIdOf } from './team-id';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

/** The message a click came from, so it can be updated in place. */
function messageOf(body: BlockAction): { channel: string; ts: string } | null {
  const container = body.container as { channel_id?: string; message_ts?: string } | undefined;
  return container?.channel_id !== undefined && container.message_ts !== undefined
    ? { channel: container.channel_id, ts: container.message_ts }
    : null;
}

export function registerJourneyFitCheckListeners(routes: ListenerRoutes, context: AppContext): void {
  const button = (actionId: string, handle: (args: ButtonArgs & { teamId: string }) => Promise<void>) =>
    routes.button(actionId, async (args) => {
      await args.ack();
      const teamId = teamIdOf(args.body);
      await runGuarded(
        {
          logger: context.logger,
          fields: { component: 'journey', actionId, teamId },
          failed: 'journey click failed',
          apologise: () => replyPrivately(args.respond, APOLOGY),
        },
        () => handle({ ...args, teamId }),
      );
    });

  const fitAnswer =
    (answer: FitAnswer) =>
    async ({ body, action, respond, teamId }: ButtonArgs & { teamId: string }) => {
      const asked = parsePairRound(action.value ?? '');
      if (teamId === '' || asked === null) {
        await replyPrivately(respond, fitRefusalText('not-in-pair'));
        return;
      }
      const result = await answerFitCheck(answerFitCheckDeps(context), {
        teamId,
        pairId: asked.pairId,
        userId: body.user.id,
        round: asked.round,
        answer,
      });
      if (result.kind !== 'recorded') {
        await replyPrivately(
          respond,
          fitRefusalText(result.kind, result.kind === 'already-answered' ? result.answer : undefined),
        );
        return;
      }
      const message = messageOf(body);
      if (message !== null)
        await context.messenger.updateMessage(message, fitCheckAnswered(answer, asked.round));
    };
  button(JOURNEY_ACTIONS.fitGood, fitAnswer('good_fit'));
  button(JOURNEY_ACTIONS.fitDeciding, fitAnswer('still_deciding'));
  button(JOURNEY_ACTIONS.fitNot, fitAnswer('not_a_fit'));

  // Back into the pool after a "Not a good fit", in one click: what they had reopens (see rejoinAfterFitCheck).
  // Only when nothing of theirs is left to reopen does the sign-up form open, as `/mentor offer` or `find` does.
  button(JOURNEY_ACTIONS.fitRejoin, async ({ body, action, respond, teamId }) => {
    const pairId = parseRowId(action.value ?? '');
    const userId = body.user.id;
    const { result, programmeName } =
      teamId === '' || pairId === null
        ? { result: { kind: 'not-in-pair' } as const, programmeName: '' }
        : await rejoinAfterFitCheck(answerFitCheckDeps(context), { teamId, pairId, userId });
    if (result.kind === 'no-offer' || result.kind === 'no-request') {
      await openSignupForm(
        context,
        result.kind === 'no-offer' ? 'offer' : 'find',
        { teamId, userId, triggerId: body.trigger_id },
        () => replyPrivately(respond, INVITATION_FORM_NOT_OPENED),
      );
      return;
    }
    const reply = fitRejoinMessage(result, programmeName);
    const message = messageOf(body);
    // Back in the pool: the note takes the button's place. Anything else is said privately, changing nothing.
    if ((result.kind === 'request-reopened' || result.kind === 'offer-open') && message !== null)
      await context.messenger.updateMessage(message, reply);
    else await replyPrivately(respond, reply.text);
  });

  button(JOURNEY_ACTIONS.openMentorVoice, async ({ body, action, respond, teamId }) => {
    const asked = parsePairRound(action.value ?? '');
    if (teamId === '' || asked === null) {
      await replyPrivately(respond, mentorVoiceRefusalText('not-in-pair'));
      return;
    }
    const check = await checkMentorVoice(answerMentorVoiceDeps(context), {
      teamId,
      pairId: asked.pairId,
      userId: body.user.id,
      round: asked.round,
    });
    if (check.kind !== 'open') {
      await replyPrivately(
        respond,
        mentorVoiceRefusalText(check.kind === 'recorded' ? 'already-answered' : check.kind),
      );
      return;
    }
    await context.messenger.openModal(
      body.trigger_id,
      mentorVoiceModal({ ...asked, message: messageOf(body) }),
    );
  });

  guardedSubmission(
    routes,
    context.logger,
    { component: 'journey', callbackId: JOURNEY_CALLBACKS.mentorVoice },
    async ({ ack, teamId, userId, values, privateMetadata }) => {
      const candour = Number(
        values[JOURNEY_FIELDS.candour]?.[JOURNEY_FIELDS.candour]?.selected_option?.value,
      );
      if (!Number.isInteger(candour) || candour < 1 || candour > 5) {
        await ack({
          response_action: 'errors',
          errors: { [JOURNEY_FIELDS.candour]: CANDOUR_REQUIRED },
        });
        return;
      }
      const wantsContact = (
        values[JOURNEY_FIELDS.contact]?.[JOURNEY_FIELDS.contact]?.selected_options ?? []
      ).some((option) => option.value === 'yes');
      const metadata = parseMentorVoiceMetadata(privateMetadata);
      const result =
        teamId === '' || metadata === null
          ? ({ kind: 'not-in-pair' } as const)
          : await answerMentorVoice(answerMentorVoiceDeps(context), {
              teamId,
              pairId: metadata.pairId,
              userId,
              round: metadata.round,
              candour,
              wantsContact,
            });
      const text =
        result.kind === 'recorded' ? mentorVoiceThanks(wantsContact) : mentorVoiceRefusalText(result.kind);
      await ack({ response_action: 'update', view: noticeModal('Thank you', text) });
      if (result.kind === 'recorded' && metadata?.message != null)
        await context.messenger.updateMessage(metadata.message, mentorVoiceAnswered(wantsContact));
    },
  );
}
