import {
  computeOutcomeFigures,
  findCohortScope,
  OUTCOME_MIN_PEOPLE,
  suppressed,
  type OutcomeData,
  type OutcomeFigure,
  type OutcomePair,
  type OutcomeScope,
} from '../../src/domain/outcome-figures';

const at = (iso: string): Date => new Date(iso);

const EMPTY: OutcomeData = {
  cohorts: [],
  pairs: [],
  goals: [],
  ratings: [],
  fitChecks: [],
  mentorVoice: [],
  feedback: [],
  commitments: [],
};

function pair(id: number, overrides: Partial<OutcomePair> = {}): OutcomePair {
  return {
    id,
    cohortId: null,
    mentorId: `UMENTOR${id}`,
    menteeId: `UMENTEE${id}`,
    startedAt: at('2026-03-02T09:00:00Z'),
    endedAt: null,
    endReason: null,
    extensions: 0,
    ...overrides,
  };
}

const ids = (count: number) => Array.from({ length: count }, (_, index) => index + 1);

/** `count` pairs (so 2 × count people), each with what `extra` adds for pair i. */
function programme(count: number, extra: (id: number) => Partial<OutcomeData> = () => ({})): OutcomeData {
  const data: { -readonly [K in keyof OutcomeData]: OutcomeData[K][number][] } = {
    cohorts: [],
    pairs: [],
    goals: [],
    ratings: [],
    fitChecks: [],
    mentorVoice: [],
    feedback: [],
    commitments: [],
  };
  for (const id of ids(count)) {
    data.pairs.push(pair(id));
    const more = extra(id);
    for (const key of Object.keys(more) as (keyof OutcomeData)[]) {
      if (key === 'pairs') {
        data.pairs.pop();
        data.pairs.push(...(more.pairs ?? []));
      } else (data[key] as unknown[]).push(...((more[key] ?? []) as unknown[]));
    }
  }
  return data;
}

const overall = (data: OutcomeData): OutcomeScope => computeOutcomeFigures(data).overall;

/** Each answer-based figure, with data from `people` people (one answer each) and its value when shown. */
const ANSWER_FIGURES: [
  string,
  (people: number) => OutcomeData,
  (scope: OutcomeScope) => OutcomeFigure<unknown>,
  unknown,
][] = [
  [
    'median confidence at the start (mentees who rated)',
    (people) =>
      programme(people, (id) => ({
        goals: [{ id, pairId: id }],
        ratings: [{ goalId: id, stage: 'start', confidence: 2 }],
      })),
    (scope) => scope.confidence.start,
    2,
  ],
  [
    'share of goals improved (mentees with a start and a close rating)',
    (people) =>
      programme(people, (id) => ({
        goals: [{ id, pairId: id }],
        ratings: [
          { goalId: id, stage: 'start', confidence: 2 },
          { goalId: id, stage: 'close', confidence: id === 1 ? 2 : 4 },
        ],
      })),
    (scope) => scope.improved,
    { improved: 4, goals: 5, share: 0.8 },
  ],
  [
    'fit-check answers (people who answered)',
    (people) =>
      programme(people, (id) => ({
        fitChecks: [{ pairId: id, role: 'mentor', round: 1, answer: id === 1 ? 'not_a_fit' : 'good_fit' }],
      })),
    (scope) => scope.fitCheck,
    { goodFit: 4, stillDeciding: 0, notAFit: 1 },
  ],
  [
    'close-survey usefulness (people who answered the survey of a wrapped-up pair)',
    (people) =>
      programme(people, (id) => ({
        pairs: [pair(id, { endReason: 'wrapped_up', endedAt: at('2026-09-01T09:00:00Z') })],
        feedback: [{ pairId: id, role: 'mentee', rating: id === 1 ? 2 : 4, wouldRecommend: true }],
      })),
    (scope) => scope.usefulness,
    3.6,
  ],
  [
    'would recommend (people who answered that question)',
    (people) =>
      programme(people, (id) => ({
        pairs: [pair(id, { endReason: 'wrapped_up', endedAt: at('2026-09-01T09:00:00Z') })],
        feedback: [{ pairId: id, role: 'mentor', rating: 4, wouldRecommend: id !== 1 }],
      })),
    (scope) => scope.wouldRecommend,
    0.8,
  ],
  [
    'follow-through after 30 days (seniors who answered)',
    (people) =>
      programme(people, (id) => ({
        commitments: [{ pairId: id, after30Days: id === 1 ? 'not_yet' : 'yes', after60Days: null }],
      })),
    (scope) => scope.followThrough.after30Days,
    { yes: 4, partly: 0, notYet: 1 },
  ],
  [
    "the mentors' private voice (mentors who answered)",
    (people) => programme(people, (id) => ({ mentorVoice: [{ pairId: id, candour: id === 1 ? 1 : 5 }] })),
    (scope) => scope.mentorVoice,
    4.2,
  ],
];

