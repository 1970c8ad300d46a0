// The first message in a new pair's group DM: who is who, why they were matched and how reverse mentoring
// works, so neither has to guess what to do next.
import type { KnownBlock } from '@slack/types';
import type { SlackMessage } from '../ports/messenger';
import { describePerson, quote, topicList, type ProposalPerson } from './proposal-messages';
import { mention } from './text';
import { section } from './blocks';

export interface IntroductionView {
  mentor: ProposalPerson;
  mentee: ProposalPerson;
  sharedTopics: readonly string[];
  goals: string | null;
}

export function introductionMessage(view: IntroductionView): SlackMessage {
  const mentor = mention(view.mentor.userId);
  const mentee = mention(view.mentee.userId);
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Meet your reverse-mentoring partner' } },
    section(
      [
        `:wave: ${mentor} and ${mentee}, you are now a reverse-mentoring pair.`,
        `• *Mentor:* ${mentor} · ${describePerson(view.mentor)}`,
        `• *Mentee:* ${mentee} · ${describePerson(view.mentee)}`,
      ].join('\n'),
    ),
    section(`*You both want to talk about:* ${topicList(view.sharedTopics)}`),
  ];
  if (view.goals !== null && view.goals.trim() !== '') {
    blocks.push(section(`*What ${mentee} hopes to get out of it:*\n${quote(view.goals)}`));
  }
  blocks.push(
    section(
      [
        '*A few ground rules*',
        '• *Confidentiality:* what you share here stays between the two of you.',
        `• ${mentee}, *you book the first meeting*: send ${mentor} an invitation in the next week or so.`,
        '• Meet for *45–60 minutes every two to four weeks*; keep it regular rather than long.',
        `• *Both sides learn:* ${mentor} teaches what they know better, and ${mentee} shares how leadership looks from the inside.`,
      ].join('\n'),
    ),
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: 'I will post one discussion question here each week to get you going. Use `/mentor end` when you want to wrap up.',
        },
      ],
    },
  );
  return {
    text: `Meet your reverse-mentoring partner: ${mentor} (mentor) and ${mentee} (mentee).`,
    blocks,
  };
}
