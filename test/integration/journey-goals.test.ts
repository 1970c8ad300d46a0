// The mentee's goals: the invitation's button opens the goals form (topics the pair shares or the mentee's
// other requested topics, a confidence 1–5, an optional note), the submission stores the goals and their first
// ratings together and shares the goals — never the ratings — in the pair's group DM; one reminder a week
// after the invitation if none are set; the private re-rating halfway through the term and in the close
// survey; refusals that change nothing; and the notes erased when the mentee leaves, never logged.
import { eq } from 'drizzle-orm';
import { GOAL_ERRORS, GOAL_FIELDS } from '../../src/domain/goals-form';
import { tablesOf } from '../../src/storage/tables';
import { JOURNEY_ACTIONS, JOURNEY_CALLBACKS } from '../../src/views/journey-ids';
import { SELF_SERVICE_CALLBACKS } from '../../src/views/self-service-ids';
import { blockKitProblems } from '../support/block-kit-limits';
import { seedMember, seedPair, seedProposal, seedRequest } from '../support/seed-programme';
import { createTestClock, DAY, HOUR } from '../support/test-clock';
import { allRows, findTextEverywhere, rowsOf } from '../support/test-database';
import { startTestApp, TEAM, type TestApp } from '../support/test-app';

// A Monday, 09:00 UTC: 09:00 in London.
const MONDAY_9_UTC = '2026-11-23T09:00:00Z';
const WEEK = 7 * DAY;
const MENTOR = 'U0ADA';
const MENTEE = 'U0BEN';
const OTHER = 'U0CARA';
const USERS = [
  { id: MENTOR, teamId: TEAM, name: 'Ada', tz: 'Europe/London' },
  { id: MENTEE, teamId: TEAM, name: 'Ben', tz: 'Europe/London' },
  { id: OTHER, teamId: TEAM, name: 'Cara', tz: 'Europe/London' },
];
const SHARED = 'Social media';
const REQUESTED = 'Generative AI tools';
const NOT_OFFERED = 'Accessibility';
const MARKER = 'zebra-marker-7f3k: ask about LinkedIn posts';

let t: TestApp;
let pairId: number;
let groupDm: string;

const db = () => t.app.context.db;
const dmTo = (userId: string) => t.fake.channelFor([userId]);
const lastOpenedView = () => t.fake.calls('views.open').at(-1)?.params.view as Record<string, unknown>;
const lastResponse = () => JSON.stringify(t.fake.responses().at(-1)?.body ?? {});
const goalRows = () =>
  rowsOf(db(), 'select position, topic, note from pair_goals order by position') as Promise<
    { position: number; topic: string; note: string | null }[]
  >;
const ratingRows = () =>
  rowsOf(
    db(),
    'select g.topic, r.stage, r.confidence from goal_ratings r join pair_goals g on g.id = r.goal_id order by r.stage, g.position',
  );
const journeyRows = () =>
  rowsOf(db(), 'select step, role, round, status from journey_messages order by id') as Promise<
    { step: string; status: string }[]
  >;
const messagesWith = (channel: string, words: string) =>
  t.fake.messages(channel).filter((m) => m.text?.includes(words));

interface Slot {
  topic?: string;
  confidence?: string;
  note?: string;
}

function goalValues(slots: readonly Slot[]) {
  const values: Record<string, Record<string, unknown>> = {};
  slots.forEach((slot, index) => {
    const n = index + 1;
    values[GOAL_FIELDS.topic(n)] = {
      [GOAL_FIELDS.topic(n)]: {
        type: 'static_select',
        selected_option: slot.topic === undefined ? null : { value: slot.topic },
      },
    };
    values[GOAL_FIELDS.confidence(n)] = {
      [GOAL_FIELDS.confidence(n)]: {
        type: 'static_select',
        selected_option: slot.confidence === undefined ? null : { value: slot.confidence },
      },
    };
    values[GOAL_FIELDS.note(n)] = {
      [GOAL_FIELDS.note(n)]: { type: 'plain_text_input', value: slot.note ?? null },
    };
  });
  return values;
}

const submitGoals = (slots: readonly Slot[], userId = MENTEE, metadata = String(pairId)) =>
  t.submit({
    userId,
    callbackId: JOURNEY_CALLBACKS.setGoals,
    privateMetadata: metadata,
    values: goalValues(slots),
  });

function ratingValues(goalIds: readonly number[], confidence: string | null) {
  return Object.fromEntries(
    goalIds.map((id) => [
      GOAL_FIELDS.rating(id),
      {
        [GOAL_FIELDS.rating(id)]: {
          type: 'static_select',
          selected_option: confidence === null ? null : { value: confidence },
        },
      },
    ]),
  );
}

