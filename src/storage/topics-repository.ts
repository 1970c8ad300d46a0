// The topic catalogue: the install-wide defaults (team_id '') plus each workspace's own additions.
import { inArray, sql, type Placeholder } from 'drizzle-orm';
import { once, prepareStatement } from './build-once';
import { cleanTopicName, topicNameKey } from '../domain/signup-form';
import { offeredTopics, topicForKey, visibleTopics, type CatalogueRow } from '../domain/topic-catalogue';
import type { Topic } from '../domain/signup';
import type { Db } from './database';
import { tablesOf } from './tables';
import { storeFor } from './store';

export interface TopicsRepository {
  /** What the offer and find forms offer: the workspace's topics that are not retired, sorted by name. */
  listCatalogue(teamId: string): Promise<Topic[]>;
  /** Every topic the workspace has, retired ones too, sorted by name. */
  listVisible(teamId: string): Promise<(Topic & { retired: boolean })[]>;
}

export function createTopicsRepository(db: Db): TopicsRepository {
  const store = storeFor(db);
  // Every offer and find form reads the catalogue: prepared once rather than built per call. Outside a
  // transaction a turn's connection is `db` itself on both databases (store.ts).
  const catalogueStatement = once(() => prepareStatement(db, catalogueSelect(db, sql.placeholder('teamId'))));
  const catalogueRows = async (teamId: string) =>
    toCatalogueRows(await store.run(() => catalogueStatement().execute({ teamId })));
  const sorted = (rows: CatalogueRow[]) =>
    [...rows].sort((a, b) => (a.nameKey < b.nameKey ? -1 : a.nameKey > b.nameKey ? 1 : a.id - b.id));
  return {
    async listCatalogue(teamId) {
      return sorted(offeredTopics(await catalogueRows(teamId), teamId)).map(({ id, name }) => ({ id, name }));
    },
    async listVisible(teamId) {
      const rows = await catalogueRows(teamId);
      return sorted(visibleTopics(rows, teamId)).map(({ id, name, retired }) => ({ id, name, retired }));
    },
  };
}

/** The stored rows of a workspace's catalogue: the defaults and its own, hidden ones included. */
export async function catalogueRowsIn(q: Db, teamId: string): Promise<CatalogueRow[]> {
  return toCatalogueRows(await catalogueSelect(q, teamId));
}

function catalogueSelect(q: Db, teamId: string | Placeholder) {
  const { topics } = tablesOf(q);
  return q
    .select({
      id: topics.id,
      teamId: topics.teamId,
      name: topics.name,
      nameKey: topics.nameKey,
      sourceTopicId: topics.sourceTopicId,
      mergedIntoId: topics.mergedIntoId,
      retiredAt: topics.retiredAt,
    })
    .from(topics)
    .where(inArray(topics.teamId, catalogueTeams(teamId)));
}

function toCatalogueRows(rows: Awaited<ReturnType<typeof catalogueSelect>>): CatalogueRow[] {
  return rows.map(({ retiredAt, ...row }) => ({ ...row, retired: retiredAt !== null }));
}

/**
 * The ids of these names in the workspace's catalogue, adding the ones it lacks to the workspace's own
 * topics. A name matches an existing topic (a default or the workspace's) when their keys are equal, so
 * "Generative AI Tools" reuses "Generative AI tools". Call inside the caller's transaction, with its `tx`.
 */
export async function ensureTopicsIn(tx: Db, teamId: string, names: readonly string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const raw of names) {
    const name = cleanTopicName(raw);
    const nameKey = topicNameKey(name);
    const existing = topicForKey(await catalogueRowsIn(tx, teamId), teamId, nameKey);
    const id = existing ?? (await insertTopic(tx, teamId, name, nameKey));
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

async function insertTopic(tx: Db, teamId: string, name: string, nameKey: string): Promise<number> {
  const { topics } = tablesOf(tx);
  const [inserted] = await tx.insert(topics).values({ teamId, name, nameKey }).returning({ id: topics.id });
  return inserted!.id;
}

/** The topic names for these ids, keeping only the workspace's topics (retired ones too, not hidden ones). */
export async function topicNamesIn(
  tx: Db,
  teamId: string,
  ids: readonly number[],
): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const wanted = new Set(ids);
  const rows = visibleTopics(await catalogueRowsIn(tx, teamId), teamId).filter((row) => wanted.has(row.id));
  return new Map(rows.map((row) => [row.id, row.name]));
}

function catalogueTeams(teamId: string | Placeholder): (string | Placeholder)[] {
  return ['', teamId];
}
