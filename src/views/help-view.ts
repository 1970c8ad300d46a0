import type { KnownBlock } from '@slack/types';
import { SUBCOMMANDS } from './mentor-command';
import { escapeMrkdwn } from './text';

export function helpBlocks(unknownWord?: string): { text: string; blocks: KnownBlock[] } {
  const intro =
    unknownWord === undefined
      ? 'Mentor Circles pairs colleagues for *reverse mentoring*: people earlier in their career teach senior leaders what they know better.'
      : `I don't know \`${escapeMrkdwn(unknownWord.slice(0, 40))}\`. Here is what \`/mentor\` can do:`;
  const lines = SUBCOMMANDS.map((command) => `\`${command.usage}\` — ${command.summary}`);
  return {
    text: unknownWord === undefined ? 'Mentor Circles help' : `Unknown command: ${unknownWord.slice(0, 40)}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: intro } },
      { type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: 'Your conversations stay between you and your partner: the app only notes that you answered.',
          },
        ],
      },
    ],
  };
}
