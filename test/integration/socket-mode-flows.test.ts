// Socket Mode end to end: buttons, modal submissions and events arrive as envelopes on the socket and change
// the programme as they do over HTTP; a redelivered event counts once; the app reconnects when Slack asks it
// to or when the line drops; and stopping closes the socket and the database.
import { eq } from 'drizzle-orm';
import { SIGNUP_FIELDS } from '../../src/domain/signup-form';
import type { RunningApp } from '../../src/composition/wiring';
import { tablesOf } from '../../src/storage/tables';
import { PROPOSAL_ACCEPT_ACTION } from '../../src/views/proposal-messages';
import { OFFER_CALLBACK_ID } from '../../src/views/signup-modals';
import type { FakeSlack } from '../../dev/fake-slack-server';
import { blockActionPayload, eventBody, viewSubmissionPayload } from '../../dev/signed-requests';
import {
  ADA,
  asFakeUsers,
  BEN,
  CARA,
  personInLondon,
  seedDelivery,
  seedMember,
  seedOffer,
  seedPair,
  seedProposal,
  seedRequest,
  topicIds,
} from '../support/seed-programme';
import { startSocketModeApp, TEAM } from '../support/test-app';
import { DAY } from '../support/test-clock';
import { isConnectionClosed } from '../support/test-database';

const DEV = personInLondon('U0DEV', 'Dev Mentor', 2, 'Engineering');
const EVE = personInLondon('U0EVE', 'Eve Newcomer', 3, 'Finance');
const PROMPT_TS = '1795000000.000100';

let fake: FakeSlack;
let app: RunningApp;
let close: () => Promise<void>;
let proposalId: number;
let deliveryId: number;
let pairChannel: string;

const db = () => app.context.db;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Yields to the event loop until `condition` holds; fails after a few seconds instead of hanging. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await nextTurn();
  }
}

/**
 * Cuts the line, then waits for the app to open a new socket. The socket client waits its ping timeout
 * before reconnecting; that wait runs on jest's clock, advanced until the app asks Slack for a new URL.
 */
async function reconnectAfter(cut: () => void): Promise<void> {
  const reopen = fake.hold('apps.connections.open');
  let asked = false;
  void reopen.arrived.then(() => {
    asked = true;
  });
  jest.useFakeTimers({
    doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'Date', 'hrtime', 'performance'],
  });
  try {
    cut();
    for (let step = 0; !asked; step += 1) {
      if (step > 1000) throw new Error('the app never asked for a new socket');
      await jest.advanceTimersByTimeAsync(100);
      await nextTurn();
    }
  } finally {
    jest.useRealTimers();
  }
  reopen.release();
  await until(() => fake.socketConnections() === 1, 'the new socket');
}

const helpCommand = () => ({
  team_id: TEAM,
  user_id: EVE.userId,
  command: '/mentor',
  text: 'help',
  response_url: fake.responseUrl(),
  trigger_id: 'trigger-help',
  api_app_id: 'A0TEST',
  channel_id: 'C1',
});

const threadReply = (userId: string, eventId: string, ts: string) =>
  JSON.parse(
    eventBody(TEAM, eventId, {
      type: 'message',
      channel: pairChannel,
      channel_type: 'mpim',
      user: userId,
      text: 'We talked it through',
      ts,
      thread_ts: PROMPT_TS,
    }),
  ) as unknown;

const delivery = () => app.context.repos.promptDeliveries;