const goalIds = async () =>
  ((await rowsOf(db(), 'select id from pair_goals order by position')) as { id: number }[]).map((r) =>
    Number(r.id),
  );

const submitRatings = async (stage: 'middle' | 'close', confidence: string | null, userId = MENTEE) =>
  t.submit({
    userId,
    callbackId: JOURNEY_CALLBACKS.rateGoals,
    privateMetadata: `${pairId}:${stage}`,
    values: ratingValues(await goalIds(), confidence),
  });

const clickOpenGoals = (userId = MENTEE) =>
  t.click({
    userId,
    actionId: JOURNEY_ACTIONS.openGoals,
    value: String(pairId),
    message: { channel: dmTo(MENTEE), ts: '1700000000.000100' },
  });

const clickRate = (stage: 'middle' | 'close', userId = MENTEE) =>
  t.click({
    userId,
    actionId: JOURNEY_ACTIONS.rateGoals,
    value: `${pairId}:${stage}`,
    message: { channel: dmTo(userId), ts: '1700000000.000200' },
  });

function noticeOf(response: { json(): unknown }): string {
  const body = response.json() as { response_action?: string; view?: Record<string, unknown> };
  expect(body.response_action).toBe('update');
  expect(blockKitProblems('modal', body.view ?? {})).toEqual([]);
  return JSON.stringify(body.view?.blocks);
}

function errorsOf(response: { json(): unknown }): Record<string, string> {
  const body = response.json() as { response_action?: string; errors?: Record<string, string> };
  expect(body.response_action).toBe('errors');
  return body.errors ?? {};
}

async function endPair(reason: 'wrapped_up' | 'ended', endedAt = t.clock.now()) {
  const { pairs } = tablesOf(db());
  await db().update(pairs).set({ status: 'ended', endedAt, endReason: reason }).where(eq(pairs.id, pairId));
}

const setGoalsWithMarker = () =>
  submitGoals([
    { topic: SHARED, confidence: '2', note: MARKER },
    { topic: REQUESTED, confidence: '4' },
  ]);

beforeEach(async () => {
  t = await startTestApp({ users: USERS, clock: createTestClock(MONDAY_9_UTC) });
  const now = t.clock.now();
  await seedMember(db(), { userId: MENTOR, name: 'Ada', timeZone: 'Europe/London', level: 2 });
  await seedMember(db(), { userId: MENTEE, name: 'Ben', timeZone: 'Europe/London', level: 5 });
  await seedMember(db(), { userId: OTHER, name: 'Cara', timeZone: 'Europe/London', level: 4 });
  const requestId = await seedRequest(db(), {
    userId: MENTEE,
    topics: [SHARED, REQUESTED],
    status: 'matched',
    matchedAt: now,
  });
  const proposalId = await seedProposal(db(), {
    mentor: { userId: MENTOR, level: 2 },
    mentee: { userId: MENTEE, level: 5 },
    requestId,
    offerId: null,
    expiresAt: new Date(now.getTime() + DAY),
    status: 'accepted',
    sharedTopics: [SHARED],
  });
  groupDm = t.fake.channelFor([MENTOR, MENTEE]);
  pairId = await seedPair(db(), {
    mentor: { userId: MENTOR, level: 2 },
    mentee: { userId: MENTEE, level: 5 },
    startedAt: now,
    channelId: groupDm,
    proposalId,
    sharedTopics: [SHARED],
  });
});

afterEach(async () => {
  await t.close();
});

const goalSteps = (rows: { step: unknown }[]) =>
  rows.map((r) => String(r.step)).filter((step) => step.includes('goals'));

