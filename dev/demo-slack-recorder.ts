// Reads back what the fake Slack server recorded while one demo action ran (messages posted and updated,
// modals opened, Home tabs published, files uploaded, answers sent to response_url) as transcript items, so the
// transcript shows the app's real output.
import { asObject } from './demo-block-kit-json';
import type { Names, TranscriptItem } from './demo-transcript';
import type { FakeSlack, RecordedCall } from './fake-slack-server';

export interface Recorded {
  items: TranscriptItem[];
  /** The Web API calls the app made, in order: the demo's people react to what they are sent. */
  calls: RecordedCall[];
}

export interface SlackRecorder {
  /** Who is in a channel, for labels such as "the group DM of A & B". */
  knowChannel(channel: string, userIds: readonly string[]): void;
  /** A channel people know by its name, e.g. #general. */
  nameChannel(channel: string, name: string): void;
  channelLabel(channel: string): string;
  members(channel: string): readonly string[];
  /**
   * Runs the action, waits for the app to settle, and returns what people saw: the action's own items (what
   * came back in the HTTP response) first, then answers sent to response_url, then the app's Web API calls.
   */
  record(
    actorName: string | null,
    action: () => Promise<TranscriptItem[]>,
    settle: () => Promise<void>,
    options?: { homeInFull?: boolean },
  ): Promise<Recorded>;
}

export function createSlackRecorder(fake: FakeSlack, names: Names): SlackRecorder {
  const channels = new Map<string, readonly string[]>();

  const named = new Map<string, string>();

  const channelLabel = (channel: string) => {
    const name = named.get(channel);
    if (name !== undefined) return `#${name}`;
    const ids = channels.get(channel);
    if (ids === undefined) return channel;
    return ids.length === 1
      ? `the DM of ${names(ids[0] ?? '')}`
      : `the group DM of ${ids.map(names).join(' & ')}`;
  };

  function itemOf(
    call: RecordedCall,
    actorName: string | null,
    uploads: ReadonlyMap<string, string>,
    homeInFull: boolean,
  ): TranscriptItem | null {
    const p = call.params;
    const blocks = Array.isArray(p.blocks) ? p.blocks : [];
    switch (call.method) {
      case 'conversations.open': {
        const ids = String(p.users ?? '')
          .split(',')
          .filter((id) => id !== '');
        channels.set(fake.channelFor(ids), ids);
        return null;
      }
      case 'chat.postMessage':
      case 'chat.update':
        return {
          kind: 'message',
          audience: channelLabel(String(p.channel)),
          text: String(p.text ?? ''),
          blocks,
          inThread: call.method === 'chat.postMessage' && typeof p.thread_ts === 'string',
          updated: call.method === 'chat.update',
        };
      case 'chat.postEphemeral':
        return { kind: 'ephemeral', audience: names(String(p.user)), text: String(p.text ?? ''), blocks };
      case 'views.open':
      case 'views.push':
      case 'views.update':
        return { kind: 'modal', audience: actorName ?? 'someone', view: asObject(p.view) };
      case 'views.publish':
        return { kind: 'home', audience: names(String(p.user_id)), view: asObject(p.view), full: homeInFull };
      case 'files.completeUploadExternal': {
        const files = Array.isArray(p.files) ? (p.files as { id: string; title?: string }[]) : [];
        return {
          kind: 'files',
          audience: channelLabel(String(p.channel_id)),
          comment: String(p.initial_comment ?? ''),
          files: files.map((file) => ({
            filename: uploads.get(file.id) ?? file.id,
            title: file.title ?? '',
          })),
        };
      }
      default:
        return null;
    }
  }

  return {
    knowChannel: (channel, userIds) => channels.set(channel, userIds),
    nameChannel: (channel, name) => named.set(channel, name),
    channelLabel,
    members: (channel) => channels.get(channel) ?? [],
    async record(actorName, action, settle, options = {}) {
      const callMark = fake.calls().length;
      const responseMark = fake.responses().length;
      const items = await action();
      await settle();
      for (const response of fake.responses().slice(responseMark)) {
        items.push({
          kind: 'ephemeral',
          audience: actorName ?? 'the person',
          text: String(response.body.text ?? ''),
          blocks: Array.isArray(response.body.blocks) ? response.body.blocks : [],
        });
      }
      const uploads = new Map(fake.uploads().map((upload) => [upload.fileId, upload.filename]));
      const calls = fake.calls().slice(callMark);
      for (const call of calls) {
        const item = itemOf(call, actorName, uploads, options.homeInFull === true);
        if (item !== null) items.push(item);
      }
      // The scheduler posts to a few pairs at a time, so its calls arrive in an order that varies with timing
      // (on PostgreSQL, with every query's round trip): sort them, and what people react to, for a transcript
      // that is the same on every run and either database. A person's action is answered in one sequence, kept
      // as it happened.
      if (actorName === null) {
        items.sort((a, b) => a.audience.localeCompare(b.audience));
        const audienceOf = (call: RecordedCall) => channelLabel(String(call.params.channel ?? ''));
        calls.sort((a, b) => audienceOf(a).localeCompare(audienceOf(b)));
      }
      return { items, calls };
    },
  };
}
