// The term rules: when the choice to extend or wrap up is asked, when a term is over, what the choices add up to,
// what comes after a wrap-up, and the close survey's checks.
import { journeyFacts } from '../support/journey-facts';
import {
  closeRule,
  dueTermTransition,
  parseCloseSurvey,
  termOutcome,
  termRule,
  wrapUpAt,
} from '../../src/domain/journey-term';
import { addDays, addWeeks, type PairJourneyFacts } from '../../src/domain/pairing-journey';
import {
  closeSurveyMessage,
  closeSurveyModal,
  followUpMessage,
  termChoiceMessage,
} from '../../src/views/journey-term-views';
import type { JourneyMessageContext } from '../../src/views/journey-messages';
import { blockKitProblems } from '../support/block-kit-limits';

const at = (iso: string) => new Date(iso);
const START = at('2026-11-23T09:00:00Z');
const END = addWeeks(START, 26);
const ASKED = addWeeks(END, -2);
const settings = { termWeeks: 26, extensionWeeks: 12 };

const running = journeyFacts(START, END);

const asked = (round: number, when: Date, roles: ('mentor' | 'mentee')[] = ['mentor', 'mentee']) =>
  roles.map((role) => ({ step: 'term-choice' as const, role, round, at: when }));

const due = (rule: typeof termRule, facts: PairJourneyFacts) =>
  rule(facts, settings).map((m) => `${m.step}/${m.role}/${m.round}@${m.dueFrom.toISOString()}`);

describe('termRule', () => {
  it.each<[string, Partial<PairJourneyFacts>, string[]]>([
    [
      'a running pair: both are asked two weeks before the end',
      {},
      [`term-choice/mentor/1@${ASKED.toISOString()}`, `term-choice/mentee/1@${ASKED.toISOString()}`],
    ],
    [
      'after one extension: round 2, two weeks before the new end, and the word in the group DM',
      { extensions: 1, termEndsAt: addWeeks(END, 12) },
      [
        `term-choice/mentor/2@${addWeeks(END, 10).toISOString()}`,
        `term-choice/mentee/2@${addWeeks(END, 10).toISOString()}`,
        `term-extended/pair/1@${START.toISOString()}`,
      ],
    ],
    ['the mentor left', { mentorPresent: false }, [`term-choice/mentee/1@${ASKED.toISOString()}`]],
    ['an ended pair is asked nothing', { status: 'ended', endReason: 'ended', endedAt: START }, []],
  ])('%s', (_name, changes, expected) => {
    expect(due(termRule, { ...running, ...changes })).toEqual(expected);
  });
});

describe('dueTermTransition', () => {
  it.each<[string, Partial<PairJourneyFacts>, Date, boolean]>([
    ['never asked: the term waits for the ask', {}, addWeeks(END, 1), false],
    ['asked, before the end', { sent: asked(1, ASKED) }, addDays(END, -1), false],
    ['asked, at the end', { sent: asked(1, ASKED) }, END, true],
    ['asked late (a break): two weeks after the ask', { sent: asked(1, addDays(END, -3)) }, END, false],
    [
      'asked late: wraps up two weeks after the first ask',
      { sent: asked(1, addDays(END, -3), ['mentor']) },
      addDays(END, 11),
      true,
    ],
    ['the ask of an earlier round does not count', { extensions: 1, sent: asked(1, ASKED) }, END, false],
    ['a paused pair wraps up too', { status: 'paused', sent: asked(1, ASKED) }, END, true],
    ['an ended pair stays ended', { status: 'ended', sent: asked(1, ASKED) }, addWeeks(END, 1), false],
  ])('%s', (_name, changes, now, wrapsUp) => {
    const facts = { ...running, ...changes };
    expect(dueTermTransition(facts, now)).toEqual(
      wrapsUp ? { kind: 'wrap_up', extensions: facts.extensions } : null,
    );
  });

  it('wraps up at the end of the term when both were asked on time', () => {
    expect(wrapUpAt({ ...running, sent: asked(1, ASKED) })).toEqual(END);
  });
});

describe('termOutcome', () => {
  it.each<[string, ('extend' | 'wrap_up')[], string]>([
    ['nobody chose yet', [], 'undecided'],
    ['one extend', ['extend'], 'undecided'],
    ['both extend', ['extend', 'extend'], 'extend'],
    ['one wrap up', ['wrap_up'], 'wrap_up'],
    ['extend and wrap up', ['extend', 'wrap_up'], 'wrap_up'],
  ])('%s', (_name, choices, outcome) => {
    expect(termOutcome(choices)).toBe(outcome);
  });
});

