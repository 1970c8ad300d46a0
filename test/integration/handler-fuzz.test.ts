// A seeded fuzz that gets past the request guard and into the app's own handlers: every /mentor subcommand,
// every button and modal the app registers, and the events it listens to, sent by people with no right to
// what they ask for, or with values Slack would never send. Whatever arrives, nobody sees a raw error, no
// stored row changes and the app stays healthy.
import { FEEDBACK_FIELDS } from '../../src/domain/feedback-form';
import { GOAL_FIELDS } from '../../src/domain/goals-form';
import { SIGNUP_FIELDS } from '../../src/domain/signup-form';
import { APOLOGY } from '../../src/views/apology';
import { JOURNEY_ACTIONS, JOURNEY_CALLBACKS, JOURNEY_FIELDS } from '../../src/views/journey-ids';
import { SUBCOMMANDS } from '../../src/views/mentor-command';
import { PROMPT_ACTIONS } from '../../src/views/prompt-message';
import { PROPOSAL_ACCEPT_ACTION, PROPOSAL_DECLINE_ACTION } from '../../src/views/proposal-messages';
import {
  SELF_SERVICE_ACTIONS,
  SELF_SERVICE_CALLBACKS,
  SELF_SERVICE_FIELDS,
} from '../../src/views/self-service-ids';
import { FIND_CALLBACK_ID, OFFER_CALLBACK_ID } from '../../src/views/signup-modals';
import {
  blockActionPayload,
  eventBody,
  FORM,
  interactionBody,
  JSON_TYPE,
  slashCommandBody,
  viewSubmissionPayload,
  type SlackHttpResponse,
} from '../../dev/signed-requests';
import { blockKitProblems, type Surface } from '../support/block-kit-limits';
import {
  ADA,
  asFakeUsers,
  BEN,
  CARA,
  personInLondon,
  seedDelivery,
  seedFeedback,
  seedMember,
  seedOffer,
  seedPair,
  seedProposal,
  seedRequest,
  topicIds,
} from '../support/seed-programme';
import { startTestApp, TEAM, type TestApp } from '../support/test-app';
import { DAY } from '../support/test-clock';
import { allRows } from '../support/test-database';

const SEED = 20261206;
const REQUESTS = 500;

const DEV = personInLondon('U0DEV', 'Dev Mentor', 2, 'Engineering');
const EVE = personInLondon('U0EVE', 'Eve Outsider', 3, 'Finance');
/** Known to Slack, never took part. */
const NOBODY = 'U0NOBODY';
const OTHER_TEAM = 'T0OTHER';
const MEMBERS = [ADA, BEN, CARA, DEV, EVE];

/** The programme the fuzz runs against, and who may touch what in it. */
interface Programme {
  activePairId: number;
  endedPairId: number;
  pendingProposalId: number;
  deliveryId: number;
  pairChannel: string;
  promptTs: string;
  proposalMessage: { channel: string; ts: string };
  catalogueTopicId: number;
  pairsOf: Map<string, number[]>;
  proposalsDecidedBy: Map<string, number[]>;
  deliveriesOf: Map<string, number[]>;
}

