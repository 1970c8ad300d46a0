import { DEFAULT_ORGANISATION } from '../../src/domain/organisation';
import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { DEPARTMENTS, LEVELS } from '../../src/domain/catalogue';
import type { SignupForm } from '../../src/domain/signup-form';
import { offerConfirmation, requestConfirmation, signupModal } from '../../src/views/signup-modals';
import type { SignupFormState } from '../../src/domain/signup';
import { blockKitProblems } from '../support/block-kit-limits';

const catalogue = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: i + 1, name: `Topic ${String(i + 1).padStart(3, '0')}` }));

function state(overrides: Partial<SignupFormState> = {}): SignupFormState {
  return {
    kind: 'offer',
    catalogue: catalogue(12),
    topicIds: [],
    level: null,
    department: null,
    excludedUserIds: [],
    capacity: 1,
    text: null,
    updating: false,
    customTopicsAllowed: true,
    organisation: DEFAULT_ORGANISATION,
    ...overrides,
  };
}

function inputBlock(view: ModalView, blockId: string): InputBlock {
  const block = (view.blocks as KnownBlock[]).find((b) => b.block_id === blockId);
  if (block?.type !== 'input') throw new Error(`no input ${blockId}`);
  return block;
}

function element(view: ModalView, blockId: string): Record<string, unknown> {
  return inputBlock(view, blockId).element as unknown as Record<string, unknown>;
}

const valuesOf = (options: unknown) => (options as PlainTextOption[]).map((o) => o.value);
const problems = (view: ModalView) => blockKitProblems('modal', view as unknown as Record<string, unknown>);

describe('the signup modals', () => {
  it.each([
    [
      'offer',
      'Offer mentoring',
      ['topics', 'other_topics', 'level', 'department', 'capacity', 'note', 'exclusions'],
    ],
    ['find', 'Find a mentor', ['topics', 'other_topics', 'level', 'department', 'goals', 'exclusions']],
  ] as const)('%s: titled "%s" with the inputs the person fills in', (kind, title, inputs) => {
    const view = signupModal(state({ kind }));
    expect(view.title.text).toBe(title);
    expect(view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id)).toEqual(inputs);
    expect(problems(view)).toEqual([]);
  });

  it('lists levels from most junior to most senior, and every department', () => {
    const view = signupModal(state());
    expect(valuesOf(element(view, 'level').options)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect((element(view, 'level').options as PlainTextOption[]).map((o) => o.text.text)).toEqual(
      LEVELS.map((level) => level.label),
    );
    expect(valuesOf(element(view, 'department').options)).toEqual([...DEPARTMENTS]);
  });

  it('offers a capacity of 1 to 3, 1 by default, and makes only level, department and capacity required', () => {
    const view = signupModal(state());
    expect(valuesOf(element(view, 'capacity').options)).toEqual(['1', '2', '3']);
    expect((element(view, 'capacity').initial_option as PlainTextOption).value).toBe('1');
    const required = (view.blocks as KnownBlock[])
      .filter((b) => b.type === 'input' && b.optional !== true)
      .map((b) => b.block_id);
    expect(required).toEqual(['level', 'department', 'capacity']);
  });

  it('pre-fills everything the person entered before', () => {
    const view = signupModal(
      state({
        topicIds: [3, 1],
        level: 2,
        department: 'Finance',
        excludedUserIds: ['U0BOSS'],
        capacity: 2,
        text: 'I run our TikTok.',
        updating: true,
      }),
    );
    expect(valuesOf(element(view, 'topics').initial_options)).toEqual(['1', '3']);
    expect((element(view, 'level').initial_option as PlainTextOption).value).toBe('2');
    expect((element(view, 'department').initial_option as PlainTextOption).value).toBe('Finance');
    expect((element(view, 'capacity').initial_option as PlainTextOption).value).toBe('2');
    expect(element(view, 'note').initial_value).toBe('I run our TikTok.');
    expect(element(view, 'exclusions').initial_users).toEqual(['U0BOSS']);
    expect(JSON.stringify(view.blocks)).toContain('saving replaces it');
    expect(problems(view)).toEqual([]);
  });

  it('leaves nothing pre-selected for a first visit', () => {
    const view = signupModal(state({ kind: 'find' }));
    for (const id of ['topics', 'level', 'department', 'goals', 'exclusions']) {
      const shown = element(view, id);
      expect(
        shown.initial_options ?? shown.initial_option ?? shown.initial_value ?? shown.initial_users,
      ).toBe(undefined);
    }
  });

  it('keeps exactly 100 topics as plain options', () => {
    const topics = element(signupModal(state({ catalogue: catalogue(100) })), 'topics');
    expect(topics.options).toHaveLength(100);
    expect(topics.option_groups).toBeUndefined();
  });

  it('groups a catalogue of 150 topics into groups of at most 100, all selectable and pre-fillable', () => {
    const view = signupModal(state({ catalogue: catalogue(150), topicIds: [140, 2] }));
    const topics = element(view, 'topics');
    expect(topics.options).toBeUndefined();
    const groups = topics.option_groups as { options: PlainTextOption[] }[];
    expect(groups.map((g) => g.options.length)).toEqual([100, 50]);
    expect(groups.flatMap((g) => valuesOf(g.options))).toEqual(catalogue(150).map((t) => String(t.id)));
    expect(valuesOf(topics.initial_options)).toEqual(['2', '140']);
    expect(problems(view)).toEqual([]);
  });

  it('cuts topic names to the 75-character option limit', () => {
    const view = signupModal(state({ catalogue: [{ id: 1, name: 'x'.repeat(90) }] }));
    const [only] = element(view, 'topics').options as PlainTextOption[];
    expect(only?.text.text).toHaveLength(75);
    expect(problems(view)).toEqual([]);
  });
});

