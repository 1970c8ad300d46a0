// Cohorts: an admin opens a named cohort (every field checked inline, days read in the admin's time zone,
// windows never overlapping); offers and requests made inside its sign-up window join it and wait, left out of
// evergreen matching; at its start the cohort is matched once over all its sign-ups (however many replicas
// tick), consent as usual, and its pairs run their term from the cohort's start.
import { cohorts as sqliteCohorts } from '../../src/storage/schema';
import { cohortMatchingDeps } from '../../src/composition/use-case-deps';
import { runCohortMatching } from '../../src/use-cases/run-cohort-matching';
import { ADMIN_ACTIONS, ADMIN_CALLBACKS, ADMIN_FIELDS } from '../../src/views/admin-ids';
import { COHORTS_PER_PAGE } from '../../src/views/admin-cohorts-modals';
import { PROPOSAL_ACCEPT_ACTION } from '../../src/views/proposal-messages';
import { tablesOf } from '../../src/storage/tables';
import type { Db } from '../../src/storage/database';
import { actionIdsOf, lastModal, pressAdmin, textOf } from '../support/admin-steps';
import { deliveriesOf, pairRow, proposalRows, topicIds } from '../support/seed-programme';
import { signupFormValues } from '../support/signup-form-values';
import { createTestClock, DAY, HOUR } from '../support/test-clock';
import { allRows, createAppDatabase, makeTempDir, rowsOf } from '../support/test-database';
import { startTestApp, TEAM, type TestApp } from '../support/test-app';

const ADMIN = 'U0ADMIN';
const OUTSIDER = 'U0OUTSIDER';
const JUNIOR = 'U0JUNIOR';
const SENIOR = 'U0SENIOR';
const EARLY = 'U0EARLY';
const LATE = 'U0LATE';
const USERS = [
  { id: ADMIN, teamId: TEAM, name: 'Admin', tz: 'America/New_York' },
  { id: OUTSIDER, teamId: TEAM, name: 'Outsider', tz: 'Europe/London' },
  { id: JUNIOR, teamId: TEAM, name: 'June Junior', tz: 'Europe/London' },
  { id: SENIOR, teamId: TEAM, name: 'Sam Senior', tz: 'Europe/London' },
  { id: EARLY, teamId: TEAM, name: 'Eve Early', tz: 'Europe/London' },
  { id: LATE, teamId: TEAM, name: 'Lou Late', tz: 'Europe/London' },
];
const ENV = { MENTOR_ADMINS: ADMIN };
// A Monday: 09:00 in London, 04:00 in New York.
const MONDAY_9_UTC = '2026-11-23T09:00:00Z';

type Form = { name: string; opens: string; closes: string; starts: string; termWeeks: string };

function cohortValues(form: Partial<Form>) {
  const text = (value: string | undefined) => ({ type: 'plain_text_input', value: value ?? null });
  const date = (value: string | undefined) => ({ type: 'datepicker', selected_date: value ?? null });
  return {
    [ADMIN_FIELDS.cohortName]: { [ADMIN_FIELDS.cohortName]: text(form.name) },
    [ADMIN_FIELDS.cohortOpens]: { [ADMIN_FIELDS.cohortOpens]: date(form.opens) },
    [ADMIN_FIELDS.cohortCloses]: { [ADMIN_FIELDS.cohortCloses]: date(form.closes) },
    [ADMIN_FIELDS.cohortStarts]: { [ADMIN_FIELDS.cohortStarts]: date(form.starts) },
    [ADMIN_FIELDS.cohortTermWeeks]: { [ADMIN_FIELDS.cohortTermWeeks]: text(form.termWeeks) },
  };
}

// Opens Tuesday 24th, last day Sunday 29th, starts Wednesday 2 December (London days).
const WINTER: Form = {
  name: 'Winter',
  opens: '2026-11-24',
  closes: '2026-11-29',
  starts: '2026-12-02',
  termWeeks: '8',
};

const submitCohort = (t: TestApp, form: Partial<Form>, userId = ADMIN) =>
  t.submit({ userId, callbackId: ADMIN_CALLBACKS.openCohort, values: cohortValues(form) });

async function cohortRows(db: Db) {
  const { cohorts } = tablesOf(db);
  return db.select().from(cohorts).orderBy(cohorts.id);
}

async function signUp(t: TestApp, userId: string, kind: 'offer' | 'find', level: string, topics: string[]) {
  const ids = await topicIds(t.app.context.db, topics);
  await t.command(userId, kind);
  await t.submit({
    userId,
    callbackId: kind === 'offer' ? 'mentor_offer' : 'mentor_find',
    values: signupFormValues({
      topics: ids,
      level,
      department: kind === 'offer' ? 'Engineering' : 'Sales',
      ...(kind === 'offer' ? { capacity: '1' } : {}),
    }),
  });
}