describe('closeRule', () => {
  const ENDED = addWeeks(END, 0);
  const wrapped: PairJourneyFacts = {
    ...running,
    status: 'ended',
    endReason: 'wrapped_up',
    endedAt: ENDED,
  };
  const iso = (d: Date) => d.toISOString();
  it.each<[string, Partial<PairJourneyFacts>, string[]]>([
    [
      'after a wrap-up: the closing question and a survey for each',
      {},
      [
        `closing/pair/1@${iso(ENDED)}`,
        `close-survey/mentor/1@${iso(ENDED)}`,
        `close-survey/mentee/1@${iso(ENDED)}`,
      ],
    ],
    [
      'a survey already answered is not sent',
      { closeSurveyRoles: ['mentor'] },
      [`closing/pair/1@${iso(ENDED)}`, `close-survey/mentee/1@${iso(ENDED)}`],
    ],
    [
      'a commitment written: follow-ups after 30 and 60 days',
      {
        closeSurveyRoles: ['mentor', 'mentee'],
        commitment: { written: true, after30Days: null, after60Days: null },
      },
      [
        `closing/pair/1@${iso(ENDED)}`,
        `follow-up/mentee/1@${iso(addDays(ENDED, 30))}`,
        `follow-up/mentee/2@${iso(addDays(ENDED, 60))}`,
      ],
    ],
    [
      'a commitment erased (the senior left): no follow-ups, no closing',
      {
        menteePresent: false,
        closeSurveyRoles: ['mentor'],
        commitment: { written: false, after30Days: null, after60Days: null },
      },
      [],
    ],
    ['ended another way: nothing', { endReason: 'not_a_fit' }, []],
    ['still running: nothing', { status: 'active', endReason: null, endedAt: null }, []],
  ])('%s', (_name, changes, expected) => {
    expect(due(closeRule, { ...wrapped, ...changes })).toEqual(expected);
  });
});

describe('parseCloseSurvey', () => {
  type SurveyInput = { usefulness: string | null; recommend: string | null; commitment: string | null };
  const good: SurveyInput = { usefulness: '4', recommend: 'yes', commitment: '  Ask my team first  ' };
  it.each<[string, Partial<SurveyInput>, boolean, unknown]>([
    [
      'a full answer with a commitment',
      {},
      true,
      { ok: true, survey: { usefulness: 4, wouldRecommend: true, commitment: 'Ask my team first' } },
    ],
    [
      'an empty commitment is none',
      { commitment: '   ' },
      true,
      { ok: true, survey: { usefulness: 4, wouldRecommend: true, commitment: null } },
    ],
    [
      'nothing chosen',
      { usefulness: null, recommend: null, commitment: null },
      true,
      {
        ok: false,
        errors: { usefulness: 'Please choose from 1 to 5.', recommend: 'Please answer yes or no.' },
      },
    ],
    [
      'a forged rating',
      { usefulness: '9' },
      true,
      { ok: false, errors: { usefulness: 'Please choose from 1 to 5.' } },
    ],
    [
      'a commitment too long',
      { commitment: 'x'.repeat(201) },
      true,
      { ok: false, errors: { commitment: 'Please keep it to 200 characters (it has 201).' } },
    ],
    [
      'a commitment from someone not asked for one',
      {},
      false,
      { ok: false, errors: { commitment: 'This survey has no such question.' } },
    ],
  ])('%s', (_name, changes, asksCommitment, expected) => {
    expect(parseCloseSurvey({ ...good, ...changes }, asksCommitment)).toEqual(expected);
  });
});

describe('the term views', () => {
  const context = (
    role: 'mentor' | 'mentee',
    facts: Partial<PairJourneyFacts> = {},
  ): JourneyMessageContext => ({
    key: { step: 'close-survey', role, round: 1 },
    facts: { ...running, ...facts },
    settings,
    programmeName: 'Mentor Circles',
    mentorName: 'Ada',
    menteeName: 'Ben',
    sharedTopics: ['AI tools'],
    now: ASKED,
  });
  const actionIds = (value: unknown) =>
    [...JSON.stringify(value).matchAll(/"action_id":"([a-z_]+)"/g)].map((m) => m[1]);

  it('offers the mentee a re-rating of their goals only when they set some', () => {
    expect(actionIds(closeSurveyMessage(context('mentee', { goalCount: 2 })))).toContain(
      'journey_rate_goals',
    );
    expect(actionIds(closeSurveyMessage(context('mentee')))).not.toContain('journey_rate_goals');
    expect(actionIds(closeSurveyMessage(context('mentor', { goalCount: 2 })))).not.toContain(
      'journey_rate_goals',
    );
    expect(actionIds(closeSurveyMessage(context('mentor')))).toEqual([
      'journey_open_close_survey',
      'invitation_offer',
      'invitation_find',
    ]);
  });

  it('stays within Block Kit limits', () => {
    for (const message of [
      termChoiceMessage(context('mentor')),
      closeSurveyMessage(context('mentee', { goalCount: 3 })),
      followUpMessage(context('mentee')),
    ])
      expect(blockKitProblems('message', message as unknown as Record<string, unknown>)).toEqual([]);
    for (const asksCommitment of [true, false])
      expect(
        blockKitProblems(
          'modal',
          closeSurveyModal({ pairId: 7, asksCommitment }) as unknown as Record<string, unknown>,
        ),
      ).toEqual([]);
  });

  it('asks only the senior for a commitment', () => {
    expect(JSON.stringify(closeSurveyModal({ pairId: 7, asksCommitment: true }))).toContain(
      'journey_close_commitment',
    );
    expect(JSON.stringify(closeSurveyModal({ pairId: 7, asksCommitment: false }))).not.toContain(
      'journey_close_commitment',
    );
  });
});