async function seedProgramme(t: TestApp): Promise<Programme> {
  const db = t.app.context.db;
  const now = t.clock.now();
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);
  for (const person of MEMBERS) await seedMember(db, { ...person, profileFetchedAt: now });

  // Ada mentors Ben (this week's question is posted) and mentored Cara before; Dev's proposal to Cara waits.
  const adaOffer = await seedOffer(db, {
    userId: ADA.userId,
    topics: ['Social media'],
    capacity: 2,
    createdAt: daysAgo(60),
  });
  await seedRequest(db, {
    userId: BEN.userId,
    topics: ['Social media'],
    status: 'matched',
    createdAt: daysAgo(30),
    matchedAt: daysAgo(20),
  });
  const pairChannel = t.fake.channelFor([ADA.userId, BEN.userId]);
  const activePairId = await seedPair(db, {
    mentor: ADA,
    mentee: BEN,
    channelId: pairChannel,
    offerId: adaOffer,
    sharedTopics: ['Social media'],
    startedAt: daysAgo(20),
  });
  const promptTs = '1795000000.000100';
  const deliveryId = await seedDelivery(db, {
    pairId: activePairId,
    channelId: pairChannel,
    weekKey: '2026-W48',
    sentAt: daysAgo(1),
    messageTs: promptTs,
  });
  const endedPairId = await seedPair(db, {
    mentor: ADA,
    mentee: CARA,
    channelId: t.fake.channelFor([ADA.userId, CARA.userId]),
    sharedTopics: ['Social media'],
    status: 'ended',
    startedAt: daysAgo(90),
    endedAt: daysAgo(40),
    endedBy: ADA.userId,
  });
  await seedFeedback(db, {
    pairId: endedPairId,
    userId: ADA.userId,
    role: 'mentor',
    rating: 4,
    wouldRecommend: true,
  });

  const devOffer = await seedOffer(db, {
    userId: DEV.userId,
    topics: ['Generative AI tools'],
    capacity: 1,
    createdAt: daysAgo(10),
  });
  const caraRequest = await seedRequest(db, {
    userId: CARA.userId,
    topics: ['Generative AI tools'],
    createdAt: daysAgo(5),
  });
  const proposalMessage = { channel: t.fake.channelFor([DEV.userId]), ts: '1795000000.000200' };
  const pendingProposalId = await seedProposal(db, {
    mentor: DEV,
    mentee: CARA,
    requestId: caraRequest,
    offerId: devOffer,
    status: 'pending',
    createdAt: daysAgo(1),
    expiresAt: new Date(now.getTime() + 3 * DAY),
    message: proposalMessage,
  });
  await seedRequest(db, { userId: EVE.userId, topics: ['Generative AI tools'], createdAt: daysAgo(2) });

  return {
    activePairId,
    endedPairId,
    pendingProposalId,
    deliveryId,
    pairChannel,
    promptTs,
    proposalMessage,
    catalogueTopicId: (await topicIds(db, ['Social media']))[0] ?? 0,
    pairsOf: new Map([
      [ADA.userId, [activePairId, endedPairId]],
      [BEN.userId, [activePairId]],
      [CARA.userId, [endedPairId]],
    ]),
    // Only the mentor answers a proposal: Cara, its mentee, is as much a stranger to the buttons as Eve.
    proposalsDecidedBy: new Map([[DEV.userId, [pendingProposalId]]]),
    deliveriesOf: new Map([
      [ADA.userId, [deliveryId]],
      [BEN.userId, [deliveryId]],
    ]),
  };
}

// ---------------------------------------------------------------------------------------------------------
// The generator. Every request is one a person could forge; none is one that person may legitimately make
// (their own pair's id, a valid form of their own), so any stored change is a bug.

type Random = () => number;

/** A small seeded PRNG (mulberry32): the same seed sends the same requests, so a failure replays. */
function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/** 100 KB of UTF-8. */
const HUGE = 'ß'.repeat(50_000);
const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  '\u0000\u0001\u001b[31m\u007f',
  '\u202e\u200b\ufeff',
  '👩‍👩‍👧‍👦'.repeat(40),
  '<!channel> <@U0ADA> *bold* ```code```',
  "'; drop table members; --",
  '<script>alert(1)</script>',
  '%s%n%x',
  HUGE,
];
const HOSTILE_VALUES: readonly unknown[] = [
  ...HOSTILE_STRINGS,
  null,
  true,
  0,
  -1,
  1.5,
  1e308,
  [],
  {},
  [[]],
  { value: '1' },
];

/** Ways of writing an id that is not the sender's to use. */
function idVariants(id: number): unknown[] {
  return [
    String(id),
    String(id),
    id,
    [id],
    [String(id)],
    { id },
    `${id}.0`,
    ` ${id} `,
    `${id}e0`,
    `+${id}`,
    `0${id}`,
    `-${id}`,
    `${id}\u0000`,
    `${id}${'0'.repeat(20)}`,
  ];
}

const NONEXISTENT_IDS = [0, 999_999, 2 ** 53 + 1];

interface Actor {
  userId: string;
  teamId: string;
}

interface FuzzRequest {
  kind: string;
  body: string;
  contentType: string;
}

