// /mentor end: choosing the pairing, the feedback modal, the partner's feedback, freed capacity and matching.
import { and, eq } from 'drizzle-orm';
import { FEEDBACK_FIELDS } from '../../src/domain/feedback-form';
import { tablesOf } from '../../src/storage/tables';
import {
  SELF_SERVICE_ACTIONS,
  SELF_SERVICE_CALLBACKS,
  SELF_SERVICE_FIELDS,
} from '../../src/views/self-service-ids';
import { blockKitProblems } from '../support/block-kit-limits';
import {
  ADA,
  asFakeUsers,
  BEN,
  CARA,
  personInLondon,
  seedMember,
  seedPair,
  seedRequest,
} from '../support/seed-programme';
import { seedSelfServiceCast } from '../support/self-service-cast';
import { allRows, countRows, failUpdatesOf } from '../support/test-database';
import { startTestApp, type TestApp } from '../support/test-app';
import { DAY } from '../support/test-clock';

const DEV = personInLondon('U0DEV', 'Dev Junior', 1, 'Design');
const USERS = asFakeUsers([ADA, BEN, CARA, DEV]);

let t: TestApp;
let offerId: number;
let pairId: number;

const db = () => t.app.context.db;
const dmsTo = (userId: string) => t.fake.messages(t.fake.channelFor([userId]));
const pairRow = async (id = pairId) => {
  const { pairs } = tablesOf(db());
  return (await db().select().from(pairs).where(eq(pairs.id, id)))[0];
};
const feedbackRows = async () => {
  const { feedback } = tablesOf(db());
  return await db().select().from(feedback).orderBy(feedback.id);
};
const lastOpenedView = () => t.fake.calls('views.open').at(-1)?.params.view as Record<string, unknown>;

function feedbackValues(rating: string | null, recommend: string | null, comment: string | null) {
  return {
    [FEEDBACK_FIELDS.rating]: {
      [FEEDBACK_FIELDS.rating]: {
        type: 'radio_buttons',
        selected_option: rating === null ? null : { value: rating },
      },
    },
    [FEEDBACK_FIELDS.recommend]: {
      [FEEDBACK_FIELDS.recommend]: {
        type: 'radio_buttons',
        selected_option: recommend === null ? null : { value: recommend },
      },
    },
    [FEEDBACK_FIELDS.comment]: { [FEEDBACK_FIELDS.comment]: { type: 'plain_text_input', value: comment } },
  };
}

const submitFeedback = (
  userId: string,
  privateMetadata: string,
  values = feedbackValues('4', 'yes', 'Ben asked great questions'),
) => t.submit({ userId, callbackId: SELF_SERVICE_CALLBACKS.feedback, privateMetadata, values });

const noticeText = (response: { json(): Record<string, unknown> }) => {
  const body = response.json() as { response_action?: string; view?: Record<string, unknown> };
  expect(body.response_action).toBe('update');
  expect(blockKitProblems('modal', body.view ?? {})).toEqual([]);
  return JSON.stringify(body.view?.blocks);
};

beforeEach(async () => {
  t = await startTestApp({ users: USERS });
  // Ada's only place is Ben's.
  ({ offerId, pairId } = await seedSelfServiceCast(db(), t.fake, t.clock.now(), { capacity: 1 }));
});

afterEach(async () => {
  await t.close();
});

