// The workspace behind the fake Slack server: its people, the conversations the bot can reach, the messages in
// them (the app's and people's), the views it opened and the files uploaded. The Web API methods read and
// change it; tests seed it and read it back.

export interface FakeUser {
  id: string;
  teamId: string;
  name: string;
  realName?: string;
  tz?: string | null;
  isAdmin?: boolean;
  isOwner?: boolean;
  deleted?: boolean;
}

/** A channel the workspace has besides DMs and group DMs (which conversations.open and channelFor make). */
export interface FakeChannel {
  id: string;
  name: string;
  isPrivate?: boolean;
  /** Who is in it; the bot posts only where it is a member, or to public channels with chat:write.public. */
  members?: readonly string[];
  isArchived?: boolean;
}

export interface PostedMessage {
  channel: string;
  ts: string;
  threadTs?: string;
  text?: string;
  blocks?: unknown[];
  metadata?: unknown;
  /** The person who wrote it; absent for the app's own messages. */
  user?: string;
  updates: number;
}

export interface Conversation {
  id: string;
  kind: 'im' | 'mpim' | 'public' | 'private';
  members: Set<string>;
  archived: boolean;
}

/** The scopes manifest.yml asks for; a fake started without `scopes` has exactly these. */
export const MANIFEST_BOT_SCOPES: readonly string[] = [
  'commands',
  'chat:write',
  'chat:write.public',
  'im:write',
  'im:history',
  'mpim:write',
  'mpim:history',
  'users:read',
  'files:write',
];

export interface FakeWorkspace {
  readonly teamId: string;
  readonly botUserId: string;
  readonly scopes: ReadonlySet<string>;
  readonly users: Map<string, FakeUser>;
  readonly messages: PostedMessage[];
  readonly views: Map<string, Record<string, unknown>>;
  readonly pendingUploads: Map<string, string>;
  readonly uploads: { fileId: string; filename: string; bytes: Buffer }[];
  conversation(id: string): Conversation | undefined;
  addChannel(channel: FakeChannel): void;
  /** The DM (one person) or group DM (several) of these people with the bot, made on first use. */
  channelFor(userIds: readonly string[]): string;
  /** A user id given as a message's channel means the app's DM with that person, as on Slack. */
  resolveChannel(channel: unknown): unknown;
  nextTs(): string;
  nextId(prefix: string): string;
}

export function createFakeWorkspace(options: {
  teamId: string;
  botUserId: string;
  scopes: readonly string[];
}): FakeWorkspace {
  const { teamId, botUserId } = options;
  const conversations = new Map<string, Conversation>();
  const byMembers = new Map<string, string>();
  const users = new Map<string, FakeUser>();
  let sequence = 0;
  let tsCounter = 1_700_000_000_000_100;

  function channelFor(userIds: readonly string[]): string {
    const key = [...userIds].sort().join(',');
    let id = byMembers.get(key);
    if (id === undefined) {
      // Slack gives a DM a D… id and a group DM (mpim) a G… id.
      id = `${userIds.length === 1 ? 'D' : 'G'}${String(byMembers.size + 1).padStart(8, '0')}`;
      byMembers.set(key, id);
      conversations.set(id, {
        id,
        kind: userIds.length === 1 ? 'im' : 'mpim',
        members: new Set([...userIds, botUserId]),
        archived: false,
      });
    }
    return id;
  }

  return {
    teamId,
    botUserId,
    scopes: new Set(options.scopes),
    users,
    messages: [],
    views: new Map(),
    pendingUploads: new Map(),
    uploads: [],
    conversation: (id) => conversations.get(id),
    addChannel(channel) {
      conversations.set(channel.id, {
        id: channel.id,
        kind: channel.isPrivate === true ? 'private' : 'public',
        members: new Set(channel.members ?? []),
        archived: channel.isArchived === true,
      });
    },
    channelFor,
    resolveChannel(channel) {
      if (typeof channel !== 'string' || !/^[UW]/.test(channel)) return channel;
      return users.has(channel) ? channelFor([channel]) : channel;
    },
    nextTs() {
      tsCounter += 100;
      const text = String(tsCounter);
      return `${text.slice(0, 10)}.${text.slice(10)}`;
    },
    nextId(prefix) {
      sequence += 1;
      return `${prefix}${String(sequence).padStart(8, '0')}`;
    },
  };
}

/** Orders Slack timestamps ("seconds.micros"), which a float would round. */
export function compareTs(a: string, b: string): number {
  const [aSeconds = '0', aMicros = ''] = a.split('.');
  const [bSeconds = '0', bMicros = ''] = b.split('.');
  const seconds = Number(aSeconds) - Number(bSeconds);
  if (seconds !== 0) return Math.sign(seconds);
  const micros = aMicros.padEnd(6, '0').localeCompare(bMicros.padEnd(6, '0'));
  return Math.sign(micros);
}
