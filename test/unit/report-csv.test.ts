import { parse } from 'csv-parse/sync';
import { computeReportFigures, type ReportData, type ReportPair } from '../../src/domain/report-figures';
import { pairsCsv, reportCsvFiles, topicsCsv, weeklyEngagementCsv } from '../../src/report/report-csv';

const generatedAt = new Date('2026-11-27T12:00:00Z');
const BOM = '\uFEFF';

function pair(overrides: Partial<ReportPair> & Pick<ReportPair, 'id'>): ReportPair {
  return {
    mentorName: `Mentor ${overrides.id}`,
    menteeName: `Mentee ${overrides.id}`,
    mentorId: `UM${overrides.id}`,
    menteeId: `UE${overrides.id}`,
    status: 'active',
    levelGap: 2,
    crossDepartment: false,
    startedAt: new Date('2026-09-01T09:00:00.123Z'),
    endedAt: null,
    sharedTopics: [],
    needsAttention: null,
    promptsSent: 0,
    promptsAnswered: 0,
    lastAnsweredAt: null,
    ...overrides,
  };
}

const tricky: ReportData = {
  offers: [{ status: 'open', topicNames: ['Data, "big" and small', 'AI'], capacity: 1, activePairs: 0 }],
  requests: [
    {
      status: 'open',
      topicNames: ['Data, "big" and small', '=cmd|calc'],
      createdAt: generatedAt,
      matchedAt: null,
    },
  ],
  proposals: [],
  pairs: [
    pair({
      id: 1,
      mentorName: 'Smith, Jane',
      menteeName: 'Ana "Annie" López',
      crossDepartment: true,
      sharedTopics: ['AI', 'Data, "big" and small'],
      promptsSent: 4,
      promptsAnswered: 3,
    }),
    pair({ id: 2, mentorName: 'Two\nLines', menteeName: '=HYPERLINK("http://example.com")' }),
    pair({
      id: 3,
      mentorName: null,
      menteeName: null,
      mentorId: null,
      menteeId: null,
      status: 'ended',
      endedAt: new Date('2026-11-01T00:00:00Z'),
    }),
    pair({ id: 4, mentorName: null, mentorId: 'UNONAME' }),
  ],
  deliveries: [
    { weekKey: '2026-W48', status: 'sent', answered: true },
    { weekKey: '2026-W48', status: 'sent', answered: false },
    { weekKey: '2026-W47', status: 'sent', answered: false },
    { weekKey: '2026-W46', status: 'sent', answered: true },
    { weekKey: '2026-W46', status: 'sent', answered: true },
    { weekKey: '2026-W46', status: 'sent', answered: false },
  ],
  feedback: [],
};
const figures = computeReportFigures(tricky, generatedAt);

const rows = (csv: string) => parse(csv, { columns: true, bom: true }) as Record<string, string>[];

