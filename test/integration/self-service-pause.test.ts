// /mentor status, pause and resume through signed HTTP requests, the real receiver and a real database.
import { and, eq } from 'drizzle-orm';
import { levelLabel } from '../../src/domain/catalogue';
import { APOLOGY } from '../../src/views/apology';
import { tablesOf } from '../../src/storage/tables';
import { proposalRequestMessage } from '../../src/views/proposal-messages';
import { blockKitProblems } from '../support/block-kit-limits';
import { ADA, asFakeUsers, BEN, CARA, pairRow as pairRowOf, seedProposal } from '../support/seed-programme';
import { seedSelfServiceCast } from '../support/self-service-cast';
import { countRows, failUpdatesOf } from '../support/test-database';
import { startTestApp, TEAM, type TestApp } from '../support/test-app';
import { DAY, HOUR } from '../support/test-clock';
import { JOURNEY_EVENT_TYPE } from '../../src/views/journey-messages';

const DEV = 'U0DEV';
const USERS = asFakeUsers([ADA, BEN, CARA, { userId: DEV, name: 'Dev' }]);

let t: TestApp;
let pairId: number;
let pendingProposalId: number;
let proposalMessage: { channel: string; ts: string };

const db = () => t.app.context.db;
const dmsTo = (userId: string) => t.fake.messages(t.fake.channelFor([userId]));
const memberRow = async (userId: string) => {
  const { members } = tablesOf(db());
  const [row] = await db()
    .select()
    .from(members)
    .where(and(eq(members.teamId, TEAM), eq(members.userId, userId)));
  return row;
};
const pairRow = () => pairRowOf(db(), pairId);
const proposalStatus = async (id: number) => {
  const { proposals } = tablesOf(db());
  return (await db().select().from(proposals).where(eq(proposals.id, id)))[0]?.status;
};
const ephemeralText = (response: { json(): Record<string, unknown> }) => JSON.stringify(response.json());
const homesPublishedFor = (userId: string) =>
  t.fake.calls('views.publish').filter((call) => call.params.user_id === userId);

beforeEach(async () => {
  t = await startTestApp({ users: USERS });
  const now = t.clock.now();
  // Cara waits for a mentor, and Ada has been asked to mentor her.
  const cast = await seedSelfServiceCast(db(), t.fake, now, {
    prompt: 'answered',
    caraWaits: { topic: 'Generative AI tools', days: 2 },
  });
  pairId = cast.pairId;
  pendingProposalId = await seedProposal(db(), {
    mentor: ADA,
    mentee: CARA,
    requestId: cast.caraRequestId,
    offerId: cast.offerId,
    status: 'pending',
    createdAt: new Date(now.getTime() - HOUR),
    expiresAt: new Date(now.getTime() + 71 * HOUR),
  });
  // The DM Ada got, with its real Accept / Decline buttons.
  const asProposalPerson = (person: typeof ADA) => ({
    userId: person.userId,
    name: person.name,
    levelName: levelLabel(person.level),
    department: person.department,
  });
  proposalMessage = await t.app.context.messenger.postMessage(
    t.fake.channelFor([ADA.userId]),
    proposalRequestMessage(
      {
        id: pendingProposalId,
        mentor: asProposalPerson(ADA),
        mentee: asProposalPerson(CARA),
        menteeTopics: ['Generative AI tools'],
        goals: null,
        menteeWasWaitlisted: false,
        reasons: {
          sharedTopics: ['Generative AI tools'],
          levelGap: 3,
          crossDepartment: true,
          waitingDays: 2,
        },
      },
      72,
    ),
  );
  const { proposals } = tablesOf(db());
  await db()
    .update(proposals)
    .set({ messageChannelId: proposalMessage.channel, messageTs: proposalMessage.ts })
    .where(eq(proposals.id, pendingProposalId));
});

afterEach(async () => {
  await t.close();
});

