// Levels and departments in Slack: programme admins add, rename, move and remove levels and add, rename, merge
// and retire departments; members keep their choice or follow where the admin said; mistakes are shown inline
// with nothing saved; the offer and find modals list the workspace's own lists; matching follows the new
// order; and anyone else is refused with nothing changed.
import { runMatching } from '../../src/use-cases/run-matching';
import { matchingDeps } from '../../src/composition/use-case-deps';
import { ADMIN_ACTIONS, ADMIN_CALLBACKS, ADMIN_FIELDS } from '../../src/views/admin-ids';
import { SIGNUP_FIELDS } from '../../src/domain/signup-form';
import { actionIdsOf, homeOf, lastModal, openHome, pressAdmin, textOf } from '../support/admin-steps';
import { blockKitProblems } from '../support/block-kit-limits';
import { ADA, BEN, seedMember, seedOffer, seedRequest } from '../support/seed-programme';
import { allRows, rowsOf } from '../support/test-database';
import { startTestApp, TEAM, type TestApp } from '../support/test-app';

const ADMIN = 'U0ADMIN';
const MEMBER = 'U0MEMBER';
const NEWCOMER = 'U0NEW';

let t: TestApp;
const db = () => t.app.context.db;
const levelRows = () =>
  rowsOf(db(), 'select level_id, name, position from workspace_levels order by position, level_id');
const memberRows = () => rowsOf(db(), 'select user_id, level, department from members order by user_id');
const auditActions = async () =>
  (await rowsOf(db(), 'select action, subject from audit_entries order by id')).map((r) => [
    r.action,
    r.subject,
  ]);

beforeEach(async () => {
  t = await startTestApp({
    users: [
      { id: ADMIN, teamId: TEAM, name: 'Admin' },
      { id: MEMBER, teamId: TEAM, name: 'Member' },
      { id: NEWCOMER, teamId: TEAM, name: 'Newcomer' },
      { id: ADA.userId, teamId: TEAM, name: ADA.name },
      { id: BEN.userId, teamId: TEAM, name: BEN.name },
    ],
    env: { MENTOR_ADMINS: ADMIN },
  });
  await seedMember(db(), { ...ADA, profileFetchedAt: new Date() });
  await seedMember(db(), { ...BEN, profileFetchedAt: new Date() });
});

afterEach(async () => {
  await t.close();
});

const opt = (value: string) => ({ text: { type: 'plain_text', text: value }, value });
const select = (value: string | number | null | undefined) => ({
  type: 'static_select',
  selected_option: value === null || value === undefined ? null : opt(String(value)),
});

function levelForm(entries: { name?: string; position?: number; holders?: number; remove?: boolean }) {
  return {
    [ADMIN_FIELDS.levelName]: {
      [ADMIN_FIELDS.levelName]: { type: 'plain_text_input', value: entries.name ?? null },
    },
    [ADMIN_FIELDS.levelPosition]: { [ADMIN_FIELDS.levelPosition]: select(entries.position) },
    [ADMIN_FIELDS.levelHolders]: { [ADMIN_FIELDS.levelHolders]: select(entries.holders) },
    [ADMIN_FIELDS.levelRemove]: {
      [ADMIN_FIELDS.levelRemove]: {
        type: 'checkboxes',
        selected_options: entries.remove === true ? [opt('remove')] : [],
      },
    },
  };
}

function departmentForm(entries: { name?: string; mergeInto?: string; retired?: boolean }) {
  return {
    [ADMIN_FIELDS.departmentName]: {
      [ADMIN_FIELDS.departmentName]: { type: 'plain_text_input', value: entries.name ?? null },
    },
    [ADMIN_FIELDS.departmentMerge]: { [ADMIN_FIELDS.departmentMerge]: select(entries.mergeInto) },
    [ADMIN_FIELDS.departmentRetired]: {
      [ADMIN_FIELDS.departmentRetired]: {
        type: 'checkboxes',
        selected_options: entries.retired === true ? [opt('retired')] : [],
      },
    },
  };
}

const saveLevel = (level: string, entries: Parameters<typeof levelForm>[0], userId = ADMIN) =>
  t.submit({ userId, callbackId: ADMIN_CALLBACKS.level, privateMetadata: level, values: levelForm(entries) });
const saveDepartment = (department: string, entries: Parameters<typeof departmentForm>[0], userId = ADMIN) =>
  t.submit({
    userId,
    callbackId: ADMIN_CALLBACKS.department,
    privateMetadata: department,
    values: departmentForm(entries),
  });

/** The options of a select in the modal last opened: [label, value] pairs in order. */
function optionsOf(view: Record<string, unknown>, blockId: string): [string, string][] {
  const block = (view.blocks as Record<string, unknown>[]).find((b) => b.block_id === blockId);
  const element = block?.element as { options: { text: { text: string }; value: string }[] } | undefined;
  if (element === undefined) throw new Error(`no select ${blockId}`);
  return element.options.map((o) => [o.text.text, o.value]);
}

