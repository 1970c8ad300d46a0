import { anonymiseReasons } from '../../src/domain/erasure';
import { FEEDBACK_FIELDS, parseFeedbackForm } from '../../src/domain/feedback-form';
import { isPaused, parsePauseLength, pauseEndsAt } from '../../src/domain/pause';

describe('parsePauseLength', () => {
  it.each([
    [[], { ok: true, weeks: null }],
    [['1'], { ok: true, weeks: 1 }],
    [['4'], { ok: true, weeks: 4 }],
    [['52'], { ok: true, weeks: 52 }],
    [['2', 'weeks'], { ok: true, weeks: 2 }],
    [['1', 'Week'], { ok: true, weeks: 1 }],
    [['0'], { ok: false }],
    [['53'], { ok: false }],
    [['-1'], { ok: false }],
    [['1.5'], { ok: false }],
    [['four'], { ok: false }],
    [['4', 'days'], { ok: false }],
    [['4', 'weeks', 'please'], { ok: false }],
    [['100000000000000000000'], { ok: false }],
  ])('%j → %j', (args, expected) => {
    expect(parsePauseLength(args)).toEqual(expected);
  });

  it('ends N whole weeks later, or never', () => {
    const now = new Date('2026-11-23T09:00:00Z');
    expect(pauseEndsAt(now, 2)?.toISOString()).toBe('2026-12-07T09:00:00.000Z');
    expect(pauseEndsAt(now, null)).toBeNull();
  });

  it('counts a pause whose end has passed as over', () => {
    const now = new Date('2026-11-23T09:00:00Z');
    const at = new Date('2026-11-01T00:00:00Z');
    expect(isPaused({ pausedAt: null, pausedUntil: null }, now)).toBe(false);
    expect(isPaused({ pausedAt: at, pausedUntil: null }, now)).toBe(true);
    expect(isPaused({ pausedAt: at, pausedUntil: new Date('2026-11-24T00:00:00Z') }, now)).toBe(true);
    expect(isPaused({ pausedAt: at, pausedUntil: now }, now)).toBe(false);
  });
});

describe('parseFeedbackForm', () => {
  const values = (rating: string | null, recommend: string | null, comment: string | null) => ({
    [FEEDBACK_FIELDS.rating]: {
      [FEEDBACK_FIELDS.rating]: {
        type: 'radio_buttons',
        selected_option: rating === null ? null : { value: rating },
      },
    },
    [FEEDBACK_FIELDS.recommend]: {
      [FEEDBACK_FIELDS.recommend]: {
        type: 'radio_buttons',
        selected_option: recommend === null ? null : { value: recommend },
      },
    },
    [FEEDBACK_FIELDS.comment]: { [FEEDBACK_FIELDS.comment]: { type: 'plain_text_input', value: comment } },
  });

  it('accepts a rating, an answer and an optional trimmed comment', () => {
    expect(parseFeedbackForm(values('4', 'yes', '  Great  '))).toEqual({
      ok: true,
      feedback: { rating: 4, wouldRecommend: true, comment: 'Great' },
    });
    expect(parseFeedbackForm(values('1', 'no', '   '))).toEqual({
      ok: true,
      feedback: { rating: 1, wouldRecommend: false, comment: null },
    });
  });

  it.each([
    ['missing rating', values(null, 'yes', null), FEEDBACK_FIELDS.rating],
    ['rating 0', values('0', 'yes', null), FEEDBACK_FIELDS.rating],
    ['rating 6', values('6', 'yes', null), FEEDBACK_FIELDS.rating],
    ['rating 4.5', values('4.5', 'yes', null), FEEDBACK_FIELDS.rating],
    ['missing answer', values('3', null, null), FEEDBACK_FIELDS.recommend],
    ['tampered answer', values('3', 'maybe', null), FEEDBACK_FIELDS.recommend],
    ['comment of 1001 characters', values('3', 'yes', 'x'.repeat(1001)), FEEDBACK_FIELDS.comment],
  ])('refuses %s with a message on that input only', (_case, submitted, field) => {
    const parsed = parseFeedbackForm(submitted);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(Object.keys(parsed.errors)).toEqual([field]);
  });

  it('accepts a comment of exactly 1000 characters', () => {
    expect(parseFeedbackForm(values('5', 'yes', 'x'.repeat(1000))).ok).toBe(true);
  });

  it('refuses an empty submission on every required input', () => {
    const parsed = parseFeedbackForm({});
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(Object.keys(parsed.errors).sort()).toEqual(
        [FEEDBACK_FIELDS.rating, FEEDBACK_FIELDS.recommend].sort(),
      );
  });
});

describe('anonymiseReasons', () => {
  const reasons = {
    sharedTopicIds: [1, 2],
    sharedTopics: ['Social media', 'AI'],
    mentorLevel: 1,
    menteeLevel: 5,
    levelGap: 4,
    mentorDepartment: 'Engineering',
    menteeDepartment: 'Sales',
    crossDepartment: true,
    waitingDays: 3,
    mentorName: 'Ada Lovelace',
    notes: ['met UADA twice'],
    extra: { who: 'UADA' },
  };

  it("forgets the departed side's fields and their identifiers, keeps the shared facts", () => {
    expect(anonymiseReasons(reasons, 'mentor', ['UADA', 'Ada Lovelace'])).toEqual({
      sharedTopicIds: [1, 2],
      sharedTopics: ['Social media', 'AI'],
      mentorLevel: null,
      menteeLevel: 5,
      levelGap: 4,
      mentorDepartment: null,
      menteeDepartment: 'Sales',
      crossDepartment: true,
      waitingDays: 3,
      mentorName: null,
      notes: ['met UADA twice'],
      extra: { who: null },
    });
  });

  it("keeps the mentor's side when the mentee leaves", () => {
    const scrubbed = anonymiseReasons(reasons, 'mentee', ['UBEN']) as Record<string, unknown>;
    expect(scrubbed.mentorLevel).toBe(1);
    expect(scrubbed.menteeLevel).toBeNull();
    expect(scrubbed.menteeDepartment).toBeNull();
  });
});