beforeEach(async () => {
  const started = await startSocketModeApp({ users: asFakeUsers([ADA, BEN, CARA, DEV, EVE]) });
  ({ fake, app, close } = started);
  const clock = started.clock;

  const now = clock.now();
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);
  for (const person of [ADA, BEN, CARA, DEV]) await seedMember(db(), { ...person, profileFetchedAt: now });
  const devOffer = await seedOffer(db(), {
    userId: DEV.userId,
    topics: ['Generative AI tools'],
    capacity: 1,
    createdAt: daysAgo(10),
  });
  const caraRequest = await seedRequest(db(), {
    userId: CARA.userId,
    topics: ['Generative AI tools'],
    createdAt: daysAgo(5),
  });
  proposalId = await seedProposal(db(), {
    mentor: DEV,
    mentee: CARA,
    requestId: caraRequest,
    offerId: devOffer,
    status: 'pending',
    createdAt: daysAgo(1),
    expiresAt: new Date(now.getTime() + 3 * DAY),
  });
  pairChannel = fake.channelFor([ADA.userId, BEN.userId]);
  const pairId = await seedPair(db(), {
    mentor: ADA,
    mentee: BEN,
    channelId: pairChannel,
    sharedTopics: ['Social media'],
    startedAt: daysAgo(20),
  });
  deliveryId = await seedDelivery(db(), {
    pairId,
    channelId: pairChannel,
    weekKey: '2026-W48',
    sentAt: daysAgo(1),
    messageTs: PROMPT_TS,
  });
});

afterEach(() => close());

async function deliveryRow() {
  const found = await delivery().findByMessage(TEAM, pairChannel, PROMPT_TS);
  expect(found?.id).toBe(deliveryId);
  const { promptDeliveries } = tablesOf(db());
  return (await db().select().from(promptDeliveries).where(eq(promptDeliveries.id, deliveryId)))[0];
}

