// The fit check's and the mentor's voice's rules, as tables: when each is due, and what a click may do.
import { journeyFacts } from '../support/journey-facts';
import {
  blockedPair,
  decideFitCheckAnswer,
  firstFitCheckDue,
  fitCheckRule,
} from '../../src/domain/journey-fit-check';
import {
  decideMentorVoiceAnswer,
  mentorVoiceRule,
  voiceRoundDate,
} from '../../src/domain/journey-mentor-voice';
import type { FitAnswer, PairJourneyFacts } from '../../src/domain/pairing-journey';

const at = (iso: string) => new Date(iso);
const DAY = 24 * 60 * 60 * 1000;
const START = at('2026-11-23T09:00:00Z');
const days = (n: number) => new Date(START.getTime() + n * DAY);
const settings = { termWeeks: 26, extensionWeeks: 12 };

const facts = journeyFacts(START, days(26 * 7), { pairId: 1 });

const show = (due: { step: string; role: string; round: number; dueFrom: Date }[]) =>
  due.map((m) => `${m.step}/${m.role}/${m.round}@${(m.dueFrom.getTime() - START.getTime()) / DAY}`);

describe('firstFitCheckDue', () => {
  it.each<[string, Date | null, Date]>([
    ['nothing discussed: two weeks after the introduction', null, days(14)],
    ['discussed on day 5: then', days(5), days(5)],
    ['discussed on day 20: still two weeks', days(20), days(14)],
    ['discussed exactly at two weeks', days(14), days(14)],
  ])('%s', (_name, discussed, expected) => {
    expect(firstFitCheckDue(START, discussed)).toEqual(expected);
  });
});

describe('fitCheckRule', () => {
  const answer = (role: 'mentor' | 'mentee', round: number, a: FitAnswer, day: number) => ({
    role,
    round,
    answer: a,
    answeredAt: days(day),
  });
  it.each<[string, Partial<PairJourneyFacts>, string[]]>([
    ['a running pair: both at two weeks', {}, ['fit-check/mentor/1@14', 'fit-check/mentee/1@14']],
    [
      'discussed on day 3: both then',
      { firstDiscussedAt: days(3) },
      ['fit-check/mentor/1@3', 'fit-check/mentee/1@3'],
    ],
    ['the mentor left: the mentee only', { mentorPresent: false }, ['fit-check/mentee/1@14']],
    [
      'the mentee still deciding on day 15: asked again on day 29',
      { fitAnswers: [answer('mentee', 1, 'still_deciding', 15)] },
      ['fit-check/mentor/1@14', 'fit-check/mentee/1@14', 'fit-check/mentee/2@29'],
    ],
    [
      'still deciding twice: never a third round',
      { fitAnswers: [answer('mentee', 1, 'still_deciding', 15), answer('mentee', 2, 'still_deciding', 30)] },
      ['fit-check/mentor/1@14', 'fit-check/mentee/1@14', 'fit-check/mentee/2@29'],
    ],
    [
      'a good fit: no second round',
      { fitAnswers: [answer('mentor', 1, 'good_fit', 15)] },
      ['fit-check/mentor/1@14', 'fit-check/mentee/1@14'],
    ],
    [
      'ended as not a fit on day 16: both get the same closing note',
      { status: 'ended', endReason: 'not_a_fit', endedAt: days(16) },
      ['fit-ended/mentor/1@16', 'fit-ended/mentee/1@16'],
    ],
    [
      'ended as not a fit, the mentee since left',
      { status: 'ended', endReason: 'not_a_fit', endedAt: days(16), menteePresent: false },
      ['fit-ended/mentor/1@16'],
    ],
    ['ended otherwise: nothing', { status: 'ended', endReason: 'ended', endedAt: days(16) }, []],
  ])('%s', (_name, changes, expected) => {
    expect(show(fitCheckRule({ ...facts, ...changes }, settings))).toEqual(expected);
  });
});

