// The error net around a self-service listener: an unexpected failure is logged and the person gets the
// apology that suits the entry point (an ephemeral for a command, a small modal for a Home button, the modal
// itself for a submission), never a stack trace and never silence.
import type { AckFn, ViewResponseAction, ViewSubmitAction } from '@slack/bolt';
import { errorSummary } from '../../errors';
import type { Logger } from '../../logger';
import { APOLOGY } from '../../views/apology';
import { noticeModal } from '../../views/self-service-modals';
import type { ListenerRoutes } from './listener-routes';
import type { SubcommandHandler } from './subcommand';
import { teamIdOf } from './team-id';

export interface ListenerGuard {
  logger: Logger;
  /** Logged with the failure: which entry point, which workspace. */
  fields: Record<string, unknown>;
  /** The log message. */
  failed: string;
  /** Tells the person. */
  apologise(): Promise<unknown>;
}

export async function runGuarded(guard: ListenerGuard, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    guard.logger.error({ ...guard.fields, err: errorSummary(error) }, guard.failed);
    await guard.apologise();
  }
}

/** Wraps an acknowledgement so the apology knows whether Slack already has one. */
export function watchAck<Ack extends (...args: never[]) => Promise<void>>(
  ack: Ack,
): { ack: Ack; acked(): boolean } {
  let acked = false;
  const watched = (async (...args: Parameters<Ack>) => {
    acked = true;
    await ack(...args);
  }) as Ack;
  return { ack: watched, acked: () => acked };
}

/**
 * A `/mentor` subcommand behind the guard: the apology goes in the acknowledgement when it has not been sent
 * yet (so Slack shows no timeout error), through response_url otherwise.
 */
export function guardedCommand(name: string, handler: SubcommandHandler): SubcommandHandler {
  return async (args) => {
    const watched = watchAck(args.ack);
    await runGuarded(
      {
        logger: args.context.logger,
        fields: { component: 'self-service', command: name, teamId: args.command.team_id },
        failed: 'command failed',
        async apologise() {
          const apology = { response_type: 'ephemeral' as const, text: APOLOGY };
          if (!watched.acked()) await args.ack(apology);
          else await args.respond({ ...apology, replace_original: false }).catch(() => undefined);
        },
      },
      () => handler({ ...args, ack: watched.ack }),
    );
  };
}

/** What a member's modal submission hands its handler. */
export interface MemberSubmission {
  ack: AckFn<ViewResponseAction>;
  teamId: string;
  userId: string;
  values: ViewSubmitAction['view']['state']['values'];
  privateMetadata: string;
}

/**
 * A member's modal submission behind the guard: before the answer the person sees the apology in the modal;
 * after it, the change is already stored.
 */
export function guardedSubmission(
  routes: ListenerRoutes,
  logger: Logger,
  log: { component: string; callbackId: string; failed?: string },
  handle: (submission: MemberSubmission) => Promise<void>,
): void {
  routes.submission(log.callbackId, async ({ ack, body, view }) => {
    const teamId = teamIdOf(body);
    const watched = watchAck(ack);
    await runGuarded(
      {
        logger,
        fields: { component: log.component, callbackId: log.callbackId, teamId },
        failed: log.failed ?? 'submission failed',
        apologise: async () => {
          if (!watched.acked()) await ack({ response_action: 'update', view: noticeModal('Sorry', APOLOGY) });
        },
      },
      () =>
        handle({
          ack: watched.ack,
          teamId,
          userId: body.user.id,
          values: view.state.values,
          privateMetadata: view.private_metadata,
        }),
    );
  });
}
