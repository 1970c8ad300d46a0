// What the use cases ask of Slack, as an interface they own. The Slack adapter (slack-api/slack-messenger.ts)
// implements it; the use cases and views never see the WebClient.
import type { KnownBlock, View } from '@slack/types';

export interface SlackMessage {
  text: string;
  blocks?: KnownBlock[];
}

export interface MessageMetadata {
  event_type: string;
  event_payload: Record<string, string | number | boolean>;
}

export interface PostedRef {
  channel: string;
  ts: string;
}

export interface SlackProfile {
  userId: string;
  name: string;
  timeZone: string | null;
  isWorkspaceAdmin: boolean;
  deleted: boolean;
}

/** A file to upload: a CSV, a chart image. */
export interface FileUpload {
  filename: string;
  title: string;
  content: Buffer | string;
}

export interface Messenger {
  fetchProfile(userId: string): Promise<SlackProfile>;
  /** Opens (or finds) the DM or group DM with these people; Slack returns the same channel each time. */
  openConversation(userIds: readonly string[]): Promise<string>;
  postMessage(
    channel: string,
    message: SlackMessage,
    options?: { threadTs?: string; metadata?: MessageMetadata },
  ): Promise<PostedRef>;
  sendDirectMessage(userId: string, message: SlackMessage): Promise<PostedRef>;
  updateMessage(ref: PostedRef, message: SlackMessage): Promise<void>;
  postEphemeral(channel: string, userId: string, message: SlackMessage): Promise<void>;
  openModal(triggerId: string, view: View): Promise<string>;
  /** Replaces an open modal's content (a button in it was clicked). */
  updateModal(viewId: string, view: View): Promise<void>;
  publishHome(userId: string, view: View): Promise<void>;
  uploadFiles(channel: string, files: readonly FileUpload[], comment: string): Promise<void>;
  /** One page of a channel's top-level messages, newest first, with their metadata (conversations.history). */
  channelHistory(channel: string, cursor?: string): Promise<HistoryPage>;
}

export interface HistoryPage {
  messages: { ts: string; metadata?: MessageMetadata }[];
  nextCursor: string | null;
}