describe('/mentor status', () => {
  it('shows a mentor their offer, places free, the proposal waiting for them and their pair', async () => {
    const response = await t.command(ADA.userId, 'status');
    expect(response.status).toBe(200);
    const body = response.json();
    expect(body.response_type).toBe('ephemeral');
    expect(blockKitProblems('message', body)).toEqual([]);
    const text = ephemeralText(response);
    expect(text).toContain('Generative AI tools, Social media');
    expect(text).toContain('Capacity: 2');
    expect(text).toContain('*0 places free*');
    expect(text).toContain('1 pairing, 1 proposal');
    expect(text).toContain(`You were asked to mentor <@${CARA.userId}>`);
    expect(text).toContain(`<@${BEN.userId}> — you mentor them`);
    expect(text).toContain('prompts: 1 sent, 1 answered · active');
  });

  it('shows a mentee their pair and a waiting mentee their request and the mentor being asked', async () => {
    const ben = ephemeralText(await t.command(BEN.userId, 'status'));
    expect(ben).toContain(`<@${ADA.userId}> — they mentor you`);
    expect(ben).not.toContain('Your request for a mentor');
    const cara = ephemeralText(await t.command(CARA.userId, 'status'));
    expect(cara).toContain('*Your request for a mentor*');
    expect(cara).toContain('Topics: Generative AI tools');
    expect(cara).toContain('Waiting since <!date^');
    expect(cara).toContain('has been asked to confirm');
    // Not named before they accept, as in the matcher's own notice.
    expect(cara).not.toContain(ADA.userId);
  });

  it('tells a newcomer how to join, and stores nothing about them', async () => {
    const before = await countRows(db());
    const text = ephemeralText(await t.command(DEV, 'status'));
    expect(text).toContain("You're not taking part yet");
    expect(await countRows(db())).toEqual(before);
  });
});

