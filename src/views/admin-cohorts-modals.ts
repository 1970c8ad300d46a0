// The admin modals for cohorts: the workspace's cohorts, a page at a time, and the "Open a cohort" form. Days
// are shown and read in the admin's time zone, and both modals say which zone that is.
import type { ActionsBlock, InputBlock, KnownBlock, ModalView } from '@slack/types';
import {
  cohortDays,
  cohortStatus,
  cohortZone,
  COHORT_STATUS_LABELS,
  MAX_COHORT_NAME_LENGTH,
  TERM_WEEKS_BOUNDS,
  type Cohort,
  type CohortField,
} from '../domain/cohorts';
import { ADMIN_ACTIONS, ADMIN_CALLBACKS, ADMIN_FIELDS } from './admin-ids';
import { context, pageButtons, section } from './blocks';
import { escapeMrkdwn } from './text';

const plain = (text: string) => ({ type: 'plain_text' as const, text });

/** Cohorts shown per page: one section each, well inside a modal's block limit. */
export const COHORTS_PER_PAGE = 20;

/** The form's block ids, by the domain's field names: where each field's error is shown. */
export const COHORT_FORM_FIELDS: Record<CohortField, string> = {
  name: ADMIN_FIELDS.cohortName,
  opens: ADMIN_FIELDS.cohortOpens,
  closes: ADMIN_FIELDS.cohortCloses,
  starts: ADMIN_FIELDS.cohortStarts,
  termWeeks: ADMIN_FIELDS.cohortTermWeeks,
};

export interface CohortsListView {
  cohorts: readonly (Cohort & { offers: number; requests: number })[];
  now: Date;
  timeZone: string | null;
}

function zoneNote(timeZone: string | null): string {
  const zone = cohortZone(timeZone);
  return zone === timeZone
    ? `Days are in your time zone, ${zone}.`
    : 'Days are in UTC: Slack did not give your time zone.';
}

function signedUp(cohort: { offers: number; requests: number }): string {
  const total = cohort.offers + cohort.requests;
  if (total === 0) return 'nobody signed up yet';
  return `${total} signed up (${cohort.offers} offering, ${cohort.requests} asking)`;
}

export function cohortsModal(view: CohortsListView, page: number, note?: string): ModalView {
  const pageCount = Math.max(1, Math.ceil(view.cohorts.length / COHORTS_PER_PAGE));
  const current = Math.min(Math.max(0, page), pageCount - 1);
  const shown = view.cohorts.slice(current * COHORTS_PER_PAGE, (current + 1) * COHORTS_PER_PAGE);
  const blocks: KnownBlock[] = [];
  if (note !== undefined) blocks.push(context(escapeMrkdwn(note)));
  blocks.push(
    section(
      'Without a cohort the programme is *evergreen*: people are matched as they sign up. A *cohort* gathers everyone who signs up in its window and matches them all at once on its start day; their pairings start and run their term together.',
    ),
    context(
      view.cohorts.length === 0
        ? `No cohorts yet. ${zoneNote(view.timeZone)}`
        : `${view.cohorts.length} cohort${view.cohorts.length === 1 ? '' : 's'}, latest start first. Page ${current + 1} of ${pageCount}. ${zoneNote(view.timeZone)}`,
    ),
  );
  for (const cohort of shown) {
    const days = cohortDays(cohort, view.timeZone);
    const status = COHORT_STATUS_LABELS[cohortStatus(cohort, view.now)];
    blocks.push(
      section(
        [
          `*${escapeMrkdwn(cohort.name)}* · _${status}_`,
          `Sign-up ${days.opens} to ${days.lastDay} · starts ${days.starts} · ${cohort.termWeeks}-week term`,
          signedUp(cohort),
        ].join('\n'),
      ),
    );
  }
  const buttons = [
    {
      type: 'button' as const,
      action_id: ADMIN_ACTIONS.openCohort,
      text: plain('Open a cohort'),
      style: 'primary' as const,
    },
    ...pageButtons(ADMIN_ACTIONS.cohortsPage, current, pageCount),
  ];
  blocks.push({ type: 'actions', block_id: 'cohorts_actions', elements: buttons } as ActionsBlock);
  return { type: 'modal', title: plain('Cohorts'), close: plain('Close'), blocks };
}

export function openCohortModal(defaults: { termWeeks: number; timeZone: string | null }): ModalView {
  const datePicker = (blockId: string, label: string, hint: string): InputBlock => ({
    type: 'input',
    block_id: blockId,
    label: plain(label),
    hint: plain(hint),
    element: { type: 'datepicker', action_id: blockId },
  });
  const blocks: KnownBlock[] = [
    context(
      `${zoneNote(defaults.timeZone)} Sign-up opens at the start of its first day and closes at the end of its last; the cohort is matched at the start of its first day. Sign-up windows of two cohorts may not overlap.`,
    ),
    {
      type: 'input',
      block_id: ADMIN_FIELDS.cohortName,
      label: plain('Name'),
      element: {
        type: 'plain_text_input',
        action_id: ADMIN_FIELDS.cohortName,
        max_length: MAX_COHORT_NAME_LENGTH,
        placeholder: plain('e.g. Spring 2027'),
      },
    },
    datePicker(ADMIN_FIELDS.cohortOpens, 'Sign-up opens', 'The first day people can sign up for it.'),
    datePicker(ADMIN_FIELDS.cohortCloses, 'Sign-up closes', 'The last day people can sign up for it.'),
    datePicker(
      ADMIN_FIELDS.cohortStarts,
      'Starts',
      'After the last day of sign-up. Everyone is matched that day; a day or two before the weekly prompt day gives mentors time to accept before the first prompt.',
    ),
    {
      type: 'input',
      block_id: ADMIN_FIELDS.cohortTermWeeks,
      label: plain('Term in weeks'),
      hint: plain(
        `From ${TERM_WEEKS_BOUNDS.min} to ${TERM_WEEKS_BOUNDS.max}. Every pairing of the cohort runs its term from the start day.`,
      ),
      element: {
        type: 'plain_text_input',
        action_id: ADMIN_FIELDS.cohortTermWeeks,
        initial_value: String(defaults.termWeeks),
      },
    },
  ];
  return {
    type: 'modal',
    callback_id: ADMIN_CALLBACKS.openCohort,
    title: plain('Open a cohort'),
    submit: plain('Open'),
    close: plain('Cancel'),
    blocks,
  };
}

export function cohortOpened(cohort: Cohort, timeZone: string | null): string {
  const days = cohortDays(cohort, timeZone);
  return `Opened “${cohort.name}”: sign-up ${days.opens} to ${days.lastDay}, starts ${days.starts}, ${cohort.termWeeks}-week term.`;
}