describe('outcome figures: small-number suppression', () => {
  it('suppresses from fewer than 5 people and shows from 5', () => {
    expect(OUTCOME_MIN_PEOPLE).toBe(5);
    expect(suppressed(4, () => 'x')).toEqual({ shown: false });
    expect(suppressed(5, () => 'x')).toEqual({ shown: true, value: 'x', people: 5 });
  });

  it('never even computes a suppressed figure', () => {
    const compute = jest.fn(() => 1);
    suppressed(0, compute);
    expect(compute).not.toHaveBeenCalled();
  });

  it.each(ANSWER_FIGURES)('%s: hidden with 4 people, shown with 5', (_name, build, read, value) => {
    expect(read(overall(build(4)))).toEqual({ shown: false });
    expect(read(overall(build(5)))).toEqual({ shown: true, value, people: 5 });
  });

  it('counts a person once however many answers they gave: 4 mentees with 3 goals each stay hidden', () => {
    const data = programme(4, (id) => ({
      goals: [1, 2, 3].map((position) => ({ id: id * 10 + position, pairId: id })),
      ratings: [1, 2, 3].map((position) => ({
        goalId: id * 10 + position,
        stage: 'start' as const,
        confidence: 3,
      })),
    }));
    expect(overall(data).confidence.start).toEqual({ shown: false });
    // Five mentors answering the private voice twice each are still 5 people.
    const voice = programme(5, (id) => ({
      mentorVoice: [
        { pairId: id, candour: 4 },
        { pairId: id, candour: 2 },
      ],
    }));
    expect(overall(voice).mentorVoice).toEqual({ shown: true, value: 3, people: 5 });
  });

  it('counts people who left (no Slack id any more) as different people, never as one', () => {
    const data = programme(5, (id) => ({
      pairs: [pair(id, { mentorId: null, menteeId: null })],
      mentorVoice: [{ pairId: id, candour: 4 }],
    }));
    expect(overall(data).mentorVoice).toEqual({ shown: true, value: 4, people: 5 });
  });

  it('bases the pair counts on everyone in the pairs: 2 pairs (4 people) hidden, 3 pairs (6 people) shown', () => {
    const ended = (id: number) => ({
      pairs: [pair(id, { endReason: 'not_a_fit' as const, endedAt: at('2026-04-01T09:00:00Z') })],
    });
    const two = overall(programme(2, ended));
    expect(two.people).toBe(4);
    for (const figure of [two.goals, two.earlyExits, two.extended, two.wrappedUp, two.tookPartAgain])
      expect(figure).toEqual({ shown: false });
    const three = overall(programme(3, ended));
    expect(three.earlyExits).toEqual({ shown: true, value: 3, people: 6 });
  });

  it('with nothing at all, every figure is hidden', () => {
    const scope = overall(EMPTY);
    expect(scope.pairs).toBe(0);
    expect(scope.confidence).toEqual({
      start: { shown: false },
      middle: { shown: false },
      close: { shown: false },
    });
    expect(scope.fitCheck).toEqual({ shown: false });
    expect(scope.mentorVoice).toEqual({ shown: false });
  });
});