async function signupModal(userId: string, word: 'offer' | 'find') {
  await t.command(userId, word);
  return lastModal(t);
}

describe('the levels and departments modal', () => {
  it('is opened from its button in the admin section of App Home, which members do not see', async () => {
    await openHome(t, ADMIN);
    expect(actionIdsOf(homeOf(t, ADMIN))).toContain(ADMIN_ACTIONS.organisation);
    await openHome(t, ADA.userId);
    expect(actionIdsOf(homeOf(t, ADA.userId))).not.toContain(ADMIN_ACTIONS.organisation);
  });

  it('lists the default ladder from most junior with who holds each level, and the departments', async () => {
    await pressAdmin(t, ADMIN, ADMIN_ACTIONS.organisation);
    const shown = textOf(lastModal(t));
    expect(shown).toContain('1. *Intern or graduate* · 1 person');
    expect(shown).toContain('5. *Senior manager or director* · 1 person');
    expect(shown.indexOf('Intern or graduate')).toBeLessThan(shown.indexOf('Executive (VP and above)'));
    expect(shown).toContain('*Sales* · 1 person');
    // Nothing is written by looking: the workspace still has the default lists.
    expect(await levelRows()).toEqual([]);
  });

  it('opens a held level’s form asking where its people go, and a department’s form with merge and retire', async () => {
    await pressAdmin(t, ADMIN, ADMIN_ACTIONS.editLevel, { value: '1', modal: 'V0ORG' });
    const level = lastModal(t);
    expect(level.callback_id).toBe(ADMIN_CALLBACKS.level);
    expect(level.private_metadata).toBe('1');
    expect(optionsOf(level, ADMIN_FIELDS.levelHolders)[0]).toEqual(['Intern or graduate', '1']);
    await pressAdmin(t, ADMIN, ADMIN_ACTIONS.editDepartment, { value: 'Sales', modal: 'V0ORG' });
    const department = lastModal(t);
    expect(department.private_metadata).toBe('Sales');
    expect(optionsOf(department, ADMIN_FIELDS.departmentMerge).map(([name]) => name)).not.toContain('Sales');
  });

  it('stays within Block Kit limits with a full ladder and the most departments', async () => {
    for (let n = 7; n <= 12; n += 1) await saveLevel('new', { name: `Extra ${n}`, position: n });
    for (let n = 12; n <= 80; n += 1) await saveDepartment('', { name: `Department ${n}` });
    await pressAdmin(t, ADMIN, ADMIN_ACTIONS.organisation);
    expect(blockKitProblems('modal', lastModal(t))).toEqual([]);
    // lastModal checks each form against the limits too.
    await pressAdmin(t, ADMIN, ADMIN_ACTIONS.editLevel, { value: '1', modal: 'V0ORG' });
    expect(optionsOf(lastModal(t), ADMIN_FIELDS.levelPosition)).toHaveLength(12);
    await pressAdmin(t, ADMIN, ADMIN_ACTIONS.editDepartment, { value: 'Sales', modal: 'V0ORG' });
    expect(optionsOf(lastModal(t), ADMIN_FIELDS.departmentMerge)).toHaveLength(79);
    const refused = await saveDepartment('', { name: 'One too many' });
    expect(refused.json()).toEqual({
      response_action: 'errors',
      errors: { [ADMIN_FIELDS.departmentName]: 'There can be at most 80 departments: merge some first.' },
    });
    expect(optionsOf(await signupModal(NEWCOMER, 'find'), SIGNUP_FIELDS.department)).toHaveLength(80);
  });
});

