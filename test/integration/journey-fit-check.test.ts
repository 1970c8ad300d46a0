// The fit check and the mentor's private voice, through signed requests on the injected clock: when each is
// asked (the first discussed question or two weeks in, whichever is first; every four weeks for the mentor),
// exactly once; "Still deciding" asked once more; "Not a good fit" from either side ending the pairing without
// blame (the same neutral message to both, a re-match block, the pair never proposed again); refusals that
// change nothing; and a mentor's request to be contacted reaching admins with their name and nothing else.
import { eq } from 'drizzle-orm';
import { matchingDeps } from '../../src/composition/use-case-deps';
import type { FitAnswer } from '../../src/domain/pairing-journey';
import { tablesOf } from '../../src/storage/tables';
import { runMatching } from '../../src/use-cases/run-matching';
import { ADMIN_ACTIONS } from '../../src/views/admin-ids';
import { JOURNEY_ACTIONS, JOURNEY_CALLBACKS, JOURNEY_FIELDS } from '../../src/views/journey-ids';
import { SELF_SERVICE_CALLBACKS } from '../../src/views/self-service-ids';
import { PROPOSAL_ACCEPT_ACTION } from '../../src/views/proposal-messages';
import { FIND_CALLBACK_ID, OFFER_CALLBACK_ID } from '../../src/views/signup-modals';
import { lastModal, pressAdmin, textOf } from '../support/admin-steps';
import {
  asFakeUsers,
  personInLondon,
  seedDelivery,
  seedMember,
  seedOffer,
  seedProposal,
  seedRequest,
  seedRunningPair,
} from '../support/seed-programme';
import { createTestClock, DAY, HOUR } from '../support/test-clock';
import { rowsOf } from '../support/test-database';
import { startTestApp, TEAM, type TestApp } from '../support/test-app';

// A Monday, 09:00 in London.
const MONDAY_9_UTC = '2026-11-23T09:00:00Z';
const WEEK = 7 * DAY;
const MENTOR = personInLondon('U0ADA', 'Ada Mentor', 2, 'Engineering');
const MENTEE = personInLondon('U0BEN', 'Ben Mentee', 5, 'Sales');
const EVE = personInLondon('U0EVE', 'Eve Mentee', 4, 'Support');
const OUTSIDER = personInLondon('U0OUT', 'Otto Outsider', 3, 'Legal');
const ADMIN = 'U0ADMIN';

let t: TestApp;
const db = () => t.app.context.db;

beforeEach(async () => {
  t = await startTestApp({
    users: [...asFakeUsers([MENTOR, MENTEE, EVE, OUTSIDER]), { id: ADMIN, teamId: TEAM, name: 'Admin' }],
    clock: createTestClock(MONDAY_9_UTC),
    env: { MENTOR_ADMINS: ADMIN },
  });
});

afterEach(async () => {
  await t.close();
});

const dmsTo = (userId: string) => t.fake.messages(t.fake.channelFor([userId]));
const withAction = (userId: string, actionId: string) =>
  dmsTo(userId).filter((m) => JSON.stringify(m.blocks ?? []).includes(`"${actionId}"`));
const fitChecksTo = (userId: string) => withAction(userId, JOURNEY_ACTIONS.fitGood);
const fitEndedTo = (userId: string) => withAction(userId, JOURNEY_ACTIONS.fitRejoin);
const voiceTo = (userId: string) => withAction(userId, JOURNEY_ACTIONS.openMentorVoice);
const fitRows = () =>
  rowsOf(db(), 'select pair_id, role, round, answer from fit_check_answers order by role, round');
const voiceRows = () =>
  rowsOf(db(), 'select pair_id, round, candour, wants_contact from mentor_voice_answers order by round');
const blockRows = () => rowsOf(db(), 'select team_id, first_user_id, second_user_id from rematch_blocks');
const pairRow = async (pairId: number) =>
  (await rowsOf(db(), `select status, end_reason, ended_by from pairs where id = ${pairId}`))[0];
const countOf = async (table: string) =>
  Number((await rowsOf(db(), `select count(*) as n from ${table}`))[0]?.n);
