// The end of a pairing's term, through signed requests and the scheduler on a test clock: the term set when the
// pair starts, the private choice two weeks before its end, an extension when both extend, the wrap-up otherwise
// (or with no answer), the closing question and the close surveys, the follow-ups on the senior's commitment —
// and every click refused that comes twice, from someone else or after things changed, with nothing changed.
import type { PostedMessage } from '../../dev/fake-slack-server';
import { matchingDeps } from '../../src/composition/use-case-deps';
import { runMatching } from '../../src/use-cases/run-matching';
import { JOURNEY_ACTIONS, JOURNEY_CALLBACKS, JOURNEY_FIELDS } from '../../src/views/journey-ids';
import { SELF_SERVICE_CALLBACKS } from '../../src/views/self-service-ids';
import { tablesOf } from '../../src/storage/tables';
import {
  pairRow,
  proposalRows,
  seedMember,
  seedOffer,
  seedRequest,
  seedRunningPair,
  type SeededPair,
} from '../support/seed-programme';
import { createTestClock, DAY, HOUR } from '../support/test-clock';
import {
  allRows,
  createAppDatabase,
  findTextEverywhere,
  makeTempDir,
  rowsOf,
} from '../support/test-database';
import { startTestApp, TEAM, type TestApp } from '../support/test-app';

const WEEK = 7 * DAY;
// A Monday, 09:00 in London: every step below lands on a weekday morning there.
const MONDAY_9_UTC = '2026-11-23T09:00:00Z';
const ADA = 'U0ADA';
const BEN = 'U0BEN';
const CARA = 'U0CARA';
const USERS = [
  { id: ADA, teamId: TEAM, name: 'Ada', tz: 'Europe/London' },
  { id: BEN, teamId: TEAM, name: 'Ben', tz: 'Europe/London' },
  { id: CARA, teamId: TEAM, name: 'Cara', tz: 'Europe/London' },
];
const TERM_ENV = { PAIR_TERM_WEEKS: '6', PAIR_EXTENSION_WEEKS: '4' };

const db = (t: TestApp) => t.app.context.db;
const dmsTo = (t: TestApp, userId: string) => t.fake.messages(t.fake.channelFor([userId]));
const withText = (messages: PostedMessage[], words: string) =>
  messages.filter((m) => (m.text ?? '').includes(words));
const termChoicesTo = (t: TestApp, userId: string) =>
  withText(dmsTo(t, userId), 'reaches the end of its term');
const lastEphemeral = (t: TestApp) => String(t.fake.responses().at(-1)?.body.text ?? '');

function buttonIn(message: PostedMessage | undefined, actionId: string): string {
  const blocks = (message?.blocks ?? []) as { elements?: { action_id: string; value?: string }[] }[];
  const button = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === actionId);
  if (button === undefined) throw new Error(`no ${actionId} button`);
  return button.value ?? '';
}

/** Clicks a button of a message as `userId` (who may not be the one it was sent to). */
function press(t: TestApp, userId: string, message: PostedMessage | undefined, actionId: string) {
  return t.click({
    userId,
    actionId,
    value: buttonIn(message, actionId),
    message: { channel: message!.channel, ts: message!.ts },
  });
}

async function seedPairWithTerm(t: TestApp): Promise<SeededPair> {
  const pair = await seedRunningPair(db(t), t.fake, {
    mentor: { userId: ADA, name: 'Ada', timeZone: 'Europe/London' },
    mentee: { userId: BEN, name: 'Ben', timeZone: 'Europe/London' },
    startedAt: t.clock.now(),
  });
  const { pairs } = tablesOf(db(t));
  await db(t)
    .update(pairs)
    .set({ termEndsAt: new Date(t.clock.now().getTime() + 6 * WEEK) });
  return pair;
}

/** Runs the scheduler `ms` later than now (each tick at a new instant, as PostgreSQL's job claims need). */
async function tickAfter(t: TestApp, ms: number) {
  t.clock.advance(ms);
  await t.tick();
}

