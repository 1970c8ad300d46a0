// The App Home tab: what a newcomer, a mentor, a mentee and an admin see, and every button on it, also when
// clicked twice or after the state changed.
import { and, eq } from 'drizzle-orm';
import type { FakeUser } from '../../dev/fake-slack-server';
import { tablesOf } from '../../src/storage/tables';
import {
  SELF_SERVICE_ACTIONS,
  SELF_SERVICE_CALLBACKS,
  SELF_SERVICE_FIELDS,
} from '../../src/views/self-service-ids';
import { FIND_CALLBACK_ID, OFFER_CALLBACK_ID } from '../../src/views/signup-modals';
import { blockKitProblems } from '../support/block-kit-limits';
import { ADA, asFakeUsers, BEN, CARA, pairRow } from '../support/seed-programme';
import { seedSelfServiceCast } from '../support/self-service-cast';
import { allRows, countRows, failUpdatesOf } from '../support/test-database';
import { startTestApp, TEAM, type TestApp } from '../support/test-app';
import { DAY } from '../support/test-clock';

const NEWBIE = 'U0NEWBIE';
const ADMIN = 'U0ADMIN';
const OWNER = 'U0OWNER';
const USERS: FakeUser[] = [
  ...asFakeUsers([ADA, BEN, CARA]),
  { id: NEWBIE, teamId: TEAM, name: 'Newbie' },
  { id: ADMIN, teamId: TEAM, name: 'Programme Admin' },
  { id: OWNER, teamId: TEAM, name: 'Workspace Owner', isOwner: true },
];

let t: TestApp;
let pairId: number;

const db = () => t.app.context.db;

async function openHome(userId: string, tab = 'home') {
  const response = await t.event({ type: 'app_home_opened', user: userId, channel: 'D0HOME', tab });
  expect(response.status).toBe(200);
}

/** The user's Home tab as last published, checked against the Block Kit limits. */
function homeOf(userId: string): { view: Record<string, unknown>; text: string; actions: string[] } {
  const call = t.fake
    .calls('views.publish')
    .filter((c) => c.params.user_id === userId)
    .at(-1);
  if (call === undefined) throw new Error(`no Home published for ${userId}`);
  const view = call.params.view as Record<string, unknown>;
  expect(view.type).toBe('home');
  expect(blockKitProblems('home', view)).toEqual([]);
  const text = JSON.stringify(view.blocks);
  const actions = [...text.matchAll(/"action_id":"([a-z_]+)"/g)].map((m) => m[1] ?? '');
  return { view, text, actions };
}

const lastModal = () => t.fake.calls('views.open').at(-1)?.params.view as Record<string, unknown>;
const press = (userId: string, actionId: string, value?: string) =>
  t.click({ userId, actionId, ...(value === undefined ? {} : { value }), viewId: 'V0HOME' });
const memberOf = async (userId: string) => {
  const { members } = tablesOf(db());
  const [row] = await db()
    .select()
    .from(members)
    .where(and(eq(members.teamId, TEAM), eq(members.userId, userId)));
  return row;
};

beforeEach(async () => {
  t = await startTestApp({ users: USERS, env: { MENTOR_ADMINS: ADMIN } });
  // Cara waits on a topic nobody offers, so no proposal is made for her.
  ({ pairId } = await seedSelfServiceCast(db(), t.fake, t.clock.now(), {
    prompt: 'unanswered',
    caraWaits: { topic: 'Accessibility', days: 5 },
  }));
});

afterEach(async () => {
  await t.close();
});