describe('decideFitCheckAnswer', () => {
  const mine = (round: number, answer: FitAnswer) => ({ role: 'mentee' as const, round, answer });
  it.each<[string, Parameters<typeof decideFitCheckAnswer>[0], ReturnType<typeof decideFitCheckAnswer>]>([
    [
      'a first answer',
      { role: 'mentee', pairEnded: false, answers: [], round: 1, answer: 'good_fit' },
      { kind: 'record', endsPair: false },
    ],
    [
      'not a good fit ends the pair',
      { role: 'mentor', pairEnded: false, answers: [], round: 1, answer: 'not_a_fit' },
      { kind: 'record', endsPair: true },
    ],
    [
      'not their pair',
      { role: null, pairEnded: false, answers: [], round: 1, answer: 'good_fit' },
      { kind: 'not-in-pair' },
    ],
    [
      'answered twice: says what they answered',
      {
        role: 'mentee',
        pairEnded: false,
        answers: [mine(1, 'still_deciding')],
        round: 1,
        answer: 'not_a_fit',
      },
      { kind: 'already-answered', answer: 'still_deciding' },
    ],
    [
      'the partner answered: still their own to give',
      {
        role: 'mentee',
        pairEnded: false,
        answers: [{ role: 'mentor', round: 1, answer: 'good_fit' }],
        round: 1,
        answer: 'good_fit',
      },
      { kind: 'record', endsPair: false },
    ],
    [
      'the pair already ended',
      { role: 'mentee', pairEnded: true, answers: [], round: 1, answer: 'good_fit' },
      { kind: 'pair-ended' },
    ],
    [
      'round 2 after still deciding',
      {
        role: 'mentee',
        pairEnded: false,
        answers: [mine(1, 'still_deciding')],
        round: 2,
        answer: 'not_a_fit',
      },
      { kind: 'record', endsPair: true },
    ],
    [
      'round 2 after a good fit: never asked',
      { role: 'mentee', pairEnded: false, answers: [mine(1, 'good_fit')], round: 2, answer: 'good_fit' },
      { kind: 'not-asked' },
    ],
    [
      'round 3: never asked',
      {
        role: 'mentee',
        pairEnded: false,
        answers: [mine(1, 'still_deciding'), mine(2, 'still_deciding')],
        round: 3,
        answer: 'good_fit',
      },
      { kind: 'not-asked' },
    ],
    [
      'round 0: never asked',
      { role: 'mentee', pairEnded: false, answers: [], round: 0, answer: 'good_fit' },
      { kind: 'not-asked' },
    ],
  ])('%s', (_name, input, expected) => {
    expect(decideFitCheckAnswer(input)).toEqual(expected);
  });
});

describe('blockedPair', () => {
  it.each([
    ['U1', 'U2'],
    ['U2', 'U1'],
  ])('%s and %s: lower id first', (a, b) => {
    expect(blockedPair(a, b)).toEqual({ firstUserId: 'U1', secondUserId: 'U2' });
  });
});

describe('mentorVoiceRule', () => {
  const sent = (round: number, day: number) => ({
    step: 'mentor-voice' as const,
    role: 'mentor' as const,
    round,
    at: days(day),
  });
  it.each<[string, Partial<PairJourneyFacts>, string[]]>([
    ['a new pair: round 1 four weeks in', {}, ['mentor-voice/mentor/1@28']],
    ['round 1 sent on time: round 2 at eight weeks', { sent: [sent(1, 28)] }, ['mentor-voice/mentor/2@56']],
    [
      'round 1 held back by a break until day 50: round 2 two weeks after it',
      { sent: [sent(1, 50)] },
      ['mentor-voice/mentor/2@64'],
    ],
    [
      'after a catch-up the calendar wins again',
      { sent: [sent(1, 50), sent(2, 64)] },
      ['mentor-voice/mentor/3@84'],
    ],
    ['the mentor left: nothing', { mentorPresent: false }, []],
    ['the pair ended: nothing', { status: 'ended', endReason: 'wrapped_up', endedAt: days(60) }, []],
    ['a paused pair is still asked (the job waits)', { status: 'paused' }, ['mentor-voice/mentor/1@28']],
  ])('%s', (_name, changes, expected) => {
    expect(show(mentorVoiceRule({ ...facts, ...changes }, settings))).toEqual(expected);
  });

  it('never asks the mentee', () => {
    expect(mentorVoiceRule(facts, settings).every((m) => m.role === 'mentor')).toBe(true);
  });
});

describe('decideMentorVoiceAnswer', () => {
  const base = {
    isMentor: true,
    pairEnded: false,
    answeredRounds: [] as number[],
    startedAt: START,
    round: 1,
    candour: 4,
    now: days(29),
  };
  it.each<[string, Partial<typeof base>, ReturnType<typeof decideMentorVoiceAnswer>['kind']]>([
    ['the mentor answers round 1', {}, 'record'],
    ['the mentee cannot', { isMentor: false }, 'not-in-pair'],
    ['answered twice', { answeredRounds: [1] }, 'already-answered'],
    ['the pair ended', { pairEnded: true }, 'pair-ended'],
    ['a round not yet due', { round: 2 }, 'not-asked'],
    ['a rating off the scale', { candour: 6 }, 'not-asked'],
    ['a rating of zero', { candour: 0 }, 'not-asked'],
  ])('%s', (_name, changes, expected) => {
    expect(decideMentorVoiceAnswer({ ...base, ...changes }).kind).toBe(expected);
  });

  it('puts round n at n × four weeks', () => {
    expect(voiceRoundDate(START, 3)).toEqual(days(84));
  });
});
