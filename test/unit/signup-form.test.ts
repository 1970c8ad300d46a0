import { DEFAULT_ORGANISATION } from '../../src/domain/organisation';
import {
  parseCustomTopics,
  parseFindForm,
  parseOfferForm,
  topicNameKey,
  type SubmittedValues,
} from '../../src/domain/signup-form';

const ME = 'U0ME';
const context = { userId: ME, catalogueTopicIds: new Set([1, 2, 3]), organisation: DEFAULT_ORGANISATION };

interface Entries {
  topics?: unknown;
  other?: string | null;
  level?: unknown;
  department?: unknown;
  capacity?: unknown;
  note?: string | null;
  goals?: string | null;
  exclusions?: unknown;
}

const opt = (value: string) => ({ text: { type: 'plain_text', text: value }, value });

function values(entries: Entries = {}): SubmittedValues {
  const {
    topics = [opt('1')],
    other = null,
    level = opt('2'),
    department = opt('Engineering'),
    capacity = opt('1'),
    note = null,
    goals = null,
    exclusions = [],
  } = entries;
  return {
    topics: { topics: { type: 'multi_static_select', selected_options: topics } },
    other_topics: { other_topics: { type: 'plain_text_input', value: other } },
    level: { level: { type: 'static_select', selected_option: level } },
    department: { department: { type: 'static_select', selected_option: department } },
    capacity: { capacity: { type: 'static_select', selected_option: capacity } },
    note: { note: { type: 'plain_text_input', value: note } },
    goals: { goals: { type: 'plain_text_input', value: goals } },
    exclusions: { exclusions: { type: 'multi_users_select', selected_users: exclusions } },
  };
}

describe('the offer form', () => {
  it('reads a complete offer into typed values', () => {
    const parsed = parseOfferForm(
      values({
        topics: [opt('2'), opt('1'), opt('2')],
        other: '  Podcasting ,  esports   leagues ',
        level: opt('1'),
        capacity: opt('3'),
        note: '  I run our TikTok.  ',
        exclusions: ['U0BOSS', 'U0BOSS', 'U0REPORT'],
      }),
      context,
    );
    expect(parsed).toEqual({
      ok: true,
      form: {
        kind: 'offer',
        topicIds: [2, 1],
        customTopics: ['Podcasting', 'esports leagues'],
        level: 1,
        department: 'Engineering',
        capacity: 3,
        note: 'I run our TikTok.',
        excludedUserIds: ['U0BOSS', 'U0REPORT'],
      },
    });
  });

  it('accepts only other topics, and treats empty optional inputs as nothing entered', () => {
    const parsed = parseOfferForm(values({ topics: [], other: 'Podcasting', note: '   ' }), context);
    expect(parsed).toMatchObject({
      ok: true,
      form: { topicIds: [], customTopics: ['Podcasting'], note: null },
    });
  });

  it('treats a missing or null multi-select as nothing chosen', () => {
    const base = values({ other: 'Podcasting' });
    const withoutTopics = {
      ...base,
      topics: { topics: { type: 'multi_static_select', selected_options: null } },
    };
    expect(parseOfferForm(withoutTopics, context)).toMatchObject({ ok: true });
    const { topics: _omitted, ...rest } = base;
    expect(parseOfferForm(rest, context)).toMatchObject({ ok: true });
  });

  it.each<[string, Entries, string, RegExp]>([
    ['no topic at all', { topics: [], other: null }, 'topics', /at least one topic/],
    ['only blank other topics', { topics: [], other: '   ' }, 'topics', /at least one topic/],
    ['an empty topic between commas', { other: 'a, ,b' }, 'other_topics', /empty/],
    ['a trailing comma', { other: 'a, b,' }, 'other_topics', /empty/],
    ['a topic over 40 characters', { other: `ok, ${'x'.repeat(41)}` }, 'other_topics', /40 characters/],
    [
      'more than 10 other topics',
      { other: Array.from({ length: 11 }, (_, i) => `t${i}`).join(',') },
      'other_topics',
      /at most 10/,
    ],
    ['a note over 500 characters', { note: 'n'.repeat(501) }, 'note', /500 characters \(it is 501\)/],
    ['capacity 0', { capacity: opt('0') }, 'capacity', /1 to 3/],
    ['capacity 4', { capacity: opt('4') }, 'capacity', /1 to 3/],
    ['capacity "1.5"', { capacity: opt('1.5') }, 'capacity', /1 to 3/],
    ['no capacity', { capacity: null }, 'capacity', /1 to 3/],
    ['excluding yourself', { exclusions: ['U0BOSS', ME] }, 'exclusions', /yourself/],
    ['a malformed user id', { exclusions: ['<script>'] }, 'exclusions', /from the list/],
    [
      'too many exclusions',
      { exclusions: Array.from({ length: 51 }, (_, i) => `U${i}`) },
      'exclusions',
      /50/,
    ],
    ['a topic id not in the catalogue', { topics: [opt('99')] }, 'topics', /from the list/],
    ['a topic value that is no id', { topics: [opt('1 or 1=1')] }, 'topics', /from the list/],
    ['selected options that are no list', { topics: 'all' }, 'topics', /from the list/],
    ['an option without a value', { topics: [{ text: 'x' }] }, 'topics', /from the list/],
    ['an unknown level', { level: opt('7') }, 'level', /level/],
    ['a level that is no number', { level: opt('senior') }, 'level', /level/],
    ['no level', { level: null }, 'level', /level/],
    ['an unknown department', { department: opt('Astrology') }, 'department', /department/],
    ['no department', { department: null }, 'department', /department/],
  ])('refuses %s on the right input', (_case, entries, field, message) => {
    const parsed = parseOfferForm(values(entries), context);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors)).toEqual([field]);
    expect(parsed.errors[field as keyof typeof parsed.errors]).toMatch(message);
  });

  it('reports every wrong input at once', () => {
    const parsed = parseOfferForm(
      values({ topics: [], level: null, capacity: opt('9'), exclusions: [ME] }),
      context,
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors).sort()).toEqual(['capacity', 'exclusions', 'level', 'topics']);
  });

  it('counts characters, not UTF-16 units, against the limits', () => {
    expect(parseOfferForm(values({ note: '🙂'.repeat(500) }), context).ok).toBe(true);
    expect(parseOfferForm(values({ other: '🙂'.repeat(40) }), context).ok).toBe(true);
  });
});

