// The weekly admin digest: an admin opts in from the admin section with a weekday and a local hour (their
// Slack time zone), and gets one DM a week with the headline figures and the pair-health list — exactly once,
// however many ticks or replicas; not before their hour; not at all when there is nothing to say.
import { ADMIN_ACTIONS, ADMIN_CALLBACKS, ADMIN_FIELDS } from '../../src/views/admin-ids';
import { lastModal, pressAdmin, textOf } from '../support/admin-steps';
import { seedDelivery, seedRunningPair } from '../support/seed-programme';
import { createTestClock, DAY, HOUR } from '../support/test-clock';
import { allRows, createAppDatabase, makeTempDir, rowsOf } from '../support/test-database';
import { startTestApp, TEAM, type TestApp } from '../support/test-app';

const ADMIN = 'U0ADMIN';
const OUTSIDER = 'U0OUTSIDER';
const USERS = [
  // 09:00 UTC on Monday is 04:00 in New York.
  { id: ADMIN, teamId: TEAM, name: 'Admin', tz: 'America/New_York' },
  { id: OUTSIDER, teamId: TEAM, name: 'Outsider', tz: 'Europe/London' },
];
const ENV = { MENTOR_ADMINS: ADMIN };
// A Monday.
const MONDAY_9_UTC = '2026-11-23T09:00:00Z';

const digestValues = (enabled: string, weekday: string, hour: string) => ({
  [ADMIN_FIELDS.digestEnabled]: {
    [ADMIN_FIELDS.digestEnabled]: {
      type: 'static_select',
      selected_option: { text: { type: 'plain_text', text: enabled }, value: enabled },
    },
  },
  [ADMIN_FIELDS.digestWeekday]: {
    [ADMIN_FIELDS.digestWeekday]: {
      type: 'static_select',
      selected_option: { text: { type: 'plain_text', text: weekday }, value: weekday },
    },
  },
  [ADMIN_FIELDS.digestHour]: { [ADMIN_FIELDS.digestHour]: { type: 'plain_text_input', value: hour } },
});

const optIn = (t: TestApp, userId = ADMIN, hour = '9', enabled = 'yes') =>
  t.submit({ userId, callbackId: ADMIN_CALLBACKS.digest, values: digestValues(enabled, 'monday', hour) });

const digestsTo = (t: TestApp, userId = ADMIN) =>
  t.fake.messages(t.fake.channelFor([userId])).filter((m) => m.text?.startsWith('Weekly digest'));

/** A pair quiet for three weeks: something for the digest to say. */
async function seedQuietPair(t: TestApp) {
  const pair = await seedRunningPair(t.app.context.db, t.fake, {
    mentor: { userId: 'U0ADA', timeZone: 'Europe/London' },
    mentee: { userId: 'U0BEN', timeZone: 'Europe/London' },
    startedAt: new Date(t.clock.now().getTime() - 40 * DAY),
  });
  await seedDelivery(t.app.context.db, {
    pairId: pair.pairId,
    channelId: pair.channelId,
    weekKey: '2026-W44',
    sentAt: new Date(t.clock.now().getTime() - 22 * DAY),
    answeredAt: new Date(t.clock.now().getTime() - 21 * DAY),
  });
}