function generate(
  random: Random,
  p: Programme,
  eventSequence: { next: number },
  responseUrl: () => string,
): FuzzRequest {
  const actor: Actor = {
    userId: pick(random, [...MEMBERS.map((m) => m.userId), NOBODY, NOBODY]),
    // The same person in another workspace may name anything: none of it is theirs there.
    teamId: random() < 0.15 ? OTHER_TEAM : TEAM,
  };
  // Mostly real ids that belong to someone else, sometimes ids nobody has, sometimes no id at all.
  const foreignId = (owned: Map<string, number[]>, all: readonly number[]) => {
    const own = actor.teamId === TEAM ? (owned.get(actor.userId) ?? []) : [];
    const others = all.filter((id) => !own.includes(id));
    return others.length > 0 && random() < 0.75 ? pick(random, others) : pick(random, NONEXISTENT_IDS);
  };
  // Half of the ids are spelled as Slack sends them, so the checks behind the strict parse are reached too.
  const foreignValue = (owned: Map<string, number[]>, all: readonly number[]) => {
    const roll = random();
    if (roll < 0.4) return String(foreignId(owned, all));
    return roll < 0.8 ? pick(random, idVariants(foreignId(owned, all))) : pick(random, HOSTILE_VALUES);
  };
  const pairValue = () => foreignValue(p.pairsOf, [p.activePairId, p.endedPairId]);
  const proposalValue = () => foreignValue(p.proposalsDecidedBy, [p.pendingProposalId]);
  const deliveryValue = () => foreignValue(p.deliveriesOf, [p.deliveryId]);

  const roll = random();
  if (roll < 0.25) return command(random, actor, responseUrl());
  if (roll < 0.6) {
    return buttonClick(random, actor, p, responseUrl(), { pairValue, proposalValue, deliveryValue });
  }
  if (roll < 0.85) return viewSubmission(random, actor, p, pairValue);
  return event(random, actor, p, eventSequence);
}

/**
 * The admin check behind the report caches the asker's Slack role as a profile row, by design (see
 * report.test.ts), so the report is asked for only by people who already have one.
 */
function withProfile(random: Random, actor: Actor): Actor {
  return MEMBERS.some((m) => m.userId === actor.userId) && actor.teamId === TEAM
    ? actor
    : { teamId: TEAM, userId: pick(random, MEMBERS).userId };
}

function command(random: Random, someone: Actor, responseUrl: string): FuzzRequest {
  const names = [...SUBCOMMANDS.map((s) => s.name), 'help', 'PAUSE', 'Report', 'offerx', '🙂'];
  const name = pick(random, names);
  const actor = name.toLowerCase() === 'report' ? withProfile(random, someone) : someone;
  // Arguments `/mentor pause` accepts would pause a member; these never parse.
  const pauseArgs = ['0', '53', '-1', '1e1', '4.5', '٣', '４', '4 weeks please', '2 days', 'forever', HUGE];
  const args =
    name.toLowerCase() === 'pause'
      ? pick(random, pauseArgs)
      : random() < 0.5
        ? ''
        : String(pick(random, [...HOSTILE_STRINGS, 'csv', 'CSV', 'csv csv', 'pdf']));
  const text = pick(random, [`${name} ${args}`, `  ${name}\t${args}  `, `${name}\n${args}`]);
  const body = new URLSearchParams(
    slashCommandBody({
      teamId: actor.teamId,
      userId: actor.userId,
      text,
      responseUrl,
      triggerId: random() < 0.2 ? '' : 'trigger-fuzz',
    }),
  );
  return { kind: `command ${name.slice(0, 12)}`, body: body.toString(), contentType: FORM };
}

const ACTION_IDS = [
  ...Object.values(SELF_SERVICE_ACTIONS),
  ...Object.values(PROMPT_ACTIONS),
  PROPOSAL_ACCEPT_ACTION,
  PROPOSAL_DECLINE_ACTION,
  ...Object.values(JOURNEY_ACTIONS),
];
const JOURNEY_ACTION_IDS: readonly string[] = Object.values(JOURNEY_ACTIONS);

/** What a journey button or form names after the pair: a round, a rating stage, or nothing. */
const JOURNEY_SUFFIXES = ['', ':1', ':2', ':3', ':middle', ':close', ':start', ':0', ':-1', '::1', ':1:1'];