describe('what the Home tab shows', () => {
  it('invites a newcomer to offer or find, and stores nothing about them', async () => {
    const before = await countRows(db());
    await openHome(NEWBIE);
    const home = homeOf(NEWBIE);
    expect(home.text).toContain("You're not taking part yet");
    expect(home.actions).toEqual([SELF_SERVICE_ACTIONS.offer, SELF_SERVICE_ACTIONS.find]);
    expect(home.text).not.toContain('Programme at a glance');
    expect(await countRows(db())).toEqual(before);
  });

  it('shows a mentor their offer and pair, with Pause, End and Leave', async () => {
    await openHome(ADA.userId);
    const home = homeOf(ADA.userId);
    expect(home.text).toContain('*Your offer to mentor*');
    expect(home.text).toContain('*1 place free* (1 pairing)');
    expect(home.text).toContain(`<@${BEN.userId}> — you mentor them`);
    expect(home.text).toContain('prompts: 1 sent, 0 answered');
    expect(home.actions).toEqual([
      SELF_SERVICE_ACTIONS.endPair,
      SELF_SERVICE_ACTIONS.offer,
      SELF_SERVICE_ACTIONS.find,
      SELF_SERVICE_ACTIONS.pause,
      SELF_SERVICE_ACTIONS.end,
      SELF_SERVICE_ACTIONS.leave,
    ]);
    expect(home.text).toContain('Edit my offer');
    expect(home.text).not.toContain('Programme at a glance');
  });

  it('shows a mentee their mentor, and a waiting mentee their request', async () => {
    await openHome(BEN.userId);
    expect(homeOf(BEN.userId).text).toContain(`<@${ADA.userId}> — they mentor you`);
    await openHome(CARA.userId);
    const cara = homeOf(CARA.userId);
    expect(cara.text).toContain('*Your request for a mentor*');
    expect(cara.text).toContain('Edit my request');
    expect(cara.actions).not.toContain(SELF_SERVICE_ACTIONS.end);
  });

  it('shows programme admins and workspace owners the headline figures and a Full report button', async () => {
    for (const admin of [ADMIN, OWNER]) {
      await openHome(admin);
      const home = homeOf(admin);
      expect(home.text).toContain('Programme at a glance');
      expect(home.text).toContain('*Mentors with an open offer*\\n1');
      expect(home.text).toContain('*Mentees waiting*\\n1');
      expect(home.text).toContain('*Pairs active / paused / ended*\\n1 / 0 / 0');
      expect(home.text).toContain('Accessibility (1 more mentee than mentors)');
      expect(home.actions).toContain(SELF_SERVICE_ACTIONS.fullReport);
    }
    // A programme admin who is not taking part is not stored just for looking at the tab.
    expect(await memberOf(ADMIN)).toBeUndefined();
  });

  it('ignores the Messages tab', async () => {
    await openHome(ADA.userId, 'messages');
    expect(t.fake.calls('views.publish')).toHaveLength(0);
  });

  it('is republished when the person’s state changes', async () => {
    await t.command(ADA.userId, 'pause');
    expect(homeOf(ADA.userId).actions).toContain(SELF_SERVICE_ACTIONS.resume);
    expect(homeOf(ADA.userId).text).toContain('You are taking a break');
    expect(homeOf(BEN.userId).text).toContain('paused: your partner is taking a break');
    await t.command(ADA.userId, 'resume');
    expect(homeOf(ADA.userId).actions).toContain(SELF_SERVICE_ACTIONS.pause);
  });
});