describe('/mentor pause and /mentor resume', () => {
  it('pauses until resumed: pair paused, proposal withdrawn, partner told kindly, Homes refreshed', async () => {
    const proposalDm = () =>
      t.fake.messages(proposalMessage.channel).find((m) => m.ts === proposalMessage.ts);
    expect(JSON.stringify(proposalDm()?.blocks)).toContain('"type":"button"');
    const response = await t.command(ADA.userId, 'pause');
    expect(ephemeralText(response)).toContain('You are on a break until you resume');

    expect(await memberRow(ADA.userId)).toMatchObject({ pausedAt: t.clock.now(), pausedUntil: null });
    expect((await pairRow())?.status).toBe('paused');
    expect(await proposalStatus(pendingProposalId)).toBe('cancelled');
    // The Accept/Decline buttons are gone from Ada's DM.
    const updated = proposalDm();
    expect(updated?.updates).toBe(1);
    expect(updated?.text).toContain('withdrawn because you are taking a break');
    expect(JSON.stringify(updated?.blocks)).not.toContain('button');

    const toBen = dmsTo(BEN.userId).at(-1);
    expect(toBen?.text).toContain(`<@${ADA.userId}> is taking a short break`);
    expect(toBen?.text).not.toContain('until <!date');
    expect(homesPublishedFor(ADA.userId).length).toBeGreaterThan(0);
    expect(homesPublishedFor(BEN.userId).length).toBeGreaterThan(0);

    const status = ephemeralText(await t.command(ADA.userId, 'status'));
    expect(status).toContain('You are taking a break');
    expect(status).toContain('paused while you take a break');
  });

  it('pauses for N weeks and says until when', async () => {
    const response = await t.command(ADA.userId, 'pause 3');
    expect(ephemeralText(response)).toContain('You are on a break until <!date^');
    expect((await memberRow(ADA.userId))?.pausedUntil).toEqual(new Date(t.clock.now().getTime() + 21 * DAY));
    expect(dmsTo(BEN.userId).at(-1)?.text).toContain('until <!date^');
  });

  it.each([['0'], ['53'], ['two'], ['2 days'], ['-1']])(
    'refuses "/mentor pause %s" with a clear message and stores nothing',
    async (args) => {
      const before = await countRows(db());
      const text = ephemeralText(await t.command(ADA.userId, `pause ${args}`));
      expect(text).toContain('any whole number from 1 to 52');
      expect((await memberRow(ADA.userId))?.pausedAt).toBeNull();
      expect((await pairRow())?.status).toBe('active');
      expect(await countRows(db())).toEqual(before);
      expect(dmsTo(BEN.userId)).toHaveLength(0);
    },
  );

  it('says so when pausing twice, and changes nothing the second time', async () => {
    await t.command(ADA.userId, 'pause 2');
    const pausedUntil = (await memberRow(ADA.userId))?.pausedUntil;
    const dms = dmsTo(BEN.userId).length;
    const text = ephemeralText(await t.command(ADA.userId, 'pause'));
    expect(text).toContain('You are already on a break');
    expect((await memberRow(ADA.userId))?.pausedUntil).toEqual(pausedUntil);
    expect(dmsTo(BEN.userId)).toHaveLength(dms);
  });

  it('says so when resuming without a break, or without taking part', async () => {
    expect(ephemeralText(await t.command(ADA.userId, 'resume'))).toContain('You are not on a break');
    expect(ephemeralText(await t.command(DEV, 'resume'))).toContain("You're not taking part yet");
    expect(ephemeralText(await t.command(DEV, 'pause'))).toContain("You're not taking part yet");
    expect(await memberRow(DEV)).toBeUndefined();
  });

  it('resumes: pair active again, partner told, matching looks at the person again', async () => {
    await t.command(ADA.userId, 'pause');
    // While Ada is paused, the daily matching run does not propose her to Cara again.
    await t.tick();
    const { proposals } = tablesOf(db());
    const pendingFor = () =>
      db()
        .select()
        .from(proposals)
        .where(and(eq(proposals.mentorId, ADA.userId), eq(proposals.status, 'pending')));
    expect(await pendingFor()).toHaveLength(0);

    // Ending the pair with Ben would free a place; here Ada has capacity 2 and one pair, so one place.
    const text = ephemeralText(await t.command(ADA.userId, 'resume'));
    expect(text).toContain('Welcome back');
    expect(await memberRow(ADA.userId)).toMatchObject({ pausedAt: null, pausedUntil: null });
    expect((await pairRow())?.status).toBe('active');
    expect(dmsTo(BEN.userId).at(-1)?.text).toContain(`<@${ADA.userId}> is back from their break`);
    // Matching ran on resume and asked Ada again about Cara.
    expect((await pendingFor()).map((p) => p.menteeId)).toEqual([CARA.userId]);
  });

  it('keeps the pair paused while the partner is still on a break of their own', async () => {
    await t.command(ADA.userId, 'pause');
    await t.command(BEN.userId, 'pause');
    await t.command(ADA.userId, 'resume');
    expect((await pairRow())?.status).toBe('paused');
    expect(ephemeralText(await t.command(ADA.userId, 'status'))).toContain(
      'paused: your partner is taking a break',
    );
    await t.command(BEN.userId, 'resume');
    expect((await pairRow())?.status).toBe('active');
  });

  it('ends a break of N weeks by itself and tells the person and their partner', async () => {
    await t.command(ADA.userId, 'pause 1');
    t.clock.advance(6 * DAY);
    await t.tick();
    expect((await memberRow(ADA.userId))?.pausedAt).not.toBeNull();

    t.clock.advance(DAY + HOUR);
    await t.tick();
    expect(await memberRow(ADA.userId)).toMatchObject({ pausedAt: null, pausedUntil: null });
    expect((await pairRow())?.status).toBe('active');
    const welcomes = () =>
      dmsTo(ADA.userId).filter((m) =>
        m.text?.includes('Welcome back! Your break from Mentor Circles is over'),
      );
    expect(welcomes()).toHaveLength(1);
    expect(dmsTo(BEN.userId).filter((m) => m.text?.includes('is back from their break'))).toHaveLength(1);
    // Back in the pool: matching asks her about Cara again (the pairing journey's own DMs aside).
    const notJourney = (m: { metadata?: unknown }) =>
      (m.metadata as { event_type?: string } | undefined)?.event_type !== JOURNEY_EVENT_TYPE;
    expect(dmsTo(ADA.userId).filter(notJourney).at(-1)?.text).toContain('Would you mentor Cara Senior?');

    // The next tick finds nothing more to do.
    await t.tick();
    expect(welcomes()).toHaveLength(1);
  });

  it('answers a storage failure with a short apology and stores nothing', async () => {
    await failUpdatesOf(db(), 'members', 'disk on fire');
    const response = await t.command(ADA.userId, 'pause');
    expect(response.json()).toEqual({ response_type: 'ephemeral', text: APOLOGY });
    expect((await memberRow(ADA.userId))?.pausedAt).toBeNull();
    expect((await pairRow())?.status).toBe('active');
    expect(dmsTo(BEN.userId)).toHaveLength(0);
    expect(t.logs.some((line) => line.includes('command failed') && line.includes('disk on fire'))).toBe(
      true,
    );
  });

  it('stops the weekly prompt while paused and sends it again after resuming', async () => {
    const pairChannel = t.fake.channelFor([ADA.userId, BEN.userId]);
    const { promptDeliveries } = tablesOf(db());
    const promptsPosted = async () =>
      (
        await db()
          .select()
          .from(promptDeliveries)
          .where(and(eq(promptDeliveries.pairId, pairId), eq(promptDeliveries.status, 'sent')))
      ).length;
    await t.command(BEN.userId, 'pause');
    // Monday 2026-11-23 10:00 in London: the pair's prompt time.
    t.clock.set('2026-11-23T10:05:00Z');
    const messagesBefore = t.fake.messages(pairChannel).length;
    await t.tick();
    expect(await promptsPosted()).toBe(1);
    expect(t.fake.messages(pairChannel)).toHaveLength(messagesBefore);

    await t.command(BEN.userId, 'resume');
    t.clock.advance(5 * 60 * 1000);
    await t.tick();
    expect(await promptsPosted()).toBe(2);
    expect(t.fake.messages(pairChannel).length).toBeGreaterThan(messagesBefore);
  });
});