describe('the find form', () => {
  it('reads goals instead of capacity and note', () => {
    const parsed = parseFindForm(
      values({ goals: 'Understand TikTok', capacity: null, level: opt('6') }),
      context,
    );
    expect(parsed).toEqual({
      ok: true,
      form: {
        kind: 'find',
        topicIds: [1],
        customTopics: [],
        level: 6,
        department: 'Engineering',
        goals: 'Understand TikTok',
        excludedUserIds: [],
      },
    });
  });

  it.each<[string, Entries, string]>([
    ['goals over 500 characters', { goals: 'g'.repeat(501) }, 'goals'],
    ['no topic', { topics: [] }, 'topics'],
    ['excluding yourself', { exclusions: [ME] }, 'exclusions'],
    ['a tampered topic id', { topics: [opt('4')] }, 'topics'],
  ])('refuses %s', (_case, entries, field) => {
    const parsed = parseFindForm(values(entries), context);
    expect(parsed).toEqual({ ok: false, errors: { [field]: expect.any(String) } });
  });
});

describe('custom topics', () => {
  it.each<[string, string[]]>([
    ['Podcasting', ['Podcasting']],
    ['  Podcasting  ,   Online   dating ', ['Podcasting', 'Online dating']],
    ['Podcasting, PODCASTING, podcasting ', ['Podcasting']],
    ['', []],
  ])('"%s" gives %j', (text, topics) => {
    expect(parseCustomTopics(text)).toEqual({ ok: true, topics });
  });

  it.each<[string, string]>([
    ['Generative AI tools', 'generative ai tools'],
    ['  Generative   AI\tTools ', 'generative ai tools'],
    ['Short-form Video', 'short-form video'],
  ])('"%s" has the key "%s"', (name, key) => {
    expect(topicNameKey(name)).toBe(key);
  });
});

describe('the form against the workspace’s own ladder and departments', () => {
  const own = {
    ...context,
    organisation: {
      ladder: [
        { id: 7, name: 'Apprentice' },
        { id: 2, name: 'Engineer' },
      ],
      removedLevels: [{ id: 1, name: 'Intern' }],
      departments: [
        { name: 'Platform', retired: false },
        { name: 'Legacy', retired: true },
      ],
    },
  };
  it.each([
    ['a level on the ladder', { level: opt('7'), department: opt('Platform') }, true],
    ['a removed level', { level: opt('1'), department: opt('Platform') }, false],
    ['a default level the workspace does not have', { level: opt('5'), department: opt('Platform') }, false],
    ['a retired department (the people in it keep it)', { level: opt('2'), department: opt('Legacy') }, true],
    [
      'a default department the workspace does not have',
      { level: opt('2'), department: opt('Sales') },
      false,
    ],
  ])('%s', (_, entries, ok) => {
    expect(parseFindForm(values(entries), own).ok).toBe(ok);
  });
});
