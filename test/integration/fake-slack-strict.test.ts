// The fake Slack server refuses what Slack refuses, with Slack's errors, so an app bug Slack would expose shows
// in tests. Each refusal is shown here over real HTTP, the way the SDK sends calls.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { startFakeSlack, MANIFEST_BOT_SCOPES, type FakeSlack } from '../../dev/fake-slack-server';
import { blockActionPayload } from '../../dev/signed-requests';

const BOT = 'xoxb-strict-bot';
const START = Date.UTC(2025, 0, 6, 9);

let fake: FakeSlack;
let now: number;

beforeEach(async () => {
  now = START;
  fake = await startFakeSlack({ now: () => now });
  fake.addUser({ id: 'U0ADA', teamId: fake.teamId, name: 'ada' });
  fake.addUser({ id: 'U0BEN', teamId: fake.teamId, name: 'ben' });
  fake.addUser({ id: 'U0GONE', teamId: fake.teamId, name: 'gone', deleted: true });
});

afterEach(async () => {
  await fake.close();
});

/** Calls a Web API method as the SDK does: a form body, object fields as JSON strings, a Bearer token. */
async function api(
  method: string,
  params: Record<string, unknown>,
  token: string | null = BOT,
): Promise<Record<string, unknown>> {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    form.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  return raw(method, form.toString(), 'application/x-www-form-urlencoded', token);
}

