import fs from 'node:fs';
import path from 'node:path';
import { WebClient } from '@slack/web-api';
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

// The bot scopes each Web API method needs (Slack's method docs), for the methods the app calls. A method found
// in the code but missing here fails the test: add it with its scopes, and the manifest must grant them.
const METHOD_SCOPES: Record<string, string[]> = {
  'auth.test': [],
  // chat:write.public: the launch invitation goes to a public channel an admin picks, the app not in it.
  'chat.postMessage': ['chat:write', 'chat:write.public'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  // DMs to one person and the pairs' group DMs.
  'conversations.open': ['im:write', 'mpim:write'],
  // Read only in a pair's group DM, to find a question an interrupted run may have posted.
  'conversations.history': ['mpim:history'],
  'users.info': ['users:read'],
  'views.open': [],
  'views.publish': [],
  'views.update': [],
  filesUploadV2: ['files:write'],
};

// What Slack sends the app, and the scope each needs.
const INBOUND_SCOPES: Record<string, string> = {
  '/mentor': 'commands',
  'message.im': 'im:history',
  'message.mpim': 'mpim:history',
  user_change: 'users:read',
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

// Only names that are Web API calls on a real WebClient count: other objects called "client" (the Socket Mode
// client, a database client) have methods too.
const webClient = new WebClient() as unknown as Record<string, Record<string, unknown> | undefined>;
const ownMethods = new Set(Object.getOwnPropertyNames(WebClient.prototype));
const isFamilyMethod = (family: string, method: string) =>
  typeof webClient[family] === 'object' && typeof webClient[family]?.[method] === 'function';
const isOwnMethod = (name: string) => ownMethods.has(name) && name !== 'constructor';

/** Every `client.family.method(` and `client.method(` call in src/, e.g. "chat.postMessage", "filesUploadV2". */
function webApiMethodsCalled(): string[] {
  const found = new Set<string>();
  for (const file of sourceFiles(path.join(__dirname, '..', '..', 'src'))) {
    const code = fs.readFileSync(file, 'utf8');
    for (const [, family = '', method = ''] of code.matchAll(
      /(?<![\w$])client\s*\.\s*(\w+)\s*\.\s*(\w+)\s*\(/g,
    )) {
      if (isFamilyMethod(family, method)) found.add(`${family}.${method}`);
    }
    for (const [, name = ''] of code.matchAll(/(?<![\w$])client\s*\.\s*(\w+)\s*\(/g)) {
      if (isOwnMethod(name) && name !== 'apiCall' && name !== 'paginate') found.add(name);
    }
    for (const [, method = ''] of code.matchAll(/\b(?:apiCall|paginate)\(\s*['"]([\w.]+)['"]/g))
      found.add(method);
  }
  return [...found].sort();
}

const methodsCalled = webApiMethodsCalled();
const neededScopes = [
  ...new Set([
    ...methodsCalled.flatMap((method) => METHOD_SCOPES[method] ?? []),
    ...Object.values(INBOUND_SCOPES),
  ]),
].sort();

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

  it('finds the Web API calls in the code (the scan itself works)', () => {
    expect(methodsCalled).toEqual(
      expect.arrayContaining(['chat.postMessage', 'conversations.open', 'filesUploadV2', 'users.info']),
    );
  });

  it.each(methodsCalled)('knows which scopes %s needs', (method) => {
    expect({ method, known: method in METHOD_SCOPES }).toEqual({ method, known: true });
  });

  it.each(neededScopes)('grants %s', (scope) => {
    expect(manifest.oauth_config.scopes.bot).toContain(scope);
  });

  it('asks for no scope the app does not use', () => {
    expect([...new Set(manifest.oauth_config.scopes.bot)].sort()).toEqual(neededScopes);
  });
});