/** A pair through to its wrap-up: asked four weeks in, nobody answers, wrapped up at six weeks. */
async function wrappedUpPair(t: TestApp): Promise<SeededPair> {
  const pair = await seedPairWithTerm(t);
  await tickAfter(t, 4 * WEEK);
  await tickAfter(t, 2 * WEEK);
  expect(await pairRow(db(t), pair.pairId)).toMatchObject({ status: 'ended', endReason: 'wrapped_up' });
  return pair;
}

const surveyValues = (usefulness: string | null, recommend: string | null, commitment?: string) => {
  const values: Record<string, Record<string, unknown>> = {};
  if (usefulness !== null)
    values[JOURNEY_FIELDS.closeUsefulness] = {
      [JOURNEY_FIELDS.closeUsefulness]: { type: 'radio_buttons', selected_option: { value: usefulness } },
    };
  if (recommend !== null)
    values[JOURNEY_FIELDS.closeRecommend] = {
      [JOURNEY_FIELDS.closeRecommend]: { type: 'radio_buttons', selected_option: { value: recommend } },
    };
  if (commitment !== undefined)
    values[JOURNEY_FIELDS.closeCommitment] = {
      [JOURNEY_FIELDS.closeCommitment]: { type: 'plain_text_input', value: commitment },
    };
  return values;
};

const submitSurvey = (
  t: TestApp,
  userId: string,
  pairId: number,
  values: Record<string, Record<string, unknown>>,
) =>
  t.submit({
    userId,
    callbackId: JOURNEY_CALLBACKS.closeSurvey,
    privateMetadata: String(pairId),
    values,
  });