describe('the confirmations', () => {
  const common = {
    topicIds: [1],
    customTopics: [],
    level: 2,
    department: 'Sales',
    excludedUserIds: ['U0BOSS'],
  };
  const offerForm: SignupForm = { kind: 'offer', ...common, capacity: 2, note: null };
  const findForm: SignupForm = { kind: 'find', ...common, goals: null };
  const when = new Date('2026-11-23T09:00:00Z');

  it('tells a new mentor what they offered and what happens next', () => {
    const message = offerConfirmation(
      {
        created: true,
        offer: {
          id: 1,
          teamId: 'T1',
          userId: 'U1',
          capacity: 2,
          note: null,
          topics: [{ id: 1, name: 'Social media & <memes>' }],
          createdAt: when,
          updatedAt: when,
        },
      },
      offerForm,
      'Individual contributor',
    );
    const shown = JSON.stringify(message.blocks);
    expect(message.text).toBe('Thank you for offering to mentor!');
    expect(shown).toContain('Social media &amp; &lt;memes&gt;');
    expect(shown).toContain('up to 2 people');
    expect(shown).toContain('Individual contributor, Sales');
    expect(shown).toContain('<@U0BOSS>');
    expect(shown).toContain('What happens next');
    expect(blockKitProblems('message', message as unknown as Record<string, unknown>)).toEqual([]);
  });

  it('tells a mentee their request is updated and what happens next', () => {
    const message = requestConfirmation(
      {
        created: false,
        request: {
          id: 1,
          teamId: 'T1',
          userId: 'U1',
          goals: null,
          topics: [{ id: 1, name: 'Generative AI tools' }],
          createdAt: when,
          updatedAt: when,
        },
      },
      findForm,
      'Executive (VP and above)',
    );
    const shown = JSON.stringify(message.blocks);
    expect(message.text).toBe('Your request for a mentor is updated.');
    expect(shown).toContain('Generative AI tools');
    expect(shown).toContain('waiting list');
    expect(blockKitProblems('message', message as unknown as Record<string, unknown>)).toEqual([]);
  });
});

describe('the signup modals with the workspace’s own lists', () => {
  const organisation = {
    ladder: [
      { id: 9, name: 'Apprentice' },
      { id: 1, name: 'Engineer' },
      { id: 4, name: 'Head' },
    ],
    removedLevels: [],
    departments: [
      { name: 'Platform', retired: false },
      { name: 'Legacy', retired: true },
      { name: 'Growth', retired: false },
    ],
  };

  it('lists its levels in ladder order and its open departments', () => {
    const view = signupModal(state({ organisation }));
    expect(valuesOf(element(view, 'level').options)).toEqual(['9', '1', '4']);
    expect(valuesOf(element(view, 'department').options)).toEqual(['Platform', 'Growth']);
  });

  it('keeps a retired department for the person already in it', () => {
    const view = signupModal(state({ organisation, level: 4, department: 'Legacy' }));
    expect(valuesOf(element(view, 'department').options)).toEqual(['Platform', 'Growth', 'Legacy']);
    expect((element(view, 'department').initial_option as PlainTextOption).value).toBe('Legacy');
    expect((element(view, 'level').initial_option as PlainTextOption).value).toBe('4');
  });
});