const dmsTo = (t: TestApp, userId: string) => t.fake.messages(t.fake.channelFor([userId]));
const lastDmText = (t: TestApp, userId: string) => {
  const message = dmsTo(t, userId).at(-1);
  return JSON.stringify(message?.blocks ?? []) + (message?.text ?? '');
};

async function cohortIdsOfSignups(db: Db) {
  const offers = await rowsOf(db, 'select user_id, cohort_id from offers order by id');
  const requests = await rowsOf(db, 'select user_id, cohort_id from requests order by id');
  return [...offers, ...requests].map((row) => ({
    userId: row.user_id,
    cohortId: row.cohort_id === null ? null : Number(row.cohort_id),
  }));
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

  it('an admin opens a cohort from the admin section, each bad field answered beside it', async () => {
    await pressAdmin(t, ADMIN, ADMIN_ACTIONS.cohorts);
    const list = lastModal(t);
    expect(textOf(list)).toContain('No cohorts yet');
    expect(textOf(list)).toContain('Days are in your time zone, America/New_York.');
    await pressAdmin(t, ADMIN, ADMIN_ACTIONS.openCohort, { modal: 'V0LIST' });
    const form = lastModal(t);
    expect(form.callback_id).toBe(ADMIN_CALLBACKS.openCohort);
    expect(textOf(form)).toContain('America/New_York');
    expect(textOf(form)).toContain('"initial_value":"26"');

    const errorsFor = async (change: Partial<Form>) => {
      const answer = await submitCohort(t, { ...WINTER, ...change });
      return (answer.json() as { errors?: Record<string, string> }).errors;
    };
    expect(await errorsFor({ name: '', opens: '', closes: '', starts: '', termWeeks: '' })).toEqual({
      [ADMIN_FIELDS.cohortName]: 'Give the cohort a name.',
      [ADMIN_FIELDS.cohortOpens]: 'Choose the day sign-up opens.',
      [ADMIN_FIELDS.cohortCloses]: 'Choose the last day of sign-up.',
      [ADMIN_FIELDS.cohortStarts]: 'Choose the day the cohort starts.',
      [ADMIN_FIELDS.cohortTermWeeks]: 'Enter a whole number of weeks from 4 to 52.',
    });
    // Monday 04:00 in New York: Sunday is in the past there.
    expect(await errorsFor({ opens: '2026-11-22' })).toEqual({
      [ADMIN_FIELDS.cohortOpens]: 'Sign-up cannot open in the past.',
    });
    expect(await errorsFor({ closes: '2026-11-23' })).toEqual({
      [ADMIN_FIELDS.cohortCloses]: 'Sign-up must close on or after the day it opens.',
    });
    expect(await errorsFor({ starts: '2026-11-29' })).toEqual({
      [ADMIN_FIELDS.cohortStarts]:
        'The cohort starts after sign-up closes: choose a later day than the last day of sign-up.',
    });
    expect(await errorsFor({ termWeeks: '53' })).toEqual({
      [ADMIN_FIELDS.cohortTermWeeks]: 'Enter a whole number of weeks from 4 to 52.',
    });
    expect(await cohortRows(db())).toEqual([]);

    const opened = await submitCohort(t, WINTER);
    expect(textOf(opened.json())).toContain(
      'Opened “Winter”: sign-up 2026-11-24 to 2026-11-29, starts 2026-12-02, 8-week term.',
    );
    // Days in New York: each starts at 05:00 UTC; sign-up closes at the end of its last day.
    expect(await cohortRows(db())).toEqual([
      expect.objectContaining({
        teamId: TEAM,
        name: 'Winter',
        signupOpensAt: new Date('2026-11-24T05:00:00Z'),
        signupClosesAt: new Date('2026-11-30T05:00:00Z'),
        startsAt: new Date('2026-12-02T05:00:00Z'),
        termWeeks: 8,
        matchedAt: null,
        createdBy: ADMIN,
      }),
    ]);
    expect(await rowsOf(db(), 'select action, actor_id, subject from audit_entries')).toEqual([
      { action: 'cohort.opened', actor_id: ADMIN, subject: 'Winter' },
    ]);

    expect(
      await errorsFor({ name: 'winter', opens: '2026-12-14', closes: '2026-12-20', starts: '2027-01-04' }),
    ).toEqual({
      [ADMIN_FIELDS.cohortName]: 'There is already a cohort with that name.',
    });
    expect(
      await errorsFor({ name: 'Spring', opens: '2026-11-29', closes: '2026-12-03', starts: '2027-01-04' }),
    ).toEqual({
      [ADMIN_FIELDS.cohortOpens]:
        'Sign-up for “Winter” runs from 2026-11-24 to 2026-11-29: sign-up windows may not overlap.',
    });
    expect(await cohortRows(db())).toHaveLength(1);

    await pressAdmin(t, ADMIN, ADMIN_ACTIONS.cohorts);
    expect(textOf(lastModal(t))).toContain('*Winter* · _upcoming_');
    expect(textOf(lastModal(t))).toContain('nobody signed up yet');
  });

  it('is refused for anyone who is not an admin, with every table as it was', async () => {
    await submitCohort(t, WINTER);
    const before = await allRows(db());
    await pressAdmin(t, OUTSIDER, ADMIN_ACTIONS.cohorts);
    expect(textOf(lastModal(t))).toContain('Only programme admins can do that');
    await pressAdmin(t, OUTSIDER, ADMIN_ACTIONS.openCohort, { modal: 'V0LIST' });
    expect(textOf(lastModal(t))).not.toContain(ADMIN_CALLBACKS.openCohort);
    const answer = await submitCohort(
      t,
      { ...WINTER, name: 'Mine', opens: '2026-12-14', closes: '2026-12-20', starts: '2027-01-04' },
      OUTSIDER,
    );
    expect(textOf(answer.json())).toContain('Only programme admins can do that');
    expect(await allRows(db())).toEqual(before);
  });

  it('lists many cohorts a page at a time, within Block Kit limits', async () => {
    const { cohorts } = tablesOf(db());
    const many = COHORTS_PER_PAGE * 2 + 5;
    const rows: (typeof sqliteCohorts.$inferInsert)[] = [];
    for (let i = 0; i < many; i += 1) {
      const opens = new Date(Date.parse('2027-01-04T00:00:00Z') + i * 14 * DAY);
      rows.push({
        teamId: TEAM,
        name: `Cohort ${String(i + 1).padStart(2, '0')} ${'x'.repeat(40)}`,
        signupOpensAt: opens,
        signupClosesAt: new Date(opens.getTime() + 7 * DAY),
        startsAt: new Date(opens.getTime() + 10 * DAY),
        termWeeks: 26,
      });
    }
    await db().insert(cohorts).values(rows);
    await pressAdmin(t, ADMIN, ADMIN_ACTIONS.cohorts);
    const first = lastModal(t);
    expect(textOf(first)).toContain(`${many} cohorts, latest start first. Page 1 of 3.`);
    expect(textOf(first)).toContain(`Cohort ${many}`);
    expect(actionIdsOf(first)).toEqual([ADMIN_ACTIONS.openCohort, ADMIN_ACTIONS.cohortsPage]);
    await pressAdmin(t, ADMIN, ADMIN_ACTIONS.cohortsPage, { value: '2', modal: 'V0LIST' });
    const last = lastModal(t);
    expect(textOf(last)).toContain('Page 3 of 3.');
    expect(textOf(last)).toContain('Cohort 01');
    expect(textOf(last)).not.toContain(`Cohort ${many}`);
  });

  it('takes sign-ups in the window into the cohort, keeps them out of evergreen matching, and matches them once at the start', async () => {
    const clock = t.clock;
    await submitCohort(t, WINTER);
    const [cohort] = await cohortRows(db());

    // Before the window: evergreen, and said nothing about a cohort.
    await signUp(t, EARLY, 'offer', '1', ['Social media']);
    expect(lastDmText(t, EARLY)).toContain('Thank you for offering to mentor!');
    expect(lastDmText(t, EARLY)).not.toContain('cohort');

    // Inside it: both join the cohort and hear when it starts; no proposal, though Eve shares the topic.
    clock.advance(DAY);
    await signUp(t, JUNIOR, 'offer', '1', ['Social media', 'Short-form video']);
    await signUp(t, SENIOR, 'find', '6', ['Social media', 'Short-form video']);
    for (const person of [JUNIOR, SENIOR]) {
      expect(lastDmText(t, person)).toContain('You joined the cohort “Winter”');
      expect(lastDmText(t, person)).toContain(`<!date^${Date.parse('2026-12-02T05:00:00Z') / 1000}^`);
    }
    expect(await proposalRows(db())).toEqual([]);
    clock.advance(DAY);
    await t.tick();
    expect(await proposalRows(db())).toEqual([]);

    await pressAdmin(t, ADMIN, ADMIN_ACTIONS.cohorts);
    expect(textOf(lastModal(t))).toContain('*Winter* · _open for sign-up_');
    expect(textOf(lastModal(t))).toContain('2 signed up (1 offering, 1 asking)');

    // After it closed: evergreen again, matched at once with the evergreen mentor, never with the cohort's.
    clock.set(new Date('2026-11-30T09:00:00Z'));
    await signUp(t, LATE, 'find', '6', ['Social media']);
    expect(await cohortIdsOfSignups(db())).toEqual([
      { userId: EARLY, cohortId: null },
      { userId: JUNIOR, cohortId: cohort!.id },
      { userId: SENIOR, cohortId: cohort!.id },
      { userId: LATE, cohortId: null },
    ]);
    expect((await proposalRows(db())).map((p) => [p.mentorId, p.menteeId])).toEqual([[EARLY, LATE]]);

    // Just before the start (05:00 UTC, midnight in New York): still waiting.
    clock.set(new Date('2026-12-02T04:59:00Z'));
    await t.tick();
    expect(await proposalRows(db())).toHaveLength(1);

    clock.set(new Date('2026-12-02T05:00:00Z'));
    await t.tick();
    const proposals = (await proposalRows(db())).filter((p) => p.menteeId === SENIOR);
    expect(proposals.map((p) => [p.mentorId, p.status])).toEqual([[JUNIOR, 'pending']]);
    const [matched] = await cohortRows(db());
    expect(matched!.matchedAt).toEqual(new Date('2026-12-02T05:00:00Z'));

    // Ticking again matches nothing more and keeps the first claim.
    clock.advance(HOUR);
    await t.tick();
    expect((await proposalRows(db())).filter((p) => p.menteeId === SENIOR)).toHaveLength(1);
    expect((await cohortRows(db()))[0]!.matchedAt).toEqual(new Date('2026-12-02T05:00:00Z'));
    const again = await runCohortMatching(cohortMatchingDeps(t.app.context), TEAM, cohort!, clock.now());
    expect(again).toMatchObject({ matched: false, proposed: 0 });

    // The mentor accepts: the pair belongs to the cohort and its term runs from the cohort's start.
    const proposalDm = dmsTo(t, JUNIOR).find((m) =>
      JSON.stringify(m.blocks ?? []).includes(PROPOSAL_ACCEPT_ACTION),
    )!;
    const button = (
      proposalDm.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]
    )
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === PROPOSAL_ACCEPT_ACTION)!;
    await t.click({
      userId: JUNIOR,
      actionId: PROPOSAL_ACCEPT_ACTION,
      value: button.value,
      message: { channel: proposalDm.channel, ts: proposalDm.ts },
    });
    const { pairs } = tablesOf(db());
    const [pair] = (await db().select().from(pairs)).filter((p) => p.menteeId === SENIOR);
    expect(pair).toMatchObject({
      mentorId: JUNIOR,
      cohortId: cohort!.id,
      termEndsAt: new Date(Date.parse('2026-12-02T05:00:00Z') + 8 * 7 * DAY),
    });

    // The first weekly prompt (Mondays 10:00 in the pair's zone) comes in the cohort's first week.
    clock.set(new Date('2026-12-07T10:05:00Z'));
    await t.tick();
    expect((await deliveriesOf(db(), pair!.id)).map((d) => d.weekKey)).toEqual(['2026-W50']);
    expect((await pairRow(db(), pair!.id)).cohortId).toBe(cohort!.id);
  });
});

