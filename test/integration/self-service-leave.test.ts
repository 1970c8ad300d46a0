// /mentor leave and deleted Slack accounts: every row naming the person is erased or made anonymous, table by
// table, while the programme's figures still add up.
import { eq } from 'drizzle-orm';
import type { ReportFigures } from '../../src/domain/report-figures';
import { tablesOf } from '../../src/storage/tables';
import { ENDED_BY_DEPARTED } from '../../src/storage/member-erasure';
import { SELF_SERVICE_ACTIONS, SELF_SERVICE_CALLBACKS } from '../../src/views/self-service-ids';
import { buildReport } from '../../src/use-cases/build-report';
import { blockKitProblems } from '../support/block-kit-limits';
import {
  BEN,
  CARA,
  asFakeUsers,
  seedDelivery,
  seedExclusion,
  seedFeedback,
  seedRequest,
  seedOffer,
  seedPair,
  seedPerson,
  seedProposal,
  type Person,
} from '../support/seed-programme';
import { countRows, findTextEverywhere } from '../support/test-database';
import { startTestApp, TEAM, type TestApp } from '../support/test-app';
import { DAY, HOUR } from '../support/test-clock';

// Leo mentors Ben (running) and mentored Olga (ended), is asked to mentor Cara, turned Dora down, and asked
// for a mentor himself: Mia has been asked to mentor him.
const LEO: Person = { userId: 'U0LEO', name: 'Leopold Leaverton', level: 2, department: 'Design' };
const OLGA: Person = { userId: 'U0OLGA', name: 'Olga Former', level: 6, department: 'Design' };
const DORA: Person = { userId: 'U0DORA', name: 'Dora Director', level: 5, department: 'Finance' };
const MIA: Person = { userId: 'U0MIA', name: 'Mia Graduate', level: 1, department: 'Engineering' };
const BOSS = 'U0BOSS';
const DEV = 'U0DEV';
const PEOPLE = [LEO, BEN, OLGA, CARA, DORA, MIA];
const USERS = asFakeUsers(PEOPLE);

// What Leo wrote: none of it may survive.
const LEO_NOTE = 'LEO-NOTE I run our TikTok account';
const LEO_GOALS = 'LEO-GOALS understand dashboards';
const LEO_COMMENT = 'LEO-COMMENT Olga was wonderful';
const OLGA_COMMENT = 'Olga says: a great experience';

let t: TestApp;
let ids: {
  benPair: number;
  olgaPair: number;
  leoOffer: number;
  leoRequest: number;
  toCara: number;
  toDora: number;
  fromMia: number;
};
let miaMessage: { channel: string; ts: string };

const db = () => t.app.context.db;
const dmsTo = (userId: string) => t.fake.messages(t.fake.channelFor([userId]));
const figures = () => buildReport({ reports: t.app.context.repos.reports, clock: t.app.context.clock }, TEAM);

