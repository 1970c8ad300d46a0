// The goals buttons and forms: "Set my goals" (the invitation and its reminder), "Rate my goals" (the midpoint
// DM and the close survey, value `${pairId}:${stage}`), and their modals' submissions. Each click and each
// submission is checked against the pair as it is now; one that can change nothing says what is true instead.
import type { RespondFn } from '@slack/bolt';
import type { AppContext } from '../../composition/app-context';
import { rateGoalsDeps, setGoalsDeps } from '../../composition/use-case-deps';
import { openGoalsForm, setGoals } from '../../use-cases/set-goals';
import { openRatingForm, rateGoals } from '../../use-cases/rate-goals';
import { APOLOGY } from '../../views/apology';
import {
  GOALS_SAVED,
  goalsModal,
  goalsRefusalText,
  parseGoalsMetadata,
  parseRatingMetadata,
  RATINGS_SAVED,
  ratingModal,
  ratingRefusalText,
} from '../../views/journey-goals-views';
import { JOURNEY_ACTIONS, JOURNEY_CALLBACKS } from '../../views/journey-ids';
import { MODAL_OPEN_FAILED } from '../../views/self-service-answers';
import { noticeModal } from '../../views/self-service-modals';
import { guardedSubmission, runGuarded, type MemberSubmission } from './listener-guard';
import type { ListenerRoutes } from './listener-routes';
import { openOrSay } from './open-modal';
import { replyPrivately } from './private-reply';
import { teamIdOf } from './team-id';

const TITLE = 'Your goals';

interface Click {
  teamId: string;
  userId: string;
  triggerId: string;
  value: string;
  /** Answers the person who clicked: privately in the conversation, or in a small modal from a view. */
  say(text: string): Promise<void>;
}

export function registerJourneyGoalsListeners(routes: ListenerRoutes, context: AppContext): void {
  const button = (actionId: string, handle: (click: Click) => Promise<void>) => {
    routes.button(actionId, async ({ ack, body, action, respond }) => {
      await ack();
      const teamId = teamIdOf(body);
      const say = sayTo(context, respond, body.trigger_id, body.response_url);
      await runGuarded(
        {
          logger: context.logger,
          fields: { component: 'goals', actionId, teamId },
          failed: 'button failed',
          apologise: () => say(APOLOGY),
        },
        () =>
          handle({
            teamId,
            userId: body.user.id,
            triggerId: body.trigger_id,
            value: action.value ?? '',
            say,
          }),
      );
    });
  };

  button(JOURNEY_ACTIONS.openGoals, async (click) => {
    const pairId = parseGoalsMetadata(click.value);
    const request = { teamId: click.teamId, userId: click.userId, pairId: pairId ?? 0 };
    const opening =
      pairId === null || click.teamId === ''
        ? ({ kind: 'refused', refusal: 'not_your_pair', goalTopics: [] } as const)
        : await openGoalsForm(setGoalsDeps(context), request);
    if (opening.kind === 'refused') {
      await click.say(goalsRefusalText(opening.refusal, opening.goalTopics));
      return;
    }
    await openOrSay(context, click.triggerId, goalsModal(opening), () => click.say(MODAL_OPEN_FAILED));
  });

  button(JOURNEY_ACTIONS.rateGoals, async (click) => {
    const parsed = parseRatingMetadata(click.value);
    const opening =
      parsed === null || click.teamId === ''
        ? ({ kind: 'refused', refusal: 'not_your_pair' } as const)
        : await openRatingForm(rateGoalsDeps(context), {
            ...parsed,
            teamId: click.teamId,
            userId: click.userId,
          });
    if (opening.kind === 'refused') {
      await click.say(ratingRefusalText(opening.refusal));
      return;
    }
    await openOrSay(context, click.triggerId, ratingModal(opening), () => click.say(MODAL_OPEN_FAILED));
  });

  const submission = (callbackId: string, handle: (submission: MemberSubmission) => Promise<void>) =>
    guardedSubmission(routes, context.logger, { component: 'goals', callbackId }, handle);

  const notice = (text: string) => ({ response_action: 'update' as const, view: noticeModal(TITLE, text) });

  submission(JOURNEY_CALLBACKS.setGoals, async ({ ack, teamId, userId, values, privateMetadata }) => {
    const pairId = parseGoalsMetadata(privateMetadata);
    if (pairId === null || teamId === '') {
      await ack(notice(goalsRefusalText('not_your_pair')));
      return;
    }
    await setGoals(setGoalsDeps(context), { teamId, userId, pairId, values }, async (result) => {
      if (result.kind === 'invalid') await ack({ response_action: 'errors', errors: result.errors });
      else if (result.kind === 'refused')
        await ack(notice(goalsRefusalText(result.refusal, result.goalTopics)));
      else await ack(notice(GOALS_SAVED));
    });
  });

  submission(JOURNEY_CALLBACKS.rateGoals, async ({ ack, teamId, userId, values, privateMetadata }) => {
    const parsed = parseRatingMetadata(privateMetadata);
    if (parsed === null || teamId === '') {
      await ack(notice(ratingRefusalText('not_your_pair')));
      return;
    }
    const result = await rateGoals(rateGoalsDeps(context), { ...parsed, teamId, userId, values });
    if (result.kind === 'invalid') await ack({ response_action: 'errors', errors: result.errors });
    else if (result.kind === 'refused') await ack(notice(ratingRefusalText(result.refusal)));
    else await ack(notice(RATINGS_SAVED));
  });
}

/** A click on a message is answered privately in its conversation; a click in a view, in a small modal. */
function sayTo(
  context: AppContext,
  respond: RespondFn | undefined,
  triggerId: string,
  responseUrl: string | undefined,
): (text: string) => Promise<void> {
  return async (text) => {
    if (typeof responseUrl === 'string' && responseUrl !== '') await replyPrivately(respond, text);
    else await openOrSay(context, triggerId, noticeModal(TITLE, text), async () => undefined);
  };
}