/** Someone else's pair in the shapes the journey's buttons carry, or something no button carries. */
function journeyValue(random: Random, pairValue: () => unknown): unknown {
  const pair = pairValue();
  return typeof pair === 'string' || typeof pair === 'number'
    ? `${String(pair)}${pick(random, JOURNEY_SUFFIXES)}`
    : pair;
}

function buttonClick(
  random: Random,
  someone: Actor,
  p: Programme,
  responseUrl: string,
  values: { pairValue: () => unknown; proposalValue: () => unknown; deliveryValue: () => unknown },
): FuzzRequest {
  const actionId = pick(random, ACTION_IDS);
  const actor = actionId === SELF_SERVICE_ACTIONS.fullReport ? withProfile(random, someone) : someone;
  const value =
    actionId === PROPOSAL_ACCEPT_ACTION || actionId === PROPOSAL_DECLINE_ACTION
      ? values.proposalValue()
      : actionId === PROMPT_ACTIONS.discussed || actionId === PROMPT_ACTIONS.skipped
        ? values.deliveryValue()
        : JOURNEY_ACTION_IDS.includes(actionId) && random() < 0.8
          ? journeyValue(random, values.pairValue)
          : random() < 0.8
            ? values.pairValue()
            : pick(random, HOSTILE_VALUES);
  const where = pick(random, [
    { message: { channel: p.pairChannel, ts: p.promptTs } },
    { message: p.proposalMessage },
    { message: { channel: 'D0ELSEWHERE', ts: '1.1' } },
    { viewId: 'V0HOME' },
  ]);
  const payload = blockActionPayload({
    teamId: actor.teamId,
    userId: actor.userId,
    actionId,
    responseUrl,
    ...where,
  });
  const [action] = payload.actions as Record<string, unknown>[];
  if (action !== undefined) {
    action.value = value;
    if (random() < 0.15) {
      // A select where a button should be, choosing an option no menu offers.
      action.type = 'static_select';
      action.selected_option = { value: pick(random, HOSTILE_VALUES) };
    }
    if (random() < 0.1) delete action.value;
  }
  if (random() < 0.1) payload.trigger_id = pick(random, ['', 'expired-trigger', HUGE.slice(0, 300)]);
  return { kind: `action ${actionId}`, body: interactionBody(payload), contentType: FORM };
}

const CALLBACK_IDS = [
  ...Object.values(SELF_SERVICE_CALLBACKS),
  OFFER_CALLBACK_ID,
  FIND_CALLBACK_ID,
  ...Object.values(JOURNEY_CALLBACKS),
];
const JOURNEY_CALLBACK_IDS: readonly string[] = Object.values(JOURNEY_CALLBACKS);

