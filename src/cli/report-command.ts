// `mentor-circles report`: the admin report outside Slack, with the same figures as /mentor report.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import type { Config } from '../config';
import { outcomesCsv, reportCsvFiles } from '../report/report-csv';
import { reportText } from '../report/report-text';
import { buildOutcomes, buildReport } from '../use-cases/build-report';
import { outcomesDeps, reportDeps, settingsReader } from '../composition/use-case-deps';
import { closeContext, createContext } from '../composition/wiring';

export const REPORT_USAGE = 'report [--format text|csv] [--out FILE]';

export const REPORT_HELP = `Usage: mentor-circles report [--format text|csv] [--out FILE] [--team T…] [--at ISO-8601]

  --format text   (default) the report as text, on stdout or into --out FILE
  --format csv    four CSV files: <base>-pairs.csv, <base>-topics.csv, <base>-weekly-engagement.csv,
                  <base>-outcomes.csv
                  --out FILE: <base> is FILE without .csv, so the files sit next to it
                  --out DIR/ (or an existing directory): into DIR, <base> = mentor-circles-<date>
                  no --out: into the current directory, <base> = mentor-circles-<date>
                  With several workspaces the team id is added: <base>-<team>-pairs.csv
  --team T        only this workspace (repeat, or separate with commas); default: every workspace
  --at ISO-8601   measure the weekly window and inactivity from this instant instead of now`;

export async function runReportCommand(args: readonly string[], config: Config): Promise<number> {
  const parsed = parseReportArgs(args);
  if ('help' in parsed) {
    console.log(REPORT_HELP);
    return 0;
  }
  if ('problem' in parsed) {
    console.error(`${parsed.problem}\n\n${REPORT_HELP}`);
    return 2;
  }
  const at = parsed.at;
  // Logs go to stderr so that stdout holds only the report.
  const context = await createContext(config, {
    logDestination: pino.destination({ dest: 2, sync: true }),
    ...(at === undefined ? {} : { clock: { now: () => new Date(at.getTime()) } }),
  });
  try {
    const teams = parsed.teams.length > 0 ? parsed.teams : await context.repos.reports.teamIds();
    if (teams.length === 0) {
      console.log('No workspace has anyone in the programme yet: there is nothing to report.');
      return 0;
    }
    const reports = [];
    for (const teamId of teams) {
      reports.push({
        teamId,
        figures: await buildReport(reportDeps(context), teamId),
        outcomes: await buildOutcomes(outcomesDeps(context), teamId),
      });
    }

    if (parsed.format === 'text') {
      const text = reports
        .map((report) => reportText(report.figures, report.outcomes, report.teamId))
        .join('\n');
      if (parsed.out === undefined) {
        console.log(text.replace(/\n$/, ''));
      } else {
        fs.mkdirSync(path.dirname(path.resolve(parsed.out)), { recursive: true });
        fs.writeFileSync(parsed.out, text);
        console.log(`Wrote ${parsed.out}`);
      }
      return 0;
    }

    const date = context.clock.now().toISOString().slice(0, 10);
    const { dir, base } = csvTarget(parsed.out, `mentor-circles-${date}`);
    fs.mkdirSync(dir, { recursive: true });
    for (const report of reports) {
      const prefix = path.join(dir, reports.length > 1 ? `${base}-${report.teamId}` : base);
      // Each workspace's own choice: an admin may have set it in Slack.
      const { reportHideNames: hideNames } = await settingsReader(context)(report.teamId);
      const { overall, cohorts } = report.outcomes;
      const files = [
        ...reportCsvFiles(report.figures, { hideNames, prefix }),
        { filename: `${prefix}-outcomes.csv`, content: outcomesCsv([overall, ...cohorts]) },
      ];
      for (const file of files) {
        fs.writeFileSync(file.filename, file.content);
        console.log(`Wrote ${file.filename}`);
      }
    }
    return 0;
  } finally {
    await closeContext(context);
  }
}

interface ReportArgs {
  format: 'text' | 'csv';
  out: string | undefined;
  teams: string[];
  at: Date | undefined;
}

export function parseReportArgs(args: readonly string[]): ReportArgs | { problem: string } | { help: true } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        format: { type: 'string', default: 'text' },
        out: { type: 'string' },
        team: { type: 'string', multiple: true },
        at: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
  if (values.help === true) return { help: true };
  const format = values.format;
  if (format !== 'text' && format !== 'csv')
    return { problem: `--format must be text or csv, not ${format}` };
  const at = values.at === undefined ? undefined : new Date(values.at);
  if (at !== undefined && Number.isNaN(at.getTime())) {
    return { problem: `--at must be an ISO-8601 instant such as 2026-11-27T12:00:00Z, not ${values.at}` };
  }
  const teams = (values.team ?? [])
    .flatMap((team) => team.split(','))
    .map((team) => team.trim())
    .filter((team) => team !== '');
  return { format, out: values.out, teams, at };
}

/** Where the CSV files go: a directory (given, or the current one) or next to FILE, named after it. */
function csvTarget(out: string | undefined, defaultBase: string): { dir: string; base: string } {
  if (out === undefined) return { dir: '.', base: defaultBase };
  const isDirectory = /[\\/]$/.test(out) || (fs.existsSync(out) && fs.statSync(out).isDirectory());
  if (isDirectory) return { dir: out, base: defaultBase };
  return { dir: path.dirname(out), base: path.basename(out).replace(/\.csv$/i, '') };
}