describe('Socket Mode flows', () => {
  it('takes a proposal Accept click from the socket: the pair is stored and introduced', async () => {
    const ack = await fake.sendSocketEnvelope(
      'interactive',
      blockActionPayload({
        teamId: TEAM,
        userId: DEV.userId,
        actionId: PROPOSAL_ACCEPT_ACTION,
        value: String(proposalId),
        responseUrl: fake.responseUrl(),
        message: { channel: fake.channelFor([DEV.userId]), ts: '1795000000.000200' },
      }),
    );
    expect(ack).toEqual({});
    await app.settle();

    const { pairs, proposals } = tablesOf(db());
    const [proposal] = await db().select().from(proposals).where(eq(proposals.id, proposalId));
    expect(proposal?.status).toBe('accepted');
    const pair = await db().select().from(pairs).where(eq(pairs.proposalId, proposalId));
    expect(pair).toHaveLength(1);
    expect(pair[0]).toMatchObject({ mentorId: DEV.userId, menteeId: CARA.userId, status: 'active' });
    expect(fake.messages(fake.channelFor([DEV.userId, CARA.userId]))).toHaveLength(1);
  });

  it('answers an offer modal with bad answers with inline errors in the ack, and stores a good one', async () => {
    const topic = String((await topicIds(db(), ['Social media']))[0]);
    const values = (level: string) => ({
      [SIGNUP_FIELDS.topics]: {
        [SIGNUP_FIELDS.topics]: { type: 'multi_static_select', selected_options: [{ value: topic }] },
      },
      [SIGNUP_FIELDS.level]: {
        [SIGNUP_FIELDS.level]: { type: 'static_select', selected_option: { value: level } },
      },
      [SIGNUP_FIELDS.department]: {
        [SIGNUP_FIELDS.department]: { type: 'static_select', selected_option: { value: 'Finance' } },
      },
      [SIGNUP_FIELDS.capacity]: {
        [SIGNUP_FIELDS.capacity]: { type: 'static_select', selected_option: { value: '2' } },
      },
    });
    const submit = (level: string) =>
      fake.sendSocketEnvelope(
        'interactive',
        viewSubmissionPayload({
          teamId: TEAM,
          userId: EVE.userId,
          callbackId: OFFER_CALLBACK_ID,
          values: values(level),
        }),
      );
    const { offers } = tablesOf(db());
    const offerOfEve = () => db().select().from(offers).where(eq(offers.userId, EVE.userId));

    const refused = (await submit('9')) as { response_action?: string; errors?: Record<string, string> };
    await app.settle();
    expect(refused.response_action).toBe('errors');
    expect(Object.keys(refused.errors ?? {})).toEqual([SIGNUP_FIELDS.level]);
    expect(await offerOfEve()).toEqual([]);

    const accepted = await submit('3');
    await app.settle();
    expect(accepted).toEqual({});
    expect(await offerOfEve()).toMatchObject([{ capacity: 2, status: 'open' }]);
    expect(JSON.stringify(fake.messages(fake.channelFor([EVE.userId])).at(-1))).toContain('offer');
  });

  it("marks the week's question answered when a thread reply in the pair's group DM arrives", async () => {
    const ack = await fake.sendSocketEnvelope(
      'events_api',
      threadReply(BEN.userId, 'EvReply1', '1795000001.0001'),
    );
    expect(ack).toEqual({});
    await app.settle();
    expect(await deliveryRow()).toMatchObject({
      replyCount: 1,
      answeredByMentee: true,
      answeredByMentor: false,
    });
  });

  it('counts an event delivered twice (same event id) once, and acknowledges both deliveries', async () => {
    const again = threadReply(BEN.userId, 'EvReply1', '1795000001.0001');
    await expect(fake.sendSocketEnvelope('events_api', again)).resolves.toEqual({});
    await expect(fake.sendSocketEnvelope('events_api', again)).resolves.toEqual({});
    await app.settle();
    expect(await deliveryRow()).toMatchObject({ replyCount: 1 });

    await fake.sendSocketEnvelope('events_api', threadReply(ADA.userId, 'EvReply2', '1795000002.0001'));
    await app.settle();
    expect(await deliveryRow()).toMatchObject({ replyCount: 2, answeredByMentor: true });
  });

  it('publishes the Home tab when app_home_opened arrives on the socket', async () => {
    await seedMember(db(), { ...EVE, profileFetchedAt: app.context.clock.now() });
    await seedOffer(db(), {
      userId: EVE.userId,
      topics: ['Social media'],
      capacity: 1,
      createdAt: app.context.clock.now(),
    });
    const before = fake.calls('views.publish').length;
    await fake.sendSocketEnvelope(
      'events_api',
      JSON.parse(eventBody(TEAM, 'EvHome1', { type: 'app_home_opened', user: EVE.userId, tab: 'home' })),
    );
    await app.settle();
    const published = fake.calls('views.publish').slice(before);
    expect(published.map((call) => call.params.user_id)).toEqual([EVE.userId]);
    expect(JSON.stringify(published[0]?.params.view)).toContain('Edit my offer');
  });

  it('acknowledges an event Bolt cannot read (a null user), so Slack does not send it again', async () => {
    const unreadable = JSON.parse(
      eventBody(TEAM, 'EvNullUser', { type: 'app_home_opened', user: null, tab: 'home' }),
    ) as unknown;
    await expect(fake.sendSocketEnvelope('events_api', unreadable)).resolves.toEqual({});
  });

  it('reconnects through apps.connections.open when Slack sends a refresh_requested disconnect, and keeps working', async () => {
    const opened = fake.calls('apps.connections.open').length;
    await reconnectAfter(() => fake.sendSocketMessage({ type: 'disconnect', reason: 'refresh_requested' }));
    const open = fake.calls('apps.connections.open');
    expect(open).toHaveLength(opened + 1);
    expect(open.at(-1)?.token).toBe('xapp-test');

    const ack = (await fake.sendSocketEnvelope('slash_commands', helpCommand())) as { blocks?: unknown[] };
    expect(JSON.stringify(ack.blocks)).toContain('/mentor offer');
  });

  it('reconnects when the connection drops without a word, and keeps working', async () => {
    const opened = fake.calls('apps.connections.open').length;
    await reconnectAfter(() => fake.dropSocketConnections());
    expect(fake.calls('apps.connections.open')).toHaveLength(opened + 1);

    const ack = (await fake.sendSocketEnvelope('slash_commands', helpCommand())) as { blocks?: unknown[] };
    expect(JSON.stringify(ack.blocks)).toContain('/mentor offer');
  });

  it('stops cleanly: stop() resolves complete, closes the socket and the database', async () => {
    const stopped = await app.stop();
    expect(stopped).toEqual({ complete: true });
    await until(() => fake.socketConnections() === 0, 'the socket to close');
    expect(isConnectionClosed(db())).toBe(true);
  });
});
