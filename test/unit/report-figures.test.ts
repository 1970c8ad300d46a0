import {
  computeReportFigures,
  median,
  previousIsoWeeks,
  type ReportData,
  type ReportPair,
} from '../../src/domain/report-figures';

const at = (iso: string): Date => new Date(iso);

// Friday of 2026-W48; the report window is 2026-W41 .. 2026-W48 and "21 days ago" is 2026-11-06T12:00Z.
const generatedAt = at('2026-11-27T12:00:00Z');

function pair(overrides: Partial<ReportPair> & Pick<ReportPair, 'id'>): ReportPair {
  return {
    mentorName: `Mentor ${overrides.id}`,
    menteeName: `Mentee ${overrides.id}`,
    mentorId: `UMENTOR${overrides.id}`,
    menteeId: `UMENTEE${overrides.id}`,
    status: 'active',
    levelGap: 2,
    crossDepartment: false,
    startedAt: at('2026-09-01T09:00:00Z'),
    endedAt: null,
    sharedTopics: [],
    needsAttention: null,
    promptsSent: 0,
    promptsAnswered: 0,
    lastAnsweredAt: null,
    ...overrides,
  };
}

const sent = (weekKey: string, answered: boolean) => ({ weekKey, status: 'sent' as const, answered });

const programme: ReportData = {
  offers: [
    { status: 'open', topicNames: ['Data', 'AI'], capacity: 2, activePairs: 1 },
    { status: 'open', topicNames: ['AI'], capacity: 1, activePairs: 1 },
    { status: 'closed', topicNames: ['Finance'], capacity: 1, activePairs: 0 },
    { status: 'open', topicNames: ['Design', 'Design'], capacity: 1, activePairs: 0 },
  ],
  requests: [
    { status: 'open', topicNames: ['AI', 'Sales'], createdAt: at('2026-11-01T00:00:00Z'), matchedAt: null },
    { status: 'open', topicNames: ['Sales'], createdAt: at('2026-11-02T00:00:00Z'), matchedAt: null },
    { status: 'open', topicNames: ['Data', 'Sales'], createdAt: at('2026-11-03T00:00:00Z'), matchedAt: null },
    { status: 'open', topicNames: ['Finance'], createdAt: at('2026-11-04T00:00:00Z'), matchedAt: null },
    {
      status: 'matched',
      topicNames: ['AI'],
      createdAt: at('2026-10-01T00:00:00Z'),
      matchedAt: at('2026-10-03T12:00:00Z'), // 2.5 days
    },
    {
      status: 'matched',
      topicNames: ['Data'],
      createdAt: at('2026-10-10T00:00:00Z'),
      matchedAt: at('2026-10-11T00:00:00Z'), // 1 day
    },
    { status: 'closed', topicNames: ['Design'], createdAt: at('2026-10-12T00:00:00Z'), matchedAt: null },
    {
      status: 'matched',
      topicNames: ['Sales'],
      createdAt: at('2026-09-01T00:00:00Z'),
      matchedAt: at('2026-09-07T06:00:00Z'), // 6.25 days
    },
  ],
  proposals: [
    { status: 'pending' },
    { status: 'accepted' },
    { status: 'pending' },
    { status: 'declined' },
    { status: 'expired' },
    { status: 'cancelled' },
  ],
  // Deliberately not in id order.
  pairs: [
    pair({
      id: 8,
      mentorName: null,
      mentorId: 'U08',
      levelGap: 2,
      crossDepartment: true,
      promptsSent: 3,
      promptsAnswered: 1,
      lastAnsweredAt: at('2026-11-06T11:59:59Z'), // just over 21 days ago
    }),
    pair({
      id: 1,
      levelGap: 2,
      crossDepartment: true,
      sharedTopics: ['AI', 'Data'],
      promptsSent: 5,
      promptsAnswered: 4,
      lastAnsweredAt: at('2026-11-20T10:00:00Z'),
    }),
    pair({
      id: 2,
      levelGap: 3,
      promptsSent: 4,
      promptsAnswered: 1,
      lastAnsweredAt: at('2026-10-01T10:00:00Z'),
    }),
    pair({ id: 3, levelGap: 2, crossDepartment: true, promptsSent: 2 }), // too new to call inactive
    pair({
      id: 4,
      status: 'paused',
      levelGap: 1,
      needsAttention: 'paused after 3 unanswered prompts',
      promptsSent: 3,
    }),
    pair({
      id: 5,
      status: 'ended',
      levelGap: 4,
      crossDepartment: true,
      endedAt: at('2026-11-01T00:00:00Z'),
      promptsSent: 10,
    }), // silent, but ended
    pair({
      id: 6,
      levelGap: 3,
      crossDepartment: true,
      needsAttention: 'mentee left the company',
      promptsSent: 6,
    }),
    pair({
      id: 7,
      levelGap: 2,
      promptsSent: 3,
      promptsAnswered: 1,
      lastAnsweredAt: at('2026-11-06T12:00:00Z'), // exactly 21 days ago still counts as recent
    }),
  ],
  deliveries: [
    sent('2026-W48', true),
    sent('2026-W48', false),
    { weekKey: '2026-W48', status: 'reserved', answered: true },
    { weekKey: '2026-W48', status: 'failed', answered: false },
    sent('2026-W47', true),
    sent('2026-W47', true),
    sent('2026-W47', true),
    { weekKey: '2026-W45', status: 'failed', answered: true },
    sent('2026-W44', false),
    sent('2026-W41', true),
    sent('2026-W41', false),
    sent('2026-W41', false),
    sent('2026-W41', false),
    sent('2026-W40', true), // before the window
    sent('2026-W49', true), // after generatedAt's week
  ],
  feedback: [
    { rating: 5, wouldRecommend: true },
    { rating: 4, wouldRecommend: null },
    { rating: 3, wouldRecommend: false },
    { rating: 4, wouldRecommend: true },
  ],
};