describe('a pairing’s term', () => {
  let t: TestApp;

  afterEach(async () => {
    await t.close();
  });

  it('is set when the mentor accepts: the environment’s term, then the workspace’s own', async () => {
    t = await startTestApp({
      users: USERS,
      clock: createTestClock(MONDAY_9_UTC),
      env: { PAIR_TERM_WEEKS: '8' },
    });
    await seedMember(db(t), { userId: ADA, name: 'Ada', level: 1, department: 'Engineering' });
    await seedOffer(db(t), { userId: ADA, topics: ['Social media'], capacity: 2 });
    await seedMember(db(t), { userId: BEN, name: 'Ben', level: 5, department: 'Sales' });
    await seedRequest(db(t), { userId: BEN, topics: ['Social media'] });
    await runMatching(matchingDeps(t.app.context), TEAM);
    await press(t, ADA, dmsTo(t, ADA).at(-1), 'proposal_accept');

    await t.app.context.repos.settings.save({
      teamId: TEAM,
      actorId: 'U0ADMIN',
      overrides: { pairTermWeeks: 10 },
      at: t.clock.now(),
    });
    t.clock.advance(HOUR);
    await seedMember(db(t), { userId: CARA, name: 'Cara', level: 4, department: 'Sales' });
    await seedRequest(db(t), { userId: CARA, topics: ['Social media'] });
    await runMatching(matchingDeps(t.app.context), TEAM);
    await press(t, ADA, dmsTo(t, ADA).at(-1), 'proposal_accept');

    const { pairs } = tablesOf(db(t));
    const rows = await db(t).select().from(pairs).orderBy(pairs.id);
    const weeks = rows.map((p) => ((p.termEndsAt?.getTime() ?? 0) - p.startedAt.getTime()) / WEEK);
    expect(rows.map((p) => p.menteeId)).toEqual([BEN, CARA]);
    expect(weeks).toEqual([8, 10]);
  });

  it('asks each privately two weeks before the end; both extend → extended once, asked again before the new end', async () => {
    t = await startTestApp({ users: USERS, clock: createTestClock(MONDAY_9_UTC), env: TERM_ENV });
    const pair = await seedPairWithTerm(t);
    const start = t.clock.now().getTime();

    // The Friday before: not yet.
    await tickAfter(t, 4 * WEEK - 3 * DAY);
    expect(termChoicesTo(t, ADA)).toHaveLength(0);
    await tickAfter(t, 3 * DAY);
    expect(termChoicesTo(t, ADA)).toHaveLength(1);
    expect(termChoicesTo(t, BEN)).toHaveLength(1);
    expect(withText(t.fake.messages(pair.channelId), 'reaches the end of its term')).toHaveLength(0);

    const adaMessage = structuredClone(termChoicesTo(t, ADA)[0]!);
    await press(t, ADA, adaMessage, JOURNEY_ACTIONS.termExtend);
    expect(t.fake.messages(adaMessage.channel).find((m) => m.ts === adaMessage.ts)?.text).toContain(
      'You chose to extend',
    );
    expect(await pairRow(db(t), pair.pairId)).toMatchObject({ extensions: 0 });
    await press(t, BEN, termChoicesTo(t, BEN)[0], JOURNEY_ACTIONS.termExtend);
    const row = await pairRow(db(t), pair.pairId);
    expect(row).toMatchObject({ status: 'active', extensions: 1 });
    expect(row.termEndsAt?.getTime()).toBe(start + 10 * WEEK);

    // A second click on the old question changes nothing and says what is true now.
    const before = await allRows(db(t));
    await press(t, ADA, adaMessage, JOURNEY_ACTIONS.termWrapUp);
    expect(lastEphemeral(t)).toContain('already settled');
    expect(await allRows(db(t))).toEqual(before);

    await tickAfter(t, HOUR);
    expect(withText(t.fake.messages(pair.channelId), 'You both chose to carry on')).toHaveLength(1);
    // The old end passes without a wrap-up; the next choice comes two weeks before the new end.
    await tickAfter(t, 2 * WEEK - HOUR);
    expect((await pairRow(db(t), pair.pairId)).status).toBe('active');
    expect(termChoicesTo(t, ADA)).toHaveLength(0);
    await tickAfter(t, 2 * WEEK);
    expect(termChoicesTo(t, ADA)).toHaveLength(1);
    expect(termChoicesTo(t, BEN)).toHaveLength(1);
    expect(buttonIn(termChoicesTo(t, BEN)[0], JOURNEY_ACTIONS.termExtend)).toBe(`${pair.pairId}:2`);
  });

  it('wraps up at the end when one chooses to wrap up: closing, surveys, and the mentor’s place is free again', async () => {
    t = await startTestApp({ users: USERS, clock: createTestClock(MONDAY_9_UTC), env: TERM_ENV });
    await seedMember(db(t), {
      userId: ADA,
      name: 'Ada',
      level: 1,
      department: 'Engineering',
      timeZone: 'Europe/London',
    });
    await seedOffer(db(t), { userId: ADA, topics: ['Social media'], capacity: 1 });
    await seedMember(db(t), {
      userId: BEN,
      name: 'Ben',
      level: 5,
      department: 'Sales',
      timeZone: 'Europe/London',
    });
    await seedRequest(db(t), { userId: BEN, topics: ['Social media'] });
    await runMatching(matchingDeps(t.app.context), TEAM);
    await press(t, ADA, dmsTo(t, ADA).at(-1), 'proposal_accept');
    const [pair] = await rowsOf(db(t), 'select id, channel_id from pairs');
    const pairId = Number(pair!.id);
    // Someone else waits for Ada, who has no free place while the pairing runs.
    await seedMember(db(t), { userId: CARA, name: 'Cara', level: 4, department: 'Sales' });
    await seedRequest(db(t), { userId: CARA, topics: ['Social media'] });
    await runMatching(matchingDeps(t.app.context), TEAM);
    expect(await proposalRows(db(t))).toHaveLength(1);

    await tickAfter(t, 4 * WEEK);
    await press(t, ADA, termChoicesTo(t, ADA)[0], JOURNEY_ACTIONS.termExtend);
    await press(t, BEN, termChoicesTo(t, BEN)[0], JOURNEY_ACTIONS.termWrapUp);
    expect(await rowsOf(db(t), 'select role, term, choice from term_choices order by role')).toEqual([
      { role: 'mentee', term: 1, choice: 'wrap_up' },
      { role: 'mentor', term: 1, choice: 'extend' },
    ]);

    await tickAfter(t, 2 * WEEK - HOUR);
    expect((await pairRow(db(t), pairId)).status).toBe('active');
    await tickAfter(t, HOUR);
    expect(await pairRow(db(t), pairId)).toMatchObject({
      status: 'ended',
      endReason: 'wrapped_up',
      endedBy: 'term',
    });
    const group = t.fake.messages(String(pair!.channel_id));
    expect(withText(group, 'One last question to talk over together')).toHaveLength(1);
    // Nobody is told who chose what.
    expect(JSON.stringify(group)).not.toContain('chose to wrap up');
    for (const person of [ADA, BEN]) {
      const survey = withText(dmsTo(t, person), 'has wrapped up');
      expect(survey).toHaveLength(1);
      expect(buttonIn(survey[0], JOURNEY_ACTIONS.openCloseSurvey)).toBe(String(pairId));
      expect(buttonIn(survey[0], 'invitation_offer')).toBe('');
    }
    // Matching ran again: Ada is asked to mentor Cara.
    expect((await proposalRows(db(t))).map((p) => [p.mentorId, p.menteeId, p.status])).toContainEqual([
      ADA,
      CARA,
      'pending',
    ]);
  });

  it('wraps up at the end when nobody answers; a late click or someone else’s click changes nothing', async () => {
    t = await startTestApp({ users: USERS, clock: createTestClock(MONDAY_9_UTC), env: TERM_ENV });
    const pair = await seedPairWithTerm(t);
    await seedMember(db(t), { userId: CARA, name: 'Cara', level: 4 });
    await tickAfter(t, 4 * WEEK);

    const before = await allRows(db(t));
    await press(t, CARA, termChoicesTo(t, ADA)[0], JOURNEY_ACTIONS.termExtend);
    expect(lastEphemeral(t)).toContain('someone else’s pairing');
    await tickAfter(t, WEEK);
    await press(t, BEN, termChoicesTo(t, BEN)[0], JOURNEY_ACTIONS.termExtend);
    expect(lastEphemeral(t)).toContain('The time to choose has passed');
    // The tick in between runs the rest of the journey (a mentee without goals is reminded); the clicks
    // themselves change nothing, and no term message is added.
    const after = await allRows(db(t));
    const termMessages = (rows: typeof after) =>
      (rows.journey_messages ?? []).filter((row) =>
        String((row as { step: unknown }).step).startsWith('term'),
      );
    expect(termMessages(after)).toEqual(termMessages(before));
    expect({ ...after, job_runs: [], journey_messages: [] }).toEqual({
      ...before,
      job_runs: [],
      journey_messages: [],
    });

    await tickAfter(t, WEEK);
    expect(await pairRow(db(t), pair.pairId)).toMatchObject({ status: 'ended', endReason: 'wrapped_up' });
    await press(t, ADA, termChoicesTo(t, ADA)[0], JOURNEY_ACTIONS.termExtend);
    expect(lastEphemeral(t)).toContain('already ended');
    expect(await rowsOf(db(t), 'select * from term_choices')).toEqual([]);
  });
});

