// The settings every use case reads through settingsFor: the environment's values are the install's defaults,
// and what an admin set in Slack overrides them for that workspace.
import type { Config } from '../config';
import {
  DEFAULT_PROGRAMME_NAME,
  effectiveSettings,
  parseSettingsForm,
  settingNumberBounds,
  type EffectiveSettings,
  type ProgrammeSettings,
  type SettingKey,
  type SettingsFormInput,
} from '../domain/programme-settings';
import type { Clock } from '../ports/clock';
import type { OrganisationRepository } from '../storage/organisation-repository';
import type { SettingsRepository } from '../storage/settings-repository';

/** A workspace's settings as they apply now. Use cases take this function in their deps. */
export type SettingsFor = (teamId: string) => Promise<ProgrammeSettings>;

export interface ProgrammeSettingsDeps {
  settings: Pick<SettingsRepository, 'overrides'>;
  defaults: ProgrammeSettings;
}

/** The install's defaults: today's environment variables, and the built-in name and introduction. */
export function defaultSettings(
  config: Pick<Config, 'prompt' | 'matching' | 'report' | 'term'>,
): ProgrammeSettings {
  return {
    programmeName: DEFAULT_PROGRAMME_NAME,
    welcomeText: null,
    promptWeekday: config.prompt.weekday,
    promptHour: config.prompt.hour,
    nudgeEnabled: config.prompt.nudgeEnabled,
    nudgeAfterHours: config.prompt.nudgeAfterHours,
    minLevelGap: config.matching.minLevelGap,
    proposalTtlHours: config.matching.proposalTtlHours,
    reportHideNames: config.report.hideNames,
    membersAddTopics: true,
    pairTermWeeks: config.term.weeks,
    extensionWeeks: config.term.extensionWeeks,
  };
}

/** The environment variable behind each default, so the settings view can say where a value comes from. */
export const SETTING_ENV_VARS: Partial<Record<SettingKey, string>> = {
  promptWeekday: 'PROMPT_WEEKDAY',
  promptHour: 'PROMPT_HOUR',
  nudgeEnabled: 'NUDGE_ENABLED',
  nudgeAfterHours: 'NUDGE_AFTER_HOURS',
  minLevelGap: 'MIN_LEVEL_GAP',
  proposalTtlHours: 'PROPOSAL_TTL_HOURS',
  reportHideNames: 'REPORT_HIDE_NAMES',
  pairTermWeeks: 'PAIR_TERM_WEEKS',
  extensionWeeks: 'PAIR_EXTENSION_WEEKS',
};

export async function effectiveSettingsFor(
  deps: ProgrammeSettingsDeps,
  teamId: string,
): Promise<EffectiveSettings> {
  return effectiveSettings(deps.defaults, await deps.settings.overrides(teamId));
}

export async function settingsFor(deps: ProgrammeSettingsDeps, teamId: string): Promise<ProgrammeSettings> {
  return (await effectiveSettingsFor(deps, teamId)).values;
}

export interface SaveSettingsDeps {
  settings: Pick<SettingsRepository, 'overrides' | 'save'>;
  /** The workspace's ladder bounds the minimum level gap. */
  organisation: Pick<OrganisationRepository, 'load'>;
  defaults: ProgrammeSettings;
  clock: Clock;
}

export type SaveSettingsResult =
  { ok: true; changed: SettingKey[] } | { ok: false; errors: { [K in SettingKey]?: string } };

/** Validates the whole form first: an invalid field saves nothing. */
export async function saveSettings(
  deps: SaveSettingsDeps,
  request: { teamId: string; actorId: string; form: SettingsFormInput },
): Promise<SaveSettingsResult> {
  const current = await effectiveSettingsFor(deps, request.teamId);
  const { ladder } = await deps.organisation.load(request.teamId);
  const parsed = parseSettingsForm(request.form, current, deps.defaults, settingNumberBounds(ladder.length));
  if (!parsed.ok) return parsed;
  const changed = await deps.settings.save({
    teamId: request.teamId,
    actorId: request.actorId,
    overrides: parsed.overrides,
    at: deps.clock.now(),
  });
  return { ok: true, changed };
}
