// Programme settings in Slack: the modal says where each value comes from, a value set in Slack overrides the
// environment's default for that workspace only, invalid input is shown inline with nothing saved, and the
// places that used the environment's value now follow the workspace's setting.
import { parse } from 'csv-parse/sync';
import { ADMIN_ACTIONS, ADMIN_CALLBACKS } from '../../src/views/admin-ids';
import { SELF_SERVICE_CALLBACKS } from '../../src/views/self-service-ids';
import { SIGNUP_FIELDS } from '../../src/domain/signup-form';
import {
  DEFAULT_FORM,
  homeOf,
  lastModal,
  openHome,
  pressAdmin,
  settingsValues,
  textOf,
} from '../support/admin-steps';
import { deliveriesOf, seedRunningPair } from '../support/seed-programme';
import { dialectOf } from '../../src/storage/tables';
import { allRows, rowsOf } from '../support/test-database';
import { startTestApp, TEAM, type TestApp } from '../support/test-app';
import { createTestClock } from '../support/test-clock';

const ADMIN = 'U0ADMIN';
const MEMBER = 'U0MEMBER';
// A Monday, 07:00 in London (GMT).
const MONDAY_SEVEN = '2026-11-23T07:00:00Z';

let t: TestApp;
const db = () => t.app.context.db;
const rows = (table: string) => rowsOf(db(), `select * from ${table}`);

beforeEach(async () => {
  t = await startTestApp({
    users: [
      { id: ADMIN, teamId: TEAM, name: 'Admin' },
      { id: MEMBER, teamId: TEAM, name: 'Member' },
    ],
    env: { MENTOR_ADMINS: ADMIN, PROMPT_HOUR: '9' },
    clock: createTestClock(MONDAY_SEVEN),
  });
});

afterEach(async () => {
  await t.close();
});

const save = (fields: Record<string, string>, reset: string[] = [], userId = ADMIN) =>
  t.submit({ userId, callbackId: ADMIN_CALLBACKS.settings, values: settingsValues(fields, reset) });

const FORM = { ...DEFAULT_FORM, promptHour: '9' };