describe('the close survey and the follow-ups', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await startTestApp({ users: USERS, clock: createTestClock(MONDAY_9_UTC), env: TERM_ENV });
  });

  afterEach(async () => {
    await t.close();
  });

  const MARKER = 'Ask-my-team-first-7f3c';

  it('stores each answer once, checks the form inline, and asks the senior about their commitment at 30 and 60 days', async () => {
    const pair = await wrappedUpPair(t);
    await seedMember(db(t), { userId: CARA, name: 'Cara', level: 4 });
    const benSurvey = withText(dmsTo(t, BEN), 'has wrapped up')[0];

    // Only the senior's form asks for a commitment; someone else cannot open it.
    await press(t, BEN, benSurvey, JOURNEY_ACTIONS.openCloseSurvey);
    expect(JSON.stringify(t.fake.calls('views.open').at(-1)?.params.view)).toContain(
      JOURNEY_FIELDS.closeCommitment,
    );
    await press(t, ADA, withText(dmsTo(t, ADA), 'has wrapped up')[0], JOURNEY_ACTIONS.openCloseSurvey);
    expect(JSON.stringify(t.fake.calls('views.open').at(-1)?.params.view)).not.toContain(
      JOURNEY_FIELDS.closeCommitment,
    );
    const opened = t.fake.calls('views.open').length;
    await press(t, CARA, benSurvey, JOURNEY_ACTIONS.openCloseSurvey);
    expect(t.fake.calls('views.open')).toHaveLength(opened);
    expect(lastEphemeral(t)).toContain('someone else’s pairing');

    const invalid = await submitSurvey(t, BEN, pair.pairId, surveyValues(null, 'yes', 'x'.repeat(201)));
    expect(invalid.json()).toEqual({
      response_action: 'errors',
      errors: {
        [JOURNEY_FIELDS.closeUsefulness]: 'Please choose from 1 to 5.',
        [JOURNEY_FIELDS.closeCommitment]: 'Please keep it to 200 characters (it has 201).',
      },
    });
    const forged = await submitSurvey(t, ADA, pair.pairId, surveyValues('3', 'no', 'sneaky'));
    expect(forged.json()).toMatchObject({ response_action: 'errors' });
    expect(await rowsOf(db(t), 'select * from feedback')).toEqual([]);

    const stored = await submitSurvey(t, BEN, pair.pairId, surveyValues('4', 'yes', ` ${MARKER} `));
    expect(stored.json()).toMatchObject({ response_action: 'update' });
    expect(JSON.stringify(stored.json())).toContain('Thank you');
    await submitSurvey(t, ADA, pair.pairId, surveyValues('5', 'no'));
    expect(
      (
        await rowsOf(
          db(t),
          'select role, user_id, rating, would_recommend, comment from feedback order by role',
        )
      ).map((r) => ({ ...r, would_recommend: Boolean(r.would_recommend) })),
    ).toEqual([
      { role: 'mentee', user_id: BEN, rating: 4, would_recommend: true, comment: null },
      { role: 'mentor', user_id: ADA, rating: 5, would_recommend: false, comment: null },
    ]);
    expect(await rowsOf(db(t), 'select user_id, text from commitments')).toEqual([
      { user_id: BEN, text: MARKER },
    ]);

    // Answering twice changes nothing.
    const before = await allRows(db(t));
    const again = await submitSurvey(t, BEN, pair.pairId, surveyValues('1', 'no', 'changed my mind'));
    expect(JSON.stringify(again.json())).toContain('already answered');
    expect(await allRows(db(t))).toEqual(before);

    // 30 days after the end (a weekday morning): the follow-up, to the senior only.
    const followUps = () => withText(dmsTo(t, BEN), 'Did you do it?');
    await tickAfter(t, 29 * DAY);
    expect(followUps()).toHaveLength(0);
    await tickAfter(t, DAY);
    expect(followUps()).toHaveLength(1);
    expect(withText(dmsTo(t, ADA), 'Did you do it?')).toHaveLength(0);
    // The commitment is in no message; it is shown back to its author alone, on request.
    expect(JSON.stringify(t.fake.messages(t.fake.channelFor([BEN])))).not.toContain(MARKER);
    await press(t, ADA, followUps()[0], JOURNEY_ACTIONS.showCommitment);
    expect(lastEphemeral(t)).not.toContain(MARKER);
    await press(t, BEN, followUps()[0], JOURNEY_ACTIONS.showCommitment);
    expect(lastEphemeral(t)).toContain(MARKER);

    const unchanged = await allRows(db(t));
    await press(t, ADA, followUps()[0], JOURNEY_ACTIONS.followUpYes);
    expect(lastEphemeral(t)).toContain('for someone else');
    expect(await allRows(db(t))).toEqual(unchanged);
    const question = structuredClone(followUps()[0]);
    await press(t, BEN, question, JOURNEY_ACTIONS.followUpPartly);
    await press(t, BEN, question, JOURNEY_ACTIONS.followUpYes);
    expect(lastEphemeral(t)).toContain('already answered “partly”');
    expect(await rowsOf(db(t), 'select after_30_days, after_60_days from commitments')).toEqual([
      { after_30_days: 'partly', after_60_days: null },
    ]);

    // The answered question was replaced by the answer.
    expect(followUps()).toHaveLength(0);
    await tickAfter(t, 30 * DAY);
    expect(followUps()).toHaveLength(1);
    expect(buttonIn(followUps()[0], JOURNEY_ACTIONS.followUpNotYet)).toBe(`${pair.pairId}:2`);
    await press(t, BEN, followUps()[0], JOURNEY_ACTIONS.followUpNotYet);
    expect(await rowsOf(db(t), 'select after_30_days, after_60_days from commitments')).toEqual([
      { after_30_days: 'partly', after_60_days: 'not_yet' },
    ]);
    expect(t.logs.join('\n')).not.toContain(MARKER);
  });

  it('asks no follow-up when the senior wrote no commitment', async () => {
    const pair = await wrappedUpPair(t);
    await submitSurvey(t, BEN, pair.pairId, surveyValues('3', 'yes', ''));
    expect(await rowsOf(db(t), 'select * from commitments')).toEqual([]);
    await tickAfter(t, 30 * DAY);
    await tickAfter(t, 30 * DAY);
    expect(withText(dmsTo(t, BEN), 'Did you do it?')).toHaveLength(0);
  });

  it('erases the commitment when its author leaves, and never logs it', async () => {
    const pair = await wrappedUpPair(t);
    await submitSurvey(t, BEN, pair.pairId, surveyValues('4', 'yes', MARKER));
    expect(await findTextEverywhere(db(t), MARKER)).not.toEqual([]);

    await t.command(BEN, 'leave');
    await t.submit({ userId: BEN, callbackId: SELF_SERVICE_CALLBACKS.leave, values: {} });
    await t.settle();
    expect(await findTextEverywhere(db(t), MARKER)).toEqual([]);
    expect(t.logs.join('\n')).not.toContain(MARKER);
    // Nothing more is asked of someone who left.
    await tickAfter(t, 30 * DAY);
    expect(withText(dmsTo(t, BEN), 'Did you do it?')).toHaveLength(0);
  });
});