describe('outcome figures on a known programme', () => {
  // Pairs 1–4 in the spring cohort, 5–6 evergreen, 7–8 in autumn: 13 people.
  const wrapped = { endReason: 'wrapped_up' as const, endedAt: at('2026-09-01T09:00:00Z') };
  const data: OutcomeData = {
    cohorts: [
      { id: 1, name: 'Spring 2026' },
      { id: 2, name: 'Autumn 2026' },
    ],
    pairs: [
      pair(1, { cohortId: 1, ...wrapped, extensions: 1 }),
      pair(2, { cohortId: 1, ...wrapped }),
      pair(3, { cohortId: 1, endReason: 'not_a_fit', endedAt: at('2026-04-01T09:00:00Z') }),
      pair(4, { cohortId: 1, extensions: 1 }),
      pair(5),
      pair(6, { endReason: 'ended', endedAt: at('2026-05-01T09:00:00Z') }),
      // The mentee of pair 1 comes back as a mentor, and pair 3's mentor tries again; pair 6 ended otherwise.
      pair(7, {
        cohortId: 2,
        mentorId: 'UMENTEE1',
        menteeId: 'UMENTOR3',
        startedAt: at('2026-09-14T09:00:00Z'),
      }),
      pair(8, { cohortId: 2, mentorId: 'UMENTOR6', menteeId: 'UNEW', startedAt: at('2026-09-14T09:00:00Z') }),
    ],
    goals: [1, 2, 3, 4, 5, 6].flatMap((pairId) => [
      { id: pairId * 10 + 1, pairId },
      ...(pairId <= 2 ? [{ id: pairId * 10 + 2, pairId }] : []),
    ]),
    ratings: [
      // start: 2, 1, 3, 2, 2, 4, 3, 1 → median 2
      ...[
        [11, 2],
        [12, 1],
        [21, 3],
        [22, 2],
        [31, 2],
        [41, 4],
        [51, 3],
        [61, 1],
      ].map(([goalId, confidence]) => ({
        goalId: goalId ?? 0,
        stage: 'start' as const,
        confidence: confidence ?? 0,
      })),
      // middle: only 3 mentees → hidden
      ...[11, 21, 41].map((goalId) => ({ goalId, stage: 'middle' as const, confidence: 3 })),
      // close: 4, 1, 4, 3, 2, 5, 1 → median 3; improved: 11 (2→4), 21 (3→4), 22 (2→3), 51 (3→5); not 12, 31, 61
      ...[
        [11, 4],
        [12, 1],
        [21, 4],
        [22, 3],
        [31, 2],
        [51, 5],
        [61, 1],
      ].map(([goalId, confidence]) => ({
        goalId: goalId ?? 0,
        stage: 'close' as const,
        confidence: confidence ?? 0,
      })),
    ],
    fitChecks: [
      { pairId: 1, role: 'mentor', round: 1, answer: 'good_fit' },
      { pairId: 1, role: 'mentee', round: 1, answer: 'still_deciding' },
      { pairId: 1, role: 'mentee', round: 2, answer: 'good_fit' },
      { pairId: 2, role: 'mentor', round: 1, answer: 'good_fit' },
      { pairId: 3, role: 'mentee', round: 1, answer: 'not_a_fit' },
      { pairId: 4, role: 'mentor', round: 1, answer: 'still_deciding' },
      { pairId: 5, role: 'mentee', round: 1, answer: 'good_fit' },
    ],
    mentorVoice: [1, 2, 3, 4, 5].map((pairId) => ({ pairId, candour: pairId })),
    feedback: [
      { pairId: 1, role: 'mentor', rating: 5, wouldRecommend: true },
      { pairId: 1, role: 'mentee', rating: 4, wouldRecommend: true },
      { pairId: 2, role: 'mentor', rating: 3, wouldRecommend: false },
      { pairId: 2, role: 'mentee', rating: 4, wouldRecommend: null },
      // Not wrapped up: feedback from /mentor end, not the close survey.
      { pairId: 6, role: 'mentor', rating: 1, wouldRecommend: false },
      { pairId: 3, role: 'mentee', rating: 1, wouldRecommend: false },
    ],
    commitments: [1, 2, 4, 5, 6].map((pairId) => ({
      pairId,
      after30Days: (['yes', 'yes', 'partly', 'not_yet', 'yes'] as const)[pairId - 2] ?? 'yes',
      after60Days: pairId <= 2 ? ('yes' as const) : null,
    })),
  };
  const figures = computeOutcomeFigures(data);

  it('computes every figure for all pairs', () => {
    expect(figures.overall).toEqual({
      cohort: null,
      pairs: 8,
      people: 13,
      goals: { shown: true, value: { pairsWithGoals: 6, goals: 8 }, people: 13 },
      confidence: {
        start: { shown: true, value: 2, people: 6 },
        middle: { shown: false },
        close: { shown: true, value: 3, people: 5 },
      },
      improved: { shown: true, value: { improved: 4, goals: 7, share: 4 / 7 }, people: 5 },
      fitCheck: { shown: true, value: { goodFit: 4, stillDeciding: 1, notAFit: 1 }, people: 6 },
      earlyExits: { shown: true, value: 1, people: 13 },
      extended: { shown: true, value: 2, people: 13 },
      wrappedUp: { shown: true, value: 2, people: 13 },
      // Only the four answers from wrapped-up pairs 1 and 2: (5 + 4 + 3 + 4) / 4 — but that is 4 people.
      usefulness: { shown: false },
      wouldRecommend: { shown: false },
      followThrough: {
        after30Days: { shown: true, value: { yes: 3, partly: 1, notYet: 1 }, people: 5 },
        after60Days: { shown: false },
      },
      tookPartAgain: { shown: true, value: 2, people: 13 },
      mentorVoice: { shown: true, value: 3, people: 5 },
    });
  });

  it('computes each cohort from its own pairs, newest cohort first', () => {
    expect(figures.cohorts.map((scope) => scope.cohort?.name)).toEqual(['Autumn 2026', 'Spring 2026']);
    const spring = findCohortScope(figures, '  spring 2026 ');
    expect(spring?.pairs).toBe(4);
    expect(spring?.people).toBe(8);
    expect(spring?.earlyExits).toEqual({ shown: true, value: 1, people: 8 });
    expect(spring?.confidence.start).toEqual({ shown: false });
    expect(spring?.mentorVoice).toEqual({ shown: false });
    // Autumn: 4 people, and two of them took part again: hidden all the same.
    const autumn = findCohortScope(figures, 'Autumn 2026');
    expect(autumn?.people).toBe(4);
    expect(autumn?.tookPartAgain).toEqual({ shown: false });
    expect(findCohortScope(figures, 'Winter')).toBeNull();
  });

  it('counts someone as taking part again only after a pairing that wrapped up or was not a fit', () => {
    // Pair 8's mentor had pair 6, which ended some other way: not counted. Pairs 7's two people are.
    const all = computeOutcomeFigures({
      ...data,
      pairs: [
        ...data.pairs,
        pair(9, { mentorId: 'UX1', menteeId: 'UX2' }),
        pair(10, { mentorId: 'UX3', menteeId: 'UX4' }),
      ],
    });
    expect(all.overall.tookPartAgain).toEqual({ shown: true, value: 2, people: 17 });
    // A pairing that started before the other one ended does not count.
    const overlapping = computeOutcomeFigures({
      ...data,
      pairs: data.pairs.map((row) =>
        row.id === 7 ? { ...row, startedAt: at('2026-08-01T09:00:00Z') } : row,
      ),
    });
    expect(overlapping.overall.tookPartAgain).toEqual({ shown: true, value: 1, people: 13 });
  });
});