describe('pairs CSV', () => {
  const csv = pairsCsv(figures, { hideNames: false });

  it('starts with a byte order mark and a header row, with CRLF line ends', () => {
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.slice(1).split('\r\n')[0]).toBe(
      'pair_id,mentor,mentee,mentor_id,mentee_id,status,level_gap,cross_department,shared_topics,started_at,ended_at,prompts_sent,prompts_answered',
    );
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('quotes commas, quotes and line breaks the RFC 4180 way', () => {
    expect(csv).toContain('"Smith, Jane","Ana ""Annie"" López"');
    expect(csv).toContain('"Two\nLines"');
  });

  it('parses back to the pair rows of the figures, names with commas and quotes included', () => {
    const parsed = rows(csv);
    expect(parsed).toHaveLength(figures.pairRows.length);
    expect(parsed[0]).toEqual({
      pair_id: '1',
      mentor: 'Smith, Jane',
      mentee: 'Ana "Annie" López',
      mentor_id: 'UM1',
      mentee_id: 'UE1',
      status: 'active',
      level_gap: '2',
      cross_department: 'true',
      shared_topics: 'AI; Data, "big" and small',
      started_at: '2026-09-01T09:00:00Z',
      ended_at: '',
      prompts_sent: '4',
      prompts_answered: '3',
    });
    expect(parsed[1]?.mentor).toBe('Two\nLines');
    expect(parsed.map((row) => Number(row.pair_id))).toEqual(figures.pairRows.map((row) => row.id));
  });

  it('keeps pairs of people who left as anonymous rows, and shows the Slack id when a name is unknown', () => {
    const parsed = rows(csv);
    expect(parsed[2]).toMatchObject({
      mentor: '',
      mentee: '',
      mentor_id: '',
      mentee_id: '',
      status: 'ended',
      ended_at: '2026-11-01T00:00:00Z',
    });
    expect(parsed[3]).toMatchObject({ mentor: 'UNONAME', mentor_id: 'UNONAME' });
  });

  it('turns a cell a spreadsheet would run as a formula into plain text', () => {
    expect(rows(csv)[1]?.mentee).toBe('\'=HYPERLINK("http://example.com")');
  });

  it('has ids only when names are hidden', () => {
    const hidden = pairsCsv(figures, { hideNames: true });
    const parsed = rows(hidden);
    expect(Object.keys(parsed[0] ?? {})).toEqual([
      'pair_id',
      'mentor_id',
      'mentee_id',
      'status',
      'level_gap',
      'cross_department',
      'shared_topics',
      'started_at',
      'ended_at',
      'prompts_sent',
      'prompts_answered',
    ]);
    for (const name of ['Smith', 'Annie', 'Two', 'HYPERLINK']) expect(hidden).not.toContain(name);
  });
});

describe('topics and weekly engagement CSVs', () => {
  it('lists every topic with offers, requests and the gap, in the order of the figures', () => {
    expect(rows(topicsCsv(figures))).toEqual(
      figures.topics.map((topic) => ({
        topic: topic.topic.startsWith('=') ? `'${topic.topic}` : topic.topic,
        offers: String(topic.offers),
        requests: String(topic.requests),
        gap: String(topic.gap),
      })),
    );
    // '=cmd|calc' comes first: it has the largest shortage.
    expect(rows(topicsCsv(figures))[0]).toEqual({
      topic: "'=cmd|calc",
      offers: '0',
      requests: '1',
      gap: '1',
    });
    expect(rows(topicsCsv(figures))[1]).toEqual({
      topic: 'Data, "big" and small',
      offers: '1',
      requests: '1',
      gap: '0',
    });
  });

  it('has the eight report weeks with their Monday and the answer rate as a 0-1 share', () => {
    const parsed = rows(weeklyEngagementCsv(figures));
    expect(parsed.map((week) => week.week)).toEqual(figures.weeks.map((week) => week.weekKey));
    expect(parsed.slice(-3)).toEqual([
      {
        week: '2026-W46',
        week_start: '2026-11-09',
        prompts_sent: '3',
        prompts_answered: '2',
        answer_rate: '0.6667',
      },
      {
        week: '2026-W47',
        week_start: '2026-11-16',
        prompts_sent: '1',
        prompts_answered: '0',
        answer_rate: '0',
      },
      {
        week: '2026-W48',
        week_start: '2026-11-23',
        prompts_sent: '2',
        prompts_answered: '1',
        answer_rate: '0.5',
      },
    ]);
    expect(parsed[0]).toMatchObject({ week: '2026-W41', prompts_sent: '0', answer_rate: '' });
  });

  it('writes only the header rows for an empty programme', () => {
    const empty = computeReportFigures(
      { offers: [], requests: [], proposals: [], pairs: [], deliveries: [], feedback: [] },
      generatedAt,
    );
    expect(pairsCsv(empty, { hideNames: false })).toBe(
      `${BOM}pair_id,mentor,mentee,mentor_id,mentee_id,status,level_gap,cross_department,shared_topics,started_at,ended_at,prompts_sent,prompts_answered\r\n`,
    );
    expect(topicsCsv(empty)).toBe(`${BOM}topic,offers,requests,gap\r\n`);
    expect(rows(weeklyEngagementCsv(empty))).toHaveLength(8);
  });
});

describe('reportCsvFiles', () => {
  it('names the three files after the report date, or after a given prefix', () => {
    expect(reportCsvFiles(figures, { hideNames: false }).map((file) => file.filename)).toEqual([
      'mentor-circles-2026-11-27-pairs.csv',
      'mentor-circles-2026-11-27-topics.csv',
      'mentor-circles-2026-11-27-weekly-engagement.csv',
    ]);
    expect(
      reportCsvFiles(figures, { hideNames: true, prefix: 'out/q4' }).map((file) => file.filename),
    ).toEqual(['out/q4-pairs.csv', 'out/q4-topics.csv', 'out/q4-weekly-engagement.csv']);
  });
});