describe('changing the ladder', () => {
  it('renames a level: everyone keeps it, the modals show the new name, the change is audited', async () => {
    const members = await memberRows();
    const response = await saveLevel('1', { name: 'Apprentice', position: 1 });
    expect(textOf(response.json())).toContain('Saved Apprentice.');
    expect(await memberRows()).toEqual(members);
    expect((await levelRows()).map((r) => [Number(r.level_id), r.name])).toEqual([
      [1, 'Apprentice'],
      [2, 'Individual contributor'],
      [3, 'Senior individual contributor or team lead'],
      [4, 'Manager'],
      [5, 'Senior manager or director'],
      [6, 'Executive (VP and above)'],
    ]);
    expect(await auditActions()).toEqual([['level.changed', '1']]);
    const offer = await signupModal(ADA.userId, 'offer');
    expect(optionsOf(offer, SIGNUP_FIELDS.level)[0]).toEqual(['Apprentice', '1']);
    expect(textOf(offer)).toContain('"initial_option":{"text":{"type":"plain_text","text":"Apprentice"}');
  });

  it('lists added levels and departments in the offer and find modals, most junior first, retired ones hidden', async () => {
    await saveLevel('new', { name: 'Working student', position: 1 });
    await saveLevel('new', { name: 'Board', position: 8 });
    await saveDepartment('', { name: 'Data' });
    await saveDepartment('Legal', { name: 'Legal', retired: true });
    for (const word of ['offer', 'find'] as const) {
      const modal = await signupModal(NEWCOMER, word);
      expect(optionsOf(modal, SIGNUP_FIELDS.level)).toEqual([
        ['Working student', '7'],
        ['Intern or graduate', '1'],
        ['Individual contributor', '2'],
        ['Senior individual contributor or team lead', '3'],
        ['Manager', '4'],
        ['Senior manager or director', '5'],
        ['Executive (VP and above)', '6'],
        ['Board', '8'],
      ]);
      const departments = optionsOf(modal, SIGNUP_FIELDS.department).map(([name]) => name);
      expect(departments).toContain('Data');
      expect(departments).not.toContain('Legal');
    }
  });

  it('asks where the people at a level go when it moves, and saves nothing until told', async () => {
    const before = await allRows(db());
    const asked = await saveLevel('1', { name: 'Intern or graduate', position: 6 });
    expect(asked.json()).toEqual({
      response_action: 'errors',
      errors: {
        [ADMIN_FIELDS.levelHolders]: 'This level moves: choose which level the people at it are at now.',
      },
    });
    expect(await allRows(db())).toEqual(before);

    await saveLevel('1', { name: 'Intern or graduate', position: 6, holders: 2 });
    expect(await memberRows()).toEqual([
      { user_id: ADA.userId, level: 2, department: 'Engineering' },
      { user_id: BEN.userId, level: 5, department: 'Sales' },
    ]);
    expect((await levelRows()).map((r) => r.name)).toEqual([
      'Individual contributor',
      'Senior individual contributor or team lead',
      'Manager',
      'Senior manager or director',
      'Executive (VP and above)',
      'Intern or graduate',
    ]);
  });

  it('removes a held level and moves its people to the level chosen; the removed level is kept for history', async () => {
    await saveLevel('5', { remove: true, holders: 4 });
    expect((await memberRows()).find((r) => r.user_id === BEN.userId)?.level).toBe(4);
    const rows = await levelRows();
    expect(rows.filter((r) => r.position === null).map((r) => r.name)).toEqual([
      'Senior manager or director',
    ]);
    expect(optionsOf(await signupModal(BEN.userId, 'find'), SIGNUP_FIELDS.level)).toHaveLength(5);
    expect(await auditActions()).toEqual([['level.removed', '5']]);
  });

  it.each([
    ['an empty name', 'new', { name: '  ', position: 1 }, ADMIN_FIELDS.levelName, 'Give the level a name.'],
    [
      'a duplicate, whatever its case',
      'new',
      { name: 'MANAGER', position: 1 },
      ADMIN_FIELDS.levelName,
      'There is already a level called MANAGER.',
    ],
    [
      'a name that is too long',
      '2',
      { name: 'n'.repeat(61), position: 2 },
      ADMIN_FIELDS.levelName,
      "A level's name has at most 60 characters.",
    ],
    [
      'removing a held level without saying where its people go',
      '1',
      { remove: true },
      ADMIN_FIELDS.levelHolders,
      'Choose the level the people at this level move to.',
    ],
  ])('shows %s inline and saves nothing', async (_, level, entries, field, error) => {
    const before = await allRows(db());
    const response = await saveLevel(level, entries);
    expect(response.json()).toEqual({ response_action: 'errors', errors: { [field]: error } });
    expect(await allRows(db())).toEqual(before);
  });

  it('keeps at least two levels and at most twelve', async () => {
    for (const level of ['3', '4', '6']) await saveLevel(level, { remove: true });
    await saveLevel('2', { remove: true, holders: 1 });
    const before = await allRows(db());
    const response = await saveLevel('1', { remove: true });
    expect(response.json()).toEqual({
      response_action: 'errors',
      errors: { [ADMIN_FIELDS.levelRemove]: 'A ladder needs at least 2 levels.' },
    });
    expect(await allRows(db())).toEqual(before);

    for (let n = 0; (await levelRows()).filter((r) => r.position !== null).length < 12; n += 1)
      await saveLevel('new', { name: `Step ${n}`, position: 1 });
    const full = await saveLevel('new', { name: 'Thirteenth', position: 1 });
    expect(full.json()).toEqual({
      response_action: 'errors',
      errors: { [ADMIN_FIELDS.levelPosition]: 'A ladder has at most 12 levels: remove one first.' },
    });
  });
});

