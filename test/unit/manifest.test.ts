import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

interface Manifest {
  _metadata?: { major_version?: number };
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean };
    bot_user: { display_name: string };
    slash_commands: { command: string; description: string; usage_hint?: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[] };
    interactivity: { is_enabled: boolean };
    socket_mode_enabled: boolean;
  };
}

const manifest = YAML.parse(
  fs.readFileSync(path.join(__dirname, '..', '..', 'manifest.yml'), 'utf8'),
) as Manifest;

// The Web API methods the app calls and the bot scope each needs (Slack's method docs).
const METHOD_SCOPES: Record<string, string> = {
  'chat.postMessage': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'chat.update': 'chat:write',
  'conversations.open (DM)': 'im:write',
  'conversations.open (group DM)': 'mpim:write',
  'users.info': 'users:read',
  'files.getUploadURLExternal': 'files:write',
  'files.completeUploadExternal': 'files:write',
  '/mentor': 'commands',
  'message.im': 'im:history',
  'message.mpim': 'mpim:history',
  user_change: 'users:read',
};

describe('manifest.yml', () => {
  it('is a version 1 manifest', () => {
    expect(manifest._metadata?.major_version).toBe(1);
  });

  it('declares the /mentor command with a usage hint naming every subcommand', () => {
    const mentor = manifest.features.slash_commands.find((c) => c.command === '/mentor');
    expect(mentor).toBeDefined();
    for (const word of ['offer', 'find', 'status', 'pause', 'resume', 'end', 'leave', 'report']) {
      expect(mentor?.usage_hint).toContain(word);
    }
    expect(mentor?.description.length).toBeLessThanOrEqual(100);
  });

  it('enables interactivity, the App Home tab and Socket Mode', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it('subscribes to the bot events the app listens to', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(
      ['app_home_opened', 'message.im', 'message.mpim', 'user_change'].sort(),
    );
  });

  it.each(Object.entries(METHOD_SCOPES))('grants the scope %s needs (%s)', (_use, scope) => {
    expect(manifest.oauth_config.scopes.bot).toContain(scope);
  });

  it('asks for no scope the app does not use', () => {
    expect([...new Set(manifest.oauth_config.scopes.bot)].sort()).toEqual(
      [...new Set(Object.values(METHOD_SCOPES))].sort(),
    );
  });
});
