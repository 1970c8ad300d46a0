// Self-service: /mentor status, pause, resume, end and leave; the App Home tab and its buttons; the feedback
// button in the DM that tells someone their pairing ended. Every button also works when clicked twice or after
// the state changed: it answers with what is true now.
import type {
  AckFn,
  App,
  BlockAction,
  ButtonAction,
  ViewResponseAction,
  ViewSubmitAction,
} from '@slack/bolt';
import type { View } from '@slack/types';
import { parseFeedbackForm } from '../../domain/feedback-form';
import { isPaused, parsePauseLength } from '../../domain/pause';
import type { SignupKind } from '../../domain/signup-form';
import { endPairing } from '../../use-cases/end-pairing';
import { isProgrammeAdmin } from '../../use-cases/check-programme-admin';
import { giveFeedback } from '../../use-cases/give-feedback';
import { leaveProgramme } from '../../use-cases/leave-programme';
import { loadSignupForm } from '../../use-cases/load-signup-form';
import { pauseParticipation } from '../../use-cases/pause-participation';
import { publishHome } from '../../use-cases/publish-home';
import { resumeParticipation } from '../../use-cases/resume-participation';
import { selfServiceDeps } from '../../use-cases/self-service-deps';
import type { MemberPair } from '../../domain/participation';
import type { EraseResult } from '../../storage/member-erasure';
import type {
  EndResult,
  FeedbackResult,
  PauseResult,
  ResumeResult,
} from '../../storage/participation-repository';
import type { AppContext } from '../../composition/app-context';
import {
  SELF_SERVICE_ACTIONS,
  SELF_SERVICE_CALLBACKS,
  SELF_SERVICE_FIELDS,
} from '../../views/self-service-ids';
import { APOLOGY } from '../slack-app';
import { errorSummary } from '../../errors';
import { pauseConfirmation } from '../../views/participation-messages';
import { deliverReport } from './report-listeners';
import {
  chooseEndModal,
  feedbackModal,
  leaveModal,
  noticeModal,
  parseFeedbackMetadata,
  pauseModal,
  PAUSE_UNTIL_RESUMED,
} from '../../views/self-service-modals';
import { signupModal } from '../../views/signup-modals';
import { statusMessage } from '../../views/status-view';
import { mention } from '../../views/text';
import type { SubcommandArgs, SubcommandHandler } from './subcommand';

const PAUSE_USAGE =
  'To take a break, type `/mentor pause` (until you resume) or `/mentor pause 4` (for 4 weeks; any whole number from 1 to 52).';
const OPEN_FAILED =
  "Sorry, I couldn't open the form in time. Please try again; if it keeps failing, tell your programme admin.";
const NO_PAIRING = 'You have no pairing to end right now. `/mentor status` shows where you stand.';

// ---------------------------------------------------------------------------------------------------------
// /mentor status | pause | resume | end | leave

export const handleStatus: SubcommandHandler = guarded('status', async ({ command, ack, context }) => {
  const now = context.clock.now();
  const snapshot = await context.repos.participationStatus.snapshot(command.team_id, command.user_id, now);
  await ack({ response_type: 'ephemeral', ...statusMessage(snapshot, now) });
});

export const handlePause: SubcommandHandler = guarded('pause', async ({ command, args, ack, context }) => {
  const length = parsePauseLength(args);
  if (!length.ok) {
    await ack({ response_type: 'ephemeral', text: PAUSE_USAGE });
    return;
  }
  // The pause is one quick local write, so the answer can be the acknowledgement itself.
  await pauseParticipation(
    selfServiceDeps(context),
    command.team_id,
    command.user_id,
    length.weeks,
    async (result) => {
      await ack({ response_type: 'ephemeral', text: pauseAnswer(result) });
    },
  );
});

export const handleResume: SubcommandHandler = guarded('resume', async ({ command, ack, context }) => {
  await resumeParticipation(selfServiceDeps(context), command.team_id, command.user_id, {
    onStored: async (result) => {
      await ack({ response_type: 'ephemeral', text: resumeAnswer(result) });
    },
  });
});

export const handleEnd: SubcommandHandler = guarded('end', async (args) => {
  const { command, ack, respond, context } = args;
  const pairs = await runningPairs(context, command.team_id, command.user_id);
  if (pairs.length === 0) {
    await ack({ response_type: 'ephemeral', text: NO_PAIRING });
    return;
  }
  await ack();
  await openOrSay(context, command.trigger_id, endView(pairs), () =>
    respond({ response_type: 'ephemeral', text: OPEN_FAILED }),
  );
});

