// Who is a programme admin, and the one guard in front of every admin action: checking stores nothing, admins
// are added and removed in Slack (MENTOR_ADMINS shown, not removable), and anyone else who reaches an admin
// button or form (a forged click, a stale Home tab) is refused privately, with nothing changed or shown.
import { ADMIN_ACTIONS, ADMIN_CALLBACKS, ADMIN_HOME_BUTTONS } from '../../src/views/admin-ids';
import { SELF_SERVICE_ACTIONS } from '../../src/views/self-service-ids';
import {
  actionIdsOf,
  DEFAULT_FORM,
  homeOf,
  lastModal,
  openHome,
  pressAdmin,
  settingsValues,
  textOf,
} from '../support/admin-steps';
import { allRows, rowsOf } from '../support/test-database';
import { startTestApp, TEAM, type TestApp } from '../support/test-app';

const ENV_ADMIN = 'U0ENVADMIN';
const OWNER = 'U0OWNER';
const NEWBIE = 'U0NEWBIE';
const OUTSIDER = 'U0OUTSIDER';

let t: TestApp;
const db = () => t.app.context.db;
const rows = (table: 'programme_admins' | 'audit_entries' | 'members') =>
  rowsOf(db(), `select * from ${table}`);

beforeEach(async () => {
  t = await startTestApp({
    users: [
      { id: ENV_ADMIN, teamId: TEAM, name: 'Env Admin' },
      { id: OWNER, teamId: TEAM, name: 'Workspace Owner', isOwner: true },
      { id: NEWBIE, teamId: TEAM, name: 'New Admin' },
      { id: OUTSIDER, teamId: TEAM, name: 'Outsider' },
    ],
    env: { MENTOR_ADMINS: ENV_ADMIN },
  });
});

afterEach(async () => {
  await t.close();
});

/** Opens the admins modal as `userId` and returns its view id, as Slack answered it. */
async function openAdminsModal(userId: string): Promise<string> {
  await pressAdmin(t, userId, ADMIN_ACTIONS.admins);
  const id = t.fake.lastViewId();
  if (id === null) throw new Error('no modal opened');
  return id;
}

const addAdmin = (actor: string, userId: string) =>
  t.submit({
    userId: actor,
    callbackId: ADMIN_CALLBACKS.admins,
    values: { admin_add_user: { admin_add_user: { type: 'users_select', selected_user: userId } } },
  });

describe('checking whether someone is an admin stores nothing', () => {
  it.each([
    ['someone who never joined', OUTSIDER, 'only for programme admins'],
    ['a workspace owner who never joined', OWNER, 'Participants'],
  ])('/mentor report by %s leaves every table as it was', async (_who, userId, answer) => {
    const before = await allRows(db());
    await t.command(userId, 'report');
    expect(JSON.stringify(t.fake.responses().at(-1)?.body)).toContain(answer);
    expect(await allRows(db())).toEqual(before);
  });

  it('opening the Home tab as a workspace owner who never joined stores nothing', async () => {
    const before = await allRows(db());
    await openHome(t, OWNER);
    expect(actionIdsOf(homeOf(t, OWNER))).toContain(ADMIN_ACTIONS.settings);
    expect(await allRows(db())).toEqual(before);
  });
});

describe('the admin section of App Home', () => {
  it('shows an admin one button per admin feature, and a non-admin none of them', async () => {
    await openHome(t, ENV_ADMIN);
    await openHome(t, OUTSIDER);
    const adminIds = ADMIN_HOME_BUTTONS.map((b) => b.actionId);
    expect(actionIdsOf(homeOf(t, ENV_ADMIN))).toEqual(expect.arrayContaining(adminIds));
    const outsiderActions = actionIdsOf(homeOf(t, OUTSIDER));
    for (const id of adminIds) expect(outsiderActions).not.toContain(id);
    expect(textOf(homeOf(t, OUTSIDER))).not.toContain('Programme at a glance');
  });
});