describe('two apps on one database', () => {
  it('wrap a pairing up once between them', async () => {
    const temp = makeTempDir();
    const database = await createAppDatabase(temp.dir);
    const clock = createTestClock(MONDAY_9_UTC);
    const a = await startTestApp({ users: USERS, clock, database: database.env, env: TERM_ENV });
    const b = await startTestApp({ fake: a.fake, clock, database: database.env, env: TERM_ENV });
    try {
      const pair = await seedPairWithTerm(a);
      clock.advance(4 * WEEK);
      await Promise.all([a.tick(), b.tick()]);
      clock.advance(2 * WEEK);
      await Promise.all([a.tick(), b.tick()]);
      clock.advance(HOUR);
      await Promise.all([a.tick(), b.tick()]);

      expect(await pairRow(db(a), pair.pairId)).toMatchObject({ status: 'ended', endReason: 'wrapped_up' });
      const wrapUps = [...a.logs, ...b.logs].filter((line) => line.includes('"pairing wrapped up"'));
      expect(wrapUps).toHaveLength(1);
      expect(withText(a.fake.messages(pair.channelId), 'One last question')).toHaveLength(1);
      expect(withText(dmsTo(a, BEN), 'has wrapped up')).toHaveLength(1);
      expect(withText(dmsTo(a, ADA), 'has wrapped up')).toHaveLength(1);
    } finally {
      await b.close();
      await a.close();
      await database.drop();
      temp.cleanup();
    }
  });
});