describe('setting goals', () => {
  it('opens the form from the invitation, stores goals and ratings together, and shares the goals without the ratings', async () => {
    await t.tick();
    const [invite] = messagesWith(dmTo(MENTEE), 'Set one to three goals');
    expect(invite).toBeDefined();

    await t.click({
      userId: MENTEE,
      actionId: JOURNEY_ACTIONS.openGoals,
      value: String(pairId),
      message: { channel: dmTo(MENTEE), ts: invite?.ts ?? '' },
    });
    const view = lastOpenedView();
    expect(view.callback_id).toBe(JOURNEY_CALLBACKS.setGoals);
    expect(blockKitProblems('modal', view)).toEqual([]);
    const offered = JSON.stringify(view.blocks);
    expect(offered).toContain(SHARED);
    expect(offered).toContain(REQUESTED);
    expect(offered).not.toContain(NOT_OFFERED);
    expect(offered).toContain('How confident am I today?');

    const response = await setGoalsWithMarker();
    expect(noticeOf(response)).toContain('saved');
    expect(await goalRows()).toEqual([
      { position: 1, topic: SHARED, note: MARKER },
      { position: 2, topic: REQUESTED, note: null },
    ]);
    expect(await ratingRows()).toEqual([
      { topic: SHARED, stage: 'start', confidence: 2 },
      { topic: REQUESTED, stage: 'start', confidence: 4 },
    ]);

    const [post, ...more] = messagesWith(groupDm, 'has set their goals');
    expect(more).toEqual([]);
    const shared = JSON.stringify(post);
    expect(shared).toContain(SHARED);
    expect(shared).toContain(REQUESTED);
    expect(shared).toContain('ask about LinkedIn posts');
    expect(shared).not.toMatch(/confiden/i);
    expect(shared).not.toMatch(/\b[1-5] –/);
    // Nothing of the goals reaches the mentor privately, and the ratings reach nobody.
    expect(JSON.stringify(t.fake.messages(dmTo(MENTOR)))).not.toContain(SHARED);
    expect(t.logs.join('\n')).not.toContain('zebra-marker-7f3k');
  });

  it('answers every mistake inline and stores nothing', async () => {
    const tooLong = 'x'.repeat(301);
    expect(errorsOf(await submitGoals([{}, {}, {}]))).toEqual({
      [GOAL_FIELDS.topic(1)]: GOAL_ERRORS.noGoal,
    });
    expect(
      errorsOf(
        await submitGoals([
          { topic: SHARED, confidence: '3' },
          { topic: SHARED, confidence: '2' },
        ]),
      ),
    ).toEqual({ [GOAL_FIELDS.topic(2)]: GOAL_ERRORS.duplicate(1) });
    expect(errorsOf(await submitGoals([{ topic: SHARED }]))).toEqual({
      [GOAL_FIELDS.confidence(1)]: GOAL_ERRORS.confidence,
    });
    expect(errorsOf(await submitGoals([{ topic: SHARED, confidence: '3', note: tooLong }]))).toEqual({
      [GOAL_FIELDS.note(1)]: GOAL_ERRORS.noteTooLong(301),
    });
    expect(errorsOf(await submitGoals([{ topic: NOT_OFFERED, confidence: '3' }]))).toEqual({
      [GOAL_FIELDS.topic(1)]: GOAL_ERRORS.topicNotOffered,
    });
    expect(await goalRows()).toEqual([]);
    expect(await ratingRows()).toEqual([]);
    expect(messagesWith(groupDm, 'has set their goals')).toEqual([]);
  });

  it('refuses anyone but the mentee, and changes nothing', async () => {
    const before = await allRows(db());
    await clickOpenGoals(MENTOR);
    expect(lastResponse()).toContain('for the mentee of that pairing');
    await clickOpenGoals(OTHER);
    expect(lastResponse()).toContain('for the mentee of that pairing');
    expect(t.fake.calls('views.open')).toHaveLength(0);
    expect(noticeOf(await submitGoals([{ topic: SHARED, confidence: '3' }], MENTOR))).toContain(
      'for the mentee of that pairing',
    );
    expect(noticeOf(await submitGoals([{ topic: SHARED, confidence: '3' }], MENTEE, '999999'))).toContain(
      'for the mentee of that pairing',
    );
    expect(await allRows(db())).toEqual(before);
  });

  it('refuses a second set of goals, saying which goals are set, and changes nothing', async () => {
    await setGoalsWithMarker();
    const before = await allRows(db());
    await clickOpenGoals();
    expect(lastResponse()).toContain(`Your goals are already set: ${SHARED}, ${REQUESTED}`);
    expect(t.fake.calls('views.open')).toHaveLength(0);
    expect(noticeOf(await submitGoals([{ topic: REQUESTED, confidence: '5' }]))).toContain('already set');
    expect(await allRows(db())).toEqual(before);
    expect(messagesWith(groupDm, 'has set their goals')).toHaveLength(1);
  });

  it('refuses goals for a pairing that has ended, and changes nothing', async () => {
    await endPair('ended');
    const before = await allRows(db());
    await clickOpenGoals();
    expect(lastResponse()).toContain('That pairing has ended');
    expect(noticeOf(await submitGoals([{ topic: SHARED, confidence: '3' }]))).toContain(
      'That pairing has ended',
    );
    expect(await allRows(db())).toEqual(before);
  });
});

