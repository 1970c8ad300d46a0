import type { PostedMessage } from '../../dev/fake-slack-server';
import { DAILY_MATCH_JOB } from '../../src/scheduling/matching-jobs';
import { eq } from 'drizzle-orm';
import { tablesOf } from '../../src/storage/tables';
import { matchingDeps } from '../../src/composition/use-case-deps';
import { runMatching } from '../../src/use-cases/run-matching';
import { SELF_SERVICE_CALLBACKS } from '../../src/views/self-service-ids';
import { blockKitProblems } from '../support/block-kit-limits';
import {
  proposalRows,
  seedExclusion,
  seedMember,
  seedOffer,
  seedProposal,
  seedRequest,
  topicIds,
} from '../support/seed-programme';
import { allRows } from '../support/test-database';
import { startTestApp, TEAM, type TestApp } from '../support/test-app';
import { signupFormValues } from '../support/signup-form-values';
import { DAY, HOUR } from '../support/test-clock';

const JUNIOR = 'U0JUNIOR';
const JADE = 'U0JADE';
const SENIOR = 'U0SENIOR';
const VERA = 'U0VERA';

let t: TestApp;

// Slack messages only people of the workspace: the fake knows the cast.
const CAST = [JUNIOR, JADE, SENIOR, VERA].map((id) => ({
  id,
  teamId: TEAM,
  name: id.slice(2).toLowerCase(),
}));

beforeEach(async () => {
  t = await startTestApp({ users: CAST });
});

afterEach(async () => {
  await t.close();
});

// --- helpers ---------------------------------------------------------------------------------------------

const db = () => t.app.context.db;
const match = () => runMatching(matchingDeps(t.app.context), TEAM);
const dmsTo = (userId: string) => t.fake.messages(t.fake.channelFor([userId]));
const allText = (message: PostedMessage | undefined) =>
  JSON.stringify(message?.blocks ?? []) + (message?.text ?? '');

interface Button {
  action_id: string;
  value: string;
}

function buttonsOf(message: PostedMessage | undefined): Button[] {
  const blocks = (message?.blocks ?? []) as { type: string; elements?: Button[] }[];
  return blocks.filter((block) => block.type === 'actions').flatMap((block) => block.elements ?? []);
}

/** The latest proposal DM to this mentor that still has buttons, as the mentor's screen shows it now. */
function openProposalTo(mentorId: string): PostedMessage | undefined {
  const message = dmsTo(mentorId)
    .filter((m) => buttonsOf(m).length > 0)
    .at(-1);
  // A copy: a Slack client that has not refreshed yet still shows the old buttons.
  return message === undefined ? undefined : structuredClone(message);
}

function press(
  userId: string,
  message: PostedMessage,
  actionId: 'proposal_accept' | 'proposal_decline',
  teamId?: string,
) {
  const button = buttonsOf(message).find((b) => b.action_id === actionId);
  if (button === undefined) throw new Error(`no ${actionId} button`);
  return t.click({
    userId,
    actionId,
    value: button.value,
    message: { channel: message.channel, ts: message.ts },
    ...(teamId === undefined ? {} : { teamId }),
  });
}

/** A message as it stands now (after chat.update). */
const current = (message: PostedMessage) =>
  t.fake.messages(message.channel).find((m) => m.ts === message.ts)!;

const lastEphemeral = () => String(t.fake.responses().at(-1)?.body.text ?? '');
const groupOpens = () =>
  t.fake.calls('conversations.open').filter((call) => String(call.params.users).split(',').length === 2);
const pairRows = async () => {
  const { pairs } = tablesOf(db());
  return await db().select().from(pairs).orderBy(pairs.id);
};

async function seedJuniorAndSenior(options: { capacity?: number } = {}) {
  await seedMember(db(), { userId: JUNIOR, name: 'June Junior', level: 1, department: 'Engineering' });
  const offerId = await seedOffer(db(), {
    userId: JUNIOR,
    topics: ['Social media', 'Generative AI tools'],
    capacity: options.capacity ?? 1,
  });
  await seedMember(db(), { userId: SENIOR, name: 'Sam Senior', level: 6, department: 'Sales' });
  const requestId = await seedRequest(db(), {
    userId: SENIOR,
    topics: ['Social media', 'Short-form video'],
    goals: 'Understand why our <interns> love short videos & what to post',
  });
  return { offerId, requestId };
}

// --- the consent flow ------------------------------------------------------------------------------------