export const handleLeave: SubcommandHandler = guarded('leave', async ({ command, ack, respond, context }) => {
  await ack();
  await openOrSay(context, command.trigger_id, leaveModal(), () =>
    respond({ response_type: 'ephemeral', text: OPEN_FAILED }),
  );
});

/**
 * Answers an unexpected failure with the apology: in the acknowledgement when it has not been sent yet (so Slack
 * shows no timeout error), through response_url otherwise.
 */
function guarded(name: string, handler: SubcommandHandler): SubcommandHandler {
  return async (args) => {
    let acked = false;
    const ack: SubcommandArgs['ack'] = async (response) => {
      acked = true;
      await args.ack(response);
    };
    try {
      await handler({ ...args, ack });
    } catch (error) {
      args.context.logger.error(
        { component: 'self-service', command: name, teamId: args.command.team_id, err: errorSummary(error) },
        'command failed',
      );
      const apology = { response_type: 'ephemeral' as const, text: APOLOGY };
      if (!acked) await args.ack(apology);
      else await args.respond({ ...apology, replace_original: false }).catch(() => undefined);
    }
  };
}

// ---------------------------------------------------------------------------------------------------------
// App Home, its buttons, and the modals they open

export function registerSelfServiceListeners(app: App, context: AppContext): void {
  app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return;
    await publishHome(context, body.team_id, event.user);
  });

  const button = (
    actionId: string,
    handle: (click: { teamId: string; userId: string; triggerId: string; value: string }) => Promise<void>,
  ) => {
    app.action<BlockAction<ButtonAction>>(
      { type: 'block_actions', action_id: actionId },
      async ({ ack, body, action }) => {
        await ack();
        const teamId = body.team?.id ?? body.user.team_id ?? '';
        try {
          await handle({
            teamId,
            userId: body.user.id,
            triggerId: body.trigger_id,
            value: action.value ?? '',
          });
        } catch (error) {
          context.logger.error(
            { component: 'self-service', actionId, teamId, err: errorSummary(error) },
            'button failed',
          );
          // A Home tab has no conversation to answer in: the apology comes as a small modal, if Slack still
          // accepts the trigger.
          await openOrSay(context, body.trigger_id, noticeModal('Sorry', APOLOGY), async () => undefined);
        }
      },
    );
  };
  const open = (triggerId: string, view: View) => openOrSay(context, triggerId, view, async () => undefined);
  const notice = (triggerId: string, title: string, text: string) =>
    open(triggerId, noticeModal(title, text));

  const openSignup =
    (kind: SignupKind) => async (click: { teamId: string; userId: string; triggerId: string }) => {
      const state = await loadSignupForm(context.repos, kind, click.teamId, click.userId);
      await open(click.triggerId, signupModal(state));
    };
  button(SELF_SERVICE_ACTIONS.offer, openSignup('offer'));
  button(SELF_SERVICE_ACTIONS.find, openSignup('find'));

  button(SELF_SERVICE_ACTIONS.pause, async ({ teamId, userId, triggerId }) => {
    const member = await context.repos.members.find(teamId, userId);
    if (member === null) {
      await notice(triggerId, 'Take a break', notTakingPart());
    } else if (isPaused(member, context.clock.now())) {
      await notice(triggerId, 'Take a break', alreadyPaused(member.pausedUntil));
      await publishHome(context, teamId, userId);
    } else {
      await open(triggerId, pauseModal());
    }
  });

  button(SELF_SERVICE_ACTIONS.resume, async ({ teamId, userId, triggerId }) => {
    await resumeParticipation(selfServiceDeps(context), teamId, userId, {
      onStored: async (result) => {
        await notice(triggerId, 'Welcome back', resumeAnswer(result));
        // Refreshed here too when nothing changed, so a stale Resume button goes away.
        if (result.kind !== 'resumed') await publishHome(context, teamId, userId);
      },
    });
  });

  button(SELF_SERVICE_ACTIONS.end, async ({ teamId, userId, triggerId }) => {
    const pairs = await runningPairs(context, teamId, userId);
    if (pairs.length === 0) {
      await notice(triggerId, 'End a pairing', NO_PAIRING);
      await publishHome(context, teamId, userId);
      return;
    }
    await open(triggerId, endView(pairs));
  });

  button(SELF_SERVICE_ACTIONS.endPair, async ({ teamId, userId, triggerId, value }) => {
    const pair = await pairOf(context, teamId, userId, value);
    if (pair === null || pair.status === 'ended') {
      await notice(triggerId, 'End a pairing', 'This pairing has already ended.');
      await publishHome(context, teamId, userId);
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

  button(SELF_SERVICE_ACTIONS.fullReport, async ({ teamId, userId, triggerId }) => {
    const admin = await isProgrammeAdmin(
      {
        config: context.config,
        members: context.repos.members,
        messenger: context.messenger,
        clock: context.clock,
      },
      teamId,
      userId,
    );
    if (!admin) {
      // Rights can be taken away after the tab was drawn: say so, and redraw it without the figures.
      await notice(triggerId, 'Full report', 'The report is for programme admins only.');
      await publishHome(context, teamId, userId);
      return;
    }
    // The answer goes to the admin's DM: a Home tab has no conversation to reply in.
    await notice(
      triggerId,
      'Full report',
      'The full report is on its way to your direct messages with the app.',
    );
    await deliverReport(context, { teamId, userId }, async (message) => {
      await context.messenger.sendDirectMessage(userId, message);
    });
  });

  button(SELF_SERVICE_ACTIONS.giveFeedback, async ({ teamId, userId, triggerId, value }) => {
    const pair = await pairOf(context, teamId, userId, value);
    if (pair === null) {
      await notice(
        triggerId,
        'Your feedback',
        'This pairing is no longer on record, so there is nothing to rate.',
      );
    } else if (pair.feedbackGiven) {
      await notice(
        triggerId,
        'Your feedback',
        'You have already shared feedback on this pairing. Thank you!',
      );
    } else {
      await open(
        triggerId,
        feedbackModal({ pairId: pair.id, mode: 'feedback', partnerId: pair.partnerId, role: pair.role }),
      );
    }
  });

  const view = (
    callbackId: string,
    handle: (submission: {
      ack: AckFn<ViewResponseAction>;
      teamId: string;
      userId: string;
      values: ViewSubmitAction['view']['state']['values'];
      privateMetadata: string;
    }) => Promise<void>,
  ) => {
    app.view<ViewSubmitAction>(
      { callback_id: callbackId, type: 'view_submission' },
      async ({ ack, body, view }) => {
        const teamId = body.team?.id ?? body.user.team_id ?? '';
        let acked = false;
        const once: AckFn<ViewResponseAction> = async (response) => {
          acked = true;
          await ack(response);
        };
        try {
          await handle({
            ack: once,
            teamId,
            userId: body.user.id,
            values: view.state.values,
            privateMetadata: view.private_metadata,
          });
        } catch (error) {
          context.logger.error(
            { component: 'self-service', callbackId, teamId, err: errorSummary(error) },
            'submission failed',
          );
          // Before the answer a person sees the apology in the modal; after it, the change is already stored.
          if (!acked) await ack({ response_action: 'update', view: noticeModal('Sorry', APOLOGY) });
        }
      },
    );
  };

  view(SELF_SERVICE_CALLBACKS.chooseEnd, async ({ ack, teamId, userId, values }) => {
    const chosen = values[SELF_SERVICE_FIELDS.pair]?.[SELF_SERVICE_FIELDS.pair]?.selected_option?.value ?? '';
    const pair = await pairOf(context, teamId, userId, chosen);
    if (pair === null || pair.status === 'ended') {
      await ack({
        response_action: 'errors',
        errors: { [SELF_SERVICE_FIELDS.pair]: 'That pairing has already ended. Please choose another one.' },
      });
      return;
    }
    await ack({
      response_action: 'update',
      view: feedbackModal({ pairId: pair.id, mode: 'end', partnerId: pair.partnerId, role: pair.role }),
    });
  });

  view(SELF_SERVICE_CALLBACKS.feedback, async ({ ack, teamId, userId, values, privateMetadata }) => {
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

  view(SELF_SERVICE_CALLBACKS.pause, async ({ ack, teamId, userId, values }) => {
    const chosen =
      values[SELF_SERVICE_FIELDS.pauseWeeks]?.[SELF_SERVICE_FIELDS.pauseWeeks]?.selected_option?.value;
    const length =
      chosen === PAUSE_UNTIL_RESUMED ? { ok: true as const, weeks: null } : parsePauseLength([chosen ?? '']);
    if (!length.ok) {
      await ack({
        response_action: 'errors',
        errors: { [SELF_SERVICE_FIELDS.pauseWeeks]: 'Please choose how long your break lasts.' },
      });
      return;
    }
    await pauseParticipation(selfServiceDeps(context), teamId, userId, length.weeks, async (result) => {
      await ack({ response_action: 'update', view: noticeModal('Take a break', pauseAnswer(result)) });
    });
  });

  view(SELF_SERVICE_CALLBACKS.leave, async ({ ack, teamId, userId }) => {
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

// ---------------------------------------------------------------------------------------------------------
// Helpers and answers

async function runningPairs(context: AppContext, teamId: string, userId: string): Promise<MemberPair[]> {
  return (await context.repos.participationStatus.snapshot(teamId, userId, context.clock.now())).pairs;
}

async function pairOf(
  context: AppContext,
  teamId: string,
  userId: string,
  value: string,
): Promise<MemberPair | null> {
  const pairId = Number(value);
  if (!/^\d{1,15}$/.test(value) || !Number.isSafeInteger(pairId)) return null;
  return context.repos.participationStatus.pairFor(teamId, pairId, userId, context.clock.now());
}

/** One pairing: straight to the feedback form; several: choose first. */
function endView(pairs: readonly MemberPair[]): View {
  const [only] = pairs;
  return pairs.length === 1 && only !== undefined
    ? feedbackModal({ pairId: only.id, mode: 'end', partnerId: only.partnerId, role: only.role })
    : chooseEndModal(pairs);
}

async function openOrSay(
  context: AppContext,
  triggerId: string,
  view: View,
  onFailure: () => Promise<unknown>,
): Promise<void> {
  try {
    await context.messenger.openModal(triggerId, view);
  } catch (error) {
    context.logger.warn({ component: 'self-service', err: errorSummary(error) }, 'could not open a modal');
    await onFailure();
  }
}

function notTakingPart(): string {
  return "You're not taking part yet, so there is nothing to pause. `/mentor offer` or `/mentor find` to join.";
}

function alreadyPaused(until: Date | null): string {
  return `You are already on a break — ${pauseConfirmation(until).replace(/^You are on a break /, '')} To change it, resume first (\`/mentor resume\`) and pause again.`;
}

function notYourPairing(): string {
  return 'This pairing is not one of yours, or it is no longer on record.';
}

function pauseAnswer(result: PauseResult): string {
  switch (result.kind) {
    case 'not-member':
      return notTakingPart();
    case 'already-paused':
      return alreadyPaused(result.pausedUntil);
    case 'paused':
      return pauseConfirmation(result.pausedUntil);
  }
}

function resumeAnswer(result: ResumeResult): string {
  switch (result.kind) {
    case 'not-member':
      return "You're not taking part yet, so there is no break to end. `/mentor offer` or `/mentor find` to join.";
    case 'not-paused':
      return 'You are not on a break, so there is nothing to resume. `/mentor pause` takes one.';
    case 'resumed':
      return 'Welcome back! Weekly prompts and matching pick up again, and your partners know you are back.';
  }
}

function endAnswer(result: EndResult): string {
  switch (result.kind) {
    case 'not-in-pair':
      return notYourPairing();
    case 'ended': {
      const partner = result.pair.partnerId === null ? 'Your partner' : mention(result.pair.partnerId);
      return `Your pairing has ended and ${partner} has been told. Thank you for your feedback — it goes to the programme admins only.`;
    }
    case 'already-ended':
      return result.feedbackStored
        ? 'This pairing had already ended. Thank you — your feedback is saved.'
        : 'This pairing had already ended, and you have already shared feedback on it. Thank you!';
  }
}

function feedbackAnswer(result: FeedbackResult): string {
  switch (result.kind) {
    case 'not-in-pair':
      return notYourPairing();
    case 'already-given':
      return 'You have already shared feedback on this pairing. Thank you!';
    case 'stored':
      return 'Thank you! Your feedback is saved; only the programme admins see comments.';
  }
}

function leaveAnswer(result: EraseResult): string {
  return result.erased
    ? 'You have left Mentor Circles and your data has been erased. Your partners have been told kindly. Thank you for taking part!'
    : 'There was nothing about you in Mentor Circles to erase.';
}