function viewSubmission(random: Random, actor: Actor, p: Programme, pairValue: () => unknown): FuzzRequest {
  const callbackId = pick(random, CALLBACK_IDS);
  // Leaving erases whoever submits: only someone with nothing to erase (or in another workspace) is sent.
  const submitter =
    callbackId === SELF_SERVICE_CALLBACKS.leave && actor.teamId === TEAM
      ? { ...actor, userId: NOBODY }
      : actor;
  const option = (value: unknown) => ({ type: 'static_select', selected_option: { value } });
  const maybe = <T>(value: T) => (random() < 0.1 ? pick(random, HOSTILE_VALUES) : value);
  let values: Record<string, Record<string, unknown>>;
  let privateMetadata = '';
  switch (callbackId) {
    case SELF_SERVICE_CALLBACKS.chooseEnd:
      values = { [SELF_SERVICE_FIELDS.pair]: { [SELF_SERVICE_FIELDS.pair]: maybe(option(pairValue())) } };
      break;
    case SELF_SERVICE_CALLBACKS.pause:
      // Options no pause modal offers; the real ones would pause a member.
      values = {
        [SELF_SERVICE_FIELDS.pauseWeeks]: {
          [SELF_SERVICE_FIELDS.pauseWeeks]: maybe(
            option(pick(random, ['0', '53', '-4', 'closed', 'forever', '', 0, 53, [], {}, null, HUGE])),
          ),
        },
      };
      break;
    case SELF_SERVICE_CALLBACKS.feedback: {
      const pairId = pairValue();
      privateMetadata = pick(random, [
        JSON.stringify({ pairId, mode: pick(random, ['end', 'feedback']) }),
        JSON.stringify({ pairId, mode: pick(random, ['END', 'erase', null, 1]) }),
        JSON.stringify([pairId]),
        JSON.stringify(pairId),
        '{"pairId": 1e400, "mode": "end"}',
        '{"pairId":',
        'null',
        HUGE,
      ]);
      values = feedbackValues(random);
      break;
    }
    case OFFER_CALLBACK_ID:
    case FIND_CALLBACK_ID:
      values = signupValues(random, p, callbackId === OFFER_CALLBACK_ID);
      break;
    default:
      if (JOURNEY_CALLBACK_IDS.includes(callbackId)) {
        // Someone else's pair, in each shape a journey form keeps it in, with answers valid or not.
        const pairId = pairValue();
        privateMetadata = pick(random, [
          String(journeyValue(random, () => pairId)),
          JSON.stringify({ pairId, round: pick(random, [1, 2, 0, '1', null]), message: null }),
          JSON.stringify({ pairId, stage: pick(random, ['middle', 'close', 'start', 7]) }),
          JSON.stringify({ pairId, round: 1, message: { channel: p.pairChannel, ts: p.promptTs } }),
          '{"pairId":',
          'null',
          HUGE,
        ]);
        values = journeyValues(random);
        break;
      }
      values = { leave: { leave: { type: 'plain_text_input', value: pick(random, HOSTILE_STRINGS) } } };
  }
  const payload = viewSubmissionPayload({
    teamId: submitter.teamId,
    userId: submitter.userId,
    callbackId,
    values,
    privateMetadata,
  });
  const view = payload.view as Record<string, unknown>;
  // A stale or forged hash: the app keeps no view state, so it must not matter.
  view.hash = pick(random, ['h1', 'stale-hash', '', HUGE.slice(0, 200)]);
  if (random() < 0.1) view.private_metadata = pick(random, HOSTILE_STRINGS);
  return { kind: `view ${callbackId}`, body: interactionBody(payload), contentType: FORM };
}

/** The journey forms' answers: a rating, a tick, typed text, each as a form sends it or as none does. */
function journeyValues(random: Random): Record<string, Record<string, unknown>> {
  const radio = (value: unknown) => ({ type: 'radio_buttons', selected_option: { value } });
  const rating = () => radio(pick(random, ['1', '3', '5', '0', '6', '2.5', 4, HUGE, null]));
  const values: Record<string, Record<string, unknown>> = {
    [JOURNEY_FIELDS.candour]: { [JOURNEY_FIELDS.candour]: rating() },
    [JOURNEY_FIELDS.contact]: {
      [JOURNEY_FIELDS.contact]: {
        type: 'checkboxes',
        selected_options: pick(random, [[{ value: 'yes' }], [], [{ value: HUGE }], 'yes', null]),
      },
    },
    [JOURNEY_FIELDS.closeUsefulness]: { [JOURNEY_FIELDS.closeUsefulness]: rating() },
    [JOURNEY_FIELDS.closeRecommend]: {
      [JOURNEY_FIELDS.closeRecommend]: radio(pick(random, ['yes', 'no', 'maybe', true, ''])),
    },
    [JOURNEY_FIELDS.closeCommitment]: {
      [JOURNEY_FIELDS.closeCommitment]: {
        type: 'plain_text_input',
        value: pick(random, [null, 'I will listen more', 'x'.repeat(1001), HUGE, 42]),
      },
    },
  };
  // Goals as the goals forms name them (slots and goal ids, some no form has), or not at all.
  for (const slot of [0, 1, 2, 7]) {
    if (random() < 0.5) continue;
    const topic = {
      type: 'static_select',
      selected_option: { value: pick(random, ['1', '999999', HUGE, null]) },
    };
    values[GOAL_FIELDS.topic(slot)] = { [GOAL_FIELDS.topic(slot)]: topic };
    values[GOAL_FIELDS.confidence(slot)] = { [GOAL_FIELDS.confidence(slot)]: rating() };
    values[GOAL_FIELDS.note(slot)] = {
      [GOAL_FIELDS.note(slot)]: { type: 'plain_text_input', value: pick(random, HOSTILE_STRINGS) },
    };
    values[GOAL_FIELDS.rating(slot)] = { [GOAL_FIELDS.rating(slot)]: rating() };
  }
  return values;
}

