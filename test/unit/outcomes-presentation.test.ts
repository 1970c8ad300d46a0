import { parse } from 'csv-parse/sync';
import { computeOutcomeFigures, type OutcomeData, type OutcomePair } from '../../src/domain/outcome-figures';
import { computeReportFigures } from '../../src/domain/report-figures';
import { renderConfidenceChart } from '../../src/report/report-chart';
import { OUTCOMES_CSV_COLUMNS, outcomesCsv } from '../../src/report/report-csv';
import { FEWER_THAN_MIN_ANSWERS, outcomeLines } from '../../src/report/report-format';
import { parseReportWords } from '../../src/use-cases/deliver-report';
import { reportMessage, reportUnknownCohort, REPORT_COHORT_SECTIONS } from '../../src/views/report-view';
import { blockKitProblems } from '../support/block-kit-limits';

const at = (iso: string): Date => new Date(iso);
const EMPTY_REPORT = { offers: [], requests: [], proposals: [], pairs: [], deliveries: [], feedback: [] };

function pair(id: number, cohortId: number | null): OutcomePair {
  return {
    ...{ id, cohortId, mentorId: `UMENTOR${id}`, menteeId: `UMENTEE${id}` },
    ...{ startedAt: at('2026-03-02T09:00:00Z'), endedAt: null, endReason: null, extensions: 0 },
  };
}

/** `mentors` pairs in one cohort, each mentor answering the private voice with 4. */
function cohortWithVoices(mentors: number): OutcomeData {
  const pairs = Array.from({ length: mentors }, (_, index) => pair(index + 1, 1));
  return {
    cohorts: [{ id: 1, name: '=Spring' }],
    pairs,
    goals: [],
    ratings: [],
    fitChecks: [],
    mentorVoice: pairs.map((row) => ({ pairId: row.id, candour: 4 })),
    feedback: [],
    commitments: [],
  };
}

describe('outcomes.csv', () => {
  it.each([
    [4, FEWER_THAN_MIN_ANSWERS],
    [5, '4'],
  ])('with %i mentors answering, the private-voice cell reads %s', (mentors, cell) => {
    const figures = computeOutcomeFigures(cohortWithVoices(mentors));
    const content = outcomesCsv([figures.overall, ...figures.cohorts]);
    expect(content.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(OUTCOMES_CSV_COLUMNS.join(','));
    const rows = parse(content, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((row) => row.mentor_voice_average)).toEqual([cell, cell]);
    // A cohort name that looks like a formula is written as text.
    expect(rows.map((row) => [row.scope, row.cohort])).toEqual([
      ['all', ''],
      ['cohort', "'=Spring"],
    ]);
    for (const row of rows) expect(Object.keys(row)).toEqual([...OUTCOMES_CSV_COLUMNS]);
  });

  it('has a column for every figure and none for anything typed', () => {
    expect(OUTCOMES_CSV_COLUMNS.join(' ')).not.toMatch(/note|text|comment|name/);
  });
});

describe('outcome lines and the report message', () => {
  it('write "fewer than 5 answers" for each hidden figure', () => {
    const scope = computeOutcomeFigures(cohortWithVoices(4)).overall;
    const voice = outcomeLines(scope).find((line) => line.startsWith("Mentors' private voice"));
    expect(voice).toBe(
      `Mentors' private voice ("I feel listened to and can be candid", 1–5): fewer than 5 answers`,
    );
    const shown = computeOutcomeFigures(cohortWithVoices(5)).overall;
    expect(outcomeLines(shown)).toContain(
      `Mentors' private voice ("I feel listened to and can be candid", 1–5): 4.0 / 5`,
    );
  });

  it('stays within Block Kit limits with many cohorts with long names, showing the newest few', () => {
    const cohorts = Array.from({ length: 120 }, (_, index) => ({
      id: index + 1,
      name: `${'Cohort '.repeat(40)}${index + 1}`,
    }));
    const pairs = cohorts.flatMap((cohort) => [1, 2, 3].map((n) => pair(cohort.id * 10 + n, cohort.id)));
    const outcomes = computeOutcomeFigures({ ...cohortWithVoices(0), cohorts, pairs });
    const message = reportMessage(computeReportFigures(EMPTY_REPORT, at('2026-11-27T12:00:00Z')), {
      chartsFollow: true,
      outcomes,
      programmeName: 'Mentor Circles',
    });
    expect(blockKitProblems('message', message)).toEqual([]);
    const cohortSections = message.blocks.filter((block) =>
      JSON.stringify(block).includes('Outcomes of cohort'),
    );
    expect(cohortSections).toHaveLength(REPORT_COHORT_SECTIONS);
    expect(JSON.stringify(message.blocks)).toContain('115 older cohorts not shown here');
    expect(blockKitProblems('message', reportUnknownCohort('x'.repeat(500), outcomes.cohorts))).toEqual([]);
  });
});

describe('the confidence chart', () => {
  it('draws a PNG whether stages are shown or hidden', () => {
    for (const mentors of [0, 5]) {
      const figures = computeOutcomeFigures(cohortWithVoices(mentors));
      const png = renderConfidenceChart([figures.overall, ...figures.cohorts]);
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    }
  });
});

describe('/mentor report words', () => {
  it.each([
    [[], { csv: false, cohort: null }],
    [['CSV'], { csv: true, cohort: null }],
    [['cohort', 'Spring', '2026'], { csv: false, cohort: 'Spring 2026' }],
    [['csv', 'Cohort', 'Pilot'], { csv: true, cohort: 'Pilot' }],
    [['cohort'], { csv: false, cohort: '' }],
    [['pdf'], null],
    [['cohort', 'x', 'csv'], { csv: false, cohort: 'x csv' }],
    [['csv', 'pdf'], null],
  ])('%j → %j', (words, expected) => {
    expect(parseReportWords(words)).toEqual(expected);
  });
});
