// Pair health: what needs a human — pairs quiet for two weeks or more, pairs whose prompts fail, proposals
// about to expire, mentees waiting longest, topics short of mentors — paged within Slack's limits at any size,
// and the admin's actions on it: nudge a pair, end a pairing (the reason kept for admins), run matching now,
// suggest an eligible mentor. Every action is refused for anyone who is not an admin, with nothing changed.
import { and, eq } from 'drizzle-orm';
import { tablesOf } from '../../src/storage/tables';
import { ADMIN_ACTIONS, ADMIN_CALLBACKS, ADMIN_FIELDS } from '../../src/views/admin-ids';
import { HEALTH_PAGE_SIZE } from '../../src/views/admin-pair-health';
import { lastModal, pressAdmin, textOf } from '../support/admin-steps';
import {
  asFakeUsers,
  personInLondon,
  seedDelivery,
  seedMember,
  seedOffer,
  seedPair,
  seedProposal,
  seedRequest,
  seedRunningPair,
} from '../support/seed-programme';
import { DAY, HOUR } from '../support/test-clock';
import { allRows, rowsOf } from '../support/test-database';
import { startTestApp, TEAM, type TestApp } from '../support/test-app';

const ADMIN = 'U0ADMIN';
const OUTSIDER = 'U0OUTSIDER';
const ADA = personInLondon('U0ADA', 'Ada Junior', 1, 'Engineering');
const BEN = personInLondon('U0BEN', 'Ben Senior', 5, 'Sales');
const CARA = personInLondon('U0CARA', 'Cara Senior', 4, 'Marketing');
const DAN = personInLondon('U0DAN', 'Dan Senior', 6, 'Finance');
const EVE = personInLondon('U0EVE', 'Eve Junior', 2, 'Support');
const FAY = personInLondon('U0FAY', 'Fay Senior', 5, 'Legal');
const GUS = personInLondon('U0GUS', 'Gus Senior', 6, 'Legal');
const CAST = [ADA, BEN, CARA, DAN, EVE, FAY, GUS];

let t: TestApp;
const db = () => t.app.context.db;
const now = () => t.clock.now();
const ago = (ms: number) => new Date(now().getTime() - ms);
const dmsTo = (userId: string) => t.fake.messages(t.fake.channelFor([userId]));
const auditRows = () => rowsOf(db(), 'select action, subject, actor_id from audit_entries order by id');

beforeEach(async () => {
  t = await startTestApp({
    users: [
      ...asFakeUsers(CAST),
      { id: ADMIN, teamId: TEAM, name: 'Admin' },
      { id: OUTSIDER, teamId: TEAM, name: 'Outsider' },
    ],
    env: { MENTOR_ADMINS: ADMIN },
  });
});

afterEach(async () => {
  await t.close();
});

/** A running pair of ADA and BEN, started a month ago, whose last answer was `answeredDaysAgo` days ago. */
async function quietPair(answeredDaysAgo: number, offerId?: number) {
  const pair = await seedRunningPair(db(), t.fake, { mentor: ADA, mentee: BEN, startedAt: ago(30 * DAY) });
  if (offerId !== undefined) {
    const { pairs } = tablesOf(db());
    await db().update(pairs).set({ offerId }).where(eq(pairs.id, pair.pairId));
  }
  await seedDelivery(db(), {
    pairId: pair.pairId,
    channelId: pair.channelId,
    weekKey: '2026-W45',
    sentAt: ago((answeredDaysAgo + 1) * DAY),
    answeredAt: ago(answeredDaysAgo * DAY),
  });
  return pair;
}

const openHealth = async (userId = ADMIN) => {
  await pressAdmin(t, userId, ADMIN_ACTIONS.pairHealth);
  return t.fake.lastViewId() ?? '';
};