describe('forged and hostile input', () => {
  it('answers odd button values and form metadata with a refusal, never an error, and changes nothing', async () => {
    const before = await allRows(db());
    const odd = [
      '',
      '0',
      '-1',
      '1e3',
      `${pairId}.0`,
      `${pairId}:start`,
      `${pairId}:close:x`,
      'x'.repeat(5000),
    ];
    for (const value of odd) {
      for (const actionId of [JOURNEY_ACTIONS.openGoals, JOURNEY_ACTIONS.rateGoals]) {
        const response = await t.click({
          userId: MENTEE,
          actionId,
          value,
          message: { channel: dmTo(MENTEE), ts: '1700000000.000300' },
        });
        expect(response.status).toBe(200);
        expect(lastResponse()).toContain('for the mentee of that pairing');
      }
      expect(noticeOf(await submitGoals([{ topic: SHARED, confidence: '3' }], MENTEE, value))).toContain(
        'for the mentee',
      );
      const rating = await t.submit({
        userId: MENTEE,
        callbackId: JOURNEY_CALLBACKS.rateGoals,
        privateMetadata: value,
        values: {},
      });
      expect(noticeOf(rating)).toContain('for the mentee');
    }
    // From another workspace, the pair is not theirs.
    expect(
      noticeOf(
        await t.submit({
          userId: MENTEE,
          teamId: 'T0OTHER',
          callbackId: JOURNEY_CALLBACKS.setGoals,
          privateMetadata: String(pairId),
          values: goalValues([{ topic: SHARED, confidence: '3' }]),
        }),
      ),
    ).toContain('for the mentee');
    expect(t.fake.calls('views.open')).toHaveLength(0);
    expect(await allRows(db())).toEqual(before);
    expect(t.logs.filter((line) => /"level":"(?:error|fatal)"/.test(line))).toEqual([]);
  });
});

describe('the reminder', () => {
  it('reminds the mentee once, a week after the invitation, when no goals are set', async () => {
    await t.tick();
    expect(messagesWith(dmTo(MENTEE), 'Set one to three goals')).toHaveLength(1);

    t.clock.advance(WEEK - HOUR);
    await t.tick();
    expect(messagesWith(dmTo(MENTEE), 'gentle reminder')).toHaveLength(0);

    t.clock.advance(HOUR);
    await t.tick();
    t.clock.advance(HOUR);
    await t.tick();
    t.clock.advance(WEEK);
    await t.tick();
    const reminders = messagesWith(dmTo(MENTEE), 'gentle reminder');
    expect(reminders).toHaveLength(1);
    expect(JSON.stringify(reminders[0]?.blocks)).toContain(JOURNEY_ACTIONS.openGoals);
    expect(messagesWith(dmTo(MENTOR), 'gentle reminder')).toHaveLength(0);
    // Other parts of the journey (the fit check) run on the same ticks; only the goals' own messages count here.
    expect(goalSteps(await journeyRows())).toEqual(['goals-invite', 'goals-reminder']);
  });

  it('does not remind a mentee who set goals', async () => {
    await t.tick();
    await setGoalsWithMarker();
    t.clock.advance(WEEK);
    await t.tick();
    t.clock.advance(WEEK);
    await t.tick();
    expect(messagesWith(dmTo(MENTEE), 'gentle reminder')).toHaveLength(0);
    expect(goalSteps(await journeyRows())).toEqual(['goals-invite']);
  });
});