const empty: ReportData = {
  offers: [],
  requests: [],
  proposals: [],
  pairs: [],
  deliveries: [],
  feedback: [],
};

describe('computeReportFigures on a known programme', () => {
  const figures = computeReportFigures(programme, generatedAt);

  it('keeps the generation time', () => {
    expect(figures.generatedAt.toISOString()).toBe('2026-11-27T12:00:00.000Z');
  });

  it('counts participants by status', () => {
    expect(figures.participants).toEqual({
      mentorsOpen: 3,
      menteesWaiting: 4,
      proposalsPending: 2,
      pairsActive: 6,
      pairsPaused: 1,
      pairsEnded: 1,
    });
  });

  it('lists open topic demand, largest shortage first, then by name', () => {
    expect(figures.topics).toEqual([
      { topic: 'Sales', offers: 0, requests: 3, gap: 3 },
      { topic: 'Finance', offers: 0, requests: 1, gap: 1 }, // its only offer is closed
      { topic: 'Data', offers: 1, requests: 1, gap: 0 },
      { topic: 'AI', offers: 2, requests: 1, gap: -1 },
      { topic: 'Design', offers: 1, requests: 0, gap: -1 }, // listed twice on one offer, counted once
    ]);
  });

  it('builds the level-gap histogram over all pairs in ascending gap', () => {
    expect(figures.pairsByLevelGap).toEqual([
      { levelGap: 1, pairs: 1 },
      { levelGap: 2, pairs: 4 },
      { levelGap: 3, pairs: 2 },
      { levelGap: 4, pairs: 1 },
    ]);
  });

  it('computes the cross-department share over all pairs', () => {
    expect(figures.crossDepartmentShare).toBe(5 / 8);
  });

  it('takes the median days to match over matched requests (odd count)', () => {
    expect(figures.medianDaysToMatch).toBe(2.5);
  });

  it('reports the last eight ISO weeks, oldest first, with empty weeks as zeros', () => {
    expect(figures.weeks).toEqual([
      { weekKey: '2026-W41', sent: 4, answered: 1, answerRate: 0.25 },
      { weekKey: '2026-W42', sent: 0, answered: 0, answerRate: null },
      { weekKey: '2026-W43', sent: 0, answered: 0, answerRate: null },
      { weekKey: '2026-W44', sent: 1, answered: 0, answerRate: 0 },
      { weekKey: '2026-W45', sent: 0, answered: 0, answerRate: null }, // failed delivery does not count
      { weekKey: '2026-W46', sent: 0, answered: 0, answerRate: null },
      { weekKey: '2026-W47', sent: 3, answered: 3, answerRate: 1 },
      { weekKey: '2026-W48', sent: 2, answered: 1, answerRate: 0.5 }, // reserved and failed left out
    ]);
  });

  it('summarises feedback, leaving unanswered "would recommend" out of the share', () => {
    expect(figures.feedback).toEqual({ count: 4, averageRating: 4, recommendShare: 2 / 3 });
  });

  it('lists flagged pairs and quiet active pairs once each, by pair id', () => {
    expect(figures.attention).toEqual([
      { pairId: 2, mentorName: 'Mentor 2', menteeName: 'Mentee 2', reason: 'inactive' },
      {
        pairId: 4,
        mentorName: 'Mentor 4',
        menteeName: 'Mentee 4',
        reason: 'paused after 3 unanswered prompts',
      },
      { pairId: 6, mentorName: 'Mentor 6', menteeName: 'Mentee 6', reason: 'mentee left the company' },
      { pairId: 8, mentorName: null, menteeName: 'Mentee 8', reason: 'inactive' },
    ]);
  });

  it('has one pair row per pair, by id, with names falling back to Slack ids', () => {
    expect(figures.pairRows.map((row) => row.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(figures.pairRows[0]).toEqual({
      id: 1,
      mentor: 'Mentor 1',
      mentee: 'Mentee 1',
      mentorId: 'UMENTOR1',
      menteeId: 'UMENTEE1',
      status: 'active',
      levelGap: 2,
      crossDepartment: true,
      sharedTopics: ['AI', 'Data'],
      startedAt: at('2026-09-01T09:00:00Z'),
      endedAt: null,
      promptsSent: 5,
      promptsAnswered: 4,
    });
    expect(figures.pairRows[4]).toMatchObject({
      id: 5,
      status: 'ended',
      endedAt: at('2026-11-01T00:00:00Z'),
    });
    expect(figures.pairRows[7]).toMatchObject({ id: 8, mentor: 'U08', mentorId: 'U08', mentee: 'Mentee 8' });
  });

  it('averages the two middle values for an even number of matches', () => {
    const withFourth: ReportData = {
      ...programme,
      requests: [
        ...programme.requests,
        {
          status: 'matched',
          topicNames: [],
          createdAt: at('2026-10-20T00:00:00Z'),
          matchedAt: at('2026-10-24T00:00:00Z'), // 4 days → [1, 2.5, 4, 6.25]
        },
      ],
    };
    expect(computeReportFigures(withFourth, generatedAt).medianDaysToMatch).toBe(3.25);
  });
});

describe('pairs whose latest prompt could not be delivered', () => {
  const withFailures: ReportData = {
    ...empty,
    pairs: [
      pair({ id: 1, lastDeliveryError: 'channel_not_found', promptsSent: 3 }),
      pair({ id: 2, lastDeliveryError: 'channel_not_found', needsAttention: 'asked to pause' }),
      pair({ id: 3, lastDeliveryError: 'Error: something {"user":"U1"}' }),
      pair({ id: 4, lastDeliveryError: null, promptsSent: 3 }),
    ],
  };

  it('are listed with the Slack error code, after an explicit flag and before inactivity', () => {
    expect(computeReportFigures(withFailures, generatedAt).attention.map((item) => item.reason)).toEqual([
      'prompt delivery failed (channel_not_found)',
      'asked to pause',
      'prompt delivery failed', // not an error code: left out rather than shown to admins
      'inactive',
    ]);
  });
});

describe('computeReportFigures on an empty programme', () => {
  it('is all zeros and nulls, with eight empty weeks', () => {
    expect(computeReportFigures(empty, generatedAt)).toEqual({
      generatedAt,
      participants: {
        mentorsOpen: 0,
        menteesWaiting: 0,
        proposalsPending: 0,
        pairsActive: 0,
        pairsPaused: 0,
        pairsEnded: 0,
      },
      topics: [],
      pairsByLevelGap: [],
      crossDepartmentShare: null,
      medianDaysToMatch: null,
      weeks: ['W41', 'W42', 'W43', 'W44', 'W45', 'W46', 'W47', 'W48'].map((week) => ({
        weekKey: `2026-${week}`,
        sent: 0,
        answered: 0,
        answerRate: null,
      })),
      feedback: { count: 0, averageRating: null, recommendShare: null },
      attention: [],
      pairRows: [],
    });
  });

  it.each([
    // Friday 2027-01-01 is in 2026-W53.
    [
      '2027-01-01T12:00:00Z',
      ['2026-W46', '2026-W47', '2026-W48', '2026-W49', '2026-W50', '2026-W51', '2026-W52', '2026-W53'],
    ],
    [
      '2027-01-20T12:00:00Z',
      ['2026-W49', '2026-W50', '2026-W51', '2026-W52', '2026-W53', '2027-W01', '2027-W02', '2027-W03'],
    ],
    // Weeks are read in UTC: already Monday in Tokyo, still Sunday of 2026-W48 in UTC.
    [
      '2026-11-29T23:30:00Z',
      ['2026-W41', '2026-W42', '2026-W43', '2026-W44', '2026-W45', '2026-W46', '2026-W47', '2026-W48'],
    ],
  ])('generated at %s covers %p', (when, expected) => {
    expect(computeReportFigures(empty, at(when)).weeks.map((week) => week.weekKey)).toEqual(expected);
  });
});

describe('previousIsoWeeks', () => {
  it.each([
    ['2027-W02', 4, ['2026-W52', '2026-W53', '2027-W01', '2027-W02']],
    ['2026-W02', 3, ['2025-W52', '2026-W01', '2026-W02']],
    ['2026-W48', 1, ['2026-W48']],
    ['2026-W48', 0, []],
  ])('%s, %d weeks', (weekKey, count, expected) => {
    expect(previousIsoWeeks(weekKey, count)).toEqual(expected);
  });
});

describe('median', () => {
  it.each([
    [[], null],
    [[7], 7],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[0.5, 0.25], 0.375],
  ])('%p → %p', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});
