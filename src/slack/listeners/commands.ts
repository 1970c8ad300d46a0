import type { App } from '@slack/bolt';
import type { AppContext } from '../../composition/app-context';
import { parseMentorCommand, type SubcommandName } from '../../views/mentor-command';
import { settingsReader } from '../../composition/use-case-deps';
import { errorSummary } from '../../errors';
import { helpBlocks } from '../../views/help-view';
import { DEFAULT_PROGRAMME_INTRO, type ProgrammeIntro } from '../../views/home-view';
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
      await ack({ response_type: 'ephemeral', ...helpBlocks(undefined, await intro(command.team_id)) });
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

  /** The workspace's name and welcome for the help; the built-in ones if the settings cannot be read. */
  async function intro(teamId: string): Promise<ProgrammeIntro> {
    try {
      const settings = await settingsReader(context)(teamId);
      return { name: settings.programmeName, welcomeText: settings.welcomeText };
    } catch (error) {
      context.logger.warn({ component: 'help', teamId, err: errorSummary(error) }, 'settings not read');
      return DEFAULT_PROGRAMME_INTRO;
    }
  }
}
