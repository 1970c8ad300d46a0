// The prompt library: the install-wide questions (team_id '', seeded from the #SMchat, edited with the CLI) plus
// any a workspace adds of its own. Once a workspace's admin changes the library in Slack, the workspace keeps its
// own order, on/off and wording in workspace_prompts, so the install-wide questions stay as they are for every
// other workspace. A prompt keeps its id whatever is changed, so "never the same prompt twice" still holds, and a
// delivery keeps the text it was sent with. Every change is audited in its own transaction.
import { and, asc, eq, inArray, max } from 'drizzle-orm';
import { recordAuditIn } from './audit-log';
import type { Db } from './database';
import { tablesOf } from './tables';
import { storeFor } from './store';

/** The install-wide library, shared by every workspace. */
export const INSTALL_WIDE = '';

export interface Prompt {
  id: number;
  teamId: string;
  /** Its place in the library as the workspace sees it, from 1. */
  position: number;
  text: string;
  enabled: boolean;
}

/** Who changes the library, and when: every change is audited. */
export interface LibraryChangeBy {
  actorId: string;
  at: Date;
}

export interface PromptChange {
  text?: string;
  /** 1-based; clamped to the library. */
  position?: number;
  enabled?: boolean;
}

export interface PromptsRepository {
  /** What a workspace's pairs can be sent, disabled prompts included, in order. */
  libraryFor(teamId: string): Promise<Prompt[]>;
  /** The library as `teamId` sees it (install-wide when ''), in order: the same as libraryFor. */
  list(teamId: string): Promise<Prompt[]>;
  find(teamId: string, id: number): Promise<Prompt | null>;
  /** Appends a prompt after the last one. */
  add(teamId: string, text: string, by: LibraryChangeBy): Promise<Prompt>;
  /** Changes what is given, in one transaction. Null when there is no such prompt. */
  change(teamId: string, id: number, change: PromptChange, by: LibraryChangeBy): Promise<Prompt | null>;
  /** False when there is no such prompt. */
  setEnabled(teamId: string, id: number, enabled: boolean, by: LibraryChangeBy): Promise<boolean>;
  /** Moves a prompt to a 1-based position (clamped) and renumbers the library 1..n. False when unknown. */
  move(teamId: string, id: number, position: number, by: LibraryChangeBy): Promise<boolean>;
}

export function createPromptsRepository(db: Db): PromptsRepository {
  const store = storeFor(db);
  const change: PromptsRepository['change'] = (teamId, id, wanted, by) =>
    store.transaction((tx) => changeIn(tx, teamId, id, wanted, by), 'write');
  return {
    libraryFor: (teamId) => store.transaction((tx) => libraryIn(tx, teamId), 'read'),
    list: (teamId) => store.transaction((tx) => libraryIn(tx, teamId), 'read'),
    async find(teamId, id) {
      return (
        (await store.transaction((tx) => libraryIn(tx, teamId), 'read')).find((p) => p.id === id) ?? null
      );
    },
    add: (teamId, text, by) =>
      store.transaction(async (tx) => {
        const { prompts } = tablesOf(tx);
        const [last] = await tx
          .select({ position: max(prompts.position) })
          .from(prompts)
          .where(eq(prompts.teamId, teamId))
          .limit(1);
        const [added] = await tx
          .insert(prompts)
          .values({ teamId, text, position: (last?.position ?? 0) + 1, enabled: true })
          .returning({ id: prompts.id });
        // A workspace with its own order gets the new prompt at the end of it.
        if (teamId !== INSTALL_WIDE && (await hasOwnOrder(tx, teamId))) await takeOwnOrder(tx, teamId);
        await recordAuditIn(tx, {
          teamId,
          actorId: by.actorId,
          action: 'prompt.added',
          subject: String(added!.id),
          before: null,
          after: { text },
          at: by.at,
        });
        const prompt = (await libraryIn(tx, teamId)).find((p) => p.id === added!.id);
        return prompt!;
      }, 'write'),
    change,
    async setEnabled(teamId, id, enabled, by) {
      return (await change(teamId, id, { enabled }, by)) !== null;
    },
    async move(teamId, id, position, by) {
      return (await change(teamId, id, { position }, by)) !== null;
    },
  };
}

type PromptRow = Prompt;

async function baseRows(tx: Db, teamIds: string[]): Promise<PromptRow[]> {
  const { prompts } = tablesOf(tx);
  return (
    tx
      .select({
        id: prompts.id,
        teamId: prompts.teamId,
        position: prompts.position,
        text: prompts.text,
        enabled: prompts.enabled,
      })
      .from(prompts)
      .where(inArray(prompts.teamId, teamIds))
      // The install-wide questions come first; a workspace's own follow them.
      .orderBy(asc(prompts.teamId), asc(prompts.position), asc(prompts.id))
  );
}

async function ownOrderRows(tx: Db, teamId: string) {
  const { workspacePrompts } = tablesOf(tx);
  return tx
    .select({
      promptId: workspacePrompts.promptId,
      position: workspacePrompts.position,
      enabled: workspacePrompts.enabled,
      text: workspacePrompts.text,
    })
    .from(workspacePrompts)
    .where(eq(workspacePrompts.teamId, teamId))
    .orderBy(asc(workspacePrompts.position), asc(workspacePrompts.promptId));
}

