// The one gate every admin entry point goes through. The caller's rights are checked at the moment of the
// action, every time (a button drawn for an admin may be clicked after their rights were taken away, or be
// forged), with the same check as /mentor report. Someone who is not an admin gets a short private answer,
// nothing is changed or read for them, and the refusal is logged. A new admin feature registers its buttons
// and modal submissions with registerAdminButton and registerAdminSubmission, never with the routes directly.
import type { AckFn, ViewResponseAction, ViewSubmitAction } from '@slack/bolt';
import type { View } from '@slack/types';
import type { AppContext } from '../../composition/app-context';
import { homeDeps, programmeAdminDeps } from '../../composition/use-case-deps';
import { errorSummary } from '../../errors';
import { isProgrammeAdmin } from '../../use-cases/check-programme-admin';
import { publishHome } from '../../use-cases/publish-home';
import { ADMIN_ONLY } from '../../views/admin-ids';
import { APOLOGY } from '../../views/apology';
import { noticeModal } from '../../views/self-service-modals';
import { runGuarded, watchAck } from './listener-guard';
import type { ListenerRoutes } from './listener-routes';
import { openOrSay } from './open-modal';
import { replyPrivately } from './private-reply';
import { teamIdOf } from './team-id';

export interface AdminClick {
  teamId: string;
  userId: string;
  triggerId: string;
  value: string;
  /** The modal the button is in, when it is in one (its content can then be replaced). */
  modalViewId: string | null;
}

export interface AdminSubmission {
  ack: AckFn<ViewResponseAction>;
  teamId: string;
  userId: string;
  values: ViewSubmitAction['view']['state']['values'];
  privateMetadata: string;
}

/** What a refused person reads; the default suits every admin action. */
export interface Refusal {
  title: string;
  text: string;
}

const DEFAULT_REFUSAL: Refusal = { title: 'Programme admins', text: ADMIN_ONLY };

/** True when the caller is a programme admin now; logs the refusal otherwise. */
export async function callerIsProgrammeAdmin(
  context: AppContext,
  teamId: string,
  userId: string,
  entry: string,
): Promise<boolean> {
  const admin = await isProgrammeAdmin(programmeAdminDeps(context), teamId, userId);
  if (!admin) context.logger.warn({ component: 'admin', teamId, entry }, 'admin action refused');
  return admin;
}

export function registerAdminButton(
  routes: ListenerRoutes,
  context: AppContext,
  actionId: string,
  handle: (click: AdminClick) => Promise<void>,
  refusal: Refusal = DEFAULT_REFUSAL,
): void {
  routes.button(actionId, async ({ ack, body, action, respond }) => {
    await ack();
    const teamId = teamIdOf(body);
    const view = body.view as { id?: string; type?: string } | undefined;
    const modalViewId = view?.type === 'modal' && typeof view.id === 'string' ? view.id : null;
    const answer = async (title: string, text: string) => {
      if (body.container?.type === 'message') await replyPrivately(respond, text);
      else
        await showAdminModal(context, { triggerId: body.trigger_id, modalViewId }, noticeModal(title, text));
    };
    await runGuarded(
      {
        logger: context.logger,
        fields: { component: 'admin', actionId, teamId },
        failed: 'admin button failed',
        apologise: () => answer('Sorry', APOLOGY),
      },
      async () => {
        if (!(await callerIsProgrammeAdmin(context, teamId, body.user.id, actionId))) {
          await answer(refusal.title, refusal.text);
          // A Home tab drawn while they were an admin loses its admin section.
          if (view?.type === 'home') await publishHome(homeDeps(context), teamId, body.user.id);
          return;
        }
        await handle({
          teamId,
          userId: body.user.id,
          triggerId: body.trigger_id,
          value: action.value ?? '',
          modalViewId,
        });
      },
    );
  });
}

export function registerAdminSubmission(
  routes: ListenerRoutes,
  context: AppContext,
  callbackId: string,
  handle: (submission: AdminSubmission) => Promise<void>,
): void {
  routes.submission(callbackId, async ({ ack, body, view }) => {
    const teamId = teamIdOf(body);
    const watched = watchAck(ack);
    const replace = (title: string, text: string) =>
      watched.ack({ response_action: 'update', view: noticeModal(title, text) });
    await runGuarded(
      {
        logger: context.logger,
        fields: { component: 'admin', callbackId, teamId },
        failed: 'admin submission failed',
        apologise: async () => {
          if (!watched.acked()) await replace('Sorry', APOLOGY);
        },
      },
      async () => {
        if (!(await callerIsProgrammeAdmin(context, teamId, body.user.id, callbackId))) {
          await replace(DEFAULT_REFUSAL.title, DEFAULT_REFUSAL.text);
          return;
        }
        await handle({
          ack: watched.ack,
          teamId,
          userId: body.user.id,
          values: view.state.values,
          privateMetadata: view.private_metadata,
        });
      },
    );
  });
}

/** Opens an admin modal from a click; a Slack refusal (an expired trigger) is logged by openOrSay. */
export function openAdminModal(
  context: AppContext,
  click: Pick<AdminClick, 'triggerId'>,
  view: View,
): Promise<void> {
  return openOrSay(context, click.triggerId, view, async () => undefined);
}

/**
 * Shows `view` where the click came from: a button inside a modal redraws that modal; from anywhere else, or
 * when the modal is gone (closed, or a forged view id), it opens a new one.
 */
export async function showAdminModal(
  context: AppContext,
  click: Pick<AdminClick, 'triggerId' | 'modalViewId'>,
  view: View,
): Promise<void> {
  if (click.modalViewId !== null) {
    try {
      await context.messenger.updateModal(click.modalViewId, view);
      return;
    } catch (error) {
      context.logger.warn({ component: 'admin', err: errorSummary(error) }, 'could not update a modal');
    }
  }
  await openAdminModal(context, click, view);
}
