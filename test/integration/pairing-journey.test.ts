// The pairing journey's delivery rules, shown with its first message (the mentee's invitation to set goals):
// each journey DM goes out once, on a weekday within the recipient's working hours in their own time zone,
// never to someone on a break (it waits until they are back) or who has left — however many ticks or replicas,
// and after a run that died between posting and recording.
import { eq } from 'drizzle-orm';
import { tablesOf } from '../../src/storage/tables';
import { SELF_SERVICE_CALLBACKS } from '../../src/views/self-service-ids';
import { RESERVATION_LEASE_MS } from '../../src/use-cases/send-due-prompts';
import { homeOf, openHome, textOf } from '../support/admin-steps';
import { seedMember, seedRunningPair } from '../support/seed-programme';
import { createTestClock, DAY, HOUR } from '../support/test-clock';
import { createAppDatabase, makeTempDir, rowsOf } from '../support/test-database';
import { startTestApp, TEAM, type TestApp } from '../support/test-app';

// A Monday, 09:00 UTC: 09:00 in London, 04:00 in New York.
const MONDAY_9_UTC = '2026-11-23T09:00:00Z';
const MENTOR = 'U0ADA';
const MENTEE = 'U0BEN';
const USERS = [
  { id: MENTOR, teamId: TEAM, name: 'Ada', tz: 'Europe/London' },
  { id: MENTEE, teamId: TEAM, name: 'Ben', tz: 'Europe/London' },
];

const goalInvitesTo = (t: TestApp, userId: string) =>
  t.fake.messages(t.fake.channelFor([userId])).filter((m) => m.text?.includes('Set one to three goals'));

async function introduce(t: TestApp, menteeTimeZone: string, startedAt = t.clock.now()) {
  return seedRunningPair(t.app.context.db, t.fake, {
    mentor: { userId: MENTOR, name: 'Ada', timeZone: 'Europe/London' },
    mentee: { userId: MENTEE, name: 'Ben', timeZone: menteeTimeZone },
    startedAt,
  });
}

const journeyRows = (t: TestApp) =>
  rowsOf(t.app.context.db, 'select step, role, round, status from journey_messages order by id');