function feedbackValues(random: Random): Record<string, Record<string, unknown>> {
  const radio = (value: unknown) => ({ type: 'radio_buttons', selected_option: { value } });
  return {
    [FEEDBACK_FIELDS.rating]: {
      [FEEDBACK_FIELDS.rating]: radio(pick(random, ['4', '4', '0', '9', '4.5', 4, HUGE, null])),
    },
    [FEEDBACK_FIELDS.recommend]: {
      [FEEDBACK_FIELDS.recommend]: radio(pick(random, ['yes', 'no', 'maybe', true, ''])),
    },
    [FEEDBACK_FIELDS.comment]: {
      [FEEDBACK_FIELDS.comment]: {
        type: 'plain_text_input',
        value: pick(random, [null, 'Lovely', 'x'.repeat(1001), HUGE, 42, ['a']]),
      },
    },
  };
}

/** A signup form with at least one required answer that no modal offers, so it can never be stored. */
function signupValues(random: Random, p: Programme, offer: boolean): Record<string, Record<string, unknown>> {
  const entry = (field: string, element: Record<string, unknown>) => ({ [field]: { [field]: element } });
  const select = (value: unknown) => ({ type: 'static_select', selected_option: { value } });
  const valid = {
    ...entry(SIGNUP_FIELDS.topics, {
      type: 'multi_static_select',
      selected_options: [{ value: String(p.catalogueTopicId) }],
    }),
    ...entry(SIGNUP_FIELDS.otherTopics, { type: 'plain_text_input', value: '' }),
    ...entry(SIGNUP_FIELDS.level, select('3')),
    ...entry(SIGNUP_FIELDS.department, select('Finance')),
    ...entry(SIGNUP_FIELDS.exclusions, { type: 'multi_users_select', selected_users: [] }),
    ...(offer
      ? {
          ...entry(SIGNUP_FIELDS.capacity, select('1')),
          ...entry(SIGNUP_FIELDS.note, { type: 'plain_text_input', value: 'Happy to help' }),
        }
      : entry(SIGNUP_FIELDS.goals, { type: 'plain_text_input', value: 'Learn' })),
  };
  const broken: Record<string, Record<string, unknown>>[] = [
    entry(SIGNUP_FIELDS.level, select(pick(random, ['0', '7', '3.0', ' 3', 3, null, HUGE]))),
    entry(SIGNUP_FIELDS.department, select(pick(random, ['engineering', 'Nowhere', '', 1, HUGE]))),
    entry(SIGNUP_FIELDS.topics, {
      type: 'multi_static_select',
      selected_options: pick(random, [[{ value: '999999' }], [{ value: p.catalogueTopicId }], 'all', [null]]),
    }),
    entry(SIGNUP_FIELDS.exclusions, {
      type: 'multi_users_select',
      selected_users: pick(random, [
        [''],
        [42],
        'U0ADA',
        ['not-a-user'],
        Array.from({ length: 51 }, (_, i) => `U0X${i}`),
      ]),
    }),
    entry(SIGNUP_FIELDS.otherTopics, {
      type: 'plain_text_input',
      value: pick(random, [',', 'a,,b', 'x'.repeat(41), HUGE]),
    }),
    ...(offer
      ? [
          entry(SIGNUP_FIELDS.capacity, select(pick(random, ['0', '4', '10', 2, null]))),
          entry(SIGNUP_FIELDS.note, { type: 'plain_text_input', value: 'x'.repeat(501) }),
        ]
      : [entry(SIGNUP_FIELDS.goals, { type: 'plain_text_input', value: HUGE })]),
  ];
  return { ...valid, ...pick(random, broken), ...(random() < 0.3 ? pick(random, broken) : {}) };
}

