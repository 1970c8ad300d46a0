// The App Home tab: the person's status (the same builder as /mentor status), the buttons to act on it, and
// for programme admins the headline figures of the report.
import type { Button, HomeView, KnownBlock } from '@slack/types';
import { isPaused } from '../domain/pause';
import { DEFAULT_PROGRAMME_NAME } from '../domain/programme-settings';
import type { ReportFigures } from '../domain/report-figures';
import type { ParticipationSnapshot } from '../domain/participation';
import { SELF_SERVICE_ACTIONS } from './self-service-ids';
import { isNewcomer, statusBlocks } from './status-view';
import { escapeMrkdwn, truncate } from './text';
import { ADMIN_HOME_BUTTONS } from './admin-ids';
import { field, SECTION_TEXT_MAX } from './blocks';

export interface HomeInput {
  snapshot: ParticipationSnapshot;
  now: Date;
  /** The report's figures when the person is a programme admin; null otherwise. */
  adminFigures: ReportFigures | null;
  /** The workspace's programme name and welcome text; the built-in ones when not given. */
  programme?: ProgrammeIntro;
}

export interface ProgrammeIntro {
  name: string;
  welcomeText: string | null;
}

const BUILT_IN_INTRODUCTION =
  'Reverse mentoring: colleagues earlier in their career teach senior leaders what they know better.';

export const DEFAULT_PROGRAMME_INTRO: ProgrammeIntro = { name: DEFAULT_PROGRAMME_NAME, welcomeText: null };

export function homeView({
  snapshot,
  now,
  adminFigures,
  programme = DEFAULT_PROGRAMME_INTRO,
}: HomeInput): HomeView {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(programme.name, 150) } },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text:
            programme.welcomeText === null
              ? BUILT_IN_INTRODUCTION
              : truncate(escapeMrkdwn(programme.welcomeText), SECTION_TEXT_MAX),
        },
      ],
    },
    ...statusBlocks(snapshot, { now, endButtons: true }),
    { type: 'actions', block_id: 'home_actions', elements: actionButtons(snapshot, now) },
  ];
  if (adminFigures !== null) blocks.push(...adminBlocks(adminFigures));
  return { type: 'home', blocks };
}

/**
 * What the Home tab shows right after someone has left: nothing about them remains. It names the workspace's
 * programme, as the Home tab did before they left.
 */
export function leftHomeView(programmeName: string = DEFAULT_PROGRAMME_NAME): HomeView {
  return {
    type: 'home',
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: truncate(programmeName, 150) } },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `You have left ${escapeMrkdwn(programmeName)} and your data has been erased. You are welcome back any time.`,
        },
      },
      {
        type: 'actions',
        block_id: 'home_actions',
        elements: [
          button('Offer mentoring', SELF_SERVICE_ACTIONS.offer),
          button('Find a mentor', SELF_SERVICE_ACTIONS.find),
        ],
      },
    ],
  };
}

function actionButtons(snapshot: ParticipationSnapshot, now: Date): Button[] {
  const buttons: Button[] = [
    button(snapshot.offer === null ? 'Offer mentoring' : 'Edit my offer', SELF_SERVICE_ACTIONS.offer),
    button(snapshot.request === null ? 'Find a mentor' : 'Edit my request', SELF_SERVICE_ACTIONS.find),
  ];
  const paused = snapshot.member !== null && isPaused(snapshot.member, now);
  // A stored profile alone (say, an admin who only ran the report) has nothing to pause.
  if (snapshot.member !== null && (paused || !isNewcomer(snapshot))) {
    buttons.push(
      paused
        ? button('Resume', SELF_SERVICE_ACTIONS.resume, 'primary')
        : button('Pause', SELF_SERVICE_ACTIONS.pause),
    );
  }
  if (snapshot.pairs.length > 0) buttons.push(button('End a pairing', SELF_SERVICE_ACTIONS.end));
  if (snapshot.member !== null || !isNewcomer(snapshot)) {
    buttons.push(button('Leave the programme', SELF_SERVICE_ACTIONS.leave, 'danger'));
  }
  return buttons;
}

function adminBlocks(figures: ReportFigures): KnownBlock[] {
  const p = figures.participants;
  const rating =
    figures.feedback.averageRating === null
      ? 'no ratings yet'
      : `${figures.feedback.averageRating.toFixed(1)} / 5 (${figures.feedback.count})`;
  const shortage = figures.topics.find((topic) => topic.gap > 0);
  return [
    { type: 'divider' },
    { type: 'header', text: { type: 'plain_text', text: 'Programme at a glance' } },
    {
      type: 'section',
      fields: [
        field('Mentors with an open offer', p.mentorsOpen),
        field('Mentees waiting', p.menteesWaiting),
        field('Proposals pending', p.proposalsPending),
        field('Pairs active / paused / ended', `${p.pairsActive} / ${p.pairsPaused} / ${p.pairsEnded}`),
        field('Average rating', rating),
        field(
          'Largest shortage',
          shortage === undefined
            ? 'none'
            : `${truncate(escapeMrkdwn(shortage.topic), 200)} (${shortage.gap} more mentee${shortage.gap === 1 ? '' : 's'} than mentors)`,
        ),
      ],
    },
    {
      type: 'actions',
      block_id: 'home_admin_actions',
      // One button per admin feature; a feature adds its own to ADMIN_HOME_BUTTONS.
      elements: ADMIN_HOME_BUTTONS.map((admin) => button(admin.text, admin.actionId)),
    },
  ];
}

function button(text: string, actionId: string, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text },
    ...(style === undefined ? {} : { style }),
  };
}