describe('re-rating the goals', () => {
  // The default term is 26 weeks, so its midpoint is 13 weeks after the start: a Monday, 09:00 in London.
  const MIDPOINT = 13 * WEEK;

  it('asks the mentee privately at the midpoint of the term, and stores their ratings', async () => {
    await t.tick();
    await setGoalsWithMarker();
    t.clock.advance(MIDPOINT - HOUR);
    await t.tick();
    expect(messagesWith(dmTo(MENTEE), 'halfway through')).toHaveLength(0);

    t.clock.advance(HOUR);
    await t.tick();
    t.clock.advance(HOUR);
    await t.tick();
    const [midpoint, ...more] = messagesWith(dmTo(MENTEE), 'halfway through');
    expect(more).toEqual([]);
    expect(JSON.stringify(midpoint?.blocks)).toContain(`${pairId}:middle`);
    expect(messagesWith(dmTo(MENTOR), 'halfway through')).toHaveLength(0);
    expect(messagesWith(groupDm, 'halfway through')).toHaveLength(0);

    await clickRate('middle');
    const view = lastOpenedView();
    expect(view.callback_id).toBe(JOURNEY_CALLBACKS.rateGoals);
    expect(view.private_metadata).toBe(`${pairId}:middle`);
    expect(blockKitProblems('modal', view)).toEqual([]);

    expect(Object.keys(errorsOf(await submitRatings('middle', null)))).toHaveLength(2);
    expect(noticeOf(await submitRatings('middle', '5'))).toContain('ratings are saved');
    expect(await ratingRows()).toEqual([
      { topic: SHARED, stage: 'middle', confidence: 5 },
      { topic: REQUESTED, stage: 'middle', confidence: 5 },
      { topic: SHARED, stage: 'start', confidence: 2 },
      { topic: REQUESTED, stage: 'start', confidence: 4 },
    ]);

    // Twice changes nothing, and the midpoint is asked once.
    const before = await allRows(db());
    await clickRate('middle');
    expect(lastResponse()).toContain('already rated');
    expect(noticeOf(await submitRatings('middle', '1'))).toContain('already rated');
    expect(await allRows(db())).toEqual(before);
    t.clock.advance(WEEK);
    await t.tick();
    expect(messagesWith(dmTo(MENTEE), 'halfway through')).toHaveLength(1);
  });

  it('does not ask a mentee who set no goals', async () => {
    t.clock.advance(MIDPOINT);
    await t.tick();
    expect(messagesWith(dmTo(MENTEE), 'halfway through')).toHaveLength(0);
  });

  it('refuses the midpoint rating from the mentor and after the pairing ended', async () => {
    await setGoalsWithMarker();
    const before = await allRows(db());
    await clickRate('middle', MENTOR);
    expect(lastResponse()).toContain('for the mentee of that pairing');
    expect(noticeOf(await submitRatings('middle', '3', MENTOR))).toContain('for the mentee');
    await endPair('ended');
    const ended = await allRows(db());
    await clickRate('middle');
    expect(lastResponse()).toContain('That pairing has ended');
    expect(noticeOf(await submitRatings('middle', '3'))).toContain('That pairing has ended');
    expect(await allRows(db())).toEqual(ended);
    expect(before.goal_ratings).toEqual(ended.goal_ratings);
  });

  it('takes the close rating after the pairing wrapped up, and not before', async () => {
    await setGoalsWithMarker();
    await clickRate('close');
    expect(lastResponse()).toContain('still running');
    expect(noticeOf(await submitRatings('close', '4'))).toContain('still running');

    t.clock.advance(26 * WEEK);
    await endPair('wrapped_up');
    t.clock.advance(3 * DAY);
    await clickRate('close');
    const view = lastOpenedView();
    expect(view.private_metadata).toBe(`${pairId}:close`);
    expect(JSON.stringify(view.blocks)).toContain(SHARED);
    expect(noticeOf(await submitRatings('close', '4'))).toContain('ratings are saved');
    expect((await ratingRows()).filter((r) => r.stage === 'close')).toEqual([
      { topic: SHARED, stage: 'close', confidence: 4 },
      { topic: REQUESTED, stage: 'close', confidence: 4 },
    ]);
    // Ratings never reach the pair's conversation, and are not logged.
    expect(JSON.stringify(t.fake.messages(groupDm))).not.toMatch(/confiden/i);
    expect(t.logs.filter((line) => /confidence/.test(line))).toEqual([]);
  });

  it('refuses the close rating after an early end or once the journey is over', async () => {
    await setGoalsWithMarker();
    await endPair('ended');
    await clickRate('close');
    expect(lastResponse()).toContain('That pairing has ended');

    await endPair('wrapped_up', new Date(t.clock.now().getTime() - 76 * DAY));
    const before = await allRows(db());
    await clickRate('close');
    expect(lastResponse()).toContain('has closed');
    expect(noticeOf(await submitRatings('close', '4'))).toContain('has closed');
    expect(await allRows(db())).toEqual(before);
  });
});

describe('privacy', () => {
  it('erases the notes when the mentee leaves and never logs them', async () => {
    await setGoalsWithMarker();
    expect(await findTextEverywhere(db(), 'zebra-marker-7f3k')).toEqual(['pair_goals[0].note']);

    await t.command(MENTEE, 'leave');
    await t.submit({ userId: MENTEE, callbackId: SELF_SERVICE_CALLBACKS.leave, values: {} });
    await t.settle();
    expect(await findTextEverywhere(db(), 'zebra-marker-7f3k')).toEqual([]);
    // The goals stay as topics for the programme's figures.
    expect((await goalRows()).map((g) => g.topic)).toEqual([SHARED, REQUESTED]);
    expect(t.logs.join('\n')).not.toContain('zebra-marker-7f3k');
  });
});
