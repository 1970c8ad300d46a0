// The topic catalogue: the install-wide defaults (team_id '') plus each workspace's own additions.
import { and, eq, inArray } from 'drizzle-orm';
import { cleanTopicName, topicNameKey } from '../domain/signup-form';
import type { Topic } from '../domain/signup';
import type { Db } from './database';
import { tablesOf } from './tables';
import { storeFor } from './store';

export interface TopicsRepository {
  /** The workspace's whole catalogue, defaults included, sorted by name. */
  listCatalogue(teamId: string): Promise<Topic[]>;
}

export function createTopicsRepository(db: Db): TopicsRepository {
  const { topics } = tablesOf(db);
  const store = storeFor(db);
  return {
    async listCatalogue(teamId) {
      return store.run((q) =>
        q
          .select({ id: topics.id, name: topics.name })
          .from(topics)
          .where(inArray(topics.teamId, catalogueTeams(teamId)))
          .orderBy(topics.nameKey, topics.id),
      );
    },
  };
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
    const existing = await findByKey(tx, teamId, nameKey);
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

async function findByKey(tx: Db, teamId: string, nameKey: string): Promise<number | null> {
  const { topics } = tablesOf(tx);
  const rows = await tx
    .select({ id: topics.id, teamId: topics.teamId })
    .from(topics)
    .where(and(inArray(topics.teamId, catalogueTeams(teamId)), eq(topics.nameKey, nameKey)));
  // A workspace topic could share a key with a default added later by a migration: prefer the default.
  const chosen = rows.find((row) => row.teamId === '') ?? rows[0];
  return chosen?.id ?? null;
}

/** The topic names for these ids, keeping only the workspace's catalogue. */
export async function topicNamesIn(
  tx: Db,
  teamId: string,
  ids: readonly number[],
): Promise<Map<number, string>> {
  const { topics } = tablesOf(tx);
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: topics.id, name: topics.name })
    .from(topics)
    .where(and(inArray(topics.teamId, catalogueTeams(teamId)), inArray(topics.id, [...ids])));
  return new Map(rows.map((row) => [row.id, row.name]));
}

function catalogueTeams(teamId: string): string[] {
  return ['', teamId];
}