describe('matching: consent and introduction', () => {
  it('asks the mentor with Accept/Decline, tells the mentee, and introduces both in a group DM on accept', async () => {
    await seedJuniorAndSenior();
    const run = await match();
    expect(run.proposed).toHaveLength(1);

    const proposal = openProposalTo(JUNIOR)!;
    expect(proposal).toBeDefined();
    expect(blockKitProblems('message', proposal as unknown as Record<string, unknown>)).toEqual([]);
    const shown = allText(proposal);
    for (const fact of [
      'Sam Senior',
      'Executive (VP and above)',
      'Sales',
      'Short-form video',
      'Social media',
    ])
      expect(shown).toContain(fact);
    // The mentee's own words are shown escaped, never as Slack markup.
    expect(shown).toContain('&lt;interns&gt; love short videos &amp; what to post');
    expect(shown).toContain('different departments');
    expect(buttonsOf(proposal).map((b) => b.action_id)).toEqual(['proposal_accept', 'proposal_decline']);

    const menteeNotice = dmsTo(SENIOR).at(-1);
    expect(allText(menteeNotice)).toContain('we found a mentor for you');
    expect(allText(menteeNotice)).toContain('Social media');

    const response = await press(JUNIOR, proposal, 'proposal_accept');
    expect(response.status).toBe(200);

    // One group DM with both people, opened once, stored on the pair, with the introduction in it.
    expect(groupOpens()).toHaveLength(1);
    expect(String(groupOpens()[0]?.params.users).split(',').sort()).toEqual([JUNIOR, SENIOR].sort());
    const channel = t.fake.channelFor([JUNIOR, SENIOR]);
    const pairsNow = await pairRows();
    expect(pairsNow).toHaveLength(1);
    const [pair] = pairsNow;
    expect(pair).toMatchObject({
      mentorId: JUNIOR,
      menteeId: SENIOR,
      channelId: channel,
      status: 'active',
      levelGap: 5,
      crossDepartment: true,
      sharedTopics: ['Social media'],
    });
    expect(pair?.startedAt.toISOString()).toBe(t.clock.now().toISOString());
    const intro = t.fake.messages(channel);
    expect(intro).toHaveLength(1);
    expect(blockKitProblems('message', intro[0] as unknown as Record<string, unknown>)).toEqual([]);
    const introText = allText(intro[0]);
    for (const fact of [
      `<@${JUNIOR}>`,
      `<@${SENIOR}>`,
      'Intern or graduate',
      'Engineering',
      'Sales',
      'Social media',
    ])
      expect(introText).toContain(fact);
    // The guidance it gives is the introduction view's own test.

    // The proposal message lost its buttons and says what happened.
    const updated = current(proposal);
    expect(updated.updates).toBe(1);
    expect(buttonsOf(updated)).toEqual([]);
    expect(allText(updated)).toContain('You accepted');
    expect(blockKitProblems('message', updated as unknown as Record<string, unknown>)).toEqual([]);

    const { requests } = tablesOf(db());
    const [request] = await db().select().from(requests);
    expect(request).toMatchObject({ status: 'matched' });
    expect(request?.matchedAt?.toISOString()).toBe(t.clock.now().toISOString());
  });

  it('answers a second click politely and changes nothing', async () => {
    await seedJuniorAndSenior();
    await match();
    const proposal = openProposalTo(JUNIOR)!;
    await press(JUNIOR, proposal, 'proposal_accept');
    const messagesBefore = t.fake.calls('chat.postMessage').length;

    await press(JUNIOR, proposal, 'proposal_accept');
    expect(lastEphemeral()).toContain('already accepted');
    await press(JUNIOR, proposal, 'proposal_decline');
    expect(lastEphemeral()).toContain('already accepted');

    expect(t.fake.responses().every((r) => r.body.response_type === 'ephemeral')).toBe(true);
    expect(await pairRows()).toHaveLength(1);
    expect(groupOpens()).toHaveLength(1);
    expect(t.fake.calls('chat.postMessage')).toHaveLength(messagesBefore);
    expect(current(proposal).updates).toBe(1);
    expect((await proposalRows(db())).map((p) => p.status)).toEqual(['accepted']);
  });

  it('two clicks at once on one proposal create one pair and one introduction', async () => {
    await seedJuniorAndSenior();
    await match();
    const proposal = openProposalTo(JUNIOR)!;

    await Promise.all([
      press(JUNIOR, proposal, 'proposal_accept'),
      press(JUNIOR, proposal, 'proposal_accept'),
    ]);

    expect(await pairRows()).toHaveLength(1);
    expect(groupOpens()).toHaveLength(1);
    expect(t.fake.messages(t.fake.channelFor([JUNIOR, SENIOR]))).toHaveLength(1);
    expect(lastEphemeral()).toContain('already accepted');
  });

  it('never exceeds a capacity when two accepts race for the last place', async () => {
    await seedMember(db(), { userId: JUNIOR, level: 1 });
    const offerId = await seedOffer(db(), { userId: JUNIOR, topics: ['Social media'], capacity: 1 });
    await seedMember(db(), { userId: SENIOR, level: 5, department: 'Sales' });
    const first = await seedRequest(db(), { userId: SENIOR, topics: ['Social media'] });
    await seedMember(db(), { userId: VERA, level: 6, department: 'Legal' });
    const second = await seedRequest(db(), { userId: VERA, topics: ['Social media'] });
    const expiresAt = new Date(t.clock.now().getTime() + 72 * HOUR);
    // The matcher never proposes past a capacity; rows written directly build the race it avoids.
    const ids = [
      await seedProposal(db(), {
        requestId: first,
        offerId,
        mentor: { userId: JUNIOR },
        mentee: { userId: SENIOR },
        expiresAt,
      }),
      await seedProposal(db(), {
        requestId: second,
        offerId,
        mentor: { userId: JUNIOR },
        mentee: { userId: VERA },
        expiresAt,
      }),
    ];
    const clickAccept = (id: number) =>
      t.click({
        userId: JUNIOR,
        actionId: 'proposal_accept',
        value: String(id),
        message: { channel: 'D0X', ts: '1.1' },
      });

    await Promise.all(ids.map(clickAccept));

    expect(await pairRows()).toHaveLength(1);
    const statuses = (await proposalRows(db())).map((p) => p.status).sort();
    expect(statuses).toEqual(['accepted', 'cancelled']);
    expect(lastEphemeral()).toContain('as many people as your offer allows');
    expect(groupOpens()).toHaveLength(1);
  });

  it('never pairs a request twice, even when a second proposal for it slips through', async () => {
    const { offerId, requestId } = await seedJuniorAndSenior();
    await seedMember(db(), { userId: JADE, level: 2 });
    const jadeOffer = await seedOffer(db(), { userId: JADE, topics: ['Social media'], capacity: 2 });
    const expiresAt = new Date(t.clock.now().getTime() + 72 * HOUR);
    const first = await seedProposal(db(), {
      requestId,
      offerId,
      mentor: { userId: JUNIOR },
      mentee: { userId: SENIOR },
      expiresAt,
    });
    await t.click({
      userId: JUNIOR,
      actionId: 'proposal_accept',
      value: String(first),
      message: { channel: 'D0X', ts: '1.1' },
    });
    // Only one proposal per request can be pending at a time, so the stale second one is written afterwards.
    const second = await seedProposal(db(), {
      requestId,
      offerId: jadeOffer,
      mentor: { userId: JADE },
      mentee: { userId: SENIOR },
      expiresAt,
    });

    await t.click({
      userId: JADE,
      actionId: 'proposal_accept',
      value: String(second),
      message: { channel: 'D0Y', ts: '1.2' },
    });

    expect(await pairRows()).toHaveLength(1);
    expect((await pairRows())[0]?.mentorId).toBe(JUNIOR);
    expect(lastEphemeral()).toContain('no longer need a mentor');
    expect((await proposalRows(db())).map((p) => p.status)).toEqual(['accepted', 'cancelled']);
  });
});

