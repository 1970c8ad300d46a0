// Builds and sends requests exactly as Slack signs them (v0 HMAC-SHA256 over "v0:timestamp:body"), for
// tests, benchmarks and the offline demo.
import crypto from 'node:crypto';

export interface SlackHttpResponse {
  status: number;
  body: string;
  json(): Record<string, unknown>;
}

export interface SignOptions {
  /** Seconds since the epoch; Bolt checks it against its own clock, so it defaults to now. */
  timestamp?: number;
  /** Sign with another secret, to prove a bad signature is refused. */
  secret?: string;
}

export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${crypto.createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export async function postSigned(
  url: string,
  secret: string,
  body: string,
  contentType: string,
  options: SignOptions = {},
): Promise<SlackHttpResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature(options.secret ?? secret, timestamp, body),
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text, json: () => JSON.parse(text) as Record<string, unknown> };
}

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

export interface SlashCommandFields {
  teamId: string;
  userId: string;
  userName?: string;
  text: string;
  command?: string;
  channelId?: string;
  responseUrl: string;
  /** Issue it from the fake (`fake.triggerId()`) when the command may open a modal; Slack knows no other. */
  triggerId?: string;
}

export function slashCommandBody(fields: SlashCommandFields): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: fields.teamId,
    team_domain: 'test',
    channel_id: fields.channelId ?? 'C0GENERAL',
    channel_name: 'general',
    user_id: fields.userId,
    user_name: fields.userName ?? fields.userId.toLowerCase(),
    command: fields.command ?? '/mentor',
    text: fields.text,
    api_app_id: 'A0TEST',
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId ?? `trigger-${crypto.randomUUID()}`,
  }).toString();
}

export function interactionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export interface ButtonClick {
  teamId: string;
  userId: string;
  actionId: string;
  value?: string;
  blockId?: string;
  /** Only a click on a message carries a response_url; a click in a view (App Home, modal) has none. */
  responseUrl?: string;
  /** Issue it from the fake (`fake.triggerId()`) when the click may open a modal. */
  triggerId?: string;
  /** Where the button was: a message (channel + ts) or a view (App Home, modal). */
  message?: { channel: string; ts: string };
  viewId?: string;
  /** The kind of view a view click came from; App Home unless told. */
  viewType?: 'home' | 'modal';
}

export function blockActionPayload(click: ButtonClick): Record<string, unknown> {
  const container =
    click.message !== undefined
      ? {
          type: 'message',
          message_ts: click.message.ts,
          channel_id: click.message.channel,
          is_ephemeral: false,
        }
      : { type: 'view', view_id: click.viewId ?? 'V0HOME' };
  return {
    type: 'block_actions',
    user: {
      id: click.userId,
      username: click.userId.toLowerCase(),
      name: click.userId.toLowerCase(),
      team_id: click.teamId,
    },
    api_app_id: 'A0TEST',
    token: 'legacy-verification-token',
    team: { id: click.teamId, domain: 'test' },
    trigger_id: click.triggerId ?? `trigger-${crypto.randomUUID()}`,
    ...(click.message !== undefined && click.responseUrl !== undefined
      ? { response_url: click.responseUrl }
      : {}),
    container,
    ...(click.message !== undefined
      ? {
          channel: { id: click.message.channel, name: 'mpdm' },
          message: { ts: click.message.ts, type: 'message' },
        }
      : { view: { id: click.viewId ?? 'V0HOME', type: click.viewType ?? 'home' } }),
    actions: [
      {
        action_id: click.actionId,
        block_id: click.blockId ?? 'actions',
        type: 'button',
        value: click.value ?? '',
        action_ts: String(Date.now() / 1000),
        text: { type: 'plain_text', text: click.actionId },
      },
    ],
  };
}

export interface ViewSubmission {
  teamId: string;
  userId: string;
  callbackId: string;
  values: Record<string, Record<string, unknown>>;
  privateMetadata?: string;
  viewId?: string;
  /** Issue it from the fake (`fake.triggerId()`) when the submission may push or open a view. */
  triggerId?: string;
}

export function viewSubmissionPayload(submission: ViewSubmission): Record<string, unknown> {
  return {
    type: 'view_submission',
    team: { id: submission.teamId, domain: 'test' },
    user: {
      id: submission.userId,
      username: submission.userId.toLowerCase(),
      name: submission.userId.toLowerCase(),
      team_id: submission.teamId,
    },
    api_app_id: 'A0TEST',
    token: 'legacy-verification-token',
    trigger_id: submission.triggerId ?? `trigger-${crypto.randomUUID()}`,
    view: {
      id: submission.viewId ?? 'V0MODAL',
      type: 'modal',
      callback_id: submission.callbackId,
      private_metadata: submission.privateMetadata ?? '',
      hash: 'h1',
      blocks: [],
      state: { values: submission.values },
    },
    response_urls: [],
  };
}

export function eventBody(teamId: string, eventId: string, event: Record<string, unknown>): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: teamId,
    api_app_id: 'A0TEST',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: teamId, user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
  });
}