const lastEphemeral = () => String(t.fake.responses().at(-1)?.body.text ?? '');

async function introduce(startedAt = t.clock.now()) {
  return seedRunningPair(db(), t.fake, { mentor: MENTOR, mentee: MENTEE, startedAt });
}

/** Runs the journey job now and an hour later (each message must still go out only once). */
async function tickTwice() {
  await t.tick();
  t.clock.advance(HOUR);
  await t.tick();
}

async function answerFit(userId: string, answer: FitAnswer, pairId: number, round = 1) {
  // The question, or (once it has been answered) the last DM: a click on a message always has a response_url.
  const message = fitChecksTo(userId).at(-1) ?? dmsTo(userId).at(-1);
  const actionId = {
    good_fit: JOURNEY_ACTIONS.fitGood,
    still_deciding: JOURNEY_ACTIONS.fitDeciding,
    not_a_fit: JOURNEY_ACTIONS.fitNot,
  }[answer];
  return t.click({
    userId,
    actionId,
    value: `${pairId}:${round}`,
    ...(message === undefined ? {} : { message: { channel: message.channel, ts: message.ts } }),
  });
}

describe('the fit check', () => {
  it('comes two weeks after the introduction when nothing was discussed, once, to each privately', async () => {
    const pair = await introduce();
    await tickTwice();
    expect(fitChecksTo(MENTOR.userId)).toHaveLength(0);

    // Sunday, day 13: not yet (and not a weekday anyway).
    t.clock.advance(13 * DAY - 2 * HOUR);
    await t.tick();
    expect(fitChecksTo(MENTEE.userId)).toHaveLength(0);

    // Monday, day 14, 09:00 in London.
    t.clock.advance(DAY + HOUR);
    await tickTwice();
    expect(fitChecksTo(MENTOR.userId)).toHaveLength(1);
    expect(fitChecksTo(MENTEE.userId)).toHaveLength(1);
    expect(fitChecksTo(MENTOR.userId)[0]?.text).toContain('Ben Mentee');
    expect(fitChecksTo(MENTEE.userId)[0]?.text).toContain('Ada Mentor');
    // Nothing in the pair's group DM.
    expect(JSON.stringify(t.fake.messages(pair.channelId))).not.toContain(JOURNEY_ACTIONS.fitGood);
    expect(
      await rowsOf(db(), "select role, round from journey_messages where step = 'fit-check' order by role"),
    ).toEqual([
      { role: 'mentee', round: 1 },
      { role: 'mentor', round: 1 },
    ]);
  });

  it('comes as soon as the pair first marked a question discussed, when that is earlier', async () => {
    const pair = await introduce();
    await t.tick();
    // Wednesday, day 2: the first question discussed.
    t.clock.advance(2 * DAY);
    const deliveryId = await seedDelivery(db(), {
      pairId: pair.pairId,
      channelId: pair.channelId,
      weekKey: '2026-W48',
      sentAt: new Date(t.clock.now().getTime() - HOUR),
      answeredAt: t.clock.now(),
    });
    const { promptDeliveries } = tablesOf(db());
    await db()
      .update(promptDeliveries)
      .set({ outcome: 'discussed' })
      .where(eq(promptDeliveries.id, deliveryId));
    t.clock.advance(HOUR);
    await tickTwice();
    expect(fitChecksTo(MENTOR.userId)).toHaveLength(1);
    expect(fitChecksTo(MENTEE.userId)).toHaveLength(1);

    // Two weeks in, nothing more.
    t.clock.advance(12 * DAY);
    await tickTwice();
    expect(fitChecksTo(MENTOR.userId)).toHaveLength(1);
  });

  it('asks "Still deciding" once more two weeks later, with the same answers, and never a third time', async () => {
    const pair = await introduce();
    t.clock.advance(14 * DAY);
    await t.tick();
    await answerFit(MENTEE.userId, 'still_deciding', pair.pairId);
    await answerFit(MENTOR.userId, 'good_fit', pair.pairId);
    // The clicked messages became kind acknowledgements.
    expect(dmsTo(MENTEE.userId).find((m) => m.text?.includes('once more in two weeks'))).toBeDefined();
    expect(fitChecksTo(MENTEE.userId)).toHaveLength(0);

    t.clock.advance(13 * DAY);
    await tickTwice();
    expect(withAction(MENTEE.userId, JOURNEY_ACTIONS.fitDeciding)).toHaveLength(0);

    t.clock.advance(DAY);
    await tickTwice();
    const again = fitChecksTo(MENTEE.userId);
    expect(again).toHaveLength(1);
    expect(JSON.stringify(again[0]?.blocks)).toContain(`"${pair.pairId}:2"`);
    for (const actionId of [JOURNEY_ACTIONS.fitGood, JOURNEY_ACTIONS.fitDeciding, JOURNEY_ACTIONS.fitNot])
      expect(JSON.stringify(again[0]?.blocks)).toContain(actionId);
    expect(fitChecksTo(MENTOR.userId)).toHaveLength(0);

    await answerFit(MENTEE.userId, 'still_deciding', pair.pairId, 2);
    for (let i = 0; i < 3; i += 1) {
      t.clock.advance(2 * WEEK);
      await t.tick();
    }
    expect(await fitRows()).toEqual([
      { pair_id: pair.pairId, role: 'mentee', round: 1, answer: 'still_deciding' },
      { pair_id: pair.pairId, role: 'mentee', round: 2, answer: 'still_deciding' },
      { pair_id: pair.pairId, role: 'mentor', round: 1, answer: 'good_fit' },
    ]);
    expect(
      await rowsOf(
        db(),
        "select role, round from journey_messages where step = 'fit-check' order by role, round",
      ),
    ).toEqual([
      { role: 'mentee', round: 1 },
      { role: 'mentee', round: 2 },
      { role: 'mentor', round: 1 },
    ]);
  });

  /** A pair as matching leaves it: the mentor's offer, the mentee's matched request and the accepted proposal. */
  async function introduceFromSignups(topic: string) {
    await seedMember(db(), MENTOR);
    await seedMember(db(), MENTEE);
    const offerId = await seedOffer(db(), { userId: MENTOR.userId, topics: [topic], capacity: 2 });
    const requestId = await seedRequest(db(), {
      userId: MENTEE.userId,
      topics: [topic, 'Accessibility'],
      status: 'matched',
      matchedAt: t.clock.now(),
    });
    const proposalId = await seedProposal(db(), {
      mentor: MENTOR,
      mentee: MENTEE,
      requestId,
      offerId,
      expiresAt: t.clock.now(),
      status: 'accepted',
    });
    const pair = await introduce();
    const { pairs } = tablesOf(db());
    await db().update(pairs).set({ proposalId, offerId }).where(eq(pairs.id, pair.pairId));
    return { ...pair, requestId };
  }

  const rejoin = (userId: string, pairId: number, message?: { channel: string; ts: string }) =>
    t.click({
      userId,
      actionId: JOURNEY_ACTIONS.fitRejoin,
      value: String(pairId),
      // A click on a message always has a response_url: where none is named, one in the person's DM.
      message: message ?? { channel: t.fake.channelFor([userId]), ts: '1.000100' },
    });
  const requestRows = () => rowsOf(db(), 'select id, user_id, status from requests order by id');

  it.each([
    ['the mentee', MENTEE.userId],
    ['the mentor', MENTOR.userId],
  ])('"Not a good fit" from %s ends the pairing without blame', async (_who, clicker) => {
    await seedMember(db(), EVE);
    const topic = 'Social media';
    const pair = await introduceFromSignups(topic);
    t.clock.advance(14 * DAY);
    await t.tick();

    await answerFit(clicker, 'not_a_fit', pair.pairId);
    expect(await pairRow(pair.pairId)).toEqual({
      status: 'ended',
      end_reason: 'not_a_fit',
      ended_by: clicker,
    });
    expect(await blockRows()).toEqual([{ team_id: TEAM, first_user_id: 'U0ADA', second_user_id: 'U0BEN' }]);
    // The mentor's offer stays open with the place free; the mentee's request stays as it was until they ask.
    expect(await rowsOf(db(), 'select status from offers')).toEqual([{ status: 'open' }]);
    expect(await rowsOf(db(), 'select status from requests')).toEqual([{ status: 'matched' }]);
    // The one who clicked is thanked at once, in place of the question.
    expect(dmsTo(clicker).some((m) => m.text?.includes('it takes care to be honest'))).toBe(true);
    expect(fitChecksTo(clicker)).toHaveLength(0);

    t.clock.advance(HOUR);
    await tickTwice();
    const toMentor = fitEndedTo(MENTOR.userId);
    const toMentee = fitEndedTo(MENTEE.userId);
    expect(toMentor).toHaveLength(1);
    expect(toMentee).toHaveLength(1);
    const shown = (m: (typeof toMentor)[number] | undefined) =>
      JSON.stringify({ text: m?.text, blocks: m?.blocks });
    expect(shown(toMentor[0])).toEqual(shown(toMentee[0]));
    for (const name of ['Ada', 'Ben', MENTOR.userId, MENTEE.userId, 'Not a good fit'])
      expect(shown(toMentor[0])).not.toContain(name);

    // Back into the pool in one click: the mentee's request of that pair opens again with its topics (as a new
    // row: a request is paired at most once, the matched one stays as history), and matching runs at once —
    // never proposing the mentor again.
    const menteeNote = { channel: toMentee[0]!.channel, ts: toMentee[0]!.ts };
    await rejoin(MENTEE.userId, pair.pairId, menteeNote);
    const reopened = [
      { id: pair.requestId, user_id: MENTEE.userId, status: 'matched' },
      { id: expect.any(Number), user_id: MENTEE.userId, status: 'open' },
    ];
    expect(await requestRows()).toEqual(reopened);
    const topicsOf = (status: string) =>
      rowsOf(
        db(),
        `select topic_id from request_topics join requests on requests.id = request_id where status = '${status}' order by topic_id`,
      );
    expect(await topicsOf('open')).toEqual(await topicsOf('matched'));
    expect(await topicsOf('open')).toHaveLength(2);
    const confirmation = dmsTo(MENTEE.userId).find((m) => m.ts === menteeNote.ts);
    expect(confirmation?.text).toContain('back in the Mentor Circles pool');
    expect(confirmation?.text).toContain('Accessibility, Social media');
    expect(JSON.stringify(confirmation?.blocks)).not.toContain(JOURNEY_ACTIONS.fitRejoin);
    // Matching ran: nobody else fits, so the mentee hears they are on the waitlist (the mentor is blocked).
    expect(await countOf('proposals')).toBe(1);
    expect(dmsTo(MENTEE.userId).filter((m) => m.text?.includes('on the waitlist'))).toHaveLength(1);
    expect(t.fake.calls('views.open')).toHaveLength(0);

    // A second click says what is true now and changes nothing.
    await rejoin(MENTEE.userId, pair.pairId, menteeNote);
    expect(lastEphemeral()).toContain('You already have an open request for a mentor');
    expect(await requestRows()).toEqual(reopened);

    // The mentor's place is already free: they are told so, nothing to fill in.
    const mentorNote = { channel: toMentor[0]!.channel, ts: toMentor[0]!.ts };
    await rejoin(MENTOR.userId, pair.pairId, mentorNote);
    expect(dmsTo(MENTOR.userId).find((m) => m.ts === mentorNote.ts)?.text).toContain(
      'your offer to mentor is open, and the place this pairing used is free again',
    );
    expect(t.fake.calls('views.open')).toHaveLength(0);
    expect(await rowsOf(db(), 'select status from offers')).toEqual([{ status: 'open' }]);
    expect(await countOf('exclusions')).toBe(0);

    // Someone else asks and another mentor offers: the mentor goes to the newcomer, never to the reopened
    // request, which gets the other mentor — and that proposal can be accepted like any other.
    await seedMember(db(), OUTSIDER);
    await seedOffer(db(), { userId: OUTSIDER.userId, topics: [topic] });
    await seedRequest(db(), { userId: EVE.userId, topics: [topic] });
    await runMatching(matchingDeps(t.app.context), TEAM);
    expect(await rowsOf(db(), 'select mentor_id, mentee_id, status from proposals order by id')).toEqual([
      { mentor_id: MENTOR.userId, mentee_id: MENTEE.userId, status: 'accepted' },
      ...[
        { mentor_id: OUTSIDER.userId, mentee_id: MENTEE.userId, status: 'pending' },
        { mentor_id: MENTOR.userId, mentee_id: EVE.userId, status: 'pending' },
      ].sort((a, b) => (a.mentee_id < b.mentee_id ? -1 : 1)),
    ]);
    const proposalDm = withAction(OUTSIDER.userId, PROPOSAL_ACCEPT_ACTION).at(-1)!;
    const accept = (proposalDm.blocks as { elements?: { action_id: string; value: string }[] }[])
      .flatMap((block) => block.elements ?? [])
      .find((element) => element.action_id === PROPOSAL_ACCEPT_ACTION)!;
    await t.click({
      userId: OUTSIDER.userId,
      actionId: PROPOSAL_ACCEPT_ACTION,
      value: accept.value,
      message: { channel: proposalDm.channel, ts: proposalDm.ts },
    });
    expect(
      await rowsOf(
        db(),
        `select mentor_id, status from pairs where mentee_id = '${MENTEE.userId}' order by id`,
      ),
    ).toEqual([
      { mentor_id: MENTOR.userId, status: 'ended' },
      { mentor_id: OUTSIDER.userId, status: 'active' },
    ]);
  });

  it('"Go back into the pool" opens the sign-up form when nothing is left to reopen, and refuses what is not theirs', async () => {
    const pair = await introduce();
    // A running pair: nothing to go back to.
    await rejoin(MENTEE.userId, pair.pairId);
    expect(lastEphemeral()).toContain('has not ended');
    t.clock.advance(14 * DAY);
    await t.tick();
    await answerFit(MENTOR.userId, 'not_a_fit', pair.pairId);

    // Someone else's pair, and a tampered value.
    await rejoin(OUTSIDER.userId, pair.pairId);
    expect(lastEphemeral()).toContain('This pairing is not yours');
    await rejoin(MENTEE.userId, 0);
    expect(lastEphemeral()).toContain('This pairing is not yours');
    expect(await countOf('requests')).toBe(0);

    // No request or offer of theirs left: the form, as `/mentor find` and `/mentor offer` open it.
    await rejoin(MENTEE.userId, pair.pairId);
    expect(lastModal(t).callback_id).toBe(FIND_CALLBACK_ID);
    expect(textOf(lastModal(t))).not.toContain(MENTOR.userId);
    await rejoin(MENTOR.userId, pair.pairId);
    expect(lastModal(t).callback_id).toBe(OFFER_CALLBACK_ID);

    // After leaving, the pair is no longer theirs.
    await t.command(MENTEE.userId, 'leave');
    await t.submit({ userId: MENTEE.userId, callbackId: SELF_SERVICE_CALLBACKS.leave, values: {} });
    await t.settle();
    await rejoin(MENTEE.userId, pair.pairId);
    expect(lastEphemeral()).toContain('This pairing is not yours');
    expect(await countOf('requests')).toBe(0);
  });

  it('refuses a second answer, an answer after the pair ended and an answer on someone else’s pair, changing nothing', async () => {
    const pair = await introduce();
    t.clock.advance(14 * DAY);
    await t.tick();

    await answerFit(MENTOR.userId, 'good_fit', pair.pairId);
    const before = await fitRows();
    await answerFit(MENTOR.userId, 'not_a_fit', pair.pairId);
    expect(lastEphemeral()).toContain('You already answered “Good fit”');
    expect(await fitRows()).toEqual(before);
    expect((await pairRow(pair.pairId))?.status).toBe('active');

    await t.click({ userId: OUTSIDER.userId, actionId: JOURNEY_ACTIONS.fitNot, value: `${pair.pairId}:1` });
    expect(await fitRows()).toEqual(before);
    expect((await pairRow(pair.pairId))?.status).toBe('active');
    const outsiderMessage = { channel: t.fake.channelFor([OUTSIDER.userId]), ts: '1.000100' };
    await t.click({
      userId: OUTSIDER.userId,
      actionId: JOURNEY_ACTIONS.fitNot,
      value: `${pair.pairId}:1`,
      message: outsiderMessage,
    });
    expect(lastEphemeral()).toContain('for the person it was sent to');

    // A round that was never asked.
    await answerFit(MENTEE.userId, 'good_fit', pair.pairId, 2);
    expect(lastEphemeral()).toContain('not open for you');
    expect(await fitRows()).toEqual(before);

    await answerFit(MENTEE.userId, 'not_a_fit', pair.pairId);
    const ended = await fitRows();
    const blocks = await blockRows();
    await t.click({
      userId: MENTOR.userId,
      actionId: JOURNEY_ACTIONS.fitNot,
      value: `${pair.pairId}:2`,
      message: outsiderMessage,
    });
    expect(lastEphemeral()).toContain('already ended');
    expect(await fitRows()).toEqual(ended);
    expect(await blockRows()).toEqual(blocks);
    expect(await pairRow(pair.pairId)).toEqual({
      status: 'ended',
      end_reason: 'not_a_fit',
      ended_by: MENTEE.userId,
    });
  });

  it('keeps two people with a re-match block apart in matching, and out of their own lists', async () => {
    const topic = 'Social media';
    await seedMember(db(), MENTOR);
    await seedMember(db(), MENTEE);
    await seedOffer(db(), { userId: MENTOR.userId, topics: [topic] });
    await seedRequest(db(), { userId: MENTEE.userId, topics: [topic] });
    const { rematchBlocks } = tablesOf(db());
    await db().insert(rematchBlocks).values({
      teamId: TEAM,
      firstUserId: MENTOR.userId,
      secondUserId: MENTEE.userId,
      createdAt: t.clock.now(),
    });
    await runMatching(matchingDeps(t.app.context), TEAM);
    expect(await countOf('proposals')).toBe(0);

    // Without the block, the same two are proposed: the block is what kept them apart.
    await db().delete(rematchBlocks).where(eq(rematchBlocks.teamId, TEAM));
    await runMatching(matchingDeps(t.app.context), TEAM);
    expect(await rowsOf(db(), 'select mentor_id, mentee_id from proposals')).toEqual([
      { mentor_id: MENTOR.userId, mentee_id: MENTEE.userId },
    ]);
  });

  it('after /mentor leave, the block is gone and the answers stay only as anonymous numbers', async () => {
    const pair = await introduce();
    t.clock.advance(14 * DAY);
    await t.tick();
    await answerFit(MENTOR.userId, 'still_deciding', pair.pairId);
    await answerFit(MENTEE.userId, 'not_a_fit', pair.pairId);
    expect(await blockRows()).toHaveLength(1);

    await t.command(MENTEE.userId, 'leave');
    await t.submit({ userId: MENTEE.userId, callbackId: SELF_SERVICE_CALLBACKS.leave, values: {} });
    await t.settle();
    expect(await blockRows()).toEqual([]);
    expect(await fitRows()).toEqual([
      { pair_id: pair.pairId, role: 'mentee', round: 1, answer: 'not_a_fit' },
      { pair_id: pair.pairId, role: 'mentor', round: 1, answer: 'still_deciding' },
    ]);
    expect(await rowsOf(db(), `select mentee_id, ended_by from pairs where id = ${pair.pairId}`)).toEqual([
      { mentee_id: null, ended_by: 'departed' },
    ]);
  });
});

