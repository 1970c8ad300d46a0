import type { KnownBlock } from '@slack/types';
import { SUBCOMMANDS } from './mentor-command';
import { section } from './blocks';
import { DEFAULT_PROGRAMME_INTRO, type ProgrammeIntro } from './home-view';
import { escapeMrkdwn } from './text';

export function helpBlocks(
  unknownWord?: string,
  programme: ProgrammeIntro = DEFAULT_PROGRAMME_INTRO,
): { text: string; blocks: KnownBlock[] } {
  const intro =
    unknownWord === undefined
      ? `${escapeMrkdwn(programme.name)} pairs colleagues for *reverse mentoring*: people earlier in their career teach senior leaders what they know better.`
      : `I don't know \`${escapeMrkdwn(unknownWord.slice(0, 40))}\`. Here is what \`/mentor\` can do:`;
  const welcome =
    unknownWord === undefined && programme.welcomeText !== null
      ? [section(escapeMrkdwn(programme.welcomeText))]
      : [];
  const lines = SUBCOMMANDS.map((command) => `\`${command.usage}\` — ${command.summary}`);
  return {
    text:
      unknownWord === undefined ? `${programme.name} help` : `Unknown command: ${unknownWord.slice(0, 40)}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: intro } },
      ...welcome,
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