beforeEach(async () => {
  t = await startTestApp({ users: USERS });
  const now = t.clock.now();
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  for (const person of PEOPLE) await seedPerson(db(), person, now);

  const leoOffer = await seedOffer(db(), {
    userId: LEO.userId,
    topics: ['Short-form video', 'Social media'],
    capacity: 3,
    note: LEO_NOTE,
    createdAt: ago(60),
  });
  const leoRequest = await seedRequest(db(), {
    userId: LEO.userId,
    topics: ['Data and analytics basics'],
    goals: LEO_GOALS,
    createdAt: ago(3),
  });
  await seedRequest(db(), {
    userId: BEN.userId,
    topics: ['Social media'],
    status: 'matched',
    createdAt: ago(30),
    matchedAt: ago(28),
  });
  const caraRequest = await seedRequest(db(), {
    userId: CARA.userId,
    topics: ['Short-form video'],
    createdAt: ago(2),
  });
  const doraRequest = await seedRequest(db(), {
    userId: DORA.userId,
    topics: ['Social media'],
    createdAt: ago(10),
  });
  const miaOffer = await seedOffer(db(), {
    userId: MIA.userId,
    topics: ['Data and analytics basics'],
    capacity: 1,
    createdAt: ago(5),
  });

  const benChannel = t.fake.channelFor([LEO.userId, BEN.userId]);
  const benPair = await seedPair(db(), {
    mentor: LEO,
    mentee: BEN,
    channelId: benChannel,
    offerId: leoOffer,
    sharedTopics: ['Social media'],
    startedAt: ago(28),
  });
  await seedDelivery(db(), {
    pairId: benPair,
    channelId: benChannel,
    weekKey: '2026-W46',
    sentAt: ago(14),
    answeredAt: ago(13),
  });
  await seedDelivery(db(), { pairId: benPair, channelId: benChannel, weekKey: '2026-W47', sentAt: ago(7) });
  const olgaChannel = t.fake.channelFor([LEO.userId, OLGA.userId]);
  const olgaPair = await seedPair(db(), {
    mentor: LEO,
    mentee: OLGA,
    channelId: olgaChannel,
    offerId: leoOffer,
    sharedTopics: ['Short-form video'],
    status: 'ended',
    startedAt: ago(50),
    endedAt: ago(35),
    endedBy: LEO.userId,
  });
  await seedDelivery(db(), {
    pairId: olgaPair,
    channelId: olgaChannel,
    weekKey: '2026-W41',
    sentAt: ago(42),
    answeredAt: ago(41),
  });
  await seedFeedback(db(), {
    pairId: olgaPair,
    userId: LEO.userId,
    role: 'mentor',
    rating: 5,
    wouldRecommend: true,
    comment: LEO_COMMENT,
  });
  await seedFeedback(db(), {
    pairId: olgaPair,
    userId: OLGA.userId,
    role: 'mentee',
    rating: 3,
    wouldRecommend: false,
    comment: OLGA_COMMENT,
  });

  const leoDm = await t.app.context.messenger.postMessage(t.fake.channelFor([LEO.userId]), {
    text: 'Would you mentor Cara?',
  });
  const toCara = await seedProposal(db(), {
    mentor: LEO,
    mentee: CARA,
    requestId: caraRequest,
    offerId: leoOffer,
    status: 'pending',
    createdAt: new Date(now.getTime() - HOUR),
    expiresAt: new Date(now.getTime() + 71 * HOUR),
    message: leoDm,
  });
  const toDora = await seedProposal(db(), {
    mentor: LEO,
    mentee: DORA,
    requestId: doraRequest,
    offerId: leoOffer,
    status: 'declined',
    createdAt: ago(9),
    expiresAt: ago(6),
  });
  miaMessage = await t.app.context.messenger.postMessage(t.fake.channelFor([MIA.userId]), {
    text: 'Would you mentor Leo?',
  });
  const fromMia = await seedProposal(db(), {
    mentor: MIA,
    mentee: LEO,
    requestId: leoRequest,
    offerId: miaOffer,
    status: 'pending',
    createdAt: new Date(now.getTime() - HOUR),
    expiresAt: new Date(now.getTime() + 71 * HOUR),
    message: miaMessage,
  });
  await seedExclusion(db(), LEO.userId, BOSS);
  await seedExclusion(db(), CARA.userId, LEO.userId);
  await seedExclusion(db(), CARA.userId, BOSS);
  ids = { benPair, olgaPair, leoOffer, leoRequest, toCara, toDora, fromMia };
});

afterEach(async () => {
  await t.close();
});