// --- decline, expiry and the waitlist -------------------------------------------------------------------

async function seedSeniorWithTwoMentors() {
  // June shares two topics and works elsewhere: the best match. Jade shares one, in the same department.
  await seedMember(db(), { userId: JUNIOR, name: 'June Junior', level: 1, department: 'Engineering' });
  await seedOffer(db(), { userId: JUNIOR, topics: ['Social media', 'Short-form video'] });
  await seedMember(db(), { userId: JADE, name: 'Jade Green', level: 2, department: 'Sales' });
  await seedOffer(db(), { userId: JADE, topics: ['Social media'] });
  await seedMember(db(), { userId: SENIOR, name: 'Sam Senior', level: 6, department: 'Sales' });
  await seedRequest(db(), { userId: SENIOR, topics: ['Social media', 'Short-form video'] });
}

describe('matching: decline, expiry and waitlist', () => {
  it('proposes the next best mentor after a decline, and never the one who declined again', async () => {
    await seedSeniorWithTwoMentors();
    await match();
    const first = openProposalTo(JUNIOR)!;
    expect(openProposalTo(JADE)).toBeUndefined();

    await press(JUNIOR, first, 'proposal_decline');

    expect(buttonsOf(current(first))).toEqual([]);
    expect(allText(current(first))).toContain('You declined');
    const next = openProposalTo(JADE);
    expect(allText(next)).toContain('Sam Senior');
    expect((await proposalRows(db())).map((p) => [p.mentorId, p.status])).toEqual([
      [JUNIOR, 'declined'],
      [JADE, 'pending'],
    ]);

    // Jade declines too: nobody is left, so Sam hears he is on the waitlist; June is never asked again.
    await press(JADE, next!, 'proposal_decline');
    await match();
    expect(openProposalTo(JUNIOR)).toBeUndefined();
    expect(allText(dmsTo(SENIOR).at(-1))).toContain("you're on the waitlist");
    expect(await pairRows()).toHaveLength(0);
  });

  it('expires an unanswered proposal after PROPOSAL_TTL_HOURS and asks the next mentor', async () => {
    await t.close();
    t = await startTestApp({ users: CAST, env: { PROPOSAL_TTL_HOURS: '30' } });
    await seedSeniorWithTwoMentors();
    await match();
    const first = openProposalTo(JUNIOR)!;
    expect(first.text).toContain('within 30 hours');
    expect((await proposalRows(db()))[0]?.expiresAt).toEqual(new Date(t.clock.now().getTime() + 30 * HOUR));

    t.clock.advance(29 * HOUR);
    await t.tick();
    expect((await proposalRows(db()))[0]?.status).toBe('pending');
    expect(buttonsOf(current(first))).toHaveLength(2);

    t.clock.advance(2 * HOUR);
    await t.tick();

    expect((await proposalRows(db())).map((p) => [p.mentorId, p.status])).toEqual([
      [JUNIOR, 'expired'],
      [JADE, 'pending'],
    ]);
    expect(buttonsOf(current(first))).toEqual([]);
    expect(allText(current(first))).toContain('expired');
    expect(openProposalTo(JADE)).toBeDefined();

    // A click on the stale buttons changes nothing and says why.
    await press(JUNIOR, first, 'proposal_accept');
    expect(lastEphemeral()).toContain('already expired');
    expect(await pairRows()).toHaveLength(0);
  });

  it('treats a click after the deadline, before the expiry job ran, as expired', async () => {
    await seedSeniorWithTwoMentors();
    await match();
    const first = openProposalTo(JUNIOR)!;
    t.clock.advance(73 * HOUR);

    await press(JUNIOR, first, 'proposal_accept');

    expect(lastEphemeral()).toContain('expired before you answered');
    expect(await pairRows()).toHaveLength(0);
    expect(buttonsOf(current(first))).toEqual([]);
    expect(openProposalTo(JADE)).toBeDefined();
  });

  it('tells a mentee nobody fits once, then again only when a mentor is proposed', async () => {
    await seedMember(db(), { userId: SENIOR, level: 6 });
    await seedRequest(db(), { userId: SENIOR, topics: ['Accessibility', 'Sustainability'] });
    // Jade is too senior, and June teaches something else: nobody fits.
    await seedMember(db(), { userId: JADE, level: 6 });
    await seedOffer(db(), { userId: JADE, topics: ['Accessibility'] });
    await seedMember(db(), { userId: JUNIOR, level: 1 });
    await seedOffer(db(), { userId: JUNIOR, topics: ['Social media'] });

    const firstRun = await match();
    expect(firstRun).toMatchObject({ waitlisted: 1, newlyWaitlisted: 1, proposed: [] });
    const waitlist = dmsTo(SENIOR);
    expect(waitlist).toHaveLength(1);
    expect(blockKitProblems('message', waitlist[0] as unknown as Record<string, unknown>)).toEqual([]);
    expect(allText(waitlist[0])).toContain("you're on the waitlist");
    expect(allText(waitlist[0])).toContain('Accessibility, Sustainability');

    await match();
    t.clock.advance(DAY);
    await t.tick();
    expect(dmsTo(SENIOR)).toHaveLength(1);

    await seedMember(db(), { userId: VERA, level: 2 });
    await seedOffer(db(), { userId: VERA, topics: ['Sustainability'] });
    await match();
    expect(dmsTo(SENIOR)).toHaveLength(2);
    expect(allText(dmsTo(SENIOR).at(-1))).toContain('a mentor has become available');
    expect(openProposalTo(VERA)).toBeDefined();
  });

  it('keeps going when Slack fails for one proposal, and withdraws the one nobody saw', async () => {
    await seedMember(db(), { userId: JUNIOR, level: 1 });
    await seedOffer(db(), { userId: JUNIOR, topics: ['Social media'] });
    await seedMember(db(), { userId: JADE, level: 1 });
    await seedOffer(db(), { userId: JADE, topics: ['Accessibility'] });
    await seedMember(db(), { userId: SENIOR, level: 5 });
    await seedRequest(db(), { userId: SENIOR, topics: ['Social media'] });
    await seedMember(db(), { userId: VERA, level: 5 });
    await seedRequest(db(), { userId: VERA, topics: ['Accessibility'] });
    t.fake.failChannel(t.fake.channelFor([JUNIOR]), 'channel_not_found');

    const run = await match();

    expect(run.proposed.map((p) => p.mentor.userId)).toEqual([JADE]);
    expect(openProposalTo(JADE)).toBeDefined();
    expect((await proposalRows(db())).map((p) => [p.mentorId, p.status])).toEqual([
      [JUNIOR, 'cancelled'],
      [JADE, 'pending'],
    ]);
    expect(t.logs.some((line) => line.includes('could not ask the mentor'))).toBe(true);
    // Sam was not told about a mentor who never got the question.
    expect(dmsTo(SENIOR)).toHaveLength(0);
  });
});

