// What a person's Slack client sends the app during the demo: slash commands, button clicks, modal submissions
// and events, each signed exactly as Slack signs them. It also keeps the modal each person has on screen, since
// Slack sends a submission's values back against the view it showed.
import { asObject } from './demo-block-kit-json';
import type { TranscriptItem } from './demo-transcript';
import type { FakeSlack, PostedMessage } from './fake-slack-server';
import {
  blockActionPayload,
  eventBody,
  FORM,
  interactionBody,
  JSON_TYPE,
  postSigned,
  slashCommandBody,
  viewSubmissionPayload,
  type SlackHttpResponse,
} from './signed-requests';

export interface SlackUserRef {
  id: string;
  name: string;
  handle: string;
}

export type ModalValues = Record<string, Record<string, unknown>>;

export interface DemoSlackClient {
  /** `/mentor <text>`; returns the ephemeral answer Slack would show from the acknowledgement, if any. */
  command(user: SlackUserRef, text: string): Promise<TranscriptItem[]>;
  click(
    user: SlackUserRef,
    message: PostedMessage,
    actionId: string,
    value: string,
  ): Promise<TranscriptItem[]>;
  /** A button in the person's Home tab, or in the modal they have open. */
  clickInView(
    user: SlackUserRef,
    where: 'home' | 'modal',
    actionId: string,
    value: string,
  ): Promise<TranscriptItem[]>;
  /** Submits the modal the person has open; returns the modal errors or the updated modal. */
  submit(user: SlackUserRef, values: ModalValues): Promise<TranscriptItem[]>;
  event(payload: Record<string, unknown>): Promise<void>;
  /** The modal on this person's screen, once the app has opened one for them. */
  modalOf(userId: string): Record<string, unknown> | undefined;
  showModal(userId: string, view: Record<string, unknown>): void;
}

export function createDemoSlackClient(options: {
  eventsUrl: string;
  signingSecret: string;
  teamId: string;
  fake: FakeSlack;
}): DemoSlackClient {
  const { eventsUrl, signingSecret, teamId, fake } = options;
  const modals = new Map<string, Record<string, unknown>>();
  let eventSequence = 0;

  const post = (body: string, contentType: string) => postSigned(eventsUrl, signingSecret, body, contentType);

  function answered(user: SlackUserRef, response: SlackHttpResponse): TranscriptItem[] {
    if (response.status !== 200)
      throw new Error(`Slack request refused: ${response.status} ${response.body}`);
    if (!response.body.startsWith('{')) return [];
    const body = response.json();
    if (body.response_action === 'errors') {
      const errors = body.errors as Record<string, string>;
      return [{ kind: 'modal', audience: user.name, view: modals.get(user.id) ?? {}, errors }];
    }
    if (body.response_action === 'update') {
      // Slack keeps the modal's id when a submission updates it; the next click in it names that id.
      const id = modals.get(user.id)?.id;
      const view = { ...asObject(body.view), ...(id === undefined ? {} : { id }) };
      modals.set(user.id, view);
      return [{ kind: 'modal', audience: user.name, view }];
    }
    if (typeof body.text !== 'string' && !Array.isArray(body.blocks)) return [];
    return [
      {
        kind: 'ephemeral',
        audience: user.name,
        text: String(body.text ?? ''),
        blocks: Array.isArray(body.blocks) ? body.blocks : [],
      },
    ];
  }

  return {
    async command(user, text) {
      const body = slashCommandBody({
        teamId,
        userId: user.id,
        userName: user.handle,
        text,
        responseUrl: fake.responseUrl(),
        triggerId: fake.triggerId(),
      });
      return answered(user, await post(body, FORM));
    },
    async click(user, message, actionId, value) {
      const payload = blockActionPayload({
        teamId,
        userId: user.id,
        actionId,
        value,
        responseUrl: fake.responseUrl(),
        triggerId: fake.triggerId(),
        message: { channel: message.channel, ts: message.ts },
      });
      return answered(user, await post(interactionBody(payload), FORM));
    },
    async clickInView(user, where, actionId, value) {
      const viewId = where === 'home' ? 'V0HOME' : String(modals.get(user.id)?.id ?? '');
      const payload = blockActionPayload({
        teamId,
        userId: user.id,
        actionId,
        value,
        triggerId: fake.triggerId(),
        viewId,
        viewType: where,
      });
      return answered(user, await post(interactionBody(payload), FORM));
    },
    async submit(user, values) {
      const view = modals.get(user.id);
      if (view === undefined) throw new Error(`${user.name} has no modal open`);
      const payload = viewSubmissionPayload({
        teamId,
        userId: user.id,
        callbackId: String(view.callback_id ?? ''),
        values,
        privateMetadata: String(view.private_metadata ?? ''),
        triggerId: fake.triggerId(),
      });
      return answered(user, await post(interactionBody(payload), FORM));
    },
    async event(payload) {
      eventSequence += 1;
      const eventId = `Ev0DEMO${String(eventSequence).padStart(5, '0')}`;
      const response = await post(eventBody(teamId, eventId, payload), JSON_TYPE);
      if (response.status !== 200) throw new Error(`Slack event refused: ${response.status}`);
    },
    modalOf: (userId) => modals.get(userId),
    showModal: (userId, view) => modals.set(userId, view),
  };
}