describe('/mentor end with one pairing', () => {
  it('opens the feedback modal for that pairing straight away', async () => {
    const response = await t.command(ADA.userId, 'end');
    expect(response.status).toBe(200);
    const view = lastOpenedView();
    expect(view.callback_id).toBe(SELF_SERVICE_CALLBACKS.feedback);
    expect(JSON.parse(String(view.private_metadata))).toEqual({ pairId, mode: 'end' });
    expect(JSON.stringify(view.blocks)).toContain(`ending your pairing with <@${BEN.userId}>`);
    expect(blockKitProblems('modal', view)).toEqual([]);
  });

  it.each([
    ['no rating', feedbackValues(null, 'yes', null), [FEEDBACK_FIELDS.rating]],
    ['no answer', feedbackValues('3', null, null), [FEEDBACK_FIELDS.recommend]],
    ['a tampered rating', feedbackValues('9', 'yes', null), [FEEDBACK_FIELDS.rating]],
    [
      'a comment over 1000 characters',
      feedbackValues('3', 'no', 'x'.repeat(1001)),
      [FEEDBACK_FIELDS.comment],
    ],
  ])('shows an inline error for %s and stores nothing', async (_case, values, fields) => {
    const before = await countRows(db());
    const response = await submitFeedback(ADA.userId, JSON.stringify({ pairId, mode: 'end' }), values);
    const body = response.json() as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors)).toEqual(fields);
    expect(await countRows(db())).toEqual(before);
    expect((await pairRow())?.status).toBe('active');
    expect(dmsTo(BEN.userId)).toHaveLength(0);
  });

  it('ends the pair with the feedback, tells the partner kindly, frees the place and matches again', async () => {
    // Cara waits for a mentor on a topic Ada teaches, but Ada's only place is taken.
    await seedRequest(db(), {
      userId: CARA.userId,
      topics: ['Generative AI tools'],
      createdAt: new Date(t.clock.now().getTime() - 2 * DAY),
    });
    await t.tick();
    const { proposals } = tablesOf(db());
    const pendingForAda = () =>
      db()
        .select()
        .from(proposals)
        .where(and(eq(proposals.mentorId, ADA.userId), eq(proposals.status, 'pending')));
    expect(await pendingForAda()).toHaveLength(0);

    const response = await submitFeedback(ADA.userId, JSON.stringify({ pairId, mode: 'end' }));
    expect(noticeText(response)).toContain(`<@${BEN.userId}> has been told`);

    expect(await pairRow()).toMatchObject({ status: 'ended', endedAt: t.clock.now(), endedBy: ADA.userId });
    expect(await feedbackRows()).toEqual([
      expect.objectContaining({
        pairId,
        userId: ADA.userId,
        role: 'mentor',
        rating: 4,
        wouldRecommend: true,
        comment: 'Ben asked great questions',
      }),
    ]);
    const toBen = dmsTo(BEN.userId).at(-1);
    expect(toBen?.text).toContain(`<@${ADA.userId}> has ended your`);
    expect(JSON.stringify(toBen?.blocks)).toContain(`"action_id":"${SELF_SERVICE_ACTIONS.giveFeedback}"`);
    expect(blockKitProblems('message', { blocks: toBen?.blocks ?? [] })).toEqual([]);
    // The comment goes to the admins only, never to the partner.
    expect(JSON.stringify(toBen)).not.toContain('great questions');

    // Ada's place is free again, and matching ran at once: she is asked about Cara.
    expect((await pendingForAda()).map((proposal) => proposal.menteeId)).toEqual([CARA.userId]);
    expect(dmsTo(ADA.userId).at(-1)?.text).toContain('Would you mentor Cara Senior?');
    const status = JSON.stringify((await t.command(ADA.userId, 'status')).json());
    expect(status).not.toContain('you mentor them');
    // Both Home tabs were refreshed.
    const published = t.fake.calls('views.publish').map((call) => call.params.user_id);
    expect(published).toEqual(expect.arrayContaining([ADA.userId, BEN.userId]));
  });

  it('lets the partner give feedback once through the button, and says so on a second try', async () => {
    await submitFeedback(ADA.userId, JSON.stringify({ pairId, mode: 'end' }));
    const button = { userId: BEN.userId, actionId: SELF_SERVICE_ACTIONS.giveFeedback, value: String(pairId) };
    await t.click({ ...button, message: { channel: t.fake.channelFor([BEN.userId]), ts: '1.1' } });
    const view = lastOpenedView();
    expect(view.callback_id).toBe(SELF_SERVICE_CALLBACKS.feedback);
    expect(JSON.parse(String(view.private_metadata))).toEqual({ pairId, mode: 'feedback' });

    const metadata = String(view.private_metadata);
    const stored = await submitFeedback(BEN.userId, metadata, feedbackValues('5', 'no', null));
    expect(noticeText(stored)).toContain('Thank you! Your feedback is saved');
    expect(
      (await feedbackRows()).map((row) => [row.role, row.userId, row.rating, row.wouldRecommend]),
    ).toEqual([
      ['mentor', ADA.userId, 4, true],
      ['mentee', BEN.userId, 5, false],
    ]);

    // The same modal submitted again, and the button clicked again: nothing new, a clear answer.
    const again = await submitFeedback(BEN.userId, metadata, feedbackValues('1', 'no', null));
    expect(noticeText(again)).toContain('already shared feedback');
    await t.click({ ...button, message: { channel: t.fake.channelFor([BEN.userId]), ts: '1.1' } });
    expect(JSON.stringify(lastOpenedView().blocks)).toContain('already shared feedback');
    expect(await feedbackRows()).toHaveLength(2);
  });

  it('answers a second End submission, and a tampered one, without changing anything', async () => {
    const metadata = JSON.stringify({ pairId, mode: 'end' });
    await submitFeedback(ADA.userId, metadata);
    const endedAt = (await pairRow())?.endedAt;
    const second = await submitFeedback(ADA.userId, metadata, feedbackValues('1', 'no', 'changed my mind'));
    expect(noticeText(second)).toContain('already shared feedback');
    expect((await pairRow())?.endedAt).toEqual(endedAt);
    expect(await feedbackRows()).toHaveLength(1);

    const tampered = await submitFeedback(ADA.userId, '{"pairId":"x"}');
    expect(noticeText(tampered)).toContain('not one of yours');
    expect(await feedbackRows()).toHaveLength(1);
  });

  it('lets nobody outside an active pair end it or rate it, by button or by a hand-made submission', async () => {
    const before = await allRows(db());
    const opened = t.fake.calls('views.open').length;
    // Cara is not in this pair: the feedback button opens no form for her...
    await t.click({
      userId: CARA.userId,
      actionId: SELF_SERVICE_ACTIONS.giveFeedback,
      value: String(pairId),
    });
    expect(t.fake.calls('views.open')).toHaveLength(opened + 1);
    expect(lastOpenedView().callback_id).not.toBe(SELF_SERVICE_CALLBACKS.feedback);
    expect(JSON.stringify(lastOpenedView().blocks)).toContain('no longer on record');
    // ...and a forged End or feedback submission naming the pair is refused.
    for (const mode of ['end', 'feedback']) {
      const forged = await submitFeedback(CARA.userId, JSON.stringify({ pairId, mode }));
      expect(noticeText(forged)).toContain('not one of yours');
    }
    expect(await allRows(db())).toEqual(before);
    expect((await pairRow())?.status).toBe('active');
    expect(dmsTo(ADA.userId)).toHaveLength(0);
    expect(dmsTo(BEN.userId)).toHaveLength(0);
  });

  it('answers a storage failure in the modal with a short apology and stores nothing', async () => {
    await failUpdatesOf(db(), 'pairs', 'disk on fire');
    const before = await countRows(db());
    const response = await submitFeedback(ADA.userId, JSON.stringify({ pairId, mode: 'end' }));
    expect(noticeText(response)).toContain('Sorry, something went wrong on our side');
    expect(await countRows(db())).toEqual(before);
    expect((await pairRow())?.status).toBe('active');
    expect(dmsTo(BEN.userId)).toHaveLength(0);
  });

  it('takes the feedback when the partner ended the pair a moment earlier', async () => {
    await submitFeedback(
      BEN.userId,
      JSON.stringify({ pairId, mode: 'end' }),
      feedbackValues('3', 'yes', null),
    );
    const late = await submitFeedback(ADA.userId, JSON.stringify({ pairId, mode: 'end' }));
    expect(noticeText(late)).toContain('your feedback is saved');
    expect((await pairRow())?.endedBy).toBe(BEN.userId);
    expect((await feedbackRows()).map((row) => row.role)).toEqual(['mentee', 'mentor']);
  });
});

