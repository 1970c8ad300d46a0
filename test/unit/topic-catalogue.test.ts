// The rules of a curated topic catalogue: which topics a workspace has, which the forms offer, where a name
// leads, and which names an admin may give.
import {
  checkTopicName,
  offeredTopics,
  topicForKey,
  visibleTopics,
  type CatalogueRow,
} from '../../src/domain/topic-catalogue';

const T = 'T1';
const row = (id: number, teamId: string, name: string, extra: Partial<CatalogueRow> = {}): CatalogueRow => ({
  id,
  teamId,
  name,
  nameKey: name.toLowerCase(),
  sourceTopicId: null,
  mergedIntoId: null,
  retired: false,
  ...extra,
});

// Defaults 1–3; the workspace renamed default 2, merged its own 5 into 4, retired 6; another workspace has 7.
const ROWS: CatalogueRow[] = [
  row(1, '', 'Social media'),
  row(2, '', 'TikTok'),
  row(3, '', 'Podcasts'),
  row(10, T, 'Short video', { sourceTopicId: 2 }),
  row(4, T, 'AI tools'),
  row(5, T, 'ChatGPT', { mergedIntoId: 4 }),
  row(6, T, 'Fax machines', { retired: true }),
  row(7, 'T2', 'Knitting'),
];

describe('the topics a workspace has', () => {
  it('hides defaults it has its own copy of, merged topics and other workspaces’ topics', () => {
    expect(visibleTopics(ROWS, T).map((r) => r.id)).toEqual([1, 3, 10, 4, 6]);
  });
  it('offers all but retired ones in the forms', () => {
    expect(offeredTopics(ROWS, T).map((r) => r.id)).toEqual([1, 3, 10, 4]);
  });
  it('leaves another workspace’s view of the defaults alone', () => {
    expect(visibleTopics(ROWS, 'T2').map((r) => r.id)).toEqual([1, 2, 3, 7]);
  });
});

describe('where a name leads', () => {
  it.each([
    ['a default', 'social media', 1],
    ['a renamed default, by its new name', 'short video', 10],
    ['a renamed default, by its old name', 'tiktok', 10],
    ['a merged topic', 'chatgpt', 4],
    ['a retired topic', 'fax machines', 6],
    ['another workspace’s topic', 'knitting', null],
    ['a new name', 'quantum', null],
  ])('%s', (_what, key, expected) => {
    expect(topicForKey(ROWS, T, key)).toBe(expected);
  });
});

describe('a name an admin gives', () => {
  it.each([
    ['a new name, tidied', '  Quantum   computing ', null, { ok: true, name: 'Quantum computing' }],
    ['empty', '   ', null, { ok: false, problem: 'Give the topic a name.' }],
    ['too long', 'x'.repeat(61), null, { ok: false, problem: 'Keep the name to 60 characters (it has 61).' }],
    ['exactly the longest', 'x'.repeat(60), null, { ok: true }],
    [
      'taken, in another case',
      'PODCASTS',
      null,
      { ok: false, problem: 'There is already a topic called “Podcasts”.' },
    ],
    [
      'taken through a merge',
      'chatgpt',
      null,
      { ok: false, problem: 'There is already a topic called “AI tools”.' },
    ],
    ['the topic’s own name in another case', 'ai TOOLS', 4, { ok: true, name: 'ai TOOLS' }],
    ['a retired topic’s name', 'Fax machines', null, { ok: false }],
  ])('%s', (_what, raw, selfId, expected) => {
    expect(checkTopicName(ROWS, T, raw, selfId)).toEqual(expect.objectContaining(expected));
  });
});