describe('the pair-health view', () => {
  it('lists quiet and failing pairs, expiring proposals, mentees waiting longest and topic shortages', async () => {
    const quiet = await quietPair(20);
    // A pair that talked two days ago is not quiet.
    const lively = await seedRunningPair(db(), t.fake, {
      mentor: EVE,
      mentee: FAY,
      startedAt: ago(30 * DAY),
    });
    await seedDelivery(db(), {
      pairId: lively.pairId,
      channelId: lively.channelId,
      weekKey: '2026-W47',
      sentAt: ago(3 * DAY),
      answeredAt: ago(2 * DAY),
    });
    // A pair whose latest prompt failed (it started recently, so it is not quiet).
    await seedMember(db(), GUS);
    const failing = await seedPair(db(), {
      mentor: { userId: EVE.userId },
      mentee: { userId: GUS.userId },
      channelId: 'G0GONE',
      startedAt: ago(5 * DAY),
    });
    const { promptDeliveries } = tablesOf(db());
    await db()
      .insert(promptDeliveries)
      .values({
        teamId: TEAM,
        pairId: failing,
        weekKey: '2026-W48',
        promptText: 'q',
        status: 'failed',
        error: 'channel_not_found',
        reservedAt: ago(HOUR),
      });
    // A proposal expiring in ten hours, and one expiring in three days (not listed).
    await seedMember(db(), CARA);
    const caraRequest = await seedRequest(db(), { userId: CARA.userId, topics: ['Social media'] });
    await seedProposal(db(), {
      mentor: ADA,
      mentee: CARA,
      requestId: caraRequest,
      offerId: null,
      expiresAt: new Date(now().getTime() + 10 * HOUR),
    });
    await seedMember(db(), DAN);
    const danRequest = await seedRequest(db(), { userId: DAN.userId, topics: ['Social media'] });
    await seedProposal(db(), {
      mentor: EVE,
      mentee: DAN,
      requestId: danRequest,
      offerId: null,
      expiresAt: new Date(now().getTime() + 3 * DAY),
    });
    // A mentee waiting nine days on a topic nobody offers.
    await seedRequest(db(), { userId: FAY.userId, topics: ['Short-form video'], createdAt: ago(9 * DAY) });

    await openHealth();
    const text = textOf(lastModal(t));
    expect(text).toContain(`<@${ADA.userId}> and <@${BEN.userId}>: quiet for 20 days`);
    expect(text).not.toContain(`<@${EVE.userId}> and <@${FAY.userId}>`);
    expect(text).toContain(`<@${EVE.userId}> and <@${GUS.userId}>: channel_not_found`);
    expect(text).toContain(`<@${CARA.userId}> is waiting for <@${ADA.userId}>'s answer: expires in 10 hours`);
    expect(text).not.toContain(`<@${DAN.userId}> is waiting`);
    expect(text).toContain(`<@${FAY.userId}>: waiting 9 days`);
    expect(text).not.toContain(`<@${CARA.userId}>: waiting`);
    expect(text).toContain('*Short-form video*: 1 mentee, 0 mentors');
    const buttons = lastModal(t).blocks as {
      type: string;
      elements?: { action_id: string; value?: string }[];
    }[];
    const values = (actionId: string) =>
      buttons
        .flatMap((b) => b.elements ?? [])
        .filter((e) => e.action_id === actionId)
        .map((e) => e.value);
    expect(values(ADMIN_ACTIONS.nudgePair)).toEqual([String(failing), String(quiet.pairId)]);
    expect(values(ADMIN_ACTIONS.endPair)).toEqual([String(failing), String(quiet.pairId)]);
    expect(values(ADMIN_ACTIONS.suggestMentor)).toHaveLength(1);
  });

  it('says so when nothing needs attention', async () => {
    await openHealth();
    expect(textOf(lastModal(t))).toContain('Nothing needs attention right now.');
  });

  it('pages through thousands of waiting mentees within the block limits', async () => {
    const { requests } = tablesOf(db());
    const total = 3000;
    const rows = Array.from({ length: total }, (_, i) => ({
      teamId: TEAM,
      userId: `U0W${String(i).padStart(5, '0')}`,
      createdAt: ago((i % 60) * DAY),
    }));
    for (let i = 0; i < rows.length; i += 500)
      await db()
        .insert(requests)
        .values(rows.slice(i, i + 500));
    const modal = await openHealth();
    const pages = Math.ceil(total / HEALTH_PAGE_SIZE);
    expect(textOf(lastModal(t))).toContain(`Page 1 of ${pages} (${total} items).`);
    expect(textOf(lastModal(t))).toContain('waiting 59 days');
    await pressAdmin(t, ADMIN, ADMIN_ACTIONS.pairHealthPage, { value: String(pages - 1), modal });
    expect(t.fake.calls('views.update').at(-1)?.params.view_id).toBe(modal);
    expect(textOf(lastModal(t))).toContain(`Page ${pages} of ${pages}`);
    expect(textOf(lastModal(t))).toContain('waiting 0 days');
  });
});