// --- who may be matched, and who may answer -------------------------------------------------------------

describe('matching: rules at the edges', () => {
  it('leaves paused members and excluded people out', async () => {
    const later = new Date(t.clock.now().getTime() + 7 * DAY);
    await seedMember(db(), { userId: JUNIOR, level: 1, pausedAt: t.clock.now(), pausedUntil: later });
    await seedOffer(db(), { userId: JUNIOR, topics: ['Social media'] });
    await seedMember(db(), { userId: JADE, level: 1 });
    await seedOffer(db(), { userId: JADE, topics: ['Social media'] });
    await seedMember(db(), { userId: SENIOR, level: 5 });
    await seedRequest(db(), { userId: SENIOR, topics: ['Social media'] });
    // Jade asked not to be matched with Sam: it holds for Sam's request too.
    await seedExclusion(db(), JADE, SENIOR);

    expect((await match()).proposed).toEqual([]);

    // Once June's pause is over, June is asked.
    t.clock.advance(8 * DAY);
    const run = await match();
    expect(run.proposed.map((p) => p.mentor.userId)).toEqual([JUNIOR]);
  });

  it("never finds another workspace's proposal, and only the mentor can answer", async () => {
    await seedJuniorAndSenior();
    // Jade mentors too, and could be tempted to take June's mentee.
    await seedMember(db(), { userId: JADE, level: 1 });
    await seedOffer(db(), { userId: JADE, topics: ['Accessibility'] });
    await match();
    const proposal = openProposalTo(JUNIOR)!;
    const before = await allRows(db());

    await press(JUNIOR, proposal, 'proposal_accept', 'T0OTHER');
    expect(lastEphemeral()).toContain("I couldn't find that proposal");
    for (const outsider of [SENIOR, JADE]) {
      for (const action of ['proposal_accept', 'proposal_decline'] as const) {
        await press(outsider, proposal, action);
        expect(lastEphemeral()).toContain('sent to someone else');
      }
    }

    expect(await allRows(db())).toEqual(before);
    expect(await pairRows()).toHaveLength(0);
    expect((await proposalRows(db())).map((p) => p.status)).toEqual(['pending']);
    expect(current(proposal).updates).toBe(0);
    expect(groupOpens()).toHaveLength(0);
  });

  it('refuses an Accept whose value is not an id, even when it would read as the mentor’s own proposal', async () => {
    await seedJuniorAndSenior();
    await match();
    const proposal = openProposalTo(JUNIOR)!;
    expect((await proposalRows(db())).map((p) => p.id)).toEqual([1]);
    const before = await allRows(db());

    // Slack always sends a string; a forged `true` or `[1]` once read as proposal 1.
    for (const value of [true, [1], '1.0', ' 1', '0x1']) {
      await t.click({
        userId: JUNIOR,
        actionId: 'proposal_accept',
        value: value as unknown as string,
        message: { channel: proposal.channel, ts: proposal.ts },
      });
      expect(lastEphemeral()).toContain("I couldn't find that proposal");
    }

    expect(await allRows(db())).toEqual(before);
    expect(groupOpens()).toHaveLength(0);
  });

  it('closes a proposal politely when the mentee leaves the programme', async () => {
    await seedJuniorAndSenior();
    await match();
    const proposal = openProposalTo(JUNIOR)!;

    await t.command(SENIOR, 'leave');
    await t.submit({ userId: SENIOR, callbackId: SELF_SERVICE_CALLBACKS.leave, values: {} });

    // The mentor's message loses its buttons at once and no longer names the mentee.
    expect(buttonsOf(current(proposal))).toEqual([]);
    expect(allText(current(proposal))).toContain('your colleague is no longer taking part');
    expect(allText(current(proposal))).not.toContain('Sam Senior');
    expect(await proposalRows(db())).toEqual([
      expect.objectContaining({ status: 'cancelled', menteeId: null }),
    ]);
    // A mentor whose Slack still shows the old buttons gets a polite answer, and nothing is paired.
    await press(JUNIOR, proposal, 'proposal_accept');
    expect(lastEphemeral()).toContain('withdrawn');
    expect(await pairRows()).toHaveLength(0);
    expect(groupOpens()).toHaveLength(0);
  });

  it('matches every workspace with open requests once per UTC day on the schedule', async () => {
    await seedJuniorAndSenior();
    await t.tick();
    expect(openProposalTo(JUNIOR)).toBeDefined();
    const { jobRuns } = tablesOf(db());
    const [lastRun] = await db().select().from(jobRuns).where(eq(jobRuns.job, DAILY_MATCH_JOB));
    expect(lastRun?.lastRunAt.getTime()).toBe(t.clock.now().getTime());

    // Same day: a new request waits for tomorrow's run (submissions run matching themselves).
    await seedMember(db(), { userId: JADE, level: 1 });
    await seedOffer(db(), { userId: JADE, topics: ['Accessibility'] });
    await seedMember(db(), { userId: VERA, level: 5 });
    await seedRequest(db(), { userId: VERA, topics: ['Accessibility'] });
    t.clock.advance(2 * HOUR);
    await t.tick();
    expect(openProposalTo(JADE)).toBeUndefined();

    t.clock.advance(DAY);
    await t.tick();
    expect(openProposalTo(JADE)).toBeDefined();
  });
});