function event(random: Random, actor: Actor, p: Programme, sequence: { next: number }): FuzzRequest {
  // User ids that are no member's (or not a string): a well-formed id would be a real profile change or reply.
  const stranger = pick<unknown>(random, [NOBODY, 'UBOT', '', 42, [ADA.userId], { id: BEN.userId }, HUGE]);
  let body: Record<string, unknown>;
  const roll = random();
  if (roll < 0.35) {
    body = {
      type: 'app_home_opened',
      user: pick<unknown>(random, [actor.userId, actor.userId, 42, null, [EVE.userId], HUGE]),
      channel: 'D0HOME',
      tab: pick<unknown>(random, ['home', 'home', 'messages', 'about', 7, null]),
      ...(random() < 0.3 ? { view: { id: 'V0HOME', hash: 'stale-hash' } } : {}),
    };
  } else if (roll < 0.75) {
    // A reply in Ada and Ben's group DM, in the question's thread, by anyone but Ada and Ben.
    body = {
      type: 'message',
      channel: pick<unknown>(random, [
        p.pairChannel,
        p.pairChannel,
        'G0ELSEWHERE',
        p.proposalMessage.channel,
      ]),
      channel_type: pick<unknown>(random, ['mpim', 'im', 'channel', 'MPIM', 3]),
      user: pick<unknown>(random, [stranger, CARA.userId, DEV.userId, EVE.userId]),
      text: pick(random, HOSTILE_STRINGS),
      ts: pick<unknown>(random, ['1795000001.000100', p.promptTs, 1795000001, null, HUGE]),
      thread_ts: pick<unknown>(random, [
        p.promptTs,
        p.promptTs,
        '1795000000.000101',
        1795000000.0001,
        [p.promptTs],
      ]),
      ...(random() < 0.2
        ? { subtype: pick(random, ['message_changed', 'bot_message', 'file_share', '']) }
        : {}),
      ...(random() < 0.1 ? { bot_id: 'B0OTHER' } : {}),
    };
  } else {
    const deleted = pick<unknown>(random, [false, true, 'true', 1, null]);
    body = {
      type: 'user_change',
      user: pick<unknown>(random, [
        { id: stranger, deleted, real_name: pick(random, HOSTILE_STRINGS), tz: 'Mars/Olympus' },
        { deleted: true, name: 'no id at all' },
        { id: NOBODY, deleted, is_admin: 'yes', profile: null },
        'U0ADA',
        null,
      ]),
    };
  }
  sequence.next += 1;
  return {
    kind: `event ${String(body.type)}`,
    body: eventBody(actor.teamId, `EvFuzz${sequence.next}`, body),
    contentType: JSON_TYPE,
  };
}

// ---------------------------------------------------------------------------------------------------------
// What the fuzz checks.

/** Every row of every table, except the log of events seen (a user_change is recorded before it is read). */
async function snapshotRows(t: TestApp): Promise<Record<string, unknown[]>> {
  const { processed_events: _seen, ...rest } = await allRows(t.app.context.db);
  return rest;
}

// What a raw error looks like when it leaks: its class, a stack frame, a source position, or a value printed
// without having been checked.
const LEAK =
  /\b(?:[A-Z][a-z]+)?Error\b|\n\s+at |\bat \S+ \(|\.ts:\d|\bundefined\b|\bNaN\b|\[object Object\]|SQLITE_/;

interface Shown {
  where: string;
  surface: Surface;
  payload: Record<string, unknown>;
}

/** Everything the app put in front of a person: acknowledgements, response_url posts, messages and views. */
function shownToPeople(
  t: TestApp,
  answers: readonly { kind: string; response: SlackHttpResponse }[],
): Shown[] {
  const shown: Shown[] = [];
  for (const { kind, response } of answers) {
    if (response.body === '') continue;
    const body = JSON.parse(response.body) as Record<string, unknown>;
    shown.push({ where: `ack of ${kind}`, surface: 'message', payload: body });
    if (typeof body.view === 'object' && body.view !== null) {
      shown.push({
        where: `ack view of ${kind}`,
        surface: 'modal',
        payload: body.view as Record<string, unknown>,
      });
    }
  }
  for (const response of t.fake.responses()) {
    shown.push({ where: 'response_url', surface: 'message', payload: response.body });
  }
  for (const call of t.fake.calls()) {
    if (['chat.postMessage', 'chat.postEphemeral', 'chat.update'].includes(call.method)) {
      shown.push({ where: call.method, surface: 'message', payload: call.params });
    } else if (call.method.startsWith('views.')) {
      const view = call.params.view as Record<string, unknown>;
      shown.push({ where: call.method, surface: view.type === 'home' ? 'home' : 'modal', payload: view });
    } else if (call.method === 'files.completeUploadExternal') {
      shown.push({ where: call.method, surface: 'message', payload: call.params });
    }
  }
  return shown;
}

/** The words a person reads: texts, titles, labels and inline errors, not ids or metadata. */
function visibleText(value: unknown, key = ''): string[] {
  if (typeof value === 'string') {
    return ['text', 'initial_comment', 'title'].includes(key) || key.startsWith('error:') ? [value] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item) => visibleText(item, key));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) =>
    key === 'errors' ? visibleText(v, `error:${k}`) : visibleText(v, k),
  );
}

