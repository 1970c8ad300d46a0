import type { KnownBlock } from '@slack/types';
import {
  computeReportFigures,
  type ReportData,
  type ReportFigures,
  type ReportPair,
} from '../../src/domain/report-figures';
import {
  REPORT_REFUSAL,
  reportCsvSent,
  reportFilesFailed,
  reportMessage,
  reportRefusal,
  reportUsage,
} from '../../src/views/report-view';
import { blockKitProblems } from '../support/block-kit-limits';

const generatedAt = new Date('2026-11-27T12:00:00Z');
const EMPTY: ReportData = {
  offers: [],
  requests: [],
  proposals: [],
  pairs: [],
  deliveries: [],
  feedback: [],
};

function pair(id: number, overrides: Partial<ReportPair> = {}): ReportPair {
  return {
    id,
    mentorName: `Mentor ${id}`,
    menteeName: `Mentee ${id}`,
    mentorId: `UM${id}`,
    menteeId: `UE${id}`,
    status: 'active',
    levelGap: 1 + (id % 5),
    crossDepartment: id % 2 === 0,
    startedAt: new Date('2026-09-01T00:00:00Z'),
    endedAt: null,
    sharedTopics: [],
    needsAttention: null,
    promptsSent: 0,
    promptsAnswered: 0,
    lastAnsweredAt: null,
    ...overrides,
  };
}

/** A large programme: 120 topics (some with very long names) and 30 pairs needing attention. */
function largeProgramme(): ReportFigures {
  const topicNames = Array.from({ length: 120 }, (_, i) =>
    i % 10 === 0 ? `Topic ${i} ${'with a very long name '.repeat(150)}` : `Topic ${i}`,
  );
  return computeReportFigures(
    {
      ...EMPTY,
      offers: topicNames.map((name) => ({ status: 'open', topicNames: [name], capacity: 1, activePairs: 0 })),
      requests: topicNames.flatMap((name, i) =>
        Array.from({ length: i % 4 }, () => ({
          status: 'open' as const,
          topicNames: [name],
          createdAt: generatedAt,
          matchedAt: null,
        })),
      ),
      pairs: Array.from({ length: 40 }, (_, i) =>
        pair(i + 1, i < 30 ? { needsAttention: `flagged ${'because '.repeat(100)}` } : {}),
      ),
    },
    generatedAt,
  );
}

function texts(blocks: KnownBlock[]): string {
  return JSON.stringify(blocks);
}

describe('reportMessage', () => {
  it('is titled with the workspace’s programme name', () => {
    const message = reportMessage(largeProgramme(), { chartsFollow: true, programmeName: 'Learn Forward' });
    expect(message.text).toMatch(/^Learn Forward programme report: /);
    expect(texts(message.blocks)).toContain('Learn Forward programme report');
  });

  it('stays within Block Kit limits for a programme with 120 topics and 30 pairs needing attention', () => {
    const message = reportMessage(largeProgramme(), { chartsFollow: true, programmeName: 'Mentor Circles' });
    expect(blockKitProblems('message', message)).toEqual([]);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
  });

  it('lists the 15 largest shortages and says how many topics are left out', () => {
    const figures = largeProgramme();
    const text = texts(
      reportMessage(figures, { chartsFollow: true, programmeName: 'Mentor Circles' }).blocks,
    );
    expect(figures.topics).toHaveLength(120);
    expect(text).toContain('…and 105 more topics: the CSV files list them all.');
    // The first shortage listed is the largest one.
    expect(text).toContain(`*${figures.topics[0]?.topic}*: 3 requested, 1 offered (gap +2)`);
  });

  it('lists ten pairs needing attention and counts the rest', () => {
    const text = texts(
      reportMessage(largeProgramme(), { chartsFollow: true, programmeName: 'Mentor Circles' }).blocks,
    );
    expect(text).toContain('• Pair 1, <@UM1> and <@UE1>: flagged');
    expect(text).toContain('…and 20 more pairs.');
    expect(text).not.toContain('Pair 11,');
  });

  it('escapes topic names so they cannot ping a channel or break the formatting', () => {
    const figures = computeReportFigures(
      {
        ...EMPTY,
        requests: [
          { status: 'open', topicNames: ['<!channel> & co'], createdAt: generatedAt, matchedAt: null },
        ],
      },
      generatedAt,
    );
    const text = texts(
      reportMessage(figures, { chartsFollow: false, programmeName: 'Mentor Circles' }).blocks,
    );
    expect(text).toContain('&lt;!channel&gt; &amp; co');
    expect(text).not.toContain('<!channel>');
  });

  it('speaks of people who left without an id', () => {
    const figures = computeReportFigures(
      { ...EMPTY, pairs: [pair(7, { mentorId: null, mentorName: null, needsAttention: 'mentor left' })] },
      generatedAt,
    );
    expect(
      texts(reportMessage(figures, { chartsFollow: false, programmeName: 'Mentor Circles' }).blocks),
    ).toContain('• Pair 7, a former member and <@UE7>: mentor left');
  });

  it('reads sensibly for an empty programme', () => {
    const message = reportMessage(computeReportFigures(EMPTY, generatedAt), {
      chartsFollow: true,
      programmeName: 'Mentor Circles',
    });
    expect(blockKitProblems('message', message)).toEqual([]);
    const text = texts(message.blocks);
    for (const line of [
      'No open offers or requests yet.',
      'No pairs yet.',
      'Cross-department pairs: —',
      'Median time from request to match: —',
      'No feedback yet.',
      'None: every active pair is reachable and talking.',
      '`2026-W41` 5 Oct: 0 sent, 0 answered, —',
    ]) {
      expect(text).toContain(line);
    }
    expect(message.text).toBe('Mentor Circles programme report: 0 active pairs, 0 mentees waiting');
  });

  it('mentions the charts in the DM only when they follow', () => {
    const figures = computeReportFigures(EMPTY, generatedAt);
    expect(
      texts(reportMessage(figures, { chartsFollow: true, programmeName: 'Mentor Circles' }).blocks),
    ).toContain('your DM with me');
    expect(
      texts(reportMessage(figures, { chartsFollow: false, programmeName: 'Mentor Circles' }).blocks),
    ).not.toContain('your DM with me');
  });
});

describe('the other report messages', () => {
  it('refuses without a single figure', () => {
    const refusal = reportRefusal();
    expect(blockKitProblems('message', refusal)).toEqual([]);
    expect(REPORT_REFUSAL).not.toMatch(/\d/);
    expect(texts(refusal.blocks)).not.toMatch(/\d/);
  });

  it('are valid Block Kit', () => {
    for (const message of [
      reportUsage('x'.repeat(5000)),
      reportCsvSent(['a.csv', 'b.csv', 'c.csv'], true),
      reportFilesFailed('charts'),
      reportFilesFailed('csv'),
    ]) {
      expect(blockKitProblems('message', message)).toEqual([]);
    }
  });
});