async function hasOwnOrder(tx: Db, teamId: string): Promise<boolean> {
  return (await ownOrderRows(tx, teamId)).length > 0;
}

/**
 * The library as the workspace sees it: the install-wide and its own prompts, in the workspace's own order with
 * its own wording and on/off once it has them (a prompt added since comes at the end), positions 1..n.
 */
async function libraryIn(tx: Db, teamId: string): Promise<Prompt[]> {
  if (teamId === INSTALL_WIDE) return baseRows(tx, [INSTALL_WIDE]);
  const base = await baseRows(tx, [INSTALL_WIDE, teamId]);
  const own = await ownOrderRows(tx, teamId);
  if (own.length === 0) return base.map((prompt, index) => ({ ...prompt, position: index + 1 }));
  const byId = new Map(base.map((prompt) => [prompt.id, prompt]));
  const ordered: Prompt[] = [];
  for (const row of own) {
    const prompt = byId.get(row.promptId);
    if (prompt === undefined) continue;
    ordered.push({ ...prompt, text: row.text ?? prompt.text, enabled: row.enabled });
    byId.delete(row.promptId);
  }
  ordered.push(...byId.values());
  return ordered.map((prompt, index) => ({ ...prompt, position: index + 1 }));
}

/** Writes the workspace's library as it sees it now into its own order, so it can be changed there. */
async function takeOwnOrder(tx: Db, teamId: string): Promise<void> {
  const library = await libraryIn(tx, teamId);
  const own = new Map((await ownOrderRows(tx, teamId)).map((row) => [row.promptId, row]));
  const { workspacePrompts } = tablesOf(tx);
  for (const prompt of library) {
    const row = own.get(prompt.id);
    if (row === undefined)
      await tx.insert(workspacePrompts).values({
        teamId,
        promptId: prompt.id,
        position: prompt.position,
        enabled: prompt.enabled,
        text: null,
      });
    else if (row.position !== prompt.position)
      await tx
        .update(workspacePrompts)
        .set({ position: prompt.position })
        .where(and(eq(workspacePrompts.teamId, teamId), eq(workspacePrompts.promptId, prompt.id)));
  }
}

async function changeIn(
  tx: Db,
  teamId: string,
  id: number,
  wanted: PromptChange,
  by: LibraryChangeBy,
): Promise<Prompt | null> {
  const before = (await libraryIn(tx, teamId)).find((prompt) => prompt.id === id);
  if (before === undefined) return null;
  const audit = (
    action: 'prompt.edited' | 'prompt.moved' | 'prompt.disabled' | 'prompt.enabled',
    was: unknown,
    is: unknown,
  ) =>
    recordAuditIn(tx, {
      teamId,
      actorId: by.actorId,
      action,
      subject: String(id),
      before: was,
      after: is,
      at: by.at,
    });
  const workspace = teamId !== INSTALL_WIDE;
  if (workspace) await takeOwnOrder(tx, teamId);
  const { prompts, workspacePrompts } = tablesOf(tx);
  const set = async (fields: { text?: string; enabled?: boolean; position?: number }) => {
    if (workspace)
      await tx
        .update(workspacePrompts)
        .set(fields)
        .where(and(eq(workspacePrompts.teamId, teamId), eq(workspacePrompts.promptId, id)));
    else
      await tx
        .update(prompts)
        .set(fields)
        .where(and(eq(prompts.teamId, teamId), eq(prompts.id, id)));
  };

  if (wanted.text !== undefined && wanted.text !== before.text) {
    await set({ text: wanted.text });
    await audit('prompt.edited', { text: before.text }, { text: wanted.text });
  }
  if (wanted.enabled !== undefined && wanted.enabled !== before.enabled) {
    await set({ enabled: wanted.enabled });
    await audit(
      wanted.enabled ? 'prompt.enabled' : 'prompt.disabled',
      { enabled: before.enabled },
      { enabled: wanted.enabled },
    );
  }
  if (wanted.position !== undefined) {
    const order = (await libraryIn(tx, teamId)).map((prompt) => prompt.id);
    order.splice(order.indexOf(id), 1);
    const to = Math.min(Math.max(wanted.position, 1), order.length + 1) - 1;
    order.splice(to, 0, id);
    for (const [index, promptId] of order.entries()) {
      if (workspace)
        await tx
          .update(workspacePrompts)
          .set({ position: index + 1 })
          .where(and(eq(workspacePrompts.teamId, teamId), eq(workspacePrompts.promptId, promptId)));
      else
        await tx
          .update(prompts)
          .set({ position: index + 1 })
          .where(and(eq(prompts.teamId, teamId), eq(prompts.id, promptId)));
    }
    if (to + 1 !== before.position)
      await audit('prompt.moved', { position: before.position }, { position: to + 1 });
  }
  return (await libraryIn(tx, teamId)).find((prompt) => prompt.id === id) ?? null;
}
