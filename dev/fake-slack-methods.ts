// The Web API methods the app calls, answered as Slack answers them: the documented success shapes, and the
// documented refusals for what Slack would refuse (unknown channels, no text, broken Block Kit, used or stale
// triggers, unknown or deactivated users, missing arguments).
import { blockKitProblems, type Surface } from './block-kit-limits';
import type { Params } from './fake-slack-http';
import type { Triggers } from './fake-interaction-grants';
import { compareTs, type FakeUser, type FakeWorkspace, type PostedMessage } from './fake-slack-workspace';

export type Answer = Record<string, unknown>;

const MAX_TEXT = 40_000;
const MAX_VIEW_BYTES = 250_000;
const MAX_GROUP_DM_USERS = 8;
const HISTORY_SCOPES = {
  im: 'im:history',
  mpim: 'mpim:history',
  public: 'channels:history',
  private: 'groups:history',
};

const refuse = (error: string, messages?: string[]): Answer => ({
  ok: false,
  error,
  ...(messages === undefined ? {} : { response_metadata: { messages: messages.map((m) => `[ERROR] ${m}`) } }),
});

const missing = (field: string) => refuse('invalid_arguments', [`missing required field: ${field}`]);

export function createMethods(options: { workspace: FakeWorkspace; triggers: Triggers; url: string }) {
  const { workspace: ws, triggers, url } = options;

  /** A chat.* call without chat:write is refused before Slack looks at the channel. */
  function chatScopeRefusal(): Answer | null {
    return ws.scopes.has('chat:write')
      ? null
      : { ...refuse('missing_scope'), needed: 'chat:write', provided: [...ws.scopes].join(',') };
  }

  /** Why the bot may not post into this channel, or null. */
  function postingRefusal(channelId: unknown): string | null {
    const channel = typeof channelId === 'string' ? ws.conversation(channelId) : undefined;
    if (channel === undefined) return 'channel_not_found';
    if (channel.archived) return 'is_archived';
    if (channel.members.has(ws.botUserId)) return null;
    // A private channel the bot is not in is invisible to it.
    if (channel.kind !== 'public') return 'channel_not_found';
    return ws.scopes.has('chat:write.public') ? null : 'not_in_channel';
  }

  function answer(method: string, params: Params): Answer {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake.slack.test/',
          team: 'Test Workspace',
          user: 'mentor-circles',
          team_id: ws.teamId,
          user_id: ws.botUserId,
          bot_id: 'B0TEST',
          is_enterprise_install: false,
        };
      case 'users.info': {
        const user = ws.users.get(String(params.user));
        return user === undefined ? refuse('user_not_found') : { ok: true, user: userShape(user) };
      }
      case 'conversations.open':
        return openConversation(params);
      case 'conversations.history':
        return history(params);
      case 'chat.postMessage':
        return chatScopeRefusal() ?? postMessage(params);
      case 'chat.postEphemeral': {
        const missingScope = chatScopeRefusal();
        if (missingScope !== null) return missingScope;
        const refusal = postingRefusal(params.channel);
        if (refusal !== null) return refuse(refusal);
        const invalid = messageRefusal(params);
        if (invalid !== null) return invalid;
        if (typeof params.user !== 'string') return refuse('user_not_found');
        if (ws.conversation(String(params.channel))?.members.has(params.user) !== true)
          return refuse('user_not_in_channel');
        return { ok: true, message_ts: ws.nextTs() };
      }
      case 'chat.update':
        return chatScopeRefusal() ?? updateMessage(params);
      case 'views.open':
      case 'views.push':
      case 'views.update':
      case 'views.publish':
        return view(method, params);
      case 'files.getUploadURLExternal': {
        if (typeof params.filename !== 'string' || params.filename === '') return missing('filename');
        if (params.length === undefined || !(Number(params.length) > 0)) return missing('length');
        const fileId = ws.nextId('F');
        ws.pendingUploads.set(fileId, params.filename);
        return { ok: true, upload_url: `${url}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        if (!Array.isArray(params.files) || params.files.length === 0) return missing('files');
        const files = params.files as { id?: unknown; title?: string }[];
        if (files.some((f) => typeof f.id !== 'string' || !ws.pendingUploads.has(f.id)))
          return refuse('file_not_found');
        if (params.channel_id !== undefined) {
          const refusal = postingRefusal(params.channel_id);
          if (refusal !== null) return refuse(refusal);
        }
        return {
          ok: true,
          files: files.map((f) => ({
            id: f.id,
            title: f.title ?? '',
            name: ws.pendingUploads.get(String(f.id)),
          })),
        };
      }
      case 'apps.connections.open':
        return { ok: true, url: `${url.replace('http', 'ws')}/socket` };
      default:
        return refuse('unknown_method');
    }
  }

  function openConversation(params: Params): Answer {
    if (typeof params.channel === 'string' && params.users === undefined) {
      const channel = ws.conversation(params.channel);
      return channel === undefined ? refuse('channel_not_found') : { ok: true, channel: { id: channel.id } };
    }
    const ids = String(params.users ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== '');
    if (ids.length === 0) return refuse('users_list_not_supplied');
    if (ids.length > MAX_GROUP_DM_USERS) return refuse('too_many_users');
    for (const id of ids) {
      const user = ws.users.get(id);
      if (user === undefined) return refuse('user_not_found');
      if (user.deleted === true) return refuse('user_disabled');
    }
    return { ok: true, channel: { id: ws.channelFor(ids) } };
  }

  function postMessage(params: Params): Answer {
    const refusal = postingRefusal(params.channel);
    if (refusal !== null) return refuse(refusal);
    const invalid = messageRefusal(params);
    if (invalid !== null) return invalid;
    const ts = ws.nextTs();
    const message: PostedMessage = {
      channel: String(params.channel),
      ts,
      updates: 0,
      ...(typeof params.thread_ts === 'string' ? { threadTs: params.thread_ts } : {}),
      ...(typeof params.text === 'string' ? { text: params.text } : {}),
      ...(Array.isArray(params.blocks) ? { blocks: params.blocks } : {}),
      ...(params.metadata !== undefined ? { metadata: params.metadata } : {}),
    };
    ws.messages.push(message);
    return { ok: true, channel: message.channel, ts, message: { text: message.text ?? '', ts } };
  }

  function updateMessage(params: Params): Answer {
    const refusal = postingRefusal(params.channel);
    if (refusal !== null) return refuse(refusal);
    const message = ws.messages.find((m) => m.channel === params.channel && m.ts === params.ts);
    if (message === undefined) return refuse('message_not_found');
    if (message.user !== undefined) return refuse('cant_update_message');
    const invalid = messageRefusal(params);
    if (invalid !== null) return invalid;
    if (typeof params.text === 'string') message.text = params.text;
    if (Array.isArray(params.blocks)) message.blocks = params.blocks;
    message.updates += 1;
    return { ok: true, channel: message.channel, ts: message.ts, text: message.text ?? '' };
  }

  function history(params: Params): Answer {
    const channel = typeof params.channel === 'string' ? ws.conversation(params.channel) : undefined;
    if (channel === undefined) return refuse('channel_not_found');
    const needed = HISTORY_SCOPES[channel.kind];
    if (!ws.scopes.has(needed))
      return { ...refuse('missing_scope'), needed, provided: [...ws.scopes].join(',') };
    if (!channel.members.has(ws.botUserId)) return refuse('not_in_channel');
    // Top-level messages (thread replies stay in conversations.replies), newest first, between oldest and latest
    // (exclusive unless inclusive is set), paged by an opaque cursor; metadata only with include_all_metadata.
    const inclusive = params.inclusive === true || params.inclusive === 'true' || params.inclusive === '1';
    const after = (ts: string, bound: unknown) =>
      bound === undefined || bound === '' || compareTs(ts, String(bound)) > (inclusive ? -1 : 0);
    const before = (ts: string, bound: unknown) =>
      bound === undefined || bound === '' || compareTs(ts, String(bound)) < (inclusive ? 1 : 0);
    const withMetadata = params.include_all_metadata === true || params.include_all_metadata === 'true';
    const limit = Math.min(Math.max(Number(params.limit ?? 100) || 100, 1), 999);
    let offset = 0;
    if (typeof params.cursor === 'string' && params.cursor !== '') {
      const decoded = /^offset:(\d+)$/.exec(Buffer.from(params.cursor, 'base64').toString('utf8'));
      if (decoded === null) return refuse('invalid_cursor');
      offset = Number(decoded[1]);
    }
    const found = ws.messages
      .filter(
        (m) =>
          m.channel === channel.id &&
          (m.threadTs === undefined || m.threadTs === m.ts) &&
          after(m.ts, params.oldest) &&
          before(m.ts, params.latest),
      )
      .sort((a, b) => compareTs(b.ts, a.ts));
    const page = found.slice(offset, offset + limit);
    const hasMore = offset + limit < found.length;
    return {
      ok: true,
      messages: page.map((m) => ({
        type: 'message',
        ...(m.user === undefined ? { user: ws.botUserId, bot_id: 'B0TEST' } : { user: m.user }),
        text: m.text ?? '',
        ts: m.ts,
        ...(m.blocks === undefined ? {} : { blocks: m.blocks }),
        ...(withMetadata && m.metadata !== undefined ? { metadata: m.metadata } : {}),
      })),
      has_more: hasMore,
      pin_count: 0,
      response_metadata: {
        next_cursor: hasMore ? Buffer.from(`offset:${offset + limit}`).toString('base64') : '',
      },
    };
  }

  function view(method: string, params: Params): Answer {
    if (method === 'views.publish' && (typeof params.user_id !== 'string' || params.user_id === ''))
      return missing('user_id');
    if (
      method === 'views.update' &&
      typeof params.view_id !== 'string' &&
      typeof params.external_id !== 'string'
    )
      return missing('view_id');
    const needsTrigger = method === 'views.open' || method === 'views.push';
    if (needsTrigger && (typeof params.trigger_id !== 'string' || params.trigger_id === ''))
      return missing('trigger_id');
    if (params.view === undefined) return missing('view');
    // A view that did not parse as JSON arrives here as the raw string.
    if (typeof params.view !== 'object' || params.view === null || Array.isArray(params.view))
      return refuse('invalid_arguments', ['failed to match all allowed schemas [json-pointer:/view]']);
    if (Buffer.byteLength(JSON.stringify(params.view)) > MAX_VIEW_BYTES) return refuse('view_too_large');
    const view = params.view as Record<string, unknown>;
    const surface: Surface = method === 'views.publish' ? 'home' : 'modal';
    if (view.type !== surface)
      return refuse('invalid_arguments', [`view type must be ${surface} [json-pointer:/view/type]`]);
    const problems = blockKitProblems(surface, view);
    if (problems.length > 0) return refuse('invalid_arguments', problems);
    if (typeof params.view_id === 'string' && method === 'views.update' && !ws.views.has(params.view_id))
      return refuse('not_found');
    if (needsTrigger) {
      const refusal = triggers.exchange(String(params.trigger_id));
      if (refusal !== null) return refuse(refusal);
    }
    const id =
      method === 'views.update' && typeof params.view_id === 'string' ? params.view_id : ws.nextId('V');
    const shown = { ...view, id, team_id: ws.teamId, hash: ws.nextId('h') };
    ws.views.set(id, shown);
    return { ok: true, view: shown };
  }

  return { answer, postingRefusal };
}

/** Why Slack would refuse this message's content (text, blocks, metadata), or null. */
export function messageRefusal(body: Params): Answer | null {
  if (body.blocks !== undefined && !Array.isArray(body.blocks)) return refuse('invalid_blocks_format');
  const text = typeof body.text === 'string' ? body.text : '';
  const blocks = (body.blocks ?? []) as unknown[];
  if (text === '' && blocks.length === 0 && body.attachments === undefined) return refuse('no_text');
  if (text.length > MAX_TEXT) return refuse('msg_too_long');
  const problems = blockKitProblems('message', { blocks });
  if (problems.length > 0) return refuse('invalid_blocks', problems);
  if (body.metadata !== undefined) {
    const metadata = body.metadata as { event_type?: unknown; event_payload?: unknown } | null;
    if (typeof metadata?.event_type !== 'string' || typeof metadata.event_payload !== 'object')
      return refuse('invalid_metadata_format');
  }
  return null;
}

export function userShape(user: FakeUser) {
  return {
    id: user.id,
    team_id: user.teamId,
    name: user.name,
    real_name: user.realName ?? user.name,
    deleted: user.deleted ?? false,
    tz: user.tz ?? null,
    is_admin: user.isAdmin ?? false,
    is_owner: user.isOwner ?? false,
    is_bot: false,
    profile: { real_name: user.realName ?? user.name, display_name: user.name },
  };
}