async function raw(
  method: string,
  body: string,
  contentType: string,
  token: string | null = BOT,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${fake.apiUrl}${method}`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
    body,
  });
  return (await response.json()) as Record<string, unknown>;
}

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const modal = (title = 'Offer to mentor') => ({
  type: 'modal',
  title: { type: 'plain_text', text: title },
  blocks: [section('Hello')],
});
const home = { type: 'home', blocks: [section('Welcome')] };

describe('trigger_id', () => {
  it('opens one view, once', async () => {
    const trigger = fake.triggerId();
    expect(await api('views.open', { trigger_id: trigger, view: modal() })).toMatchObject({ ok: true });
    expect(await api('views.open', { trigger_id: trigger, view: modal() })).toMatchObject({
      ok: false,
      error: 'exchanged_trigger_id',
    });
  });

  it('expires 3 seconds after the interaction that carried it', async () => {
    const fresh = fake.triggerId();
    const stale = fake.triggerId();
    now += 3_000;
    expect(await api('views.open', { trigger_id: fresh, view: modal() })).toMatchObject({ ok: true });
    now += 1;
    expect(await api('views.push', { trigger_id: stale, view: modal() })).toMatchObject({
      ok: false,
      error: 'expired_trigger_id',
    });
  });

  it('must be one Slack issued, and present', async () => {
    expect(await api('views.open', { trigger_id: 'trigger-made-up', view: modal() })).toMatchObject({
      error: 'invalid_trigger_id',
    });
    expect(await api('views.open', { view: modal() })).toMatchObject({ error: 'invalid_arguments' });
  });

  it('is not used up by a view Slack refuses', async () => {
    const trigger = fake.triggerId();
    const refused = await api('views.open', {
      trigger_id: trigger,
      view: modal('A title far longer than 24'),
    });
    expect(refused).toMatchObject({ ok: false, error: 'invalid_arguments' });
    expect(JSON.stringify(refused.response_metadata)).toContain('> 24 characters');
    expect(await api('views.open', { trigger_id: trigger, view: modal() })).toMatchObject({ ok: true });
  });
});

describe('views', () => {
  it('publishes a Home tab only for a user_id and a valid home view', async () => {
    expect(await api('views.publish', { view: home })).toMatchObject({
      error: 'invalid_arguments',
      response_metadata: { messages: ['[ERROR] missing required field: user_id'] },
    });
    expect(await api('views.publish', { user_id: 'U0ADA', view: modal() })).toMatchObject({
      error: 'invalid_arguments',
    });
    const tooLong = { type: 'home', blocks: Array.from({ length: 101 }, () => section('x')) };
    expect(await api('views.publish', { user_id: 'U0ADA', view: tooLong })).toMatchObject({
      error: 'invalid_arguments',
    });
    expect(await api('views.publish', { user_id: 'U0ADA', view: home })).toMatchObject({ ok: true });
  });

  it('refuses a view that is not JSON, and an update of a view it never showed', async () => {
    expect(await api('views.open', { trigger_id: fake.triggerId(), view: '{not json' })).toMatchObject({
      error: 'invalid_arguments',
    });
    expect(await api('views.update', { view_id: 'V0NEVER', view: modal() })).toMatchObject({
      error: 'not_found',
    });
  });
});

describe('chat.postMessage, chat.update, chat.postEphemeral', () => {
  it('refuses an unknown channel, and a user who is not in the workspace', async () => {
    expect(await api('chat.postMessage', { channel: 'C0NOWHERE', text: 'hi' })).toMatchObject({
      error: 'channel_not_found',
    });
    expect(await api('chat.postMessage', { channel: 'U0STRANGER', text: 'hi' })).toMatchObject({
      error: 'channel_not_found',
    });
    expect(await api('chat.postMessage', { channel: 'U0ADA', text: 'hi' })).toMatchObject({
      ok: true,
      channel: fake.channelFor(['U0ADA']),
    });
  });

  it('posts to a public channel only when the bot is in it, or with chat:write.public', async () => {
    fake.addChannel({ id: 'C0PUBLIC', name: 'general' });
    fake.addChannel({ id: 'C0SECRET', name: 'secret', isPrivate: true });
    fake.addChannel({ id: 'C0INSIDE', name: 'inside', isPrivate: true, members: [fake.botUserId] });
    fake.addChannel({ id: 'C0JOINED', name: 'mentoring', members: [fake.botUserId] });
    fake.addChannel({ id: 'C0OLD', name: 'old', members: [fake.botUserId], isArchived: true });
    // The manifest's scopes include chat:write.public: any public channel, but only private ones it is in.
    expect(await api('chat.postMessage', { channel: 'C0PUBLIC', text: 'hi' })).toMatchObject({ ok: true });
    expect(await api('chat.postMessage', { channel: 'C0SECRET', text: 'hi' })).toMatchObject({
      error: 'channel_not_found',
    });
    expect(await api('chat.postMessage', { channel: 'C0INSIDE', text: 'hi' })).toMatchObject({ ok: true });
    expect(await api('chat.postMessage', { channel: 'C0JOINED', text: 'hi' })).toMatchObject({ ok: true });
    expect(await api('chat.postMessage', { channel: 'C0OLD', text: 'hi' })).toMatchObject({
      error: 'is_archived',
    });

    const post = async (scopes: readonly string[], channel: string) => {
      const other = await startFakeSlack({ scopes });
      try {
        other.addChannel({ id: 'C0PUBLIC', name: 'general' });
        other.addChannel({ id: 'C0JOINED', name: 'mentoring', members: [other.botUserId] });
        const response = await fetch(`${other.apiUrl}chat.postMessage`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${BOT}` },
          body: `channel=${channel}&text=hi`,
        });
        return (await response.json()) as Record<string, unknown>;
      } finally {
        await other.close();
      }
    };
    // An install from an older manifest, without chat:write.public: only channels the bot is in.
    const older = MANIFEST_BOT_SCOPES.filter((scope) => scope !== 'chat:write.public');
    expect(await post(older, 'C0PUBLIC')).toMatchObject({ ok: false, error: 'not_in_channel' });
    expect(await post(older, 'C0JOINED')).toMatchObject({ ok: true });
    // Without chat:write nothing is posted anywhere, and Slack names the scope that is missing.
    const noChat = MANIFEST_BOT_SCOPES.filter((scope) => !scope.startsWith('chat:write'));
    expect(await post(noChat, 'C0JOINED')).toMatchObject({
      ok: false,
      error: 'missing_scope',
      needed: 'chat:write',
    });
  });

  it('refuses a message with no text and no blocks, and blocks that break Block Kit limits', async () => {
    const dm = fake.channelFor(['U0ADA']);
    expect(await api('chat.postMessage', { channel: dm })).toMatchObject({ error: 'no_text' });
    expect(await api('chat.postMessage', { channel: dm, text: '', blocks: [] })).toMatchObject({
      error: 'no_text',
    });
    const tooMany = Array.from({ length: 51 }, () => section('x'));
    expect(await api('chat.postMessage', { channel: dm, text: 'x', blocks: tooMany })).toMatchObject({
      error: 'invalid_blocks',
    });
    expect(await api('chat.postMessage', { channel: dm, text: 'x', blocks: '[{broken' })).toMatchObject({
      error: 'invalid_blocks_format',
    });

    const posted = await api('chat.postMessage', { channel: dm, text: 'x', blocks: [section('ok')] });
    const longSection = [section('y'.repeat(3001))];
    expect(
      await api('chat.update', { channel: dm, ts: posted.ts, text: 'x', blocks: longSection }),
    ).toMatchObject({ error: 'invalid_blocks' });
    expect(await api('chat.update', { channel: dm, ts: posted.ts })).toMatchObject({ error: 'no_text' });
    expect(
      await api('chat.postEphemeral', { channel: dm, user: 'U0ADA', text: 'x', blocks: longSection }),
    ).toMatchObject({ error: 'invalid_blocks' });
    expect(await api('chat.postEphemeral', { channel: dm, user: 'U0BEN', text: 'x' })).toMatchObject({
      error: 'user_not_in_channel',
    });
  });

  it('does not let the app edit a person’s message', async () => {
    const dm = fake.channelFor(['U0ADA']);
    const theirs = fake.postAsUser({ channel: dm, user: 'U0ADA', text: 'mine' });
    expect(await api('chat.update', { channel: dm, ts: theirs.ts, text: 'edited' })).toMatchObject({
      error: 'cant_update_message',
    });
  });
});