// --- end to end through the offer and find modals ---------------------------------------------------------

describe('matching: from /mentor offer and /mentor find to an introduction', () => {
  it('a junior who offers and a senior who asks for a shared topic end up introduced after the junior accepts', async () => {
    t.fake.addUser({ id: JUNIOR, teamId: TEAM, name: 'june', realName: 'June Junior', tz: 'Europe/London' });
    t.fake.addUser({ id: SENIOR, teamId: TEAM, name: 'sam', realName: 'Sam Senior', tz: 'America/New_York' });
    const [socialMedia, video] = await topicIds(db(), ['Social media', 'Short-form video']);

    await t.command(JUNIOR, 'offer');
    await t.submit({
      userId: JUNIOR,
      callbackId: 'mentor_offer',
      values: signupFormValues({
        topics: [socialMedia!, video!],
        level: '1',
        department: 'Engineering',
        capacity: '1',
      }),
    });
    // Nobody to mentor yet: no proposal.
    expect(openProposalTo(JUNIOR)).toBeUndefined();

    await t.command(SENIOR, 'find');
    await t.submit({
      userId: SENIOR,
      callbackId: 'mentor_find',
      values: signupFormValues({
        topics: [video!],
        level: '6',
        department: 'Sales',
        goals: 'Post one video a month',
      }),
    });

    // The find submission ran matching: June is asked, Sam is told.
    const proposal = openProposalTo(JUNIOR)!;
    expect(allText(proposal)).toContain('Sam Senior');
    expect(allText(proposal)).toContain('Post one video a month');
    expect(allText(dmsTo(SENIOR).at(-1))).toContain('we found a mentor for you');

    await press(JUNIOR, proposal, 'proposal_accept');

    const channel = t.fake.channelFor([JUNIOR, SENIOR]);
    expect(groupOpens().map((call) => String(call.params.users).split(',').sort())).toEqual([
      [JUNIOR, SENIOR].sort(),
    ]);
    expect(allText(t.fake.messages(channel)[0])).toContain('Short-form video');
    expect(await pairRows()).toEqual([
      expect.objectContaining({
        mentorId: JUNIOR,
        menteeId: SENIOR,
        channelId: channel,
        sharedTopics: ['Short-form video'],
      }),
    ]);
  });
});
