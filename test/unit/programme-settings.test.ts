// The settings rules: defaults overridden key by key, the form validated as a whole, a default stored only when
// the admin changed it; and the sign-up forms without members' own topics.
import { DEFAULT_ORGANISATION } from '../../src/domain/organisation';
import type { ModalView } from '@slack/types';
import {
  effectiveSettings,
  NUMBER_BOUNDS,
  parseSettingsForm,
  settingNumberBounds,
  type ProgrammeSettings,
  type SettingKey,
} from '../../src/domain/programme-settings';
import { parseOfferForm } from '../../src/domain/signup-form';
import { defaultSettings } from '../../src/use-cases/programme-settings';
import { auditModal } from '../../src/views/admin-audit-views';
import { adminsModal, settingsModal } from '../../src/views/admin-modals';
import { blockKitProblems } from '../support/block-kit-limits';

const problems = (view: ModalView) => blockKitProblems('modal', view as unknown as Record<string, unknown>);

const DEFAULTS: ProgrammeSettings = defaultSettings({
  prompt: { weekday: 'monday', hour: 10, nudgeEnabled: true, nudgeAfterHours: 72 },
  matching: { minLevelGap: 1, proposalTtlHours: 72 },
  term: { weeks: 26, extensionWeeks: 12 },
  report: { hideNames: false },
});

const FORM: Record<SettingKey, string> = {
  programmeName: 'Mentor Circles',
  welcomeText: '',
  promptWeekday: 'monday',
  promptHour: '10',
  nudgeEnabled: 'yes',
  nudgeAfterHours: '72',
  minLevelGap: '1',
  proposalTtlHours: '72',
  reportHideNames: 'no',
  membersAddTopics: 'yes',
  pairTermWeeks: '26',
  extensionWeeks: '12',
};

describe('effective settings', () => {
  it('takes each key set in Slack over its default, and says which those are', () => {
    const { values, setInSlack } = effectiveSettings(DEFAULTS, { promptHour: 7, membersAddTopics: false });
    expect(values).toEqual({ ...DEFAULTS, promptHour: 7, membersAddTopics: false });
    expect([...setInSlack].sort()).toEqual(['membersAddTopics', 'promptHour']);
  });
});

describe('the settings form', () => {
  const current = effectiveSettings(DEFAULTS, { minLevelGap: 1 });

  it('stores only what differs from the default, and keeps what was already set in Slack', () => {
    const result = parseSettingsForm({ fields: { ...FORM, promptHour: '7' }, reset: [] }, current, DEFAULTS);
    expect(result).toEqual({ ok: true, overrides: { promptHour: 7, minLevelGap: 1 } });
  });

  it('drops a key ticked back to its default', () => {
    const result = parseSettingsForm({ fields: FORM, reset: ['minLevelGap'] }, current, DEFAULTS);
    expect(result).toEqual({ ok: true, overrides: {} });
  });

  it('reports every invalid field at once', () => {
    const result = parseSettingsForm(
      {
        fields: {
          ...FORM,
          promptHour: '-1',
          nudgeAfterHours: '1.5',
          promptWeekday: 'someday',
          nudgeEnabled: '',
        },
        reset: [],
      },
      current,
      DEFAULTS,
    );
    expect(result.ok).toBe(false);
    expect(Object.keys(result.ok ? {} : result.errors).sort()).toEqual([
      'nudgeAfterHours',
      'nudgeEnabled',
      'promptHour',
      'promptWeekday',
    ]);
  });
});