describe('the settings modal', () => {
  it('shows the environment’s values as defaults, and says which setting each comes from', async () => {
    await pressAdmin(t, ADMIN, ADMIN_ACTIONS.settings);
    const modal = lastModal(t);
    expect(modal.callback_id).toBe(ADMIN_CALLBACKS.settings);
    const hour = (modal.blocks as Record<string, unknown>[]).find((b) => b.block_id === 'promptHour');
    expect(textOf(hour)).toContain('"initial_value":"9"');
    expect(textOf(hour)).toContain("Default, from the app's PROMPT_HOUR setting.");
    expect(textOf(modal)).not.toContain('Set in Slack');
  });

  // SQLite keeps the audit's JSON as text, PostgreSQL as jsonb: compared as the values they hold.
  const json = (value: unknown) =>
    value === null || dialectOf(db()) !== 'sqlite' ? value : JSON.parse(String(value));
  const audited = async () =>
    (await rows('audit_entries')).map((r): Record<string, unknown> => ({
      ...r,
      before: json(r.before),
      after: json(r.after),
    }));

  it('saves what changed, audits it, and then says the value was set in Slack', async () => {
    const response = await save({ ...FORM, programmeName: 'Learn Together', promptHour: '7' });
    expect(textOf(response.json())).toContain('Saved: Programme name, Prompt hour');
    expect(await rows('workspace_settings')).toEqual([
      expect.objectContaining({
        team_id: TEAM,
        programme_name: 'Learn Together',
        prompt_hour: 7,
        min_level_gap: null,
      }),
    ]);
    expect((await audited()).map((r) => [r.actor_id, r.action, r.subject, r.before, r.after])).toEqual([
      [ADMIN, 'setting.changed', 'programmeName', null, 'Learn Together'],
      [ADMIN, 'setting.changed', 'promptHour', null, 7],
    ]);

    await pressAdmin(t, ADMIN, ADMIN_ACTIONS.settings);
    const hour = (lastModal(t).blocks as Record<string, unknown>[]).find((b) => b.block_id === 'promptHour');
    expect(textOf(hour)).toContain('"initial_value":"7"');
    expect(textOf(hour)).toContain('Set in Slack for this workspace. Default: 9.');
  });

  it.each([
    ['an hour outside 0–23', { promptHour: '24' }, 'promptHour', 'Enter a whole number from 0 to 23.'],
    ['an empty name', { programmeName: '  ' }, 'programmeName', 'Give the programme a name.'],
    [
      'a too-long welcome',
      { welcomeText: 'x'.repeat(601) },
      'welcomeText',
      'Keep the welcome text to 600 characters.',
    ],
    [
      'a proposal expiry of zero',
      { proposalTtlHours: '0' },
      'proposalTtlHours',
      'Enter a whole number from 1 to 720.',
    ],
  ])('shows %s inline and saves nothing, not even the valid fields', async (_name, bad, field, error) => {
    const before = await allRows(db());
    const response = await save({ ...FORM, programmeName: 'Learn Together', ...bad });
    expect(response.json()).toEqual({ response_action: 'errors', errors: { [field]: error } });
    expect(await allRows(db())).toEqual(before);
  });

  it('bounds the minimum level gap by the workspace’s own ladder, in the form and in its hint', async () => {
    const addLevel = (name: string, position: number) =>
      t.app.context.repos.organisation.changeLevel({
        teamId: TEAM,
        actorId: ADMIN,
        at: t.clock.now(),
        change: { kind: 'add', name, position },
      });
    // The built-in ladder has 6 levels: a gap of 6 would match nobody.
    const sixLevels =
      'Enter a whole number from 1 to 5: the ladder has 6 levels, so a mentor can be at most 5 levels more junior than their mentee.';
    let before = await allRows(db());
    expect((await save({ ...FORM, minLevelGap: '6' })).json()).toEqual({
      response_action: 'errors',
      errors: { minLevelGap: sixLevels },
    });
    expect(await allRows(db())).toEqual(before);

    // Twelve levels: a gap of 11 is allowed, beyond the environment variable's 5.
    for (let added = 0; added < 6; added += 1) await addLevel(`Band ${added + 1}`, 7 + added);
    await pressAdmin(t, ADMIN, ADMIN_ACTIONS.settings);
    const hint = (lastModal(t).blocks as Record<string, unknown>[]).find((b) => b.block_id === 'minLevelGap');
    expect(textOf(hint)).toContain("At most 11 on this workspace's ladder of 12 levels.");
    before = await allRows(db());
    expect((await save({ ...FORM, minLevelGap: '12' })).json()).toEqual({
      response_action: 'errors',
      errors: {
        minLevelGap:
          'Enter a whole number from 1 to 11: the ladder has 12 levels, so a mentor can be at most 11 levels more junior than their mentee.',
      },
    });
    expect(await allRows(db())).toEqual(before);
    expect(textOf((await save({ ...FORM, minLevelGap: '11' })).json())).toContain('Saved: Minimum level gap');
    expect(await rows('workspace_settings')).toEqual([expect.objectContaining({ min_level_gap: 11 })]);
  });

  it('puts a value back to its default when ticked, and audits that too', async () => {
    await save({ ...FORM, promptHour: '7' });
    await save({ ...FORM, promptHour: '7' }, ['promptHour']);
    expect(await rows('workspace_settings')).toEqual([expect.objectContaining({ prompt_hour: null })]);
    expect((await audited()).map((r) => [r.subject, r.before, r.after])).toEqual([
      ['promptHour', null, 7],
      ['promptHour', 7, null],
    ]);
  });

  it('changes nothing and audits nothing when saved as it is', async () => {
    const response = await save(FORM);
    expect(textOf(response.json())).toContain('Nothing changed.');
    expect(await rows('workspace_settings')).toEqual([]);
    expect(await rows('audit_entries')).toEqual([]);
  });
});