describe('one app', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await startTestApp({ users: USERS, clock: createTestClock(MONDAY_9_UTC) });
  });

  afterEach(async () => {
    await t.close();
  });

  it('invites the mentee, privately, once, however often the scheduler ticks', async () => {
    await introduce(t, 'Europe/London');
    await t.tick();
    t.clock.advance(HOUR);
    await t.tick();

    const invites = goalInvitesTo(t, MENTEE);
    expect(invites).toHaveLength(1);
    expect(invites[0]?.text).toContain('Ada');
    expect(goalInvitesTo(t, MENTOR)).toHaveLength(0);
    expect(await journeyRows(t)).toEqual([
      { step: 'goals-invite', role: 'mentee', round: 1, status: 'sent' },
    ]);
  });

  it('waits for working hours in the mentee’s own time zone', async () => {
    await introduce(t, 'America/New_York');
    await t.tick();
    expect(goalInvitesTo(t, MENTEE)).toHaveLength(0);
    expect(await journeyRows(t)).toEqual([]);

    // 09:00 in New York.
    t.clock.advance(5 * HOUR);
    await t.tick();
    expect(goalInvitesTo(t, MENTEE)).toHaveLength(1);
  });

  it('waits over the weekend: a pair introduced on Saturday hears on Monday morning', async () => {
    t.clock.advance(5 * DAY + 3 * HOUR);
    await introduce(t, 'Europe/London');
    await t.tick();
    t.clock.advance(DAY);
    await t.tick();
    expect(goalInvitesTo(t, MENTEE)).toHaveLength(0);

    // Monday, 08:00 and then 09:00 in London.
    t.clock.advance(DAY - 4 * HOUR);
    await t.tick();
    expect(goalInvitesTo(t, MENTEE)).toHaveLength(0);
    t.clock.advance(HOUR);
    await t.tick();
    expect(goalInvitesTo(t, MENTEE)).toHaveLength(1);
  });

  it('waits while the mentee is on a break, and sends once they are back', async () => {
    await introduce(t, 'Europe/London');
    await seedMember(t.app.context.db, {
      userId: MENTEE,
      name: 'Ben',
      timeZone: 'Europe/London',
      level: 5,
      pausedAt: t.clock.now(),
    });
    await t.tick();
    t.clock.advance(HOUR);
    await t.tick();
    expect(goalInvitesTo(t, MENTEE)).toHaveLength(0);

    t.clock.advance(HOUR);
    await t.command(MENTEE, 'resume');
    await t.settle();
    t.clock.advance(HOUR);
    await t.tick();
    expect(goalInvitesTo(t, MENTEE)).toHaveLength(1);
  });

  it('sends nothing to a mentee who has left', async () => {
    await introduce(t, 'Europe/London');
    await t.command(MENTEE, 'leave');
    await t.submit({ userId: MENTEE, callbackId: SELF_SERVICE_CALLBACKS.leave, values: {} });
    await t.settle();
    await t.tick();
    expect(goalInvitesTo(t, MENTEE)).toHaveLength(0);
    expect(await journeyRows(t)).toEqual([]);
  });

  it('after a run died between posting and recording, records the posted message instead of posting again', async () => {
    await introduce(t, 'Europe/London');
    await t.tick();
    expect(goalInvitesTo(t, MENTEE)).toHaveLength(1);
    // As if the run had died right after Slack accepted the post.
    const { journeyMessages } = tablesOf(t.app.context.db);
    await t.app.context.db
      .update(journeyMessages)
      .set({ status: 'reserved', messageTs: null, channelId: null, sentAt: null });

    // Within the lease the reservation may still be in another run's hands.
    t.clock.advance(HOUR / 2);
    await t.tick();
    expect(t.fake.calls('conversations.history')).toHaveLength(0);

    t.clock.advance(RESERVATION_LEASE_MS);
    await t.tick();
    expect(goalInvitesTo(t, MENTEE)).toHaveLength(1);
    expect(await journeyRows(t)).toEqual([
      { step: 'goals-invite', role: 'mentee', round: 1, status: 'sent' },
    ]);
  });

  it('after a run died before posting, posts the message once when the lease is over', async () => {
    const pair = await introduce(t, 'Europe/London');
    const { journeyMessages } = tablesOf(t.app.context.db);
    await t.app.context.db.insert(journeyMessages).values({
      teamId: pair.teamId,
      pairId: pair.pairId,
      step: 'goals-invite',
      role: 'mentee',
      round: 1,
      status: 'reserved',
      reservedAt: t.clock.now(),
    });
    await t.tick();
    expect(goalInvitesTo(t, MENTEE)).toHaveLength(0);

    t.clock.advance(RESERVATION_LEASE_MS);
    await t.tick();
    t.clock.advance(HOUR);
    await t.tick();
    expect(goalInvitesTo(t, MENTEE)).toHaveLength(1);
    expect(await journeyRows(t)).toEqual([
      { step: 'goals-invite', role: 'mentee', round: 1, status: 'sent' },
    ]);
  });
});

