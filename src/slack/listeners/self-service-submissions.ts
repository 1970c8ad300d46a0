// The self-service modals' submissions: choosing a pairing to end, the feedback form (ending a pairing or
// rating one that ended), the pause length, and leaving.
import type { AppContext } from '../../composition/app-context';
import { readParticipationDeps, selfServiceDeps } from '../../composition/use-case-deps';
import { parseFeedbackForm } from '../../domain/feedback-form';
import { parsePauseLength } from '../../domain/pause';
import { endPairing } from '../../use-cases/end-pairing';
import { giveFeedback } from '../../use-cases/give-feedback';
import { leaveProgramme } from '../../use-cases/leave-programme';
import { pauseParticipation } from '../../use-cases/pause-participation';
import { ownPair } from '../../use-cases/read-participation';
import {
  CHOOSE_PAUSE_LENGTH,
  CHOSEN_PAIRING_ENDED,
  endAnswer,
  feedbackAnswer,
  leaveAnswer,
  notYourPairing,
  pauseAnswer,
} from '../../views/self-service-answers';
import { parseRowId, SELF_SERVICE_CALLBACKS, SELF_SERVICE_FIELDS } from '../../views/self-service-ids';
import {
  feedbackModal,
  noticeModal,
  parseFeedbackMetadata,
  PAUSE_UNTIL_RESUMED,
} from '../../views/self-service-modals';
import { guardedSubmission, type MemberSubmission } from './listener-guard';
import type { ListenerRoutes } from './listener-routes';

export function registerSelfServiceSubmissions(routes: ListenerRoutes, context: AppContext): void {
  const submission = (callbackId: string, handle: (submission: MemberSubmission) => Promise<void>) =>
    guardedSubmission(routes, context.logger, { component: 'self-service', callbackId }, handle);

  submission(SELF_SERVICE_CALLBACKS.chooseEnd, async ({ ack, teamId, userId, values }) => {
    const chosen = values[SELF_SERVICE_FIELDS.pair]?.[SELF_SERVICE_FIELDS.pair]?.selected_option?.value ?? '';
    const pair = await ownPair(readParticipationDeps(context), teamId, userId, parseRowId(chosen));
    if (pair === null || pair.status === 'ended') {
      await ack({ response_action: 'errors', errors: { [SELF_SERVICE_FIELDS.pair]: CHOSEN_PAIRING_ENDED } });
      return;
    }
    await ack({
      response_action: 'update',
      view: feedbackModal({ pairId: pair.id, mode: 'end', partnerId: pair.partnerId, role: pair.role }),
    });
  });

  submission(SELF_SERVICE_CALLBACKS.feedback, async ({ ack, teamId, userId, values, privateMetadata }) => {
    const metadata = parseFeedbackMetadata(privateMetadata);
    const parsed = parseFeedbackForm(values);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    if (metadata === null) {
      await ack({ response_action: 'update', view: noticeModal('Your feedback', notYourPairing()) });
      return;
    }
    const answer = async (title: string, text: string) =>
      ack({ response_action: 'update', view: noticeModal(title, text) });
    if (metadata.mode === 'end') {
      await endPairing(selfServiceDeps(context), teamId, userId, metadata.pairId, parsed.feedback, (result) =>
        answer('Pairing ended', endAnswer(result)),
      );
    } else {
      const result = await giveFeedback(
        selfServiceDeps(context),
        teamId,
        userId,
        metadata.pairId,
        parsed.feedback,
      );
      await answer('Your feedback', feedbackAnswer(result));
    }
  });

  submission(SELF_SERVICE_CALLBACKS.pause, async ({ ack, teamId, userId, values }) => {
    const chosen =
      values[SELF_SERVICE_FIELDS.pauseWeeks]?.[SELF_SERVICE_FIELDS.pauseWeeks]?.selected_option?.value;
    const length =
      chosen === PAUSE_UNTIL_RESUMED ? { ok: true as const, weeks: null } : parsePauseLength([chosen ?? '']);
    if (!length.ok) {
      await ack({
        response_action: 'errors',
        errors: { [SELF_SERVICE_FIELDS.pauseWeeks]: CHOOSE_PAUSE_LENGTH },
      });
      return;
    }
    await pauseParticipation(selfServiceDeps(context), teamId, userId, length.weeks, async (result) => {
      await ack({ response_action: 'update', view: noticeModal('Take a break', pauseAnswer(result)) });
    });
  });

  submission(SELF_SERVICE_CALLBACKS.leave, async ({ ack, teamId, userId }) => {
    await leaveProgramme(selfServiceDeps(context), teamId, userId, {
      onStored: async (result) => {
        await ack({
          response_action: 'update',
          view: noticeModal('Leave Mentor Circles', leaveAnswer(result)),
        });
      },
    });
  });
}
