// The audit log for admins: one page at a time in Slack, or the whole log as a CSV in their DM.
import type { Clock } from '../ports/clock';
import { auditCsvFile } from '../report/audit-csv';
import type { AuditEntry, AuditLogRepository } from '../storage/audit-log';
import { sendReportFiles, type SendReportFilesDeps } from './send-report-files';

export const AUDIT_PAGE_SIZE = 20;

export interface ReadAuditLogDeps extends SendReportFilesDeps {
  auditLog: AuditLogRepository;
  clock: Clock;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Zero-based. */
  page: number;
  pageCount: number;
  total: number;
}

export async function auditPage(deps: ReadAuditLogDeps, teamId: string, page: number): Promise<AuditPage> {
  const wanted = Number.isSafeInteger(page) && page > 0 ? page : 0;
  const { entries, total } = await deps.auditLog.page(teamId, wanted * AUDIT_PAGE_SIZE, AUDIT_PAGE_SIZE);
  return { entries, page: wanted, total, pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

/** Uploads the whole log to the admin's DM; returns how many entries it holds. */
export async function sendAuditCsv(deps: ReadAuditLogDeps, teamId: string, userId: string): Promise<number> {
  const entries = await deps.auditLog.all(teamId);
  await sendReportFiles(
    deps,
    userId,
    [auditCsvFile(entries, deps.clock.now())],
    'The audit log of admin changes',
  );
  return entries.length;
}
