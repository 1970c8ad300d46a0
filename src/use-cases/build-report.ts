import {
  computeReportFigures,
  previousIsoWeeks,
  REPORT_WEEKS,
  type ReportFigures,
} from '../domain/report-figures';
import { computeOutcomeFigures, type OutcomeFigures } from '../domain/outcome-figures';
import { isoWeekKey } from '../domain/prompt-schedule';
import type { Clock } from '../ports/clock';
import type { OutcomesRepository } from '../storage/outcomes-repository';
import type { ReportRepository } from '../storage/report-repository';

export interface BuildReportDeps {
  reports: Pick<ReportRepository, 'loadReportData'>;
  clock: Clock;
}

/** The programme figures of one workspace as of now: what Slack, the CSV files and the CLI all show. */
export async function buildReport(deps: BuildReportDeps, teamId: string): Promise<ReportFigures> {
  const now = deps.clock.now();
  // Older deliveries cannot change the weekly figures; the per-pair counts are read in full regardless.
  const [firstWeek] = previousIsoWeeks(isoWeekKey(now, 'UTC'), REPORT_WEEKS);
  const data = await deps.reports.loadReportData(
    teamId,
    firstWeek === undefined ? {} : { deliveriesFromWeek: firstWeek },
  );
  return computeReportFigures(data, now);
}

export interface BuildOutcomesDeps {
  outcomes: Pick<OutcomesRepository, 'loadOutcomeData'>;
}

/** The outcome figures of one workspace, overall and per cohort, small numbers already suppressed. */
export async function buildOutcomes(deps: BuildOutcomesDeps, teamId: string): Promise<OutcomeFigures> {
  return computeOutcomeFigures(await deps.outcomes.loadOutcomeData(teamId));
}