async function expectEverythingAboutLeoErased(): Promise<void> {
  // No text anywhere in the database names Leo, or holds what he wrote.
  for (const needle of [LEO.userId, LEO.name, 'Leaverton', LEO_NOTE, LEO_GOALS, LEO_COMMENT]) {
    expect({ needle, hits: await findTextEverywhere(db(), needle) }).toEqual({ needle, hits: [] });
  }
  // Table by table.
  const {
    exclusions,
    feedback,
    members,
    offers,
    offerTopics,
    pairs,
    promptDeliveries,
    proposals,
    requests,
    requestTopics,
  } = tablesOf(db());
  expect(await db().select().from(members).where(eq(members.userId, LEO.userId))).toEqual([]);
  expect(await db().select().from(offers).where(eq(offers.id, ids.leoOffer))).toEqual([]);
  expect(await db().select().from(offerTopics).where(eq(offerTopics.offerId, ids.leoOffer))).toEqual([]);
  expect(await db().select().from(requests).where(eq(requests.id, ids.leoRequest))).toEqual([]);
  expect(await db().select().from(requestTopics).where(eq(requestTopics.requestId, ids.leoRequest))).toEqual(
    [],
  );
  expect(await db().select().from(exclusions)).toEqual([
    { teamId: TEAM, userId: CARA.userId, excludedUserId: BOSS },
  ]);

  const proposal = async (id: number) => (await db().select().from(proposals).where(eq(proposals.id, id)))[0];
  // Pending proposals are withdrawn; history stays, without Leo.
  expect(await proposal(ids.toCara)).toMatchObject({
    status: 'cancelled',
    mentorId: null,
    menteeId: CARA.userId,
    messageChannelId: null,
    messageTs: null,
  });
  expect((await proposal(ids.toCara))?.reasons).toMatchObject({
    mentorLevel: null,
    mentorDepartment: null,
    menteeLevel: 4,
    levelGap: 2,
  });
  expect(await proposal(ids.toDora)).toMatchObject({
    status: 'declined',
    mentorId: null,
    menteeId: DORA.userId,
  });
  expect(await proposal(ids.fromMia)).toMatchObject({
    status: 'cancelled',
    mentorId: MIA.userId,
    menteeId: null,
    requestId: null,
  });

  const pair = async (id: number) => (await db().select().from(pairs).where(eq(pairs.id, id)))[0];
  expect(await pair(ids.benPair)).toMatchObject({
    mentorId: null,
    menteeId: BEN.userId,
    status: 'ended',
    endedAt: t.clock.now(),
    endedBy: ENDED_BY_DEPARTED,
    channelId: null,
    levelGap: 3,
    crossDepartment: true,
    sharedTopics: ['Social media'],
  });
  expect(await pair(ids.olgaPair)).toMatchObject({
    mentorId: null,
    menteeId: OLGA.userId,
    status: 'ended',
    endedBy: ENDED_BY_DEPARTED,
    channelId: null,
    levelGap: 4,
    crossDepartment: false,
  });
  // Deliveries stay (the weekly figures count them) but no longer point at the group DM.
  const deliveries = await db().select().from(promptDeliveries);
  expect(deliveries).toHaveLength(3);
  for (const delivery of deliveries) expect(delivery).toMatchObject({ channelId: null, messageTs: null });
  // Leo's rating stays, anonymous and without its comment; Olga's own feedback is hers and stays.
  expect(
    (await db().select().from(feedback).orderBy(feedback.id)).map((row) => [
      row.role,
      row.userId,
      row.rating,
      row.wouldRecommend,
      row.comment,
    ]),
  ).toEqual([
    ['mentor', null, 5, true, null],
    ['mentee', OLGA.userId, 3, false, OLGA_COMMENT],
  ]);
}

function expectFiguresStillAddUp(before: ReportFigures, after: ReportFigures): void {
  const pairsOf = (f: ReportFigures) =>
    f.participants.pairsActive + f.participants.pairsPaused + f.participants.pairsEnded;
  expect(pairsOf(after)).toBe(pairsOf(before));
  expect(after.participants.pairsActive).toBe(before.participants.pairsActive - 1);
  expect(after.participants.pairsEnded).toBe(before.participants.pairsEnded + 1);
  expect(after.pairsByLevelGap).toEqual(before.pairsByLevelGap);
  expect(after.crossDepartmentShare).toBe(before.crossDepartmentShare);
  expect(after.weeks).toEqual(before.weeks);
  expect(after.feedback).toEqual(before.feedback);
  // Leo's offer and request are gone from the supply and demand.
  expect(after.participants.mentorsOpen).toBe(before.participants.mentorsOpen - 1);
  expect(after.participants.proposalsPending).toBe(before.participants.proposalsPending - 2);
  expect(after.pairRows.map((row) => row.id)).toEqual(before.pairRows.map((row) => row.id));
  expect(JSON.stringify(after)).not.toContain(LEO.name);
}

