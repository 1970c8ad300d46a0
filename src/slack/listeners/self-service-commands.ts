// /mentor status, pause, resume, end and leave.
import { selfServiceDeps, readParticipationDeps } from '../../composition/use-case-deps';
import { parsePauseLength } from '../../domain/pause';
import { pauseParticipation } from '../../use-cases/pause-participation';
import { participationSnapshot, runningPairs } from '../../use-cases/read-participation';
import { resumeParticipation } from '../../use-cases/resume-participation';
import {
  MODAL_OPEN_FAILED,
  NO_PAIRING,
  PAUSE_USAGE,
  pauseAnswer,
  resumeAnswer,
} from '../../views/self-service-answers';
import { endPairingModal, leaveModal } from '../../views/self-service-modals';
import { statusMessage } from '../../views/status-view';
import { guardedCommand } from './listener-guard';
import { openOrSay } from './open-modal';
import type { SubcommandHandler } from './subcommand';

export const handleStatus: SubcommandHandler = guardedCommand('status', async ({ command, ack, context }) => {
  const { snapshot, now, programmeName } = await participationSnapshot(
    readParticipationDeps(context),
    command.team_id,
    command.user_id,
  );
  await ack({ response_type: 'ephemeral', ...statusMessage(snapshot, now, programmeName) });
});

export const handlePause: SubcommandHandler = guardedCommand(
  'pause',
  async ({ command, args, ack, context }) => {
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
  },
);

export const handleResume: SubcommandHandler = guardedCommand('resume', async ({ command, ack, context }) => {
  await resumeParticipation(selfServiceDeps(context), command.team_id, command.user_id, {
    onStored: async (result) => {
      await ack({ response_type: 'ephemeral', text: resumeAnswer(result) });
    },
  });
});

export const handleEnd: SubcommandHandler = guardedCommand(
  'end',
  async ({ command, ack, respond, context }) => {
    const pairs = await runningPairs(readParticipationDeps(context), command.team_id, command.user_id);
    if (pairs.length === 0) {
      await ack({ response_type: 'ephemeral', text: NO_PAIRING });
      return;
    }
    await ack();
    await openOrSay(context, command.trigger_id, endPairingModal(pairs), () =>
      respond({ response_type: 'ephemeral', text: MODAL_OPEN_FAILED }),
    );
  },
);

export const handleLeave: SubcommandHandler = guardedCommand(
  'leave',
  async ({ command, ack, respond, context }) => {
    await ack();
    await openOrSay(context, command.trigger_id, leaveModal(), () =>
      respond({ response_type: 'ephemeral', text: MODAL_OPEN_FAILED }),
    );
  },
);