describe('conversations.open', () => {
  it('refuses unknown and deactivated people, and more than 8', async () => {
    expect(await api('conversations.open', { users: 'U0ADA,U0NOBODY' })).toMatchObject({
      error: 'user_not_found',
    });
    expect(await api('conversations.open', { users: 'U0ADA,U0GONE' })).toMatchObject({
      error: 'user_disabled',
    });
    const nine = Array.from({ length: 9 }, (_, i) => `U0P${i}`);
    for (const id of nine) fake.addUser({ id, teamId: fake.teamId, name: id });
    expect(await api('conversations.open', { users: nine.join(',') })).toMatchObject({
      error: 'too_many_users',
    });
    expect(await api('conversations.open', { users: nine.slice(0, 8).join(',') })).toMatchObject({
      ok: true,
    });
    expect(await api('conversations.open', {})).toMatchObject({ error: 'users_list_not_supplied' });
  });
});

describe('tokens', () => {
  it('keeps bot tokens and app-level tokens apart', async () => {
    expect(await api('chat.postMessage', { channel: 'U0ADA', text: 'hi' }, 'xapp-1-app')).toMatchObject({
      error: 'not_allowed_token_type',
    });
    expect(await api('apps.connections.open', {}, BOT)).toMatchObject({ error: 'not_allowed_token_type' });
    expect(await api('apps.connections.open', {}, 'xapp-1-app')).toMatchObject({ ok: true });
    expect(await api('users.info', { user: 'U0ADA' }, 'not-a-token')).toMatchObject({
      error: 'invalid_auth',
    });
    expect(await api('users.info', { user: 'U0ADA' }, null)).toMatchObject({ error: 'not_authed' });
  });
});

describe('response_url', () => {
  const post = async (url: string, body: unknown) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.text() };
  };

  it('takes at most 5 posts', async () => {
    const url = fake.responseUrl();
    for (let i = 1; i <= 5; i += 1)
      expect(await post(url, { text: `answer ${i}` })).toEqual({ status: 200, body: 'ok' });
    expect(await post(url, { text: 'one too many' })).toEqual({ status: 404, body: 'used_url' });
    expect(fake.responses()).toHaveLength(5);
  });

  it('expires after 30 minutes', async () => {
    const url = fake.responseUrl();
    now += 30 * 60_000 + 1;
    expect(await post(url, { text: 'late' })).toEqual({ status: 404, body: 'expired_url' });
  });

  it('refuses a message Slack could not show, without using up a post', async () => {
    const url = fake.responseUrl();
    expect(await post(url, { response_type: 'ephemeral' })).toEqual({ status: 400, body: 'no_text' });
    expect(
      await post(url, { text: 'x', blocks: [{ type: 'header', text: { type: 'mrkdwn', text: 'h' } }] }),
    ).toEqual({
      status: 400,
      body: 'invalid_blocks',
    });
    expect(await post(url, { delete_original: true })).toEqual({ status: 200, body: 'ok' });
    expect(await post(`${fake.url}/response/R999`, { text: 'x' })).toMatchObject({ status: 404 });
  });

  it('comes with a click on a message, never with a click in the Home tab', () => {
    const click = { teamId: fake.teamId, userId: 'U0ADA', actionId: 'a', responseUrl: fake.responseUrl() };
    expect(blockActionPayload({ ...click, message: { channel: 'D1', ts: '1.1' } })).toHaveProperty(
      'response_url',
    );
    expect(blockActionPayload({ ...click, viewId: 'V0HOME' })).not.toHaveProperty('response_url');
  });
});