describe('/mentor status shows where the pairing is', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await startTestApp({ users: USERS, clock: createTestClock(MONDAY_9_UTC) });
  });

  afterEach(async () => {
    await t.close();
  });

  const statusOf = async (userId: string) => JSON.stringify((await t.command(userId, 'status')).json());

  it('the week of the term, the goals, and what comes next for each of the two', async () => {
    const pair = await introduce(t, 'Europe/London', new Date(t.clock.now().getTime() - 20 * DAY));
    const { pairs, pairGoals } = tablesOf(t.app.context.db);
    const termEndsAt = new Date(t.clock.now().getTime() + 162 * DAY);
    await t.app.context.db.update(pairs).set({ termEndsAt }).where(eq(pairs.id, pair.pairId));

    // No goals yet: the mentee is pointed at setting them, the mentor told they are not set yet.
    expect(await statusOf(MENTEE)).toContain('Week 3 of 26');
    expect(await statusOf(MENTEE)).toContain('Goals: none yet');
    expect(await statusOf(MENTEE)).toContain('Next: set your goals');
    expect(await statusOf(MENTOR)).toContain('Goals: not set yet by your partner');

    await t.app.context.db.insert(pairGoals).values([
      { teamId: pair.teamId, pairId: pair.pairId, position: 1, topic: 'Social media', note: 'PRIVATE-NOTE' },
      { teamId: pair.teamId, pairId: pair.pairId, position: 2, topic: 'AI tools', note: null },
    ]);
    const mentee = await statusOf(MENTEE);
    expect(mentee).toContain('Goals: Social media, AI tools');
    expect(mentee).toContain('Next: at the midpoint');
    expect(mentee).not.toContain('PRIVATE-NOTE');
    const mentor = await statusOf(MENTOR);
    expect(mentor).toContain('Goals: Social media, AI tools');
    expect(mentor).toContain('choose privately to extend or wrap up');
  });
});

describe('status and Home of a pair from before terms', () => {
  it('count the workspace’s term from its start, as the journey does', async () => {
    const t = await startTestApp({
      users: USERS,
      clock: createTestClock(MONDAY_9_UTC),
      env: { PAIR_TERM_WEEKS: '12' },
    });
    try {
      const startedAt = new Date(t.clock.now().getTime() - 20 * DAY);
      const pair = await introduce(t, 'Europe/London', startedAt);
      expect(
        await rowsOf(t.app.context.db, `select term_ends_at from pairs where id = ${pair.pairId}`),
      ).toEqual([{ term_ends_at: null }]);
      const endsAt = new Date(startedAt.getTime() + 12 * 7 * DAY).toISOString().slice(0, 10);
      const status = JSON.stringify((await t.command(MENTOR, 'status')).json());
      expect(status).toContain(`Week 3 of 12 · the term ends <!date^`);
      expect(status).toContain(`|${endsAt}>`);
      await openHome(t, MENTEE);
      const home = textOf(homeOf(t, MENTEE));
      expect(home).toContain('Week 3 of 12');
      expect(home).toContain(`|${endsAt}>`);

      // The journey agrees: the choice to extend or wrap up comes two weeks before that end, not the default's.
      t.clock.advance(10 * 7 * DAY - 20 * DAY);
      await t.tick();
      expect(
        await rowsOf(
          t.app.context.db,
          "select role from journey_messages where step = 'term-choice' order by role",
        ),
      ).toEqual([{ role: 'mentee' }, { role: 'mentor' }]);
    } finally {
      await t.close();
    }
  });
});

describe('two apps on one database', () => {
  it('send the mentee one invitation between them', async () => {
    const temp = makeTempDir();
    const database = await createAppDatabase(temp.dir);
    const clock = createTestClock(MONDAY_9_UTC);
    const a = await startTestApp({ users: USERS, clock, database: database.env });
    const b = await startTestApp({ fake: a.fake, clock, database: database.env });
    try {
      await introduce(a, 'Europe/London');
      await Promise.all([a.tick(), b.tick()]);
      clock.advance(HOUR);
      await Promise.all([a.tick(), b.tick()]);
      expect(goalInvitesTo(a, MENTEE)).toHaveLength(1);
      expect(await journeyRows(a)).toEqual([
        { step: 'goals-invite', role: 'mentee', round: 1, status: 'sent' },
      ]);
    } finally {
      await b.close();
      await a.close();
      await database.drop();
      temp.cleanup();
    }
  });
});
