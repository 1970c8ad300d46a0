// The cohort rules: the "Open a cohort" form read in the admin's zone, sign-up windows that never overlap, and
// a cohort's status over time.
import {
  cohortDays,
  cohortOpenAt,
  cohortStatus,
  cohortTermEnd,
  defaultCohortTermWeeks,
  parseCohortForm,
  windowsOverlap,
  type Cohort,
  type CohortFormInput,
} from '../../src/domain/cohorts';

// A Monday morning in London (UTC in November), 04:00 in New York.
const NOW = new Date('2026-11-23T09:00:00Z');
const at = (iso: string) => new Date(iso);

const WINTER: Cohort = {
  id: 1,
  name: 'Winter',
  signupOpensAt: at('2026-12-01T00:00:00Z'),
  signupClosesAt: at('2026-12-08T00:00:00Z'),
  startsAt: at('2026-12-14T00:00:00Z'),
  termWeeks: 12,
  matchedAt: null,
};

const FORM: CohortFormInput = {
  name: 'Spring',
  opens: '2026-11-23',
  closes: '2026-11-29',
  starts: '2026-11-30',
  termWeeks: '26',
};

describe('parseCohortForm', () => {
  it.each<[string, Partial<CohortFormInput>, Record<string, string>]>([
    [
      'everything missing',
      { name: ' ', opens: '', closes: '', starts: '', termWeeks: '' },
      {
        name: 'Give the cohort a name.',
        opens: 'Choose the day sign-up opens.',
        closes: 'Choose the last day of sign-up.',
        starts: 'Choose the day the cohort starts.',
        termWeeks: 'Enter a whole number of weeks from 4 to 52.',
      },
    ],
    ['a name too long', { name: 'x'.repeat(61) }, { name: 'Keep the name to 60 characters.' }],
    ['a name taken, in any case', { name: 'wINTER' }, { name: 'There is already a cohort with that name.' }],
    ['opening in the past', { opens: '2026-11-22' }, { opens: 'Sign-up cannot open in the past.' }],
    [
      'closing before it opens',
      { opens: '2026-11-25', closes: '2026-11-24' },
      { closes: 'Sign-up must close on or after the day it opens.' },
    ],
    [
      'starting on the last day of sign-up',
      { starts: '2026-11-29' },
      {
        starts: 'The cohort starts after sign-up closes: choose a later day than the last day of sign-up.',
      },
    ],
    ['a term too short', { termWeeks: '3' }, { termWeeks: 'Enter a whole number of weeks from 4 to 52.' }],
    ['a term too long', { termWeeks: '53' }, { termWeeks: 'Enter a whole number of weeks from 4 to 52.' }],
    [
      'a term not a number',
      { termWeeks: '6.5' },
      { termWeeks: 'Enter a whole number of weeks from 4 to 52.' },
    ],
    ['a date that is no date', { starts: '2026-02-30' }, { starts: 'Choose the day the cohort starts.' }],
    [
      'a window overlapping another',
      { opens: '2026-11-30', closes: '2026-12-01', starts: '2026-12-20' },
      {
        opens: 'Sign-up for “Winter” runs from 2026-12-01 to 2026-12-07: sign-up windows may not overlap.',
      },
    ],
  ])('refuses %s', (_case, change, errors) => {
    const result = parseCohortForm(
      { ...FORM, ...change },
      { existing: [WINTER], timeZone: 'Europe/London', now: NOW },
    );
    expect(result).toEqual({ ok: false, errors });
  });

  it.each<[string, Partial<CohortFormInput>, string | null, Record<string, string>]>([
    [
      'London days',
      {},
      'Europe/London',
      {
        opens: '2026-11-23T00:00:00.000Z',
        closes: '2026-11-30T00:00:00.000Z',
        starts: '2026-11-30T00:00:00.000Z',
      },
    ],
    [
      'New York days',
      {},
      'America/New_York',
      {
        opens: '2026-11-23T05:00:00.000Z',
        closes: '2026-11-30T05:00:00.000Z',
        starts: '2026-11-30T05:00:00.000Z',
      },
    ],
    [
      'UTC days when the zone is unknown',
      {},
      null,
      {
        opens: '2026-11-23T00:00:00.000Z',
        closes: '2026-11-30T00:00:00.000Z',
        starts: '2026-11-30T00:00:00.000Z',
      },
    ],
    [
      'a window that ends the day before another opens',
      { opens: '2026-11-24', closes: '2026-11-30', starts: '2027-01-04' },
      'Europe/London',
      {
        opens: '2026-11-24T00:00:00.000Z',
        closes: '2026-12-01T00:00:00.000Z',
        starts: '2027-01-04T00:00:00.000Z',
      },
    ],
  ])('accepts %s', (_case, change, timeZone, instants) => {
    const result = parseCohortForm({ ...FORM, ...change }, { existing: [WINTER], timeZone, now: NOW });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect({
      opens: result.draft.signupOpensAt.toISOString(),
      closes: result.draft.signupClosesAt.toISOString(),
      starts: result.draft.startsAt.toISOString(),
    }).toEqual(instants);
    expect(result.draft.name).toBe('Spring');
    expect(result.draft.termWeeks).toBe(26);
  });

  it('reads "today" in the admin’s zone: late Sunday in New York is still Sunday there', () => {
    const sundayEvening = new Date('2026-11-23T03:00:00Z');
    const result = parseCohortForm(
      { ...FORM, opens: '2026-11-22' },
      { existing: [], timeZone: 'America/New_York', now: sundayEvening },
    );
    expect(result.ok).toBe(true);
  });
});

