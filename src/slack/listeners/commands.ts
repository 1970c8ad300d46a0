import type { App } from '@slack/bolt';
import type { AppContext } from '../app-context';
import { parseMentorCommand } from '../mentor-command';
import { helpBlocks } from '../views/help-view';

export function registerCommands(app: App, _context: AppContext): void {
  app.command('/mentor', async ({ command, ack }) => {
    const parsed = parseMentorCommand(command.text);
    switch (parsed.kind) {
      case 'help':
        await ack({ response_type: 'ephemeral', ...helpBlocks() });
        return;
      case 'unknown':
        await ack({ response_type: 'ephemeral', ...helpBlocks(parsed.word) });
        return;
      case 'subcommand':
        await ack({
          response_type: 'ephemeral',
          text: `\`/mentor ${parsed.name}\` is not available yet in this version of Mentor Circles.`,
        });
        return;
    }
  });
}
