// What a member reads about a cohort they joined by signing up inside its window.
import type { SlackMessage } from '../ports/messenger';
import { section } from './blocks';
import { slackDate } from './status-view';
import { escapeMrkdwn } from './text';

export function cohortJoinedText(cohort: { name: string; startsAt: Date }): string {
  return `:calendar: *You joined the cohort “${escapeMrkdwn(cohort.name)}”.* It starts on ${slackDate(cohort.startsAt)}: everyone who signed up is matched together then, and pairs begin their weekly prompts and their term together. Until then there is nothing else you need to do.`;
}

/** The sign-up confirmation with the cohort it joined, just above its closing hint. */
export function withCohortNote(
  message: SlackMessage,
  cohort: { name: string; startsAt: Date } | null | undefined,
): SlackMessage {
  if (cohort === null || cohort === undefined) return message;
  const blocks = [...(message.blocks ?? [])];
  blocks.splice(Math.max(0, blocks.length - 1), 0, section(cohortJoinedText(cohort)));
  return { text: `${message.text} You joined the cohort “${cohort.name}”.`, blocks };
}
