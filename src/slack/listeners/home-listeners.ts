// The App Home tab and its buttons (the admin section's are in admin-listeners.ts), and the "Share feedback" button in the DM that tells someone their pairing
// ended. Every button also works when clicked twice or after the state changed: it answers with what is true
// now. A Home tab has no conversation to answer in, so answers and apologies come as small modals.
import type { View } from '@slack/types';
import type { AppContext } from '../../composition/app-context';
import {
  homeDeps,
  readParticipationDeps,
  selfServiceDeps,
  signupFormDeps,
} from '../../composition/use-case-deps';
import type { SignupKind } from '../../domain/signup-form';
import { loadSignupForm } from '../../use-cases/load-signup-form';
import { publishHome } from '../../use-cases/publish-home';
import { ownPair, pauseEligibility, runningPairs } from '../../use-cases/read-participation';
import { resumeParticipation } from '../../use-cases/resume-participation';
import { APOLOGY } from '../../views/apology';
import {
  alreadyPaused,
  FEEDBACK_ALREADY_GIVEN,
  NO_PAIRING,
  NOTHING_TO_RATE,
  notTakingPart,
  PAIRING_ALREADY_ENDED,
  resumeAnswer,
} from '../../views/self-service-answers';
import { parseRowId, SELF_SERVICE_ACTIONS } from '../../views/self-service-ids';
import {
  endPairingModal,
  feedbackModal,
  leaveModal,
  noticeModal,
  pauseModal,
} from '../../views/self-service-modals';
import { signupModal } from '../../views/signup-modals';
import { runGuarded } from './listener-guard';
import type { ListenerRoutes } from './listener-routes';
import { openOrSay } from './open-modal';
import { teamIdOf } from './team-id';

interface Click {
  teamId: string;
  userId: string;
  triggerId: string;
  value: string;
}

export function registerHomeListeners(routes: ListenerRoutes, context: AppContext): void {
  const refreshHome = (teamId: string, userId: string) => publishHome(homeDeps(context), teamId, userId);
  const open = (triggerId: string, view: View) => openOrSay(context, triggerId, view, async () => undefined);
  const notice = (triggerId: string, title: string, text: string) =>
    open(triggerId, noticeModal(title, text));

  routes.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return;
    await refreshHome(body.team_id, event.user);
  });

  const button = (actionId: string, handle: (click: Click) => Promise<void>) => {
    routes.button(actionId, async ({ ack, body, action }) => {
      await ack();
      const teamId = teamIdOf(body);
      await runGuarded(
        {
          logger: context.logger,
          fields: { component: 'self-service', actionId, teamId },
          failed: 'button failed',
          // The apology comes as a small modal, if Slack still accepts the trigger.
          apologise: () => open(body.trigger_id, noticeModal('Sorry', APOLOGY)),
        },
        () => handle({ teamId, userId: body.user.id, triggerId: body.trigger_id, value: action.value ?? '' }),
      );
    });
  };

  const openSignup = (kind: SignupKind) => async (click: Click) => {
    const state = await loadSignupForm(signupFormDeps(context), kind, click.teamId, click.userId);
    await open(click.triggerId, signupModal(state));
  };
  button(SELF_SERVICE_ACTIONS.offer, openSignup('offer'));
  button(SELF_SERVICE_ACTIONS.find, openSignup('find'));

  button(SELF_SERVICE_ACTIONS.pause, async ({ teamId, userId, triggerId }) => {
    const eligibility = await pauseEligibility(readParticipationDeps(context), teamId, userId);
    if (eligibility.kind === 'not-member') {
      await notice(triggerId, 'Take a break', notTakingPart());
    } else if (eligibility.kind === 'already-paused') {
      await notice(triggerId, 'Take a break', alreadyPaused(eligibility.pausedUntil));
      await refreshHome(teamId, userId);
    } else {
      await open(triggerId, pauseModal());
    }
  });

  button(SELF_SERVICE_ACTIONS.resume, async ({ teamId, userId, triggerId }) => {
    await resumeParticipation(selfServiceDeps(context), teamId, userId, {
      onStored: async (result) => {
        await notice(triggerId, 'Welcome back', resumeAnswer(result));
        // Refreshed here too when nothing changed, so a stale Resume button goes away.
        if (result.kind !== 'resumed') await refreshHome(teamId, userId);
      },
    });
  });

  button(SELF_SERVICE_ACTIONS.end, async ({ teamId, userId, triggerId }) => {
    const pairs = await runningPairs(readParticipationDeps(context), teamId, userId);
    if (pairs.length === 0) {
      await notice(triggerId, 'End a pairing', NO_PAIRING);
      await refreshHome(teamId, userId);
      return;
    }
    await open(triggerId, endPairingModal(pairs));
  });

  button(SELF_SERVICE_ACTIONS.endPair, async ({ teamId, userId, triggerId, value }) => {
    const pair = await ownPair(readParticipationDeps(context), teamId, userId, parseRowId(value));
    if (pair === null || pair.status === 'ended') {
      await notice(triggerId, 'End a pairing', PAIRING_ALREADY_ENDED);
      await refreshHome(teamId, userId);
      return;
    }
    await open(
      triggerId,
      feedbackModal({ pairId: pair.id, mode: 'end', partnerId: pair.partnerId, role: pair.role }),
    );
  });

  button(SELF_SERVICE_ACTIONS.leave, async ({ triggerId }) => {
    await open(triggerId, leaveModal());
  });

  button(SELF_SERVICE_ACTIONS.giveFeedback, async ({ teamId, userId, triggerId, value }) => {
    const pair = await ownPair(readParticipationDeps(context), teamId, userId, parseRowId(value));
    if (pair === null) {
      await notice(triggerId, 'Your feedback', NOTHING_TO_RATE);
    } else if (pair.feedbackGiven) {
      await notice(triggerId, 'Your feedback', FEEDBACK_ALREADY_GIVEN);
    } else {
      await open(
        triggerId,
        feedbackModal({ pairId: pair.id, mode: 'feedback', partnerId: pair.partnerId, role: pair.role }),
      );
    }
  });
}