describe('what the settings change', () => {
  it('the programme name and welcome text appear in Home and in the help', async () => {
    await save({ ...FORM, programmeName: 'Learn Together', welcomeText: 'Ask <anyone> & learn.' });
    await openHome(t, MEMBER);
    const home = textOf(homeOf(t, MEMBER));
    expect(home).toContain('"text":"Learn Together"');
    expect(home).toContain('Ask &lt;anyone&gt; &amp; learn.');
    const help = await t.command(MEMBER, 'help');
    expect(help.body).toContain('Learn Together pairs colleagues');
    expect(help.body).toContain('Ask &lt;anyone&gt; &amp; learn.');
  });

  it('the programme name is the one people read when a partner takes a break or leaves, and in the titles of the help and the status', async () => {
    await save({ ...FORM, programmeName: 'Learn Together' });
    await seedRunningPair(db(), t.fake, {
      mentor: { userId: MEMBER, timeZone: 'Europe/London' },
      mentee: { userId: ADMIN, timeZone: 'Europe/London' },
      startedAt: new Date('2026-11-01T00:00:00Z'),
    });
    const dmsTo = (userId: string) => t.fake.messages(t.fake.channelFor([userId])).map((m) => m.text ?? '');

    expect((await t.command(MEMBER, 'help')).body).toContain('"text":"Learn Together help"');
    const status = (await t.command(MEMBER, 'status')).body;
    expect(status).toContain('Your Learn Together status');
    expect(status).not.toContain('Mentor Circles');
    await t.command(MEMBER, 'pause');
    expect(dmsTo(ADMIN).at(-1)).toContain('is taking a short break from Learn Together');
    await t.command(MEMBER, 'leave');
    await t.submit({ userId: MEMBER, callbackId: SELF_SERVICE_CALLBACKS.leave, values: {} });
    await t.settle();
    expect(dmsTo(ADMIN).at(-1)).toContain('is no longer taking part in Learn Together');
    expect(dmsTo(MEMBER).at(-1)).toContain('You have left Learn Together');
    expect(JSON.stringify(t.fake.calls('chat.postMessage'))).not.toContain('Mentor Circles');
  });

  it('the prompt hour set in Slack replaces PROMPT_HOUR for this workspace', async () => {
    const pair = await seedRunningPair(db(), t.fake, {
      mentor: { userId: 'U0MENTOR', timeZone: 'Europe/London' },
      mentee: { userId: 'U0MENTEE', timeZone: 'Europe/London' },
      startedAt: new Date('2026-11-01T00:00:00Z'),
    });
    await t.tick();
    expect(await deliveriesOf(db(), pair.pairId)).toHaveLength(0); // 07:00 is before PROMPT_HOUR=9

    await save({ ...FORM, promptHour: '7' });
    // A later tick: on PostgreSQL a job already run at this very instant is skipped (replicas tick together).
    t.clock.advance(60_000);
    await t.tick();
    expect(await deliveriesOf(db(), pair.pairId)).toEqual([expect.objectContaining({ status: 'sent' })]);
  });

  it('without members’ own topics the offer and find forms have no free-text topic field', async () => {
    await t.command(MEMBER, 'offer');
    const blocksBefore = textOf(t.fake.calls('views.open').at(-1)?.params.view);
    expect(blocksBefore).toContain(`"block_id":"${SIGNUP_FIELDS.otherTopics}"`);

    await save({ ...FORM, membersAddTopics: 'no' });
    await t.command(MEMBER, 'find');
    const blocksAfter = textOf(t.fake.calls('views.open').at(-1)?.params.view);
    expect(blocksAfter).not.toContain(`"block_id":"${SIGNUP_FIELDS.otherTopics}"`);
  });

  it('names hidden in the pairs CSV when set in Slack', async () => {
    await t.command(ADMIN, 'report csv');
    const header = (kind: string) => {
      const upload = t.fake
        .uploads()
        .filter((file) => file.filename.endsWith(`-${kind}.csv`))
        .at(-1);
      const [first] = parse(upload?.bytes.toString('utf8') ?? '', { bom: true, to: 1 }) as string[][];
      return first ?? [];
    };
    expect(header('pairs')).toContain('mentor');
    await save({ ...FORM, reportHideNames: 'yes' });
    await t.command(ADMIN, 'report csv');
    expect(header('pairs')).not.toContain('mentor');
  });
});