describe('one app', () => {
  let t: TestApp;
  const db = () => t.app.context.db;

  beforeEach(async () => {
    t = await startTestApp({ users: USERS, env: ENV, clock: createTestClock(MONDAY_9_UTC) });
  });

  afterEach(async () => {
    await t.close();
  });

  it('an admin opts in from the admin section with a day and an hour in their own time zone', async () => {
    await pressAdmin(t, ADMIN, ADMIN_ACTIONS.digest);
    expect(lastModal(t).callback_id).toBe(ADMIN_CALLBACKS.digest);

    const wrong = await optIn(t, ADMIN, '24');
    expect(wrong.json()).toEqual({
      response_action: 'errors',
      errors: { [ADMIN_FIELDS.digestHour]: 'Enter an hour from 0 to 23.' },
    });
    expect(await rowsOf(db(), 'select * from admin_digest_subscriptions')).toEqual([]);

    expect(textOf((await optIn(t)).json())).toContain('on Mondays at 9:00 your time');
    expect(
      await rowsOf(db(), 'select user_id, weekday, hour, time_zone from admin_digest_subscriptions'),
    ).toEqual([{ user_id: ADMIN, weekday: 'monday', hour: 9, time_zone: 'America/New_York' }]);
    expect(await rowsOf(db(), 'select action, actor_id from audit_entries')).toEqual([
      { action: 'digest.changed', actor_id: ADMIN },
    ]);

    expect(textOf((await optIn(t, ADMIN, '9', 'no')).json())).toContain('no longer get the weekly digest');
    expect(await rowsOf(db(), 'select * from admin_digest_subscriptions')).toEqual([]);
  });

  it('is refused for anyone who is not an admin, with every table as it was', async () => {
    const before = await allRows(db());
    await pressAdmin(t, OUTSIDER, ADMIN_ACTIONS.digest);
    expect(textOf(lastModal(t))).toContain('Only programme admins can do that');
    const answer = await optIn(t, OUTSIDER);
    expect(textOf(answer.json())).toContain('Only programme admins can do that');
    expect(await allRows(db())).toEqual(before);
  });

  it('comes once a week at the chosen local hour, never before it, never twice', async () => {
    await seedQuietPair(t);
    await optIn(t);
    await t.tick();
    expect(digestsTo(t)).toHaveLength(0);

    t.clock.advance(4 * HOUR + 59 * 60 * 1000);
    await t.tick();
    expect(digestsTo(t)).toHaveLength(0);

    t.clock.advance(60 * 1000);
    await t.tick();
    const [digest] = digestsTo(t);
    expect(digest?.text).toBe('Weekly digest: 2 members, 1 active pairs, 0 waiting, 0 proposals pending.');
    expect(textOf(digest?.blocks)).toContain('Quiet for 14 days or more');
    expect(textOf(digest?.blocks)).toContain(ADMIN_ACTIONS.pairHealth);

    t.clock.advance(HOUR);
    await t.tick();
    t.clock.advance(2 * DAY);
    await t.tick();
    expect(digestsTo(t)).toHaveLength(1);

    t.clock.advance(5 * DAY);
    await t.tick();
    expect(digestsTo(t)).toHaveLength(2);
  });

  it('opens the full pair-health view from the digest', async () => {
    await seedQuietPair(t);
    await optIn(t);
    t.clock.advance(6 * HOUR);
    await t.tick();
    const [digest] = digestsTo(t);
    await t.click({
      userId: ADMIN,
      actionId: ADMIN_ACTIONS.pairHealth,
      message: { channel: digest?.channel ?? '', ts: digest?.ts ?? '' },
    });
    expect(textOf(lastModal(t))).toContain('Quiet for 14 days or more');
  });

  it('a post whose fate is unknown is looked for after the lease and sent once', async () => {
    await seedQuietPair(t);
    await optIn(t);
    // The pair's weekly question goes first (10:00 in London), so the fault below meets the digest.
    t.clock.advance(HOUR);
    await t.tick();
    t.clock.advance(5 * HOUR);
    // Slack did not answer: the digest may or may not have been posted, so it stays reserved.
    t.fake.failNext('chat.postMessage', { status: 500 });
    await t.tick();
    expect(await rowsOf(db(), 'select status from admin_digest_deliveries')).toEqual([
      { status: 'reserved' },
    ]);
    t.clock.advance(30 * 60 * 1000);
    await t.tick();
    expect(digestsTo(t)).toHaveLength(0);
    t.clock.advance(31 * 60 * 1000);
    await t.tick();
    t.clock.advance(HOUR);
    await t.tick();
    expect(digestsTo(t)).toHaveLength(1);
    expect(await rowsOf(db(), 'select status from admin_digest_deliveries')).toEqual([{ status: 'sent' }]);
  });

  it('is skipped when there is nothing at all to say', async () => {
    await optIn(t);
    t.clock.advance(6 * HOUR);
    await t.tick();
    t.clock.advance(HOUR);
    await t.tick();
    expect(digestsTo(t)).toHaveLength(0);
    expect(await rowsOf(db(), 'select user_id, status from admin_digest_deliveries')).toEqual([
      { user_id: ADMIN, status: 'skipped' },
    ]);
  });
});

describe('two apps on one database', () => {
  it('send each admin one digest a week between them', async () => {
    const temp = makeTempDir();
    const database = await createAppDatabase(temp.dir);
    const clock = createTestClock(MONDAY_9_UTC);
    const a = await startTestApp({ users: USERS, env: ENV, clock, database: database.env });
    const b = await startTestApp({ fake: a.fake, env: ENV, clock, database: database.env });
    try {
      await seedQuietPair(a);
      await optIn(a);
      clock.advance(6 * HOUR);
      await Promise.all([a.tick(), b.tick()]);
      clock.advance(HOUR);
      await Promise.all([a.tick(), b.tick()]);
      expect(digestsTo(a)).toHaveLength(1);
      expect(await rowsOf(a.app.context.db, 'select status from admin_digest_deliveries')).toEqual([
        { status: 'sent' },
      ]);
    } finally {
      await b.close();
      await a.close();
      await database.drop();
      temp.cleanup();
    }
  });
});
