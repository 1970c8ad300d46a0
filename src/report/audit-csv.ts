// The audit log as a CSV file, with the same conventions as the report's CSVs. Each row says in words what the
// admin did (description); before and after keep the stored values as JSON, for anyone who filters or compares.
import type { FileUpload } from '../ports/messenger';
import { auditSentencePlain } from '../views/admin-audit-views';
import { isoDateTime } from './report-format';
import { safeText, toCsv } from './report-csv';

export interface AuditCsvEntry {
  id: number;
  at: Date;
  actorId: string;
  action: string;
  subject: string;
  before: unknown;
  after: unknown;
}

export const AUDIT_CSV_COLUMNS = [
  'id',
  'at',
  'actor',
  'action',
  'description',
  'subject',
  'before',
  'after',
] as const;

export function auditCsvFile(entries: readonly AuditCsvEntry[], generatedAt: Date): FileUpload {
  const value = (v: unknown) => (v === null || v === undefined ? '' : safeText(JSON.stringify(v)));
  return {
    filename: `mentor-circles-${generatedAt.toISOString().slice(0, 10)}-audit.csv`,
    title: 'Audit log',
    content: toCsv(
      [...AUDIT_CSV_COLUMNS],
      entries.map((entry) => ({
        id: String(entry.id),
        at: isoDateTime(entry.at),
        actor: entry.actorId,
        action: entry.action,
        description: safeText(auditSentencePlain(entry)),
        subject: safeText(entry.subject),
        before: value(entry.before),
        after: value(entry.after),
      })),
    ),
  };
}