describe('actions on pair health', () => {
  it('nudges a pair with a friendly note in their group DM, recorded in the audit log', async () => {
    const pair = await quietPair(20);
    const modal = await openHealth();
    await pressAdmin(t, ADMIN, ADMIN_ACTIONS.nudgePair, { value: String(pair.pairId), modal });
    expect(t.fake.messages(pair.channelId).at(-1)?.text).toContain('Hello from the programme team');
    expect(textOf(lastModal(t))).toContain('The pair has been sent a friendly note.');
    expect(await auditRows()).toEqual([
      { action: 'pair.nudged', subject: `pair ${pair.pairId}`, actor_id: ADMIN },
    ]);
  });

  it('says so when Slack will not take the nudge, and records nothing', async () => {
    const pair = await quietPair(20);
    t.fake.failChannel(pair.channelId, 'is_archived');
    const modal = await openHealth();
    await pressAdmin(t, ADMIN, ADMIN_ACTIONS.nudgePair, { value: String(pair.pairId), modal });
    expect(textOf(lastModal(t))).toContain('Slack would not take the message');
    expect(await auditRows()).toEqual([]);
  });

  it('ends a pairing: the reason stays with the admins, both are told kindly, the place is matched again', async () => {
    await seedMember(db(), ADA);
    const offer = await seedOffer(db(), { userId: ADA.userId, topics: ['Social media'], capacity: 1 });
    const pair = await quietPair(20, offer);
    // Cara waits for a mentor Ada could be, once her place is free.
    await seedMember(db(), CARA);
    await seedRequest(db(), { userId: CARA.userId, topics: ['Social media'] });
    // Ben's DM fails: Ada is still told, and matching still runs.
    t.fake.failChannel(t.fake.channelFor([BEN.userId]), 'account_inactive');
    const modal = await openHealth();
    await pressAdmin(t, ADMIN, ADMIN_ACTIONS.endPair, { value: String(pair.pairId), modal });
    expect(lastModal(t).callback_id).toBe(ADMIN_CALLBACKS.endPair);

    const empty = await t.submit({
      userId: ADMIN,
      callbackId: ADMIN_CALLBACKS.endPair,
      privateMetadata: String(pair.pairId),
      values: {
        [ADMIN_FIELDS.endReason]: { [ADMIN_FIELDS.endReason]: { type: 'plain_text_input', value: '  ' } },
      },
    });
    expect(empty.json()).toEqual({
      response_action: 'errors',
      errors: { [ADMIN_FIELDS.endReason]: expect.any(String) },
    });
    expect((await rowsOf(db(), `select status from pairs where id = ${pair.pairId}`))[0]?.status).toBe(
      'active',
    );

    const reason = 'Ben asked privately to stop';
    const answer = await t.submit({
      userId: ADMIN,
      callbackId: ADMIN_CALLBACKS.endPair,
      privateMetadata: String(pair.pairId),
      values: {
        [ADMIN_FIELDS.endReason]: { [ADMIN_FIELDS.endReason]: { type: 'plain_text_input', value: reason } },
      },
    });
    expect(textOf(answer.json())).toContain('The pairing has ended');
    const [row] = await rowsOf(db(), `select status, ended_by from pairs where id = ${pair.pairId}`);
    expect(row).toEqual({ status: 'ended', ended_by: ADMIN });
    expect(dmsTo(ADA.userId).at(0)?.text).toContain(
      'The programme team has brought your Mentor Circles pairing to a close',
    );
    // The reason is in the audit log and nowhere else: not in any message, not in any other table.
    expect(JSON.stringify(t.fake.messages())).not.toContain(reason);
    const tablesWithReason = Object.entries(await allRows(db()))
      .filter(([, rows]) => JSON.stringify(rows).includes(reason))
      .map(([table]) => table);
    expect(tablesWithReason).toEqual(['audit_entries']);
    const [audit] = await rowsOf(db(), `select action, after from audit_entries`);
    expect(audit?.action).toBe('pair.ended');
    const after: unknown = typeof audit?.after === 'string' ? JSON.parse(audit.after) : audit?.after;
    expect(after).toEqual({ status: 'ended', reason });
    // Ada's place went back to matching: Cara is proposed to her.
    const proposals = await rowsOf(db(), `select mentor_id, mentee_id, status from proposals`);
    expect(proposals).toEqual([{ mentor_id: ADA.userId, mentee_id: CARA.userId, status: 'pending' }]);
  });

  it('runs matching now and says what came of it', async () => {
    await seedMember(db(), ADA);
    await seedMember(db(), BEN);
    await seedOffer(db(), { userId: ADA.userId, topics: ['Social media'] });
    await seedRequest(db(), { userId: BEN.userId, topics: ['Social media'] });
    const modal = await openHealth();
    await pressAdmin(t, ADMIN, ADMIN_ACTIONS.runMatching, { modal });
    expect(textOf(lastModal(t))).toContain('Matching ran: 1 new proposal, 0 still waiting.');
    expect(await rowsOf(db(), 'select mentor_id, mentee_id from proposals')).toEqual([
      { mentor_id: ADA.userId, mentee_id: BEN.userId },
    ]);
    expect(await auditRows()).toEqual([{ action: 'matching.run', subject: 'matching', actor_id: ADMIN }]);
  });

  it('suggests only eligible mentors for a waiting mentee, and the chosen one is asked as usual', async () => {
    for (const person of [ADA, BEN, CARA, EVE, GUS]) await seedMember(db(), person);
    const request = await seedRequest(db(), {
      userId: BEN.userId,
      topics: ['Social media'],
      createdAt: ago(4 * DAY),
    });
    const adaOffer = await seedOffer(db(), { userId: ADA.userId, topics: ['Social media'] });
    const caraOffer = await seedOffer(db(), { userId: CARA.userId, topics: ['Social media'] });
    // Eve shares no topic; Gus is more senior than Ben; Cara is senior too (level 4 vs 5 passes the gap of 1).
    await seedOffer(db(), { userId: EVE.userId, topics: ['Short-form video'] });
    const gusOffer = await seedOffer(db(), { userId: GUS.userId, topics: ['Social media'] });
    const modal = await openHealth();
    await pressAdmin(t, ADMIN, ADMIN_ACTIONS.suggestMentor, { value: String(request), modal });
    const form = lastModal(t);
    expect(form.callback_id).toBe(ADMIN_CALLBACKS.suggestMentor);
    const options = [...textOf(form).matchAll(/"value":"(\d+)"/g)].map((m) => Number(m[1]));
    expect(options.sort()).toEqual([adaOffer, caraOffer].sort());
    expect(textOf(form)).toContain('Ada Junior');

    const choose = (offerId: number) =>
      t.submit({
        userId: ADMIN,
        callbackId: ADMIN_CALLBACKS.suggestMentor,
        privateMetadata: String(request),
        values: {
          [ADMIN_FIELDS.suggestedMentor]: {
            [ADMIN_FIELDS.suggestedMentor]: {
              type: 'static_select',
              selected_option: { text: { type: 'plain_text', text: 'x' }, value: String(offerId) },
            },
          },
        },
      });
    // A forged choice of someone the rules do not allow proposes nothing.
    expect(textOf((await choose(gusOffer)).json())).toContain('no longer fits');
    expect(await rowsOf(db(), 'select * from proposals')).toEqual([]);

    expect(textOf((await choose(adaOffer)).json())).toContain('The mentor has been asked');
    expect(await rowsOf(db(), 'select mentor_id, mentee_id, status from proposals')).toEqual([
      { mentor_id: ADA.userId, mentee_id: BEN.userId, status: 'pending' },
    ]);
    expect(dmsTo(ADA.userId).length).toBeGreaterThan(0);
    expect((await auditRows()).map((row) => row.action)).toEqual(['mentor.suggested']);
  });
});

