// A workspace's topic catalogue as admins curate it: the install-wide defaults plus the workspace's own topics,
// where the workspace's copy of a default hides that default, a merged topic is hidden (its name leads to the
// topic it was merged into), and a retired topic stays listed for admins but is no longer offered in the forms.
import { cleanTopicName, topicNameKey } from './signup-form';

/** The longest topic name an admin can give (an option's text in Slack holds 75 characters). */
export const MAX_TOPIC_NAME_LENGTH = 60;

/** One row of the catalogue as stored, defaults (teamId '') and the workspace's own alike. */
export interface CatalogueRow {
  id: number;
  teamId: string;
  name: string;
  nameKey: string;
  /** The default this row is the workspace's copy of. */
  sourceTopicId: number | null;
  mergedIntoId: number | null;
  retired: boolean;
}

/** The topics a workspace has: its copies hide their defaults, merged topics are gone. Retired ones stay. */
export function visibleTopics(rows: readonly CatalogueRow[], teamId: string): CatalogueRow[] {
  const copied = new Set(
    rows.filter((row) => row.teamId === teamId && row.sourceTopicId !== null).map((row) => row.sourceTopicId),
  );
  return rows.filter(
    (row) => (row.teamId === '' ? !copied.has(row.id) : row.teamId === teamId) && row.mergedIntoId === null,
  );
}

/** What the offer and find forms offer: the visible topics that are not retired. */
export function offeredTopics(rows: readonly CatalogueRow[], teamId: string): CatalogueRow[] {
  return visibleTopics(rows, teamId).filter((row) => !row.retired);
}

/**
 * The topic a name leads to in this workspace, or null when it is new: a visible topic of that name (a default
 * before the workspace's own, as before), else the topic a merged or copied one of that name now lives on as.
 */
export function topicForKey(rows: readonly CatalogueRow[], teamId: string, nameKey: string): number | null {
  const visible = visibleTopics(rows, teamId).filter((row) => row.nameKey === nameKey);
  const chosen = visible.find((row) => row.teamId === '') ?? visible[0];
  if (chosen !== undefined) return chosen.id;
  const own = rows.filter((row) => row.teamId === teamId);
  const follow = (row: CatalogueRow | undefined): number | null =>
    row === undefined ? null : (row.mergedIntoId ?? row.id);
  const merged = own.find((row) => row.nameKey === nameKey && row.mergedIntoId !== null);
  if (merged !== undefined) return follow(merged);
  const copiedDefault = rows.find((row) => row.teamId === '' && row.nameKey === nameKey);
  if (copiedDefault === undefined) return null;
  return follow(own.find((row) => row.sourceTopicId === copiedDefault.id));
}

export type TopicNameCheck = { ok: true; name: string; nameKey: string } | { ok: false; problem: string };

/**
 * A name an admin typed for a new topic or a rename (`selfId`): not empty, not too long, and not a name the
 * workspace already has (in any letter case) unless it is the topic's own.
 */
export function checkTopicName(
  rows: readonly CatalogueRow[],
  teamId: string,
  raw: string,
  selfId: number | null = null,
): TopicNameCheck {
  const name = cleanTopicName(raw);
  if (name === '') return { ok: false, problem: 'Give the topic a name.' };
  const length = [...name].length;
  if (length > MAX_TOPIC_NAME_LENGTH)
    return { ok: false, problem: `Keep the name to ${MAX_TOPIC_NAME_LENGTH} characters (it has ${length}).` };
  const nameKey = topicNameKey(name);
  const existing = topicForKey(rows, teamId, nameKey);
  if (existing !== null && existing !== selfId) {
    const current = rows.find((row) => row.id === existing)?.name ?? name;
    return { ok: false, problem: `There is already a topic called “${current}”.` };
  }
  return { ok: true, name, nameKey };
}