describe('/mentor leave', () => {
  it('explains what will be erased in a confirmation modal, and erases nothing yet', async () => {
    const before = await countRows(db());
    await t.command(LEO.userId, 'leave');
    const view = t.fake.calls('views.open').at(-1)?.params.view as Record<string, unknown>;
    expect(view.callback_id).toBe(SELF_SERVICE_CALLBACKS.leave);
    expect(blockKitProblems('modal', view)).toEqual([]);
    expect(JSON.stringify(view.blocks)).toContain('Leaving erases your data');
    expect(await countRows(db())).toEqual(before);
  });

  it('erases every personal row on confirm, keeps anonymous pairs so the figures add up, tells the partner', async () => {
    const before = await figures();
    const benDms = dmsTo(BEN.userId).length;

    const response = await t.submit({
      userId: LEO.userId,
      callbackId: SELF_SERVICE_CALLBACKS.leave,
      values: {},
    });
    const body = response.json() as { response_action: string; view: Record<string, unknown> };
    expect(body.response_action).toBe('update');
    expect(JSON.stringify(body.view.blocks)).toContain('your data has been erased');

    await expectEverythingAboutLeoErased();
    expectFiguresStillAddUp(before, await figures());

    // Ben is told kindly and may still give feedback; Mia's proposal message says it is no longer open.
    const toBen = dmsTo(BEN.userId).slice(benDms);
    expect(toBen.map((m) => m.text)).toEqual([
      expect.stringContaining('is no longer taking part in Mentor Circles'),
    ]);
    expect(JSON.stringify(toBen[0]?.blocks)).toContain(`"value":"${ids.benPair}"`);
    const miaNow = t.fake.messages(miaMessage.channel).find((m) => m.ts === miaMessage.ts);
    expect(miaNow?.text).toContain('no longer taking part');
    // Leo gets a confirmation, and his Home tab shows nothing about him.
    expect(dmsTo(LEO.userId).at(-1)?.text).toContain(
      'You have left Mentor Circles and your data has been erased',
    );
    const leoHome = t.fake
      .calls('views.publish')
      .filter((call) => call.params.user_id === LEO.userId)
      .at(-1);
    expect(JSON.stringify(leoHome?.params.view)).toContain('You have left Mentor Circles');
    expect(t.fake.calls('views.publish').some((call) => call.params.user_id === BEN.userId)).toBe(true);
    // Publishing Leo's Home did not bring his profile back.
    expect(await findTextEverywhere(db(), LEO.userId)).toEqual([]);

    // Ben can still rate the pairing that ended.
    await t.click({
      userId: BEN.userId,
      actionId: SELF_SERVICE_ACTIONS.giveFeedback,
      value: String(ids.benPair),
    });
    const feedbackView = t.fake.calls('views.open').at(-1)?.params.view as Record<string, unknown>;
    expect(JSON.stringify(feedbackView.blocks)).toContain('Your pairing with a former member has ended');
  });

  it('answers a second confirmation clearly and tells nobody twice', async () => {
    await t.submit({ userId: LEO.userId, callbackId: SELF_SERVICE_CALLBACKS.leave, values: {} });
    const dms = t.fake.calls('chat.postMessage').length;
    const rows = await countRows(db());
    const again = await t.submit({
      userId: LEO.userId,
      callbackId: SELF_SERVICE_CALLBACKS.leave,
      values: {},
    });
    expect(JSON.stringify(again.json())).toContain('There was nothing about you in Mentor Circles to erase');
    expect(t.fake.calls('chat.postMessage')).toHaveLength(dms);
    expect(await countRows(db())).toEqual(rows);
  });

  it('tells someone who never took part that there was nothing to erase', async () => {
    const before = await countRows(db());
    await t.command(DEV, 'leave');
    const response = await t.submit({ userId: DEV, callbackId: SELF_SERVICE_CALLBACKS.leave, values: {} });
    expect(JSON.stringify(response.json())).toContain('nothing about you');
    expect(await countRows(db())).toEqual(before);
  });
});

describe('a deleted Slack account', () => {
  it('is erased like /mentor leave, without messaging the departed person', async () => {
    const before = await figures();
    const leoDms = dmsTo(LEO.userId).length;
    const event = {
      type: 'user_change',
      user: {
        id: LEO.userId,
        team_id: TEAM,
        name: 'leo',
        real_name: LEO.name,
        deleted: true,
        profile: { real_name: LEO.name },
      },
      event_ts: '1700000000.000100',
    };
    const response = await t.event(event, { eventId: 'EvDELETED1' });
    expect(response.status).toBe(200);

    await expectEverythingAboutLeoErased();
    expectFiguresStillAddUp(before, await figures());
    expect(dmsTo(LEO.userId)).toHaveLength(leoDms);
    expect(t.fake.calls('views.publish').some((call) => call.params.user_id === LEO.userId)).toBe(false);
    expect(dmsTo(BEN.userId).at(-1)?.text).toContain('is no longer taking part');

    // Slack retries the event: nothing more happens, and nobody is told twice.
    const posts = t.fake.calls('chat.postMessage').length;
    await t.event(event, { eventId: 'EvDELETED1' });
    expect(t.fake.calls('chat.postMessage')).toHaveLength(posts);
    await expectEverythingAboutLeoErased();
  });
});