describe('conversations.history', () => {
  it('returns people’s messages too, newest first, between oldest and latest, paged by cursor', async () => {
    const dm = fake.channelFor(['U0ADA', 'U0BEN']);
    const ts: string[] = [];
    for (let i = 1; i <= 5; i += 1) {
      const app = await api('chat.postMessage', { channel: dm, text: `app ${i}` });
      ts.push(String(app.ts));
      ts.push(
        fake.postAsUser({ channel: dm, user: i % 2 === 0 ? 'U0BEN' : 'U0ADA', text: `person ${i}` }).ts,
      );
    }
    fake.postAsUser({ channel: dm, user: 'U0BEN', text: 'a reply', threadTs: ts[0] });

    const all = await api('conversations.history', { channel: dm });
    const messages = all.messages as { user: string; text: string; bot_id?: string }[];
    expect(messages).toHaveLength(10);
    expect(messages[0]).toEqual(expect.objectContaining({ user: 'U0ADA', text: 'person 5' }));
    expect(messages[0]).not.toHaveProperty('bot_id');
    expect(messages[1]).toEqual(
      expect.objectContaining({ user: fake.botUserId, bot_id: 'B0TEST', text: 'app 5' }),
    );

    const between = await api('conversations.history', { channel: dm, oldest: ts[2], latest: ts[5] });
    expect((between.messages as { text: string }[]).map((m) => m.text)).toEqual(['app 3', 'person 2']);
    const inclusive = await api('conversations.history', {
      channel: dm,
      oldest: ts[2],
      latest: ts[5],
      inclusive: 'true',
    });
    expect(inclusive.messages).toHaveLength(4);

    const texts: string[] = [];
    let cursor = '';
    let pages = 0;
    do {
      const page = await api('conversations.history', {
        channel: dm,
        limit: '4',
        ...(cursor ? { cursor } : {}),
      });
      texts.push(...(page.messages as { text: string }[]).map((m) => m.text));
      cursor = String((page.response_metadata as { next_cursor: string }).next_cursor);
      expect(page.has_more).toBe(cursor !== '');
      pages += 1;
    } while (cursor !== '');
    expect(pages).toBe(3);
    expect(texts).toEqual((messages as { text: string }[]).map((m) => m.text));
    expect(await api('conversations.history', { channel: dm, cursor: 'bm9wZQ==' })).toMatchObject({
      error: 'invalid_cursor',
    });
  });

  it('refuses a channel it does not know, and one the bot is not in', async () => {
    fake.addChannel({ id: 'C0PUBLIC', name: 'general' });
    expect(await api('conversations.history', { channel: 'D0NOWHERE' })).toMatchObject({
      error: 'channel_not_found',
    });
    expect(await api('conversations.history', { channel: 'C0PUBLIC' })).toMatchObject({
      error: 'missing_scope',
    });
  });
});

describe('malformed bodies', () => {
  it('answers with Slack’s own errors', async () => {
    expect(await raw('chat.postMessage', '{"channel":', 'application/json')).toMatchObject({
      error: 'invalid_json',
    });
    expect(await raw('chat.postMessage', '["channel"]', 'application/json')).toMatchObject({
      error: 'json_not_object',
    });
    expect(
      await raw('chat.postMessage', 'channel=%ZZ&text=hi', 'application/x-www-form-urlencoded'),
    ).toMatchObject({
      error: 'invalid_form_data',
    });
    expect(await raw('chat.postMessage', 'channel=D1', 'text/xml')).toMatchObject({
      error: 'invalid_post_type',
    });
    expect(await raw('users.info', '{"user":"U0ADA"}', 'application/json')).toMatchObject({
      ok: true,
      user: { id: 'U0ADA' },
    });
  });
});

describe('scopes', () => {
  it('are by default exactly those manifest.yml asks for', () => {
    const manifest = YAML.parse(
      fs.readFileSync(path.join(__dirname, '..', '..', 'manifest.yml'), 'utf8'),
    ) as {
      oauth_config: { scopes: { bot: string[] } };
    };
    expect([...MANIFEST_BOT_SCOPES].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
  });
});