describe('refused for anyone who is not a programme admin', () => {
  async function seedEverything() {
    await seedMember(db(), ADA);
    const offer = await seedOffer(db(), { userId: ADA.userId, topics: ['Social media'], capacity: 2 });
    const pair = await quietPair(20, offer);
    await seedMember(db(), CARA);
    const request = await seedRequest(db(), { userId: CARA.userId, topics: ['Social media'] });
    return { pair, offer, request };
  }

  it.each([
    ADMIN_ACTIONS.pairHealth,
    ADMIN_ACTIONS.pairHealthPage,
    ADMIN_ACTIONS.nudgePair,
    ADMIN_ACTIONS.endPair,
    ADMIN_ACTIONS.runMatching,
    ADMIN_ACTIONS.suggestMentor,
  ])('the %s button changes, sends and shows nothing', async (actionId) => {
    const { pair, request } = await seedEverything();
    const value = actionId === ADMIN_ACTIONS.suggestMentor ? String(request) : String(pair.pairId);
    const before = await allRows(db());
    const posted = t.fake.calls('chat.postMessage').length;
    await pressAdmin(t, OUTSIDER, actionId, { value });
    expect(await allRows(db())).toEqual(before);
    expect(t.fake.calls('chat.postMessage')).toHaveLength(posted);
    const shown = textOf(lastModal(t));
    expect(shown).toContain('Only programme admins can do that');
    expect(shown).not.toContain(BEN.userId);
  });

  it.each([
    [ADMIN_CALLBACKS.endPair, ADMIN_FIELDS.endReason],
    [ADMIN_CALLBACKS.suggestMentor, ADMIN_FIELDS.suggestedMentor],
  ])('the %s form changes and sends nothing', async (callbackId, field) => {
    const { pair, offer, request } = await seedEverything();
    const before = await allRows(db());
    const posted = t.fake.calls('chat.postMessage').length;
    const answer = await t.submit({
      userId: OUTSIDER,
      callbackId,
      privateMetadata: callbackId === ADMIN_CALLBACKS.endPair ? String(pair.pairId) : String(request),
      values: {
        [field]: {
          [field]:
            field === ADMIN_FIELDS.endReason
              ? { type: 'plain_text_input', value: 'forged' }
              : {
                  type: 'static_select',
                  selected_option: { text: { type: 'plain_text', text: 'x' }, value: String(offer) },
                },
        },
      },
    });
    expect(textOf(answer.json())).toContain('Only programme admins can do that');
    expect(await allRows(db())).toEqual(before);
    expect(t.fake.calls('chat.postMessage')).toHaveLength(posted);
    const { pairs } = tablesOf(db());
    expect(
      await db()
        .select({ status: pairs.status })
        .from(pairs)
        .where(and(eq(pairs.teamId, TEAM), eq(pairs.id, pair.pairId))),
    ).toEqual([{ status: 'active' }]);
  });
});
