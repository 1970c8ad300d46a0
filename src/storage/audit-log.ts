// The audit log of admin changes: the one writer every admin change calls inside its own transaction, so a
// change and its record land together or not at all; and the reads behind the audit view and its CSV.
// Entries hold ids, setting values and list items, never message text.
import { and, count, desc, eq } from 'drizzle-orm';
import type { Db } from './database';
import { storeFor } from './store';
import { tablesOf } from './tables';

/** What an admin did. Each new admin feature adds its own actions here. */
export type AuditAction =
  | 'invitation.posted'
  | 'admin.added'
  | 'admin.removed'
  | 'setting.changed'
  | 'topic.added'
  | 'topic.renamed'
  | 'topic.retired'
  | 'topic.restored'
  | 'topic.merged'
  | 'prompt.added'
  | 'prompt.edited'
  | 'prompt.moved'
  | 'prompt.disabled'
  | 'prompt.enabled'
  | 'pair.nudged'
  | 'pair.ended'
  | 'matching.run'
  | 'mentor.suggested'
  | 'digest.changed'
  | 'level.added'
  | 'level.changed'
  | 'level.removed'
  | 'department.added'
  | 'department.renamed'
  | 'department.merged'
  | 'department.retired'
  | 'department.restored'
  | 'cohort.opened';

export interface AuditEntryDraft {
  teamId: string;
  actorId: string;
  action: AuditAction;
  /** What was changed: a user id, a setting's key, a list item's id. */
  subject: string;
  before: unknown;
  after: unknown;
  at: Date;
}

export interface AuditEntry extends Omit<AuditEntryDraft, 'teamId' | 'action'> {
  id: number;
  action: string;
}

/** Records one admin change; call it with the `tx` of the transaction that makes the change. */
export async function recordAuditIn(tx: Db, entry: AuditEntryDraft): Promise<void> {
  const { auditEntries } = tablesOf(tx);
  await tx.insert(auditEntries).values({
    teamId: entry.teamId,
    actorId: entry.actorId,
    action: entry.action,
    subject: entry.subject,
    // undefined and null both mean "none"; JSON columns take null.
    before: entry.before ?? null,
    after: entry.after ?? null,
    at: entry.at,
  });
}

export interface AuditLogRepository {
  /** One page, newest first, and how many entries there are in all. */
  page(teamId: string, offset: number, limit: number): Promise<{ entries: AuditEntry[]; total: number }>;
  /** Every entry, oldest first (the CSV). */
  all(teamId: string): Promise<AuditEntry[]>;
}

export function createAuditLogRepository(db: Db): AuditLogRepository {
  const { auditEntries } = tablesOf(db);
  const store = storeFor(db);
  const columns = {
    id: auditEntries.id,
    actorId: auditEntries.actorId,
    action: auditEntries.action,
    subject: auditEntries.subject,
    before: auditEntries.before,
    after: auditEntries.after,
    at: auditEntries.at,
  };
  return {
    page: (teamId, offset, limit) =>
      store.transaction(async (tx) => {
        const entries = await tx
          .select(columns)
          .from(auditEntries)
          .where(eq(auditEntries.teamId, teamId))
          .orderBy(desc(auditEntries.at), desc(auditEntries.id))
          .limit(limit)
          .offset(offset);
        const [total] = await tx
          .select({ n: count().mapWith(Number) })
          .from(auditEntries)
          .where(and(eq(auditEntries.teamId, teamId)));
        return { entries, total: total?.n ?? 0 };
      }, 'read'),
    all: (teamId) =>
      store.run((q) =>
        q
          .select(columns)
          .from(auditEntries)
          .where(eq(auditEntries.teamId, teamId))
          .orderBy(auditEntries.at, auditEntries.id),
      ),
  };
}