describe('windows and status', () => {
  it.each<[string, string, CohortStatusName]>([
    ['before sign-up opens', '2026-11-30T23:59:59Z', 'upcoming'],
    ['the moment it opens', '2026-12-01T00:00:00Z', 'open'],
    ['on its last day', '2026-12-07T23:59:59Z', 'open'],
    ['once it closed', '2026-12-08T00:00:00Z', 'closed'],
    ['after its start, not yet matched', '2026-12-15T00:00:00Z', 'closed'],
  ])('%s (%s)', (_case, iso, status) => {
    expect(cohortStatus(WINTER, at(iso))).toBe(status);
    expect(cohortOpenAt([WINTER], at(iso))?.id ?? null).toBe(status === 'open' ? 1 : null);
  });

  it('is matched once matched, whatever the time', () => {
    const matched = { ...WINTER, matchedAt: at('2026-12-14T00:01:00Z') };
    expect(cohortStatus(matched, at('2026-12-03T00:00:00Z'))).toBe('matched');
    expect(cohortOpenAt([matched], at('2026-12-03T00:00:00Z'))).toBeNull();
  });

  it.each<[string, string, string, boolean]>([
    ['inside', '2026-12-02T00:00:00Z', '2026-12-03T00:00:00Z', true],
    ['covering', '2026-11-01T00:00:00Z', '2027-01-01T00:00:00Z', true],
    ['ending as it opens', '2026-11-24T00:00:00Z', '2026-12-01T00:00:00Z', false],
    ['opening as it closes', '2026-12-08T00:00:00Z', '2026-12-09T00:00:00Z', false],
  ])('a window %s (%s)', (_case, opens, closes, overlaps) => {
    expect(windowsOverlap(WINTER, { signupOpensAt: at(opens), signupClosesAt: at(closes) })).toBe(overlaps);
  });

  it('runs the term from the cohort’s start', () => {
    expect(cohortTermEnd(WINTER).toISOString()).toBe('2027-03-08T00:00:00.000Z');
  });

  it('shows the days as the admin chose them, in their zone', () => {
    expect(cohortDays(WINTER, 'Europe/London')).toEqual({
      opens: '2026-12-01',
      lastDay: '2026-12-07',
      starts: '2026-12-14',
    });
  });

  it.each<[number | undefined, number]>([
    [undefined, 26],
    [12, 12],
    [2, 4],
    [60, 52],
  ])('with a term setting of %s suggests %s weeks', (setting, weeks) => {
    expect(defaultCohortTermWeeks(setting)).toBe(weeks);
  });
});

type CohortStatusName = ReturnType<typeof cohortStatus>;