describe('/mentor end with several pairings, or none', () => {
  it('asks which pairing first, then shows the feedback modal for it', async () => {
    const caraPair = await seedPair(db(), {
      mentor: ADA,
      mentee: CARA,
      channelId: t.fake.channelFor([ADA.userId, CARA.userId]),
      offerId,
      sharedTopics: ['Generative AI tools'],
      startedAt: t.clock.now(),
    });
    await t.command(ADA.userId, 'end');
    const chooser = lastOpenedView();
    expect(chooser.callback_id).toBe(SELF_SERVICE_CALLBACKS.chooseEnd);
    expect(blockKitProblems('modal', chooser)).toEqual([]);
    const options = JSON.stringify(chooser.blocks);
    expect(options).toContain('Ben Mentee (you mentor them)');
    expect(options).toContain('Cara Senior (you mentor them)');

    const choose = (value: string) =>
      t.submit({
        userId: ADA.userId,
        callbackId: SELF_SERVICE_CALLBACKS.chooseEnd,
        values: {
          [SELF_SERVICE_FIELDS.pair]: {
            [SELF_SERVICE_FIELDS.pair]: { type: 'static_select', selected_option: { value } },
          },
        },
      });
    const chosen = (await choose(String(caraPair))).json() as {
      response_action: string;
      view: Record<string, unknown>;
    };
    expect(chosen.response_action).toBe('update');
    expect(JSON.parse(String(chosen.view.private_metadata))).toEqual({ pairId: caraPair, mode: 'end' });
    expect(JSON.stringify(chosen.view.blocks)).toContain(`<@${CARA.userId}>`);

    // A pairing that ended meanwhile, someone else's active one, or garbage is refused under the select.
    await seedMember(db(), { ...DEV, profileFetchedAt: t.clock.now() });
    const someoneElses = await seedPair(db(), {
      mentor: DEV,
      mentee: CARA,
      channelId: t.fake.channelFor([DEV.userId, CARA.userId]),
      sharedTopics: ['Social media'],
      startedAt: t.clock.now(),
    });
    await submitFeedback(ADA.userId, JSON.stringify({ pairId: caraPair, mode: 'end' }));
    for (const value of [String(caraPair), String(someoneElses), 'drop table']) {
      const refused = (await choose(value)).json() as {
        response_action: string;
        errors: Record<string, string>;
      };
      expect(refused.response_action).toBe('errors');
      expect(refused.errors[SELF_SERVICE_FIELDS.pair]).toContain('already ended');
    }
    expect((await pairRow())?.status).toBe('active');
    expect((await pairRow(someoneElses))?.status).toBe('active');
  });

  it('tells someone without a pairing there is nothing to end', async () => {
    const response = await t.command(DEV.userId, 'end');
    expect(JSON.stringify(response.json())).toContain('You have no pairing to end');
    expect(t.fake.calls('views.open')).toHaveLength(0);
  });
});
