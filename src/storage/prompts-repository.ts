// The prompt library: the install-wide questions (team_id '', seeded from the #SMchat) plus any a workspace
// adds of its own. Position orders the library; disabling keeps the row so past deliveries still point at it.
import { and, asc, eq, inArray, max } from 'drizzle-orm';
import type { Db } from './database';
import { tablesOf } from './tables';
import { storeFor } from './store';

/** The install-wide library, shared by every workspace. */
export const INSTALL_WIDE = '';

export interface Prompt {
  id: number;
  teamId: string;
  position: number;
  text: string;
  enabled: boolean;
}

export interface PromptsRepository {
  /** What a workspace's pairs can be sent: the install-wide library and the workspace's own, in order. */
  libraryFor(teamId: string): Promise<Prompt[]>;
  /** One library (install-wide when teamId is ''), in position order. */
  list(teamId: string): Promise<Prompt[]>;
  find(teamId: string, id: number): Promise<Prompt | null>;
  /** Appends a prompt after the last one. */
  add(teamId: string, text: string): Promise<Prompt>;
  /** False when there is no such prompt. */
  setEnabled(teamId: string, id: number, enabled: boolean): Promise<boolean>;
  /** Moves a prompt to a 1-based position (clamped) and renumbers the library 1..n. False when unknown. */
  move(teamId: string, id: number, position: number): Promise<boolean>;
}

export function createPromptsRepository(db: Db): PromptsRepository {
  const { prompts } = tablesOf(db);
  const promptColumns = {
    id: prompts.id,
    teamId: prompts.teamId,
    position: prompts.position,
    text: prompts.text,
    enabled: prompts.enabled,
  };
  const store = storeFor(db);
  const list = (teamIds: string[]) =>
    store.run((q) =>
      q
        .select(promptColumns)
        .from(prompts)
        .where(inArray(prompts.teamId, teamIds))
        // The install-wide questions come first; a workspace's own follow them.
        .orderBy(asc(prompts.teamId), asc(prompts.position), asc(prompts.id)),
    );

  return {
    async libraryFor(teamId) {
      return list(teamId === INSTALL_WIDE ? [INSTALL_WIDE] : [INSTALL_WIDE, teamId]);
    },
    async list(teamId) {
      return list([teamId]);
    },
    async find(teamId, id) {
      return (await list([teamId])).find((prompt) => prompt.id === id) ?? null;
    },
    async add(teamId, text) {
      return store.transaction(async (tx) => {
        const [last] = await tx
          .select({ position: max(prompts.position) })
          .from(prompts)
          .where(eq(prompts.teamId, teamId))
          .limit(1);
        const [added] = await tx
          .insert(prompts)
          .values({ teamId, text, position: (last?.position ?? 0) + 1, enabled: true })
          .returning(promptColumns);
        return added!;
      }, 'write');
    },
    async setEnabled(teamId, id, enabled) {
      const updated = await store.run((q) =>
        q
          .update(prompts)
          .set({ enabled })
          .where(and(eq(prompts.teamId, teamId), eq(prompts.id, id)))
          .returning({ id: prompts.id }),
      );
      return updated.length === 1;
    },
    async move(teamId, id, position) {
      return store.transaction(async (tx) => {
        const ordered = (
          await tx
            .select({ id: prompts.id })
            .from(prompts)
            .where(eq(prompts.teamId, teamId))
            .orderBy(asc(prompts.position), asc(prompts.id))
        ).map((row) => row.id);
        const from = ordered.indexOf(id);
        if (from === -1) return false;
        ordered.splice(from, 1);
        const to = Math.min(Math.max(position, 1), ordered.length + 1) - 1;
        ordered.splice(to, 0, id);
        for (const [index, promptId] of ordered.entries()) {
          await tx
            .update(prompts)
            .set({ position: index + 1 })
            .where(and(eq(prompts.teamId, teamId), eq(prompts.id, promptId)));
        }
        return true;
      }, 'write');
    },
  };
}