describe('the minimum level gap is bounded by the workspace’s ladder', () => {
  const current = effectiveSettings(DEFAULTS, {});
  const gap = (ladderLevels: number, value: string) =>
    parseSettingsForm(
      { fields: { ...FORM, minLevelGap: value }, reset: [] },
      current,
      DEFAULTS,
      settingNumberBounds(ladderLevels),
    );

  it.each([
    // ladder levels, gap typed, accepted
    [2, '1', true],
    [2, '2', false],
    [6, '5', true],
    [6, '6', false],
    [7, '6', true],
    [12, '11', true],
    [12, '12', false],
    [12, '0', false],
    [12, '2.5', false],
    [12, '', false],
  ])('a ladder of %i levels and a gap of "%s": accepted %s', (ladderLevels, value, accepted) => {
    const result = gap(ladderLevels, value);
    expect(result.ok).toBe(accepted);
    if (result.ok) expect(result.overrides.minLevelGap ?? DEFAULTS.minLevelGap).toBe(Number(value));
    else expect(Object.keys(result.errors)).toEqual(['minLevelGap']);
  });

  it.each([
    [
      2,
      'Enter 1: the ladder has 2 levels, so a mentor can be at most 1 level more junior than their mentee.',
    ],
    [
      12,
      'Enter a whole number from 1 to 11: the ladder has 12 levels, so a mentor can be at most 11 levels more junior than their mentee.',
    ],
  ])('says the bound of a ladder of %i levels in words', (ladderLevels, message) => {
    expect(gap(ladderLevels, '99')).toEqual({ ok: false, errors: { minLevelGap: message } });
  });

  it('leaves the other bounds as they are', () => {
    const { minLevelGap, ...others } = settingNumberBounds(12);
    expect(minLevelGap).toEqual({ min: 1, max: 11 });
    const { minLevelGap: _env, ...envOthers } = NUMBER_BOUNDS;
    expect(others).toEqual(envOthers);
  });

  it('the settings modal says the bound under the field, within Block Kit limits', () => {
    const view = settingsModal(current, DEFAULTS, { minLevelGap: 'MIN_LEVEL_GAP' }, 12);
    expect(problems(view)).toEqual([]);
    expect(JSON.stringify(view)).toContain("At most 11 on this workspace's ladder of 12 levels.");
  });
});

describe('the admin modals stay within Block Kit limits', () => {
  it('the settings modal, with every value set in Slack', () => {
    const all = effectiveSettings(DEFAULTS, { ...DEFAULTS, welcomeText: 'w'.repeat(600) });
    expect(problems(settingsModal(all, DEFAULTS, {}))).toEqual([]);
  });

  it('the admins modal with more admins than it can list', () => {
    const added = Array.from({ length: 150 }, (_, i) => ({ userId: `U${String(i).padStart(8, '0')}` }));
    const view = adminsModal({ fromEnvironment: ['U0ENV'], added }, 'note');
    expect(problems(view)).toEqual([]);
    expect(JSON.stringify(view)).toContain('And 70 more.');
  });

  it('an audit page with long values', () => {
    const entries = Array.from({ length: 20 }, (_, i) => ({
      at: new Date(0),
      actorId: 'U0ADMIN',
      action: 'setting.changed',
      subject: 'welcomeText',
      before: 'b'.repeat(600),
      after: `a${i}`.repeat(300),
    }));
    const view = auditModal({ entries, page: 1, pageCount: 3, total: 60 });
    expect(problems(view)).toEqual([]);
  });
});

describe('sign-up without members’ own topics', () => {
  const opt = (value: string) => ({ text: { type: 'plain_text', text: value }, value });
  const values = {
    topics: { topics: { type: 'multi_static_select', selected_options: [opt('1')] } },
    other_topics: { other_topics: { type: 'plain_text_input', value: 'Forged topic' } },
    level: { level: { type: 'static_select', selected_option: opt('2') } },
    department: { department: { type: 'static_select', selected_option: opt('Engineering') } },
    capacity: { capacity: { type: 'static_select', selected_option: opt('1') } },
  };

  it('drops a forged "Other topics" value instead of storing it', () => {
    const context = { userId: 'U0ME', catalogueTopicIds: new Set([1]), organisation: DEFAULT_ORGANISATION };
    const allowed = parseOfferForm(values, context);
    const refused = parseOfferForm(values, { ...context, customTopicsAllowed: false });
    expect(allowed.ok && allowed.form.customTopics).toEqual(['Forged topic']);
    expect(refused.ok && refused.form.customTopics).toEqual([]);
  });
});