describe('adding and removing programme admins in Slack', () => {
  it('lists MENTOR_ADMINS without a Remove button', async () => {
    await pressAdmin(t, ENV_ADMIN, ADMIN_ACTIONS.admins);
    const modal = lastModal(t);
    expect(modal.callback_id).toBe(ADMIN_CALLBACKS.admins);
    expect(textOf(modal)).toContain(`<@${ENV_ADMIN}>`);
    expect(textOf(modal)).toContain('MENTOR_ADMINS');
    expect(actionIdsOf(modal)).not.toContain(ADMIN_ACTIONS.removeAdmin);
  });

  it('an added admin gets the admin section and the report, and loses both once removed', async () => {
    const response = await addAdmin(ENV_ADMIN, NEWBIE);
    const answer = response.json() as { response_action: string; view: Record<string, unknown> };
    expect(answer.response_action).toBe('update');
    expect(textOf(answer.view)).toContain(`<@${NEWBIE}> is now a programme admin`);
    expect(actionIdsOf(answer.view)).toContain(ADMIN_ACTIONS.removeAdmin);
    expect(await rows('programme_admins')).toEqual([
      expect.objectContaining({ team_id: TEAM, user_id: NEWBIE, added_by: ENV_ADMIN }),
    ]);

    await openHome(t, NEWBIE);
    expect(actionIdsOf(homeOf(t, NEWBIE))).toContain(ADMIN_ACTIONS.settings);
    // Their own admin rights come from the list, not from a stored profile.
    expect(await rows('members')).toEqual([]);

    const modal = await openAdminsModal(NEWBIE);
    await pressAdmin(t, NEWBIE, ADMIN_ACTIONS.removeAdmin, { value: NEWBIE, modal });
    expect(t.fake.calls('views.update').at(-1)?.params.view_id).toBe(modal);
    expect(textOf(lastModal(t))).toContain(`<@${NEWBIE}> is no longer a programme admin`);
    expect(await rows('programme_admins')).toEqual([]);

    await t.command(NEWBIE, 'report');
    expect(JSON.stringify(t.fake.responses().at(-1)?.body)).toContain('only for programme admins');
    expect((await rows('audit_entries')).map((row) => [row.action, row.subject, row.actor_id])).toEqual([
      ['admin.added', NEWBIE, ENV_ADMIN],
      ['admin.removed', NEWBIE, NEWBIE],
    ]);
  });

  it('does not remove someone listed in MENTOR_ADMINS, and says where to change it', async () => {
    await addAdmin(ENV_ADMIN, NEWBIE);
    const modal = await openAdminsModal(NEWBIE);
    await pressAdmin(t, NEWBIE, ADMIN_ACTIONS.removeAdmin, { value: ENV_ADMIN, modal });
    expect(textOf(lastModal(t))).toContain('change that setting to remove them');
    await t.command(ENV_ADMIN, 'report');
    expect(JSON.stringify(t.fake.responses().at(-1)?.body)).toContain('Participants');
    expect(await rows('audit_entries')).toHaveLength(1);
  });

  it('asks for someone when the form is sent empty, and adds nobody twice', async () => {
    const empty = await t.submit({
      userId: ENV_ADMIN,
      callbackId: ADMIN_CALLBACKS.admins,
      values: { admin_add_user: { admin_add_user: { type: 'users_select', selected_user: null } } },
    });
    expect(empty.json()).toEqual({
      response_action: 'errors',
      errors: { admin_add_user: 'Choose someone to add.' },
    });
    await addAdmin(ENV_ADMIN, NEWBIE);
    const again = await addAdmin(ENV_ADMIN, NEWBIE);
    expect(textOf(again.json())).toContain('was already a programme admin');
    expect(await rows('programme_admins')).toHaveLength(1);
    expect(await rows('audit_entries')).toHaveLength(1);
  });
});

describe('a non-admin reaching an admin action is refused, and nothing changes', () => {
  const buttons: [string, string, { value?: string; modal?: string }][] = [
    ['Full report', SELF_SERVICE_ACTIONS.fullReport, {}],
    ['Settings', ADMIN_ACTIONS.settings, {}],
    ['Programme admins', ADMIN_ACTIONS.admins, {}],
    ['Remove an admin', ADMIN_ACTIONS.removeAdmin, { value: NEWBIE, modal: 'V0FORGED' }],
    ['Audit log', ADMIN_ACTIONS.audit, {}],
    ['an audit page', ADMIN_ACTIONS.auditPage, { value: '1', modal: 'V0FORGED' }],
    ['the audit CSV', ADMIN_ACTIONS.auditCsv, { modal: 'V0FORGED' }],
  ];

  it.each(buttons)('%s', async (_name, actionId, options) => {
    await addAdmin(ENV_ADMIN, NEWBIE);
    const before = await allRows(db());
    const calls = t.fake.calls().length;
    await pressAdmin(t, OUTSIDER, actionId, options);
    expect(await allRows(db())).toEqual(before);
    expect(textOf(lastModal(t))).toMatch(/Only programme admins can do that|for programme admins only/);
    const sent = t.fake.calls().slice(calls);
    expect(sent.map((c) => c.method).filter((m) => !m.startsWith('views.') && m !== 'users.info')).toEqual(
      [],
    );
    expect(t.fake.uploads()).toEqual([]);
    expect(t.logs.some((line) => line.includes('admin action refused') && line.includes(actionId))).toBe(
      true,
    );
  });

  it.each([
    ['the settings form', ADMIN_CALLBACKS.settings, settingsValues({ ...DEFAULT_FORM, promptHour: '7' })],
    [
      'the add-an-admin form',
      ADMIN_CALLBACKS.admins,
      { admin_add_user: { admin_add_user: { type: 'users_select', selected_user: OUTSIDER } } },
    ],
  ])('%s', async (_name, callbackId, values) => {
    const before = await allRows(db());
    const response = await t.submit({ userId: OUTSIDER, callbackId, values });
    expect(textOf(response.json())).toContain('Only programme admins can do that');
    expect(await allRows(db())).toEqual(before);
    expect(t.logs.some((line) => line.includes('admin action refused') && line.includes(callbackId))).toBe(
      true,
    );
  });

  it('a click forged on a message is answered privately in the conversation', async () => {
    const before = await allRows(db());
    await t.click({
      userId: OUTSIDER,
      actionId: ADMIN_ACTIONS.settings,
      message: { channel: 'C0X', ts: '1.2' },
    });
    expect(JSON.stringify(t.fake.responses().at(-1)?.body)).toContain('Only programme admins can do that');
    expect(await allRows(db())).toEqual(before);
  });

  it('an admin removed while their Home tab still shows the admin section is refused, and the tab redrawn', async () => {
    await addAdmin(ENV_ADMIN, NEWBIE);
    await openHome(t, NEWBIE);
    expect(actionIdsOf(homeOf(t, NEWBIE))).toContain(ADMIN_ACTIONS.settings);
    await pressAdmin(t, ENV_ADMIN, ADMIN_ACTIONS.removeAdmin, {
      value: NEWBIE,
      modal: await openAdminsModal(ENV_ADMIN),
    });

    const before = await allRows(db());
    await pressAdmin(t, NEWBIE, ADMIN_ACTIONS.settings);
    expect(textOf(lastModal(t))).toContain('Only programme admins can do that');
    expect(actionIdsOf(homeOf(t, NEWBIE))).not.toContain(ADMIN_ACTIONS.settings);
    expect(await allRows(db())).toEqual(before);
  });
});
