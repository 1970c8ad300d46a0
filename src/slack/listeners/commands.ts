import type { App } from '@slack/bolt';
import type { AppContext } from '../../composition/app-context';
import { parseMentorCommand, type SubcommandName } from '../../views/mentor-command';
import { helpBlocks } from '../../views/help-view';
import { handleFind, handleOffer } from './offer-find-listeners';
import { handleReportCommand } from './report-listeners';
import { handleEnd, handleLeave, handlePause, handleResume, handleStatus } from './self-service-commands';
import type { SubcommandHandler } from './subcommand';

// Each feature's listener module exports its handlers; this table is the whole /mentor surface.
const HANDLERS: Partial<Record<SubcommandName, SubcommandHandler>> = {
  offer: handleOffer,
  find: handleFind,
  report: handleReportCommand,
  status: handleStatus,
  pause: handlePause,
  resume: handleResume,
  end: handleEnd,
  leave: handleLeave,
};

export function registerCommands(app: App, context: AppContext): void {
  app.command('/mentor', async ({ command, ack, respond }) => {
    const parsed = parseMentorCommand(command.text);
    if (parsed.kind === 'help') {
      await ack({ response_type: 'ephemeral', ...helpBlocks() });
      return;
    }
    if (parsed.kind === 'unknown') {
      await ack({ response_type: 'ephemeral', ...helpBlocks(parsed.word) });
      return;
    }
    const handler = HANDLERS[parsed.name];
    if (handler === undefined) {
      await ack({ response_type: 'ephemeral', ...helpBlocks(parsed.name) });
      return;
    }
    await handler({ command, args: parsed.args, ack, respond, context });
  });
}
