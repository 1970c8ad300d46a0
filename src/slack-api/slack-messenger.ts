// The Slack Web API adapter: implements the Messenger port over one WebClient. Use cases depend on the port,
// never on the WebClient, so they read as intent ("send a DM") and tests see real HTTP calls.
import type { WebClient } from '@slack/web-api';
import type { Messenger, MessageMetadata, SlackProfile } from '../ports/messenger';

/** The fields of a Slack user object (users.info, user_change events) the app keeps. */
export interface SlackUser {
  name?: string;
  real_name?: string;
  tz?: string | null;
  is_admin?: boolean;
  is_owner?: boolean;
  deleted?: boolean;
  profile?: { real_name?: string };
}

export function toSlackProfile(userId: string, user: SlackUser | undefined): SlackProfile {
  return {
    userId,
    name: user?.profile?.real_name || user?.real_name || user?.name || userId,
    timeZone: user?.tz ?? null,
    isWorkspaceAdmin: user?.is_admin === true || user?.is_owner === true,
    deleted: user?.deleted === true,
  };
}

// @slack/web-api copies every request body (tokens redacted) and serialises the copy for a debug line before its
// logger drops the line, then serialises views and blocks again for the form it sends. Handed over as the JSON
// they become in that form anyway, they cross the wire unchanged and are serialised once: a Home view's copy
// cost more than the rest of its call. (The cast only says the client passes strings through as they are.)
function asSentJson<T>(value: T): T {
  return JSON.stringify(value) as unknown as T;
}

export function createMessenger(client: WebClient): Messenger {
  const openConversation = async (userIds: readonly string[]) => {
    const opened = await client.conversations.open({ users: userIds.join(',') });
    const id = opened.channel?.id;
    if (id === undefined) throw new Error('conversations.open returned no channel');
    return id;
  };
  const postMessage: Messenger['postMessage'] = async (channel, message, options = {}) => {
    const posted = await client.chat.postMessage({
      channel,
      text: message.text,
      ...(message.blocks === undefined ? {} : { blocks: asSentJson(message.blocks) }),
      ...(options.threadTs === undefined ? {} : { thread_ts: options.threadTs }),
      ...(options.metadata === undefined ? {} : { metadata: options.metadata }),
      unfurl_links: false,
      unfurl_media: false,
    });
    if (posted.ts === undefined || posted.channel === undefined)
      throw new Error('chat.postMessage returned no ts');
    return { channel: posted.channel, ts: posted.ts };
  };

  return {
    async fetchProfile(userId) {
      const { user } = await client.users.info({ user: userId });
      return toSlackProfile(userId, user);
    },
    openConversation,
    postMessage,
    // Posting to a user id lands in the app's DM with them, and Slack answers with that DM's channel id:
    // no conversations.open (Tier 3) per message, so a large matching run is not throttled by it.
    sendDirectMessage: (userId, message) => postMessage(userId, message),
    async updateMessage(ref, message) {
      await client.chat.update({
        channel: ref.channel,
        ts: ref.ts,
        text: message.text,
        ...(message.blocks === undefined ? {} : { blocks: asSentJson(message.blocks) }),
      });
    },
    async postEphemeral(channel, userId, message) {
      await client.chat.postEphemeral({
        channel,
        user: userId,
        text: message.text,
        ...(message.blocks === undefined ? {} : { blocks: asSentJson(message.blocks) }),
      });
    },
    async openModal(triggerId, view) {
      // Slack sends a trigger id with every command and click; a request without one is forged or broken, and
      // is turned away here rather than logged as Slack's error.
      if (triggerId === '') throw new Error('no trigger id to open a modal with');
      const opened = await client.views.open({ trigger_id: triggerId, view: asSentJson(view) });
      return opened.view?.id ?? '';
    },
    async updateModal(viewId, view) {
      await client.views.update({ view_id: viewId, view: asSentJson(view) });
    },
    async publishHome(userId, view) {
      await client.views.publish({ user_id: userId, view: asSentJson(view) });
    },
    async uploadFiles(channel, files, comment) {
      await client.filesUploadV2({
        channel_id: channel,
        initial_comment: comment,
        file_uploads: files.map((file) => ({
          file: Buffer.from(file.content),
          filename: file.filename,
          title: file.title,
        })),
      });
    },
    async channelHistory(channel, cursor) {
      const page = await client.conversations.history({
        channel,
        limit: 200,
        include_all_metadata: true,
        ...(cursor === undefined ? {} : { cursor }),
      });
      return {
        messages: (page.messages ?? []).flatMap((message) =>
          message.ts === undefined
            ? []
            : [
                {
                  ts: message.ts,
                  ...(message.metadata?.event_type === undefined
                    ? {}
                    : {
                        metadata: {
                          event_type: message.metadata.event_type,
                          event_payload: (message.metadata.event_payload ??
                            {}) as MessageMetadata['event_payload'],
                        },
                      }),
                },
              ],
        ),
        nextCursor: page.has_more === true ? page.response_metadata?.next_cursor || null : null,
      };
    },
  };
}
