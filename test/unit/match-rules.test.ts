import {
  DEFAULT_MATCH_WEIGHTS,
  isEligible,
  pairKey,
  pastPairKeys,
  scoreMatch,
  type MenteeRequest,
  type MentorOffer,
} from '../../src/domain/match-rules';
import { mentee, mentor } from '../support/match-input';

describe('pairKey', () => {
  it('ignores order and cannot be fooled by separators inside ids', () => {
    expect(pairKey('U1', 'U2')).toBe(pairKey('U2', 'U1'));
    expect(pairKey('a,b', 'c')).not.toBe(pairKey('a', 'b,c'));
  });
});

describe('isEligible', () => {
  const past = pastPairKeys([
    ['U_MENTOR', 'U_OLD'],
    ['U_OLDER', 'U_MENTOR'],
  ]);
  it.each<[string, Partial<MentorOffer>, Partial<MenteeRequest>, number, boolean]>([
    ['the default pair', {}, {}, 1, true],
    ['level gap exactly at the minimum', { level: 3 }, { level: 5 }, 2, true],
    ['level gap one below the minimum', { level: 4 }, { level: 5 }, 2, false],
    ['same level', { level: 5 }, { level: 5 }, 1, false],
    ['mentor more senior than mentee', { level: 6 }, { level: 5 }, 1, false],
    ['a zero minimum gap still needs a lower mentor', { level: 5 }, { level: 5 }, 0, false],
    ['no shared topic', { topicIds: [1, 2] }, { topicIds: [3] }, 1, false],
    ['mentee without topics', {}, { topicIds: [] }, 1, false],
    ['one of several topics shared', { topicIds: [7, 8] }, { topicIds: [9, 8] }, 1, true],
    ['same person on both sides', { mentorId: 'U_SAME' }, { menteeId: 'U_SAME' }, 1, false],
    ['mentor excludes mentee', { excludes: ['U_MENTEE'] }, {}, 1, false],
    ['mentee excludes mentor', {}, { excludes: ['U_MENTOR'] }, 1, false],
    ['exclusion of somebody else', { excludes: ['U_OTHER'] }, { excludes: ['U_OTHER'] }, 1, true],
    ['past pair listed mentor first', {}, { menteeId: 'U_OLD' }, 1, false],
    ['past pair listed mentee first', {}, { menteeId: 'U_OLDER' }, 1, false],
    ['no free capacity', { freeCapacity: 0 }, {}, 1, false],
    ['negative free capacity', { freeCapacity: -1 }, {}, 1, false],
    ['fractional free capacity below one', { freeCapacity: 0.5 }, {}, 1, false],
  ])('%s', (_name, offer, request, minLevelGap, expected) => {
    expect(isEligible(mentor(offer), mentee(request), minLevelGap, past)).toBe(expected);
  });
});

describe('scoreMatch', () => {
  const w = DEFAULT_MATCH_WEIGHTS;
  it.each<[string, Partial<MentorOffer>, Partial<MenteeRequest>, number]>([
    ['one shared topic, same department, gap 3', {}, {}, w.base + w.sharedTopic + 3 * w.perLevelGapStep],
    [
      'two shared topics',
      { topicIds: [1, 2, 3] },
      { topicIds: [2, 3, 4] },
      w.base + 2 * w.sharedTopic + 3 * w.perLevelGapStep,
    ],
    [
      'duplicate topic ids count once',
      { topicIds: [1, 1] },
      { topicIds: [1, 1] },
      w.base + w.sharedTopic + 3 * w.perLevelGapStep,
    ],
    [
      'cross-department',
      { department: 'Sales' },
      {},
      w.base + w.sharedTopic + w.crossDepartment + 3 * w.perLevelGapStep,
    ],
    [
      'unknown department is not cross',
      { department: null },
      {},
      w.base + w.sharedTopic + 3 * w.perLevelGapStep,
    ],
    [
      'waiting days count per day',
      {},
      { waitingDays: 5 },
      w.base + w.sharedTopic + 5 * w.perWaitingDay + 3 * w.perLevelGapStep,
    ],
    [
      'waiting days are capped',
      {},
      { waitingDays: 1000 },
      w.base + w.sharedTopic + w.maxWaitingDays * w.perWaitingDay + 3 * w.perLevelGapStep,
    ],
    [
      'level gap is capped',
      { level: 1 },
      { level: 6 },
      w.base + w.sharedTopic + w.maxLevelGapSteps * w.perLevelGapStep,
    ],
  ])('%s', (_name, offer, request, expected) => {
    expect(scoreMatch(mentor(offer), mentee(request)).score).toBe(expected);
  });

  it('explains the score', () => {
    const { reasons } = scoreMatch(
      mentor({ level: 1, department: 'Design', topicIds: [9, 4, 2] }),
      mentee({ level: 6, department: 'Finance', topicIds: [2, 9, 5], waitingDays: 12 }),
    );
    expect(reasons).toEqual({
      sharedTopicIds: [2, 9],
      mentorLevel: 1,
      menteeLevel: 6,
      levelGap: 5,
      mentorDepartment: 'Design',
      menteeDepartment: 'Finance',
      crossDepartment: true,
      waitingDays: 12,
    });
  });

  it('ranks a shared topic above everything else a pair can earn besides', () => {
    const w2 = DEFAULT_MATCH_WEIGHTS;
    expect(w2.sharedTopic).toBeGreaterThan(w2.crossDepartment);
    expect(w2.sharedTopic).toBeGreaterThan(w2.perWaitingDay * w2.maxWaitingDays);
    expect(w2.sharedTopic).toBeGreaterThan(w2.perLevelGapStep * w2.maxLevelGapSteps);
  });
});