describe('the mentor’s private voice', () => {
  const answerVoice = (userId: string, metadata: string, candour: string | null, contact: boolean) =>
    t.submit({
      userId,
      callbackId: JOURNEY_CALLBACKS.mentorVoice,
      privateMetadata: metadata,
      values: {
        [JOURNEY_FIELDS.candour]: {
          [JOURNEY_FIELDS.candour]: {
            type: 'radio_buttons',
            selected_option:
              candour === null ? null : { text: { type: 'plain_text', text: candour }, value: candour },
          },
        },
        [JOURNEY_FIELDS.contact]: {
          [JOURNEY_FIELDS.contact]: {
            type: 'checkboxes',
            selected_options: contact ? [{ text: { type: 'plain_text', text: 'yes' }, value: 'yes' }] : [],
          },
        },
      },
    });

  it('asks the mentor alone every four weeks while the pair runs', async () => {
    const pair = await introduce();
    t.clock.advance(4 * WEEK - DAY);
    await tickTwice();
    expect(voiceTo(MENTOR.userId)).toHaveLength(0);
    t.clock.advance(DAY - HOUR);
    await tickTwice();
    expect(voiceTo(MENTOR.userId)).toHaveLength(1);
    expect(voiceTo(MENTOR.userId)[0]?.text).toContain('I feel listened to and can be candid');
    t.clock.advance(4 * WEEK - HOUR);
    await tickTwice();
    expect(voiceTo(MENTOR.userId)).toHaveLength(2);
    expect(voiceTo(MENTEE.userId)).toHaveLength(0);
    expect(JSON.stringify(t.fake.messages(pair.channelId))).not.toContain(JOURNEY_ACTIONS.openMentorVoice);
    expect(
      await rowsOf(
        db(),
        "select role, round from journey_messages where step = 'mentor-voice' order by round",
      ),
    ).toEqual([
      { role: 'mentor', round: 1 },
      { role: 'mentor', round: 2 },
    ]);
  });

  it('stores the answer once; only a contact request reaches admins, with the mentor’s name and nothing else', async () => {
    const pair = await introduce();
    t.clock.advance(4 * WEEK);
    await t.tick();
    const question = voiceTo(MENTOR.userId)[0]!;
    const ref = { channel: question.channel, ts: question.ts };

    // The mentee cannot open it.
    await t.click({
      userId: MENTEE.userId,
      actionId: JOURNEY_ACTIONS.openMentorVoice,
      value: `${pair.pairId}:1`,
      message: ref,
    });
    expect(t.fake.calls('views.open')).toHaveLength(0);

    await t.click({
      userId: MENTOR.userId,
      actionId: JOURNEY_ACTIONS.openMentorVoice,
      value: `${pair.pairId}:1`,
      message: ref,
    });
    const form = lastModal(t);
    expect(form.callback_id).toBe(JOURNEY_CALLBACKS.mentorVoice);
    const metadata = String(form.private_metadata);

    const missing = await answerVoice(MENTOR.userId, metadata, null, true);
    expect(JSON.stringify(missing.body)).toContain('Choose how true it is');
    expect(await voiceRows()).toEqual([]);

    await answerVoice(MENTEE.userId, metadata, '1', false);
    expect(await voiceRows()).toEqual([]);

    await answerVoice(MENTOR.userId, metadata, '2', true);
    const stored = [{ pair_id: pair.pairId, round: 1, candour: 2, wants_contact: expect.anything() }];
    expect(await voiceRows()).toEqual(stored);
    expect(Boolean(Number((await voiceRows())[0]?.wants_contact))).toBe(true);
    expect(dmsTo(MENTOR.userId).some((m) => m.text?.includes('will get in touch'))).toBe(true);

    const again = await answerVoice(MENTOR.userId, metadata, '5', false);
    expect(JSON.stringify(again.body)).toContain('already answered');
    expect(await voiceRows()).toEqual(stored);

    await pressAdmin(t, ADMIN, ADMIN_ACTIONS.pairHealth);
    const health = textOf(lastModal(t));
    expect(health).toContain('Mentors who asked to be contacted: *1*');
    const lines = health.split('"').filter((part) => part.includes('get in touch'));
    expect(lines).toEqual([
      `<@${MENTOR.userId}> would like the programme team to get in touch (asked today)`,
    ]);
    expect(health).not.toContain('candid');
    expect(t.logs.join('\n')).not.toMatch(/candour|wantsContact/);
  });

  it('shows admins nothing when the mentor did not ask to be contacted', async () => {
    const pair = await introduce();
    t.clock.advance(4 * WEEK);
    await t.tick();
    const metadata = JSON.stringify({ pairId: pair.pairId, round: 1, message: null });
    await answerVoice(MENTOR.userId, metadata, '4', false);
    expect(await voiceRows()).toHaveLength(1);
    await pressAdmin(t, ADMIN, ADMIN_ACTIONS.pairHealth);
    expect(textOf(lastModal(t))).not.toContain('Mentors who asked to be contacted');
  });
});