describe('the Home tab buttons', () => {
  it('Offer mentoring and Find a mentor open the same modals as the commands', async () => {
    await press(ADA.userId, SELF_SERVICE_ACTIONS.offer);
    expect(lastModal().callback_id).toBe(OFFER_CALLBACK_ID);
    await press(NEWBIE, SELF_SERVICE_ACTIONS.find);
    expect(lastModal().callback_id).toBe(FIND_CALLBACK_ID);
  });

  it('Pause asks for how long, pauses, and says so when pressed again', async () => {
    await press(ADA.userId, SELF_SERVICE_ACTIONS.pause);
    const modal = lastModal();
    expect(modal.callback_id).toBe(SELF_SERVICE_CALLBACKS.pause);
    expect(blockKitProblems('modal', modal)).toEqual([]);

    const choose = (value: string) =>
      t.submit({
        userId: ADA.userId,
        callbackId: SELF_SERVICE_CALLBACKS.pause,
        values: {
          [SELF_SERVICE_FIELDS.pauseWeeks]: {
            [SELF_SERVICE_FIELDS.pauseWeeks]: { type: 'static_select', selected_option: { value } },
          },
        },
      });
    const tampered = (await choose('1000')).json() as {
      response_action: string;
      errors: Record<string, string>;
    };
    expect(tampered.response_action).toBe('errors');
    expect(Object.keys(tampered.errors)).toEqual([SELF_SERVICE_FIELDS.pauseWeeks]);
    expect((await memberOf(ADA.userId))?.pausedAt).toBeNull();

    const paused = (await choose('2')).json() as { response_action: string; view: Record<string, unknown> };
    expect(paused.response_action).toBe('update');
    expect(JSON.stringify(paused.view.blocks)).toContain('You are on a break until <!date^');
    expect((await memberOf(ADA.userId))?.pausedUntil).toEqual(new Date(t.clock.now().getTime() + 14 * DAY));
    expect(homeOf(ADA.userId).actions).toContain(SELF_SERVICE_ACTIONS.resume);

    // A stale Home tab still shows Pause: pressing it says what is true now.
    await press(ADA.userId, SELF_SERVICE_ACTIONS.pause);
    expect(JSON.stringify(lastModal().blocks)).toContain('You are already on a break');
    // The pause modal submitted twice changes nothing either.
    const again = (await choose('4')).json() as { view: Record<string, unknown> };
    expect(JSON.stringify(again.view.blocks)).toContain('You are already on a break');
    expect((await memberOf(ADA.userId))?.pausedUntil).toEqual(new Date(t.clock.now().getTime() + 14 * DAY));
  });

  it('Resume ends the break, and says so when there is none', async () => {
    await t.command(ADA.userId, 'pause');
    await press(ADA.userId, SELF_SERVICE_ACTIONS.resume);
    expect(JSON.stringify(lastModal().blocks)).toContain('Welcome back');
    expect((await memberOf(ADA.userId))?.pausedAt).toBeNull();
    expect((await pairRow(db(), pairId)).status).toBe('active');

    const publishes = t.fake.calls('views.publish').length;
    await press(ADA.userId, SELF_SERVICE_ACTIONS.resume);
    expect(JSON.stringify(lastModal().blocks)).toContain('You are not on a break');
    // The stale tab is redrawn so the button matches the state.
    expect(t.fake.calls('views.publish').length).toBeGreaterThan(publishes);
    expect(homeOf(ADA.userId).actions).toContain(SELF_SERVICE_ACTIONS.pause);
  });

  it('End a pairing and the End button beside a pair open the feedback modal, and say so once it ended', async () => {
    await press(ADA.userId, SELF_SERVICE_ACTIONS.end);
    expect(lastModal().callback_id).toBe(SELF_SERVICE_CALLBACKS.feedback);
    await press(ADA.userId, SELF_SERVICE_ACTIONS.endPair, String(pairId));
    expect(JSON.parse(String(lastModal().private_metadata))).toEqual({ pairId, mode: 'end' });

    const { pairs } = tablesOf(db());
    await db()
      .update(pairs)
      .set({ status: 'ended', endedAt: t.clock.now(), endedBy: BEN.userId })
      .where(eq(pairs.id, pairId));
    await press(ADA.userId, SELF_SERVICE_ACTIONS.endPair, String(pairId));
    expect(JSON.stringify(lastModal().blocks)).toContain('This pairing has already ended');
    await press(ADA.userId, SELF_SERVICE_ACTIONS.end);
    expect(JSON.stringify(lastModal().blocks)).toContain('You have no pairing to end');
    expect(homeOf(ADA.userId).actions).not.toContain(SELF_SERVICE_ACTIONS.end);
    // Garbage is no way in either.
    await press(ADA.userId, SELF_SERVICE_ACTIONS.endPair, '1e9');
    expect(JSON.stringify(lastModal().blocks)).toContain('This pairing has already ended');
  });

  it('the End button with someone else’s active pair opens no feedback form and changes nothing', async () => {
    const before = await allRows(db());
    const opened = t.fake.calls('views.open').length;
    await press(CARA.userId, SELF_SERVICE_ACTIONS.endPair, String(pairId));
    expect(t.fake.calls('views.open')).toHaveLength(opened + 1);
    expect(lastModal().callback_id).not.toBe(SELF_SERVICE_CALLBACKS.feedback);
    expect(JSON.stringify(lastModal())).not.toContain(String(pairId));
    expect(await allRows(db())).toEqual(before);
    expect((await pairRow(db(), pairId)).status).toBe('active');
  });

  it('answers a failure behind a button with a short apology', async () => {
    await t.command(ADA.userId, 'pause');
    await failUpdatesOf(db(), 'members', 'disk on fire');
    await press(ADA.userId, SELF_SERVICE_ACTIONS.resume);
    expect(JSON.stringify(lastModal().blocks)).toContain('Sorry, something went wrong on our side');
    const failure = t.logs.filter((line) => line.includes('button failed'));
    expect(failure.some((line) => line.includes('disk on fire'))).toBe(true);
    // Not the failed query with its parameters, which name the person.
    expect(failure.join('\n')).not.toContain(ADA.userId);
  });

  it('Leave the programme opens the confirmation modal', async () => {
    await press(ADA.userId, SELF_SERVICE_ACTIONS.leave);
    expect(lastModal().callback_id).toBe(SELF_SERVICE_CALLBACKS.leave);
  });

  it('after leaving, names the workspace’s own programme, not the built-in one', async () => {
    await t.app.context.repos.settings.save({
      teamId: TEAM,
      actorId: ADMIN,
      overrides: { programmeName: 'Learn Together' },
      at: t.clock.now(),
    });
    await press(ADA.userId, SELF_SERVICE_ACTIONS.leave);
    await t.submit({ userId: ADA.userId, callbackId: SELF_SERVICE_CALLBACKS.leave, values: {} });
    const { view, text } = homeOf(ADA.userId);
    expect(text).toContain('You have left Learn Together and your data has been erased');
    expect((view.blocks as { text?: { text?: string } }[])[0]?.text?.text).toBe('Learn Together');
    expect(text).not.toContain('Mentor Circles');
  });

  it('Full report sends the report to an admin’s DM, and refuses anyone else', async () => {
    await press(ADMIN, SELF_SERVICE_ACTIONS.fullReport);
    expect(JSON.stringify(lastModal().blocks)).toContain('on its way');
    const report = t.fake.messages(t.fake.channelFor([ADMIN])).at(-1);
    expect(JSON.stringify(report?.blocks)).toContain('Mentor Circles programme report');

    await press(ADA.userId, SELF_SERVICE_ACTIONS.fullReport);
    expect(JSON.stringify(lastModal().blocks)).toContain('for programme admins only');
    expect(t.fake.messages(t.fake.channelFor([ADA.userId]))).toHaveLength(0);
  });
});