describe('seeded fuzz of the handlers', () => {
  let t: TestApp;
  let programme: Programme;

  beforeAll(async () => {
    t = await startTestApp({
      users: asFakeUsers([...MEMBERS, { userId: NOBODY, name: 'Nobody Yet' }]),
    });
    programme = await seedProgramme(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it(`answers ${REQUESTS} forged requests to every command, button, modal and event without a 5xx, a leaked error or a changed row`, async () => {
    const before = await snapshotRows(t);
    const random = mulberry32(SEED);
    const sequence = { next: 0 };
    const answers: { kind: string; body: string; response: SlackHttpResponse }[] = [];
    for (let sent = 0; sent < REQUESTS; sent += 1) {
      const request = generate(random, programme, sequence, () => t.fake.responseUrl());
      const response = await t.post(request.body, request.contentType);
      answers.push({ kind: request.kind, body: request.body, response });
    }
    await t.settle();

    const serverErrors = answers
      .filter(({ response }) => response.status >= 500)
      .map(({ kind, body }) => `${kind}: ${body.slice(0, 300)}`);
    expect(serverErrors).toEqual([]);
    expect(await snapshotRows(t)).toEqual(before);

    const shown = shownToPeople(t, answers);
    const leaks = shown.flatMap(({ where, payload }) =>
      visibleText(payload)
        .filter((text) => LEAK.test(text))
        .map((text) => `${where}: ${text.slice(0, 200)}`),
    );
    expect(leaks).toEqual([]);
    const oversized = shown.flatMap(({ where, surface, payload }) =>
      blockKitProblems(surface, payload).map((problem) => `${where}: ${problem}`),
    );
    expect(oversized).toEqual([]);

    // Hostile input is turned away by checks, not caught by the error net that apologises.
    const failures = t.logs.filter((line) => /"level":"(?:error|fatal)"/.test(line));
    expect(failures).toEqual([]);
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);

    // The fuzz reached the handlers, not only the guard: every kind of entry point answered.
    const kinds = new Set(answers.filter(({ response }) => response.status === 200).map(({ kind }) => kind));
    for (const name of SUBCOMMANDS.map((s) => s.name)) expect(kinds).toContain(`command ${name}`);
    for (const actionId of ACTION_IDS) expect(kinds).toContain(`action ${actionId}`);
    for (const callbackId of CALLBACK_IDS) expect(kinds).toContain(`view ${callbackId}`);
    for (const type of ['app_home_opened', 'message', 'user_change'])
      expect(kinds).toContain(`event ${type}`);
    const said = shown.flatMap(({ payload }) => visibleText(payload)).join('\n');
    expect(said).toContain("I couldn't find that proposal any more");
    expect(said).toContain('only they can answer it');
    expect(said).toContain('for the two people in this pair');
    expect(said).toContain('Choose your level from the list.');
    expect(said).toContain('This pairing is not one of yours');
    // The journey's buttons and forms turned strangers away with what is true, not with an apology.
    expect(said).toContain('This question is for the person it was sent to.');
    expect(said).toContain('This pairing is not yours');
    expect(said).not.toContain(APOLOGY);
    expect(t.fake.calls('views.publish').length).toBeGreaterThan(0);
    expect(t.fake.calls('views.open').length).toBeGreaterThan(0);
  }, 120_000);
});
