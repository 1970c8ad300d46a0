import { journeyFacts } from '../support/journey-facts';
import { nextMilestone, pairTerm } from '../../src/domain/journey-milestones';
import { JOURNEY_RULES } from '../../src/domain/journey-rules';
import {
  dueJourneyMessages,
  isSensibleLocalTime,
  termWeek,
  type PairJourneyFacts,
} from '../../src/domain/pairing-journey';

const at = (iso: string) => new Date(iso);

describe('isSensibleLocalTime', () => {
  it.each([
    ['Monday 09:00 in London', '2026-11-23T09:00:00Z', 'Europe/London', true],
    ['Monday 08:59 in London', '2026-11-23T08:59:00Z', 'Europe/London', false],
    ['Monday 16:59 in London', '2026-11-23T16:59:00Z', 'Europe/London', true],
    ['Monday 17:00 in London', '2026-11-23T17:00:00Z', 'Europe/London', false],
    ['Monday 04:00 in New York', '2026-11-23T09:00:00Z', 'America/New_York', false],
    ['Monday 14:30 in Kolkata', '2026-11-23T09:00:00Z', 'Asia/Kolkata', true],
    ['Saturday 10:00 in London', '2026-11-28T10:00:00Z', 'Europe/London', false],
    ['Sunday 10:00 in London', '2026-11-29T10:00:00Z', 'Europe/London', false],
    // Sunday 22:00 UTC is already Monday 09:00 in Sydney.
    ['Monday 09:00 in Sydney', '2026-11-29T22:00:00Z', 'Australia/Sydney', true],
    ['no time zone: UTC', '2026-11-23T09:00:00Z', null, true],
    ['an unknown zone: UTC', '2026-11-23T08:00:00Z', 'Mars/Olympus', false],
  ])('%s', (_name, instant, zone, expected) => {
    expect(isSensibleLocalTime(at(instant), zone)).toBe(expected);
  });
});

describe('termWeek', () => {
  it.each([
    ['the day of the introduction', '2026-11-23T09:00:00Z', 1],
    ['six days later', '2026-11-29T09:00:00Z', 1],
    ['a week later', '2026-11-30T09:00:00Z', 2],
    ['26 weeks later', '2027-05-24T09:00:00Z', 27],
  ])('%s', (_name, now, week) => {
    expect(termWeek(at('2026-11-23T09:00:00Z'), at(now))).toBe(week);
  });
});

describe('dueJourneyMessages', () => {
  const facts = journeyFacts(at('2026-11-23T09:00:00Z'), at('2027-05-24T09:00:00Z'), { pairId: 1 });
  const settings = { termWeeks: 26, extensionWeeks: 12 };
  const now = at('2026-11-23T10:00:00Z');
  const steps = (f: PairJourneyFacts) =>
    dueJourneyMessages(f, settings, now, JOURNEY_RULES).map((m) => `${m.step}/${m.role}/${m.round}`);

  it.each<[string, Partial<PairJourneyFacts>, string[]]>([
    ['a new pair: the mentee is invited to set goals', {}, ['goals-invite/mentee/1']],
    ['already invited', { sent: [{ step: 'goals-invite', role: 'mentee', round: 1, at: now }] }, []],
    ['goals already set', { goalCount: 2 }, []],
    ['the mentee left', { menteePresent: false }, []],
    ['not started yet at this instant', { startedAt: at('2026-11-23T11:00:00Z') }, []],
  ])('%s', (_name, changes, expected) => {
    expect(steps({ ...facts, ...changes })).toEqual(expected);
  });
});

describe('nextMilestone and pairTerm', () => {
  const start = at('2026-11-02T09:00:00Z');
  const end = at('2027-05-03T09:00:00Z'); // 26 weeks later
  const day = (n: number) => new Date(start.getTime() + n * 24 * 3600 * 1000);

  it.each<[string, 'mentor' | 'mentee', number, Date, string]>([
    ['a mentee without goals is asked to set them', 'mentee', 0, day(3), 'set-goals'],
    ['a mentor whose mentee has no goals yet: the fit check comes first', 'mentor', 0, day(3), 'fit-check'],
    ['in the first two weeks: the fit check', 'mentee', 2, day(10), 'fit-check'],
    ['after two weeks, a mentee: the midpoint re-rating', 'mentee', 2, day(20), 'midpoint'],
    ['after two weeks, a mentor: the choice to extend or wrap up', 'mentor', 2, day(20), 'term-choice'],
    ['after the midpoint, a mentee: the choice', 'mentee', 2, day(100), 'term-choice'],
    ['in the last two weeks: the end of the term', 'mentee', 2, day(175), 'term-end'],
  ])('%s', (_name, role, goalCount, now, kind) => {
    expect(nextMilestone({ role, startedAt: start, termEndsAt: end, goalCount }, now).kind).toBe(kind);
  });

  it.each([
    ['the first day is week 1', day(0), 1],
    ['day 20 is week 3', day(20), 3],
    ['past the end it stays at the last week', day(400), 26],
  ])('%s', (_name, now, week) => {
    expect(pairTerm(start, end, now)).toEqual({ week, weeks: 26, endsAt: end });
  });

  it('pairs from before terms run the default term from their start', () => {
    expect(pairTerm(start, null, day(1))).toEqual({ week: 1, weeks: 26, endsAt: end });
  });
});
