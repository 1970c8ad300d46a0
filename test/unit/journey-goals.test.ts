// The goals rule (invitation, one reminder, the midpoint re-rating), who may set or rate goals when, and the
// goals and rating forms' parsing, table by table; the goals views against Slack's Block Kit limits.
import { journeyFacts } from '../support/journey-facts';
import {
  GOAL_ERRORS,
  GOAL_FIELDS,
  MAX_GOAL_NOTE_LENGTH,
  parseGoalsForm,
  parseRatingsForm,
} from '../../src/domain/goals-form';
import {
  goalsMidpoint,
  goalsRule,
  goalTopicChoices,
  parseRatingButtonValue,
  whyGoalsCannotBeRated,
  whyGoalsCannotBeSet,
  type GoalsPairState,
} from '../../src/domain/journey-goals';
import type { PairJourneyFacts } from '../../src/domain/pairing-journey';
import {
  goalsModal,
  goalsSharedPost,
  ratingModal,
  rateGoalsButton,
} from '../../src/views/journey-goals-views';
import { JOURNEY_ACTIONS } from '../../src/views/journey-ids';
import { journeyMessage } from '../../src/views/journey-messages';
import { blockKitProblems } from '../support/block-kit-limits';

const at = (iso: string) => new Date(iso);
const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
const START = at('2026-11-23T09:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const WEEK = 7 * DAY;
const plus = (ms: number) => new Date(START.getTime() + ms);
const settings = { termWeeks: 26, extensionWeeks: 12 };

const facts = journeyFacts(START, plus(26 * WEEK));
const invited = {
  sent: [{ step: 'goals-invite' as const, role: 'mentee' as const, round: 1, at: plus(HOURS(5)) }],
};
function HOURS(n: number) {
  return n * 60 * 60 * 1000;
}

describe('goalsRule', () => {
  const due = (changes: Partial<PairJourneyFacts>) =>
    goalsRule({ ...facts, ...changes }, settings).map((m) => `${m.step}@${m.dueFrom.toISOString()}`);

  it.each<[string, Partial<PairJourneyFacts>, string[]]>([
    ['a new pair: the invitation, from the start', {}, [`goals-invite@${START.toISOString()}`]],
    [
      'invited, no goals: a reminder a week after the invitation was sent',
      invited,
      [`goals-invite@${START.toISOString()}`, `goals-reminder@${plus(HOURS(5) + WEEK).toISOString()}`],
    ],
    [
      'goals set: the midpoint of the 26-week term',
      { goalCount: 2 },
      [`midpoint-goals@${plus(13 * WEEK).toISOString()}`],
    ],
    [
      'a pair with its own 6-week term: its own midpoint',
      { goalCount: 1, termEndsAt: plus(6 * WEEK) },
      [`midpoint-goals@${plus(3 * WEEK).toISOString()}`],
    ],
    [
      'extended once: the midpoint of the first term still',
      { goalCount: 1, extensions: 1, termEndsAt: plus(38 * WEEK) },
      [`midpoint-goals@${plus(13 * WEEK).toISOString()}`],
    ],
    ['goals set and rated at the midpoint: nothing', { goalCount: 1, ratedStages: ['start', 'middle'] }, []],
    ['the pair ended: nothing', { status: 'ended', endReason: 'wrapped_up', endedAt: plus(WEEK) }, []],
    ['the pair ended with goals: no midpoint', { status: 'ended', goalCount: 1, endedAt: plus(WEEK) }, []],
    ['the mentee left: nothing', { menteePresent: false, goalCount: 1 }, []],
    [
      'paused: still due (the job waits for the break to end)',
      { status: 'paused' },
      [`goals-invite@${START.toISOString()}`],
    ],
  ])('%s', (_name, changes, expected) => {
    expect(due(changes)).toEqual(expected);
  });

  it('never puts the midpoint before the start', () => {
    expect(goalsMidpoint({ startedAt: START, termEndsAt: plus(-WEEK), extensions: 0 }, settings)).toEqual(
      START,
    );
  });
});

describe('who may set and rate goals', () => {
  const state: GoalsPairState = {
    status: 'active',
    endReason: null,
    endedAt: null,
    menteeId: 'U0BEN',
    goalCount: 0,
    ratedStages: [],
  };

  it.each<[string, Partial<GoalsPairState> | null, string, string | null]>([
    ['the mentee of a running pair', {}, 'U0BEN', null],
    ['the mentee of a paused pair', { status: 'paused' }, 'U0BEN', null],
    ['the mentor', {}, 'U0ADA', 'not_your_pair'],
    ['no such pair', null, 'U0BEN', 'not_your_pair'],
    ['the mentee left', { menteeId: null }, 'U0BEN', 'not_your_pair'],
    ['the pair ended', { status: 'ended' }, 'U0BEN', 'pair_ended'],
    ['goals already set', { goalCount: 1 }, 'U0BEN', 'goals_set'],
  ])('setting: %s', (_name, changes, userId, expected) => {
    expect(whyGoalsCannotBeSet(changes === null ? null : { ...state, ...changes }, userId)).toBe(expected);
  });

  const withGoals = { ...state, goalCount: 2, ratedStages: ['start' as const] };
  const now = plus(30 * WEEK);
  const wrapped = { status: 'ended' as const, endReason: 'wrapped_up' as const, endedAt: plus(26 * WEEK) };
  it.each<[string, Partial<GoalsPairState> | null, string, 'middle' | 'close', string | null]>([
    ['midpoint, running', {}, 'U0BEN', 'middle', null],
    ['midpoint, by the mentor', {}, 'U0ADA', 'middle', 'not_your_pair'],
    ['midpoint, ended', wrapped, 'U0BEN', 'middle', 'pair_ended'],
    ['midpoint, no goals', { goalCount: 0, ratedStages: [] }, 'U0BEN', 'middle', 'no_goals'],
    ['midpoint, rated already', { ratedStages: ['start', 'middle'] }, 'U0BEN', 'middle', 'already_rated'],
    ['close, wrapped up', wrapped, 'U0BEN', 'close', null],
    ['close, still running', {}, 'U0BEN', 'close', 'not_wrapped_up'],
    ['close, ended early', { ...wrapped, endReason: 'not_a_fit' }, 'U0BEN', 'close', 'pair_ended'],
    [
      'close, 75 days after the end',
      { ...wrapped, endedAt: new Date(now.getTime() - 75 * DAY) },
      'U0BEN',
      'close',
      'too_late',
    ],
    [
      'close, 74 days after the end',
      { ...wrapped, endedAt: new Date(now.getTime() - 74 * DAY) },
      'U0BEN',
      'close',
      null,
    ],
    [
      'close, rated already',
      { ...wrapped, ratedStages: ['start', 'close'] },
      'U0BEN',
      'close',
      'already_rated',
    ],
  ])('rating: %s', (_name, changes, userId, stage, expected) => {
    const current = changes === null ? null : { ...withGoals, ...changes };
    expect(whyGoalsCannotBeRated(current, userId, stage, now, 75)).toBe(expected);
  });
});

describe('goalTopicChoices', () => {
  it('offers the shared topics first, then the other requested ones, each once', () => {
    expect(goalTopicChoices(['A', 'B'], ['B', 'C', 'C', 'A', 'D'])).toEqual({
      shared: ['A', 'B'],
      other: ['C', 'D'],
    });
  });
});

describe('parseRatingButtonValue', () => {
  it.each<[string, ReturnType<typeof parseRatingButtonValue>]>([
    ['7:middle', { pairId: 7, stage: 'middle' }],
    ['12:close', { pairId: 12, stage: 'close' }],
    ['7:start', null],
    ['0:close', null],
    ['-1:close', null],
    ['7', null],
    ['x:close', null],
    ['99999999999999999:close', null],
  ])('%s', (value, expected) => {
    expect(parseRatingButtonValue(value)).toEqual(expected);
  });
});

interface Slot {
  topic?: string | null;
  confidence?: string | null;
  note?: string | null;
}

function values(slots: readonly Slot[]) {
  const state: Record<string, Record<string, unknown>> = {};
  slots.forEach((slot, index) => {
    const n = index + 1;
    state[GOAL_FIELDS.topic(n)] = {
      [GOAL_FIELDS.topic(n)]: { selected_option: slot.topic == null ? null : { value: slot.topic } },
    };
    state[GOAL_FIELDS.confidence(n)] = {
      [GOAL_FIELDS.confidence(n)]: {
        selected_option: slot.confidence == null ? null : { value: slot.confidence },
      },
    };
    state[GOAL_FIELDS.note(n)] = { [GOAL_FIELDS.note(n)]: { value: slot.note ?? null } };
  });
  return state;
}

describe('parseGoalsForm', () => {
  const topics = ['Social media', 'Generative AI tools', 'Accessibility'];
  const long = 'x'.repeat(MAX_GOAL_NOTE_LENGTH + 1);

  it.each<[string, Slot[], unknown]>([
    [
      'one goal with a note, trimmed',
      [{ topic: 'Social media', confidence: '2', note: '  posting weekly  ' }],
      { ok: true, goals: [{ position: 1, topic: 'Social media', confidence: 2, note: 'posting weekly' }] },
    ],
    [
      'an empty slot between two goals closes up',
      [
        { topic: 'Social media', confidence: '1' },
        {},
        { topic: 'Accessibility', confidence: '5', note: '   ' },
      ],
      {
        ok: true,
        goals: [
          { position: 1, topic: 'Social media', confidence: 1, note: null },
          { position: 2, topic: 'Accessibility', confidence: 5, note: null },
        ],
      },
    ],
    [
      'a note of exactly the limit',
      [{ topic: 'Social media', confidence: '3', note: 'y'.repeat(MAX_GOAL_NOTE_LENGTH) }],
      {
        ok: true,
        goals: [
          { position: 1, topic: 'Social media', confidence: 3, note: 'y'.repeat(MAX_GOAL_NOTE_LENGTH) },
        ],
      },
    ],
    ['no goal at all', [{}, {}, {}], { ok: false, errors: { goal_topic_1: GOAL_ERRORS.noGoal } }],
    ['an empty form', [], { ok: false, errors: { goal_topic_1: GOAL_ERRORS.noGoal } }],
    [
      'the same topic twice',
      [{ topic: 'Social media', confidence: '3' }, {}, { topic: 'Social media', confidence: '4' }],
      { ok: false, errors: { goal_topic_3: GOAL_ERRORS.duplicate(1) } },
    ],
    [
      'a topic without a confidence',
      [{ topic: 'Social media' }],
      { ok: false, errors: { goal_confidence_1: GOAL_ERRORS.confidence } },
    ],
    [
      'a confidence out of range',
      [{ topic: 'Social media', confidence: '6' }],
      { ok: false, errors: { goal_confidence_1: GOAL_ERRORS.confidence } },
    ],
    [
      'a confidence that is not a number',
      [{ topic: 'Social media', confidence: '2.5' }],
      { ok: false, errors: { goal_confidence_1: GOAL_ERRORS.confidence } },
    ],
    [
      'a note too long',
      [{ topic: 'Social media', confidence: '3', note: long }],
      { ok: false, errors: { goal_note_1: GOAL_ERRORS.noteTooLong(MAX_GOAL_NOTE_LENGTH + 1) } },
    ],
    [
      'a confidence and note without a topic',
      [
        { topic: 'Social media', confidence: '3' },
        { confidence: '2', note: 'hm' },
      ],
      { ok: false, errors: { goal_topic_2: GOAL_ERRORS.topicMissing } },
    ],
    [
      'a topic the pair was not offered (a tampered form)',
      [{ topic: 'Knitting', confidence: '3' }],
      { ok: false, errors: { goal_topic_1: GOAL_ERRORS.topicNotOffered } },
    ],
    [
      'several mistakes at once, each on its field',
      [
        { topic: 'Social media', note: long },
        { topic: 'Social media', confidence: '0' },
      ],
      {
        ok: false,
        errors: {
          goal_note_1: GOAL_ERRORS.noteTooLong(MAX_GOAL_NOTE_LENGTH + 1),
          goal_confidence_1: GOAL_ERRORS.confidence,
          goal_topic_2: GOAL_ERRORS.duplicate(1),
          goal_confidence_2: GOAL_ERRORS.confidence,
        },
      },
    ],
  ])('%s', (_name, slots, expected) => {
    expect(parseGoalsForm(values(slots), topics)).toEqual(expected);
  });

  it('ignores values of the wrong shape', () => {
    expect(parseGoalsForm({ goal_topic_1: { goal_topic_1: 'Social media' } }, topics)).toEqual({
      ok: false,
      errors: { goal_topic_1: GOAL_ERRORS.noGoal },
    });
  });
});

describe('parseRatingsForm', () => {
  const rating = (goalId: number, value: string | null) => ({
    [GOAL_FIELDS.rating(goalId)]: {
      [GOAL_FIELDS.rating(goalId)]: { selected_option: value === null ? null : { value } },
    },
  });

  it.each<[string, Record<string, Record<string, unknown>>, unknown]>([
    [
      'every goal rated',
      { ...rating(3, '4'), ...rating(4, '1') },
      {
        ok: true,
        ratings: [
          { goalId: 3, confidence: 4 },
          { goalId: 4, confidence: 1 },
        ],
      },
    ],
    [
      'one goal unrated',
      { ...rating(3, '4'), ...rating(4, null) },
      { ok: false, errors: { goal_rating_4: GOAL_ERRORS.rating } },
    ],
    [
      'one goal missing from the form',
      rating(3, '4'),
      { ok: false, errors: { goal_rating_4: GOAL_ERRORS.rating } },
    ],
    [
      'a rating out of range',
      { ...rating(3, '9'), ...rating(4, '2') },
      { ok: false, errors: { goal_rating_3: GOAL_ERRORS.rating } },
    ],
    [
      'a rating for a goal not of this pair is ignored',
      { ...rating(3, '4'), ...rating(4, '2'), ...rating(99, '5') },
      {
        ok: true,
        ratings: [
          { goalId: 3, confidence: 4 },
          { goalId: 4, confidence: 2 },
        ],
      },
    ],
  ])('%s', (_name, state, expected) => {
    expect(parseRatingsForm(state, [3, 4])).toEqual(expected);
  });
});

describe('goals views', () => {
  const context = (step: 'goals-invite' | 'goals-reminder' | 'midpoint-goals') => ({
    key: { step, role: 'mentee' as const, round: 1 },
    facts,
    settings,
    programmeName: 'Mentor Circles',
    mentorName: 'Ada <script>',
    menteeName: 'Ben',
    sharedTopics: ['Social media'],
    now: START,
  });

  it.each(['goals-invite', 'goals-reminder', 'midpoint-goals'] as const)(
    '%s fits Slack and escapes names',
    (step) => {
      const message = journeyMessage(context(step));
      expect(blockKitProblems('message', json(message))).toEqual([]);
      expect(message.text).toContain('Ada &lt;script&gt;');
    },
  );

  it('the midpoint button carries the pair and the stage', () => {
    expect(JSON.stringify(journeyMessage(context('midpoint-goals')).blocks)).toContain('"value":"7:middle"');
    expect(rateGoalsButton(7, 'close')).toMatchObject({
      elements: [{ action_id: JOURNEY_ACTIONS.rateGoals, value: '7:close' }],
    });
  });

  it('the goals form fits Slack with the most topics a pair can bring', () => {
    const many = (prefix: string) =>
      Array.from({ length: 150 }, (_, i) => `${prefix} ${i} ${'t'.repeat(60)}`.slice(0, 60));
    const modal = goalsModal({
      pairId: 7,
      mentorName: 'Ada',
      sharedTopics: many('S'),
      otherTopics: many('O'),
    });
    expect(blockKitProblems('modal', json(modal))).toEqual([]);
    const onlyShared = goalsModal({
      pairId: 7,
      mentorName: null,
      sharedTopics: ['Social media'],
      otherTopics: [],
    });
    expect(blockKitProblems('modal', json(onlyShared))).toEqual([]);
    expect(JSON.stringify(onlyShared)).not.toContain('Your other topics');
  });

  it('the rating form fits Slack with three goals and long notes', () => {
    const goals = [1, 2, 3].map((id) => ({ id, topic: 'x'.repeat(60), note: '<b>'.repeat(100) }));
    const modal = ratingModal({ pairId: 7, stage: 'close', goals });
    expect(blockKitProblems('modal', json(modal))).toEqual([]);
    expect(modal.private_metadata).toBe('7:close');
  });

  it('the shared post names the topics and notes, never a rating', () => {
    const post = goalsSharedPost({
      menteeId: 'U0BEN',
      goals: [
        { topic: 'Social media', note: 'a <b> note' },
        { topic: 'Accessibility', note: null },
      ],
    });
    expect(blockKitProblems('message', json(post))).toEqual([]);
    expect(post.text).toBe(
      '<@U0BEN> has set their goals for this pairing:\n1. *Social media* — a &lt;b&gt; note\n2. *Accessibility*',
    );
  });
});
