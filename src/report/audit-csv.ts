// The audit log as a CSV file, with the same conventions as the report's CSVs.
import type { FileUpload } from '../ports/messenger';
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

export function auditCsvFile(entries: readonly AuditCsvEntry[], generatedAt: Date): FileUpload {
  const value = (v: unknown) => (v === null || v === undefined ? '' : safeText(JSON.stringify(v)));
  return {
    filename: `mentor-circles-${generatedAt.toISOString().slice(0, 10)}-audit.csv`,
    title: 'Audit log',
    content: toCsv(
      ['id', 'at', 'actor', 'action', 'subject', 'before', 'after'],
      entries.map((entry) => ({
        id: String(entry.id),
        at: isoDateTime(entry.at),
        actor: entry.actorId,
        action: entry.action,
        subject: safeText(entry.subject),
        before: value(entry.before),
        after: value(entry.after),
      })),
    ),
  };
}