describe('two apps on one database', () => {
  it('match a cohort once between them', async () => {
    const temp = makeTempDir();
    const database = await createAppDatabase(temp.dir);
    const clock = createTestClock(MONDAY_9_UTC);
    const a = await startTestApp({ users: USERS, env: ENV, clock, database: database.env });
    const b = await startTestApp({ fake: a.fake, env: ENV, clock, database: database.env });
    try {
      await submitCohort(a, WINTER);
      clock.advance(DAY);
      await signUp(a, JUNIOR, 'offer', '1', ['Social media']);
      await signUp(b, SENIOR, 'find', '6', ['Social media']);
      expect(await proposalRows(a.app.context.db)).toEqual([]);

      clock.set(new Date('2026-12-02T05:00:00Z'));
      await Promise.all([a.tick(), b.tick()]);
      clock.advance(60 * 1000);
      await Promise.all([b.tick(), a.tick()]);
      expect((await proposalRows(a.app.context.db)).map((p) => [p.mentorId, p.menteeId])).toEqual([
        [JUNIOR, SENIOR],
      ]);
      const asked = dmsTo(a, JUNIOR).filter((m) =>
        JSON.stringify(m.blocks ?? []).includes(PROPOSAL_ACCEPT_ACTION),
      );
      expect(asked).toHaveLength(1);
      expect((await cohortRows(a.app.context.db))[0]!.matchedAt).toEqual(new Date('2026-12-02T05:00:00Z'));
    } finally {
      await b.close();
      await a.close();
      await database.drop();
      temp.cleanup();
    }
  });
});