describe('changing the departments', () => {
  it('renames, merges and retires departments; members follow, a retired one stays theirs', async () => {
    await saveDepartment('Engineering', { name: 'Product engineering' });
    expect((await memberRows()).find((r) => r.user_id === ADA.userId)?.department).toBe(
      'Product engineering',
    );
    await saveDepartment('Sales', { name: 'Sales', mergeInto: 'Marketing' });
    expect((await memberRows()).find((r) => r.user_id === BEN.userId)?.department).toBe('Marketing');
    await saveDepartment('Marketing', { name: 'Marketing', retired: true });
    expect((await memberRows()).find((r) => r.user_id === BEN.userId)?.department).toBe('Marketing');

    const newcomers = optionsOf(await signupModal(NEWCOMER, 'find'), SIGNUP_FIELDS.department);
    expect(newcomers.map(([name]) => name)).not.toContain('Marketing');
    expect(newcomers.map(([name]) => name)).not.toContain('Sales');
    const bens = optionsOf(await signupModal(BEN.userId, 'find'), SIGNUP_FIELDS.department);
    expect(bens.map(([name]) => name)).toContain('Marketing');
    expect((await auditActions()).map(([action]) => action)).toEqual([
      'department.renamed',
      'department.merged',
      'department.retired',
    ]);
  });

  it.each([
    ['an empty name', '', { name: '' }, 'Give the department a name.'],
    [
      'a duplicate, whatever its case',
      '',
      { name: 'finance' },
      'There is already a department called Finance.',
    ],
    ['a too-long name', 'Sales', { name: 'd'.repeat(61) }, "A department's name has at most 60 characters."],
  ])('shows %s inline and saves nothing', async (_, department, entries, error) => {
    const before = await allRows(db());
    const response = await saveDepartment(department, entries);
    expect(response.json()).toEqual({
      response_action: 'errors',
      errors: { [ADMIN_FIELDS.departmentName]: error },
    });
    expect(await allRows(db())).toEqual(before);
  });
});

describe('matching after a reorder', () => {
  it('follows the new order: who may mentor whom changes from the next run', async () => {
    await seedOffer(db(), { userId: BEN.userId, topics: ['Generative AI tools'] });
    await seedRequest(db(), { userId: ADA.userId, topics: ['Generative AI tools'] });
    const match = () => runMatching(matchingDeps(t.app.context), TEAM);
    // Ben (level 5) cannot mentor Ada (level 1).
    expect((await match()).proposed).toHaveLength(0);

    // Interns become the most senior level, and Ada stays on it.
    await saveLevel('1', { name: 'Intern or graduate', position: 6, holders: 1 });
    const run = await match();
    expect(run.proposed.map((p) => [p.mentor.userId, p.mentee.userId])).toEqual([[BEN.userId, ADA.userId]]);
    expect(run.proposed[0]?.reasons.levelGap).toBe(2);
    // Ben's request to accept describes Ada by her level's name on the ladder.
    const asked = t.fake.calls('chat.postMessage').find((c) => textOf(c.params).includes('proposal_accept'));
    expect(textOf(asked?.params)).toContain('Intern or graduate, Engineering');
  });
});

describe('someone who is not a programme admin', () => {
  it.each([
    ['opening the modal', () => pressAdmin(t, MEMBER, ADMIN_ACTIONS.organisation)],
    ['opening a level', () => pressAdmin(t, MEMBER, ADMIN_ACTIONS.editLevel, { value: '1', modal: 'V0ORG' })],
    ['adding a level', () => saveLevel('new', { name: 'Forged', position: 1 }, MEMBER)],
    ['moving a level', () => saveLevel('1', { name: 'Intern', position: 6, holders: 6 }, MEMBER)],
    ['removing a level', () => saveLevel('5', { remove: true, holders: 1 }, MEMBER)],
    [
      'opening a department',
      () => pressAdmin(t, MEMBER, ADMIN_ACTIONS.editDepartment, { value: 'Sales', modal: 'V0ORG' }),
    ],
    ['adding a department', () => saveDepartment('', { name: 'Forged' }, MEMBER)],
    ['renaming a department', () => saveDepartment('Sales', { name: 'Forged' }, MEMBER)],
    ['merging a department', () => saveDepartment('Sales', { name: 'Sales', mergeInto: 'Legal' }, MEMBER)],
    ['retiring a department', () => saveDepartment('Sales', { name: 'Sales', retired: true }, MEMBER)],
  ])('is refused %s, with nothing changed or shown', async (_, attempt) => {
    const before = await allRows(db());
    const response = await attempt();
    expect(await allRows(db())).toEqual(before);
    const shown = textOf([response.body, t.fake.calls().filter((c) => c.method.startsWith('views.'))]);
    expect(shown).not.toContain('Intern or graduate');
    expect(shown).toContain('Only programme admins can do that.');
    expect(t.logs.some((line) => line.includes('admin action refused'))).toBe(true);
  });
});
