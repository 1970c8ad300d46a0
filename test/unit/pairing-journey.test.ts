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
  const facts: PairJourneyFacts = {
    teamId: 'T1',
    pairId: 1,
    status: 'active',
    startedAt: at('2026-11-23T09:00:00Z'),
    termEndsAt: at('2027-05-24T09:00:00Z'),
    extensions: 0,
    endedAt: null,
    endReason: null,
    mentorPresent: true,
    menteePresent: true,
    firstDiscussedAt: null,
    goalCount: 0,
    ratedStages: [],
    fitAnswers: [],
    voiceRounds: [],
    termChoices: [],
    commitment: null,
    closeSurveyRoles: [],
    sent: [],
  };
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
