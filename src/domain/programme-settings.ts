// A workspace's programme settings: the install's defaults (the environment's), overridden one by one by what an
// admin set in Slack. Validating the settings form lives here too, so every bound is stated once.
import { parseWeekday, WEEKDAYS, type Weekday } from './prompt-schedule';

export interface ProgrammeSettings {
  programmeName: string;
  /** Shown in Home and help; null means the built-in introduction. */
  welcomeText: string | null;
  promptWeekday: Weekday;
  promptHour: number;
  nudgeEnabled: boolean;
  nudgeAfterHours: number;
  minLevelGap: number;
  proposalTtlHours: number;
  /** Leave people's names out of the pairs CSV. */
  reportHideNames: boolean;
  /** Members may type topics of their own in the offer and find forms. */
  membersAddTopics: boolean;
  /** How many weeks a new pairing's term runs. */
  pairTermWeeks: number;
  /** How many weeks an extension adds when both choose to extend. */
  extensionWeeks: number;
}

export type SettingKey = keyof ProgrammeSettings;

/** What a workspace set in Slack: a key that is absent takes the install's default. */
export type SettingsOverrides = { [K in SettingKey]?: ProgrammeSettings[K] };

export interface EffectiveSettings {
  values: ProgrammeSettings;
  /** The keys whose value was set in Slack for this workspace (the rest are defaults). */
  setInSlack: ReadonlySet<SettingKey>;
}

export const SETTING_KEYS: readonly SettingKey[] = [
  'programmeName',
  'welcomeText',
  'promptWeekday',
  'promptHour',
  'nudgeEnabled',
  'nudgeAfterHours',
  'minLevelGap',
  'proposalTtlHours',
  'reportHideNames',
  'membersAddTopics',
  'pairTermWeeks',
  'extensionWeeks',
];

export const DEFAULT_PROGRAMME_NAME = 'Mentor Circles';
export const MAX_PROGRAMME_NAME_LENGTH = 60;
export const MAX_WELCOME_TEXT_LENGTH = 600;

type NumberKey =
  'promptHour' | 'nudgeAfterHours' | 'minLevelGap' | 'proposalTtlHours' | 'pairTermWeeks' | 'extensionWeeks';
export type NumberBounds = Readonly<Record<NumberKey, { min: number; max: number }>>;

/**
 * Whole-number settings and their bounds: the same as the environment variables they override. In Slack the
 * minimum level gap is bounded by the workspace's own ladder instead (settingNumberBounds).
 */
export const NUMBER_BOUNDS: NumberBounds = {
  promptHour: { min: 0, max: 23 },
  nudgeAfterHours: { min: 1, max: 144 },
  minLevelGap: { min: 1, max: 5 },
  proposalTtlHours: { min: 1, max: 24 * 30 },
  pairTermWeeks: { min: 4, max: 104 },
  extensionWeeks: { min: 4, max: 52 },
};

/**
 * The bounds for a workspace whose ladder has `ladderLevels` levels: a mentor can be at most one level fewer
 * than the ladder's length more junior than the mentee, so a larger gap would match nobody.
 */
export function settingNumberBounds(ladderLevels: number): NumberBounds {
  return { ...NUMBER_BOUNDS, minLevelGap: { min: 1, max: Math.max(1, ladderLevels - 1) } };
}

function numberError(key: NumberKey, bounds: NumberBounds): string {
  const { min, max } = bounds[key];
  const range = min === max ? `${min}` : `a whole number from ${min} to ${max}`;
  if (key !== 'minLevelGap') return `Enter ${range}.`;
  return `Enter ${range}: the ladder has ${max + 1} levels, so a mentor can be at most ${max} ${max === 1 ? 'level' : 'levels'} more junior than their mentee.`;
}
type BooleanKey = 'nudgeEnabled' | 'reportHideNames' | 'membersAddTopics';
const BOOLEAN_KEYS: readonly BooleanKey[] = ['nudgeEnabled', 'reportHideNames', 'membersAddTopics'];

export function effectiveSettings(
  defaults: ProgrammeSettings,
  overrides: SettingsOverrides,
): EffectiveSettings {
  const values = { ...defaults };
  const setInSlack = new Set<SettingKey>();
  for (const key of SETTING_KEYS) {
    const value = overrides[key];
    if (value === undefined) continue;
    (values as Record<SettingKey, unknown>)[key] = value;
    setInSlack.add(key);
  }
  return { values, setInSlack };
}

/** The settings form as submitted: each field's text or chosen option, and the keys ticked "back to default". */
export interface SettingsFormInput {
  fields: { [K in SettingKey]?: string | undefined };
  reset: readonly SettingKey[];
}

export type SettingsFormResult =
  { ok: true; overrides: SettingsOverrides } | { ok: false; errors: { [K in SettingKey]?: string } };

/**
 * The overrides to store after the form: a value already set in Slack stays set (with its new value); a default
 * becomes an override only when the admin changed it; a key ticked "back to default" is dropped.
 */
export function parseSettingsForm(
  input: SettingsFormInput,
  current: EffectiveSettings,
  defaults: ProgrammeSettings,
  bounds: NumberBounds = NUMBER_BOUNDS,
): SettingsFormResult {
  const errors: { [K in SettingKey]?: string } = {};
  const parsed: SettingsOverrides = {};

  const name = (input.fields.programmeName ?? '').trim();
  if (name === '') errors.programmeName = 'Give the programme a name.';
  else if (name.length > MAX_PROGRAMME_NAME_LENGTH)
    errors.programmeName = `Keep the name to ${MAX_PROGRAMME_NAME_LENGTH} characters.`;
  else parsed.programmeName = name;

  const welcome = (input.fields.welcomeText ?? '').trim();
  if (welcome.length > MAX_WELCOME_TEXT_LENGTH)
    errors.welcomeText = `Keep the welcome text to ${MAX_WELCOME_TEXT_LENGTH} characters.`;
  else parsed.welcomeText = welcome === '' ? null : welcome;

  const weekday = parseWeekday(input.fields.promptWeekday ?? '');
  if (weekday === null) errors.promptWeekday = `Choose a day: ${WEEKDAYS.join(', ')}.`;
  else parsed.promptWeekday = weekday;

  for (const key of Object.keys(bounds) as NumberKey[]) {
    const { min, max } = bounds[key];
    const text = (input.fields[key] ?? '').trim();
    const value = Number(text);
    if (!/^\d{1,4}$/.test(text) || value < min || value > max) errors[key] = numberError(key, bounds);
    else parsed[key] = value;
  }

  for (const key of BOOLEAN_KEYS) {
    const text = input.fields[key];
    if (text !== 'yes' && text !== 'no') errors[key] = 'Choose yes or no.';
    else parsed[key] = text === 'yes';
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const overrides: SettingsOverrides = {};
  for (const key of SETTING_KEYS) {
    if (input.reset.includes(key)) continue;
    const value = parsed[key];
    if (current.setInSlack.has(key) || value !== defaults[key]) {
      (overrides as Record<SettingKey, unknown>)[key] = value;
    }
  }
  return { ok: true, overrides };
}
