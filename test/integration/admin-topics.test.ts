// Topics in Slack: the admin sees supply and demand beside each topic (paged), adds, renames, merges and retires
// topics with inline errors and nothing half-saved; offers and requests follow a merge without duplicates; a
// retired topic leaves the forms but stays on the offers and requests that have it; a change to a default topic
// stays in this workspace; anyone else is refused with nothing changed.
import { ADMIN_ACTIONS, ADMIN_CALLBACKS, ADMIN_FIELDS } from '../../src/views/admin-ids';
import { SELF_SERVICE_ACTIONS } from '../../src/views/self-service-ids';
import { dialectOf } from '../../src/storage/tables';
import { TOPICS_PER_PAGE } from '../../src/use-cases/curate-topics';
import { lastModal, pressAdmin, textOf } from '../support/admin-steps';
import { seedCustomTopic, seedMember, seedOffer, seedRequest, topicIds } from '../support/seed-programme';
import { allRows, rowsOf } from '../support/test-database';
import { startTestApp, TEAM, type TestApp } from '../support/test-app';

const ADMIN = 'U0ADMIN';
const OUTSIDER = 'U0OUTSIDER';
const OTHER_TEAM = 'T0OTHER';

let t: TestApp;
const db = () => t.app.context.db;

beforeEach(async () => {
  t = await startTestApp({
    users: [
      { id: ADMIN, teamId: TEAM, name: 'Admin' },
      { id: OUTSIDER, teamId: TEAM, name: 'Outsider' },
    ],
    env: { MENTOR_ADMINS: ADMIN },
  });
});

afterEach(async () => {
  await t.close();
});

type Block = Record<string, unknown>;
const blocksOf = (view: Block) => view.blocks as Block[];

const addTopic = (name: string, userId = ADMIN) =>
  t.submit({
    userId,
    callbackId: ADMIN_CALLBACKS.topics,
    values: {
      [ADMIN_FIELDS.topicNew]: { [ADMIN_FIELDS.topicNew]: { type: 'plain_text_input', value: name } },
    },
  });

const changeTopic = (
  topicId: number,
  change: { name: string; retired?: boolean; mergeInto?: number },
  userId = ADMIN,
) =>
  t.submit({
    userId,
    callbackId: ADMIN_CALLBACKS.topicEdit,
    privateMetadata: String(topicId),
    values: {
      [ADMIN_FIELDS.topicName]: {
        [ADMIN_FIELDS.topicName]: { type: 'plain_text_input', value: change.name },
      },
      [ADMIN_FIELDS.topicRetired]: {
        [ADMIN_FIELDS.topicRetired]: {
          type: 'checkboxes',
          selected_options:
            change.retired === true
              ? [{ text: { type: 'plain_text', text: 'Retired' }, value: 'retired' }]
              : [],
        },
      },
      [ADMIN_FIELDS.topicMergeInto]: {
        [ADMIN_FIELDS.topicMergeInto]: {
          type: 'static_select',
          selected_option:
            change.mergeInto === undefined
              ? null
              : { text: { type: 'plain_text', text: 'x' }, value: String(change.mergeInto) },
        },
      },
    },
  });

const topicRows = (teamId = TEAM) =>
  rowsOf(db(), `select id, team_id, name from topics where team_id = '${teamId}' order by id`);
const linksOf = (table: 'offer_topics' | 'request_topics', owner: 'offer_id' | 'request_id', id: number) =>
  rowsOf(db(), `select topic_id from ${table} where ${owner} = ${id} order by topic_id`).then((rows) =>
    rows.map((row) => Number(row.topic_id)),
  );
// SQLite keeps the audit's JSON as text, PostgreSQL as jsonb: compared as the values they hold.
const audited = async () =>
  (await rowsOf(db(), 'select action, subject, before, after from audit_entries order by id')).map((r) => ({
    action: r.action,
    subject: r.subject,
    before: r.before === null || dialectOf(db()) !== 'sqlite' ? r.before : JSON.parse(String(r.before)),
    after: r.after === null || dialectOf(db()) !== 'sqlite' ? r.after : JSON.parse(String(r.after)),
  }));

/** The offer form's topic options as Slack would show them to `userId`. */
async function offeredInForm(userId: string): Promise<string[]> {
  await t.click({ userId, actionId: SELF_SERVICE_ACTIONS.offer, viewId: 'V0HOME' });
  const modal = lastModal(t);
  return [...textOf(modal).matchAll(/"text":\{"type":"plain_text","text":"([^"]+)"\},"value":"\d+"/g)].map(
    (m) => m[1] ?? '',
  );
}

describe('the topics list', () => {
  it('shows supply and demand beside each topic', async () => {
    await seedMember(db(), { userId: 'U0A' });
    await seedMember(db(), { userId: 'U0B' });
    await seedOffer(db(), { userId: 'U0A', topics: ['Generative AI tools'] });
    await seedRequest(db(), { userId: 'U0B', topics: ['Generative AI tools', 'Short-form video'] });
    await seedRequest(db(), { userId: 'U0A', topics: ['Short-form video'], status: 'closed' });
    await pressAdmin(t, ADMIN, ADMIN_ACTIONS.topics);
    const modal = lastModal(t);
    expect(modal.callback_id).toBe(ADMIN_CALLBACKS.topics);
    const text = textOf(modal);
    expect(text).toContain('*Generative AI tools*\\n1 offer · 1 request');
    expect(text).toContain('*Short-form video*\\n0 offers · 1 request');
  });

  it('pages a large catalogue within Block Kit limits, every topic on exactly one page', async () => {
    const extra = 3 * TOPICS_PER_PAGE + 7;
    for (let i = 0; i < extra; i += 1) await seedCustomTopic(db(), `Topic ${String(i).padStart(4, '0')}`);
    await pressAdmin(t, ADMIN, ADMIN_ACTIONS.topics);
    const viewId = t.fake.lastViewId() ?? '';
    const seen: string[] = [];
    for (let page = 0; ; page += 1) {
      if (page > 0)
        await pressAdmin(t, ADMIN, ADMIN_ACTIONS.topicsPage, { value: String(page), modal: viewId });
      const modal = lastModal(t);
      const names = blocksOf(modal)
        .filter((b) => (b.accessory as Block | undefined)?.action_id === ADMIN_ACTIONS.topicEdit)
        .map((b) => String((b.text as Block).text).split('*')[1] ?? '');
      seen.push(...names);
      if (!textOf(modal).includes('"text":"Next"')) break;
    }
    const all = await rowsOf(db(), `select name from topics where team_id in ('', '${TEAM}')`);
    expect(seen).toHaveLength(all.length);
    expect(new Set(seen).size).toBe(all.length);
  });

  it('offers every other topic to merge into within Block Kit limits, also beyond 100', async () => {
    for (let i = 0; i < 240; i += 1) await seedCustomTopic(db(), `Topic ${String(i).padStart(4, '0')}`);
    const [video] = await topicIds(db(), ['Short-form video']);
    await pressAdmin(t, ADMIN, ADMIN_ACTIONS.topicEdit, { value: String(video), modal: 'V0LIST' });
    const modal = lastModal(t);
    const select = blocksOf(modal).find((b) => b.block_id === ADMIN_FIELDS.topicMergeInto);
    const groups = ((select?.element as Block).option_groups ?? []) as { options: unknown[] }[];
    const total = (await rowsOf(db(), `select id from topics where team_id in ('', '${TEAM}')`)).length;
    expect(groups.reduce((n, g) => n + g.options.length, 0)).toBe(total - 1);
  });
});

describe('adding a topic', () => {
  it('adds it, audits it and offers it in the forms', async () => {
    const response = await addTopic('  Prompt   engineering ');
    expect(textOf(response.json())).toContain('Added *Prompt engineering*');
    expect(await topicRows()).toEqual([expect.objectContaining({ name: 'Prompt engineering' })]);
    expect(await audited()).toEqual([
      expect.objectContaining({ action: 'topic.added', before: null, after: { name: 'Prompt engineering' } }),
    ]);
    expect(await offeredInForm(ADMIN)).toContain('Prompt engineering');
  });

  it.each([
    ['empty', '   ', 'Give the topic a name.'],
    [
      'a default in another letter case',
      'short-form VIDEO',
      'There is already a topic called “Short-form video”.',
    ],
    ['too long', 'x'.repeat(61), 'Keep the name to 60 characters (it has 61).'],
  ])('refuses a name that is %s, inline, saving nothing', async (_what, name, problem) => {
    const before = await allRows(db());
    const response = await addTopic(name);
    expect(response.json()).toEqual({
      response_action: 'errors',
      errors: { [ADMIN_FIELDS.topicNew]: problem },
    });
    expect(await allRows(db())).toEqual(before);
  });
});

describe('changing a topic', () => {
  it('renames a default for this workspace only; offers keep it and the old name finds it', async () => {
    await seedMember(db(), { userId: 'U0A' });
    const offer = await seedOffer(db(), { userId: 'U0A', topics: ['Short-form video'] });
    const [video] = await topicIds(db(), ['Short-form video']);
    await changeTopic(video!, { name: 'Short video' });
    const [copy] = await topicRows();
    expect(copy).toEqual(expect.objectContaining({ name: 'Short video' }));
    expect(await linksOf('offer_topics', 'offer_id', offer)).toEqual([Number(copy!.id)]);
    // The install-wide default is untouched, and another workspace still has it.
    expect(await rowsOf(db(), `select name from topics where id = ${video}`)).toEqual([
      { name: 'Short-form video' },
    ]);
    expect(await t.app.context.repos.topics.listCatalogue(OTHER_TEAM)).toContainEqual({
      id: video,
      name: 'Short-form video',
    });
    const forms = await offeredInForm(ADMIN);
    expect(forms).toContain('Short video');
    expect(forms).not.toContain('Short-form video');
    // Someone typing the old name gets the renamed topic, not a second one.
    expect(await addTopic('Short-form video').then((r) => r.json())).toEqual({
      response_action: 'errors',
      errors: { [ADMIN_FIELDS.topicNew]: 'There is already a topic called “Short video”.' },
    });
    expect(await audited()).toEqual([
      expect.objectContaining({
        action: 'topic.renamed',
        subject: String(copy!.id),
        before: { name: 'Short-form video' },
        after: { name: 'Short video' },
      }),
    ]);
  });

  it('refuses a rename to another topic’s name, saving nothing', async () => {
    const [video] = await topicIds(db(), ['Short-form video']);
    const before = await allRows(db());
    const response = await changeTopic(video!, { name: 'generative AI TOOLS', retired: true });
    expect(response.json()).toEqual({
      response_action: 'errors',
      errors: { [ADMIN_FIELDS.topicName]: 'There is already a topic called “Generative AI tools”.' },
    });
    expect(await allRows(db())).toEqual(before);
  });

  it('retires a topic: gone from the forms, kept on offers and requests, restorable', async () => {
    await seedMember(db(), { userId: 'U0A' });
    const offer = await seedOffer(db(), { userId: 'U0A', topics: ['Short-form video', 'Social media'] });
    const [video] = await topicIds(db(), ['Short-form video']);
    await changeTopic(video!, { name: 'Short-form video', retired: true });
    const [copy] = await topicRows();
    expect(await linksOf('offer_topics', 'offer_id', offer)).toContain(Number(copy!.id));
    // Someone new is not offered it; the person who has it still sees it chosen in their own form.
    expect(await offeredInForm(ADMIN)).not.toContain('Short-form video');
    expect(await offeredInForm('U0A')).toContain('Short-form video');
    await pressAdmin(t, ADMIN, ADMIN_ACTIONS.topics);
    expect(textOf(lastModal(t))).toContain('*Short-form video* _(retired: not offered in the forms)_');

    await changeTopic(Number(copy!.id), { name: 'Short-form video', retired: false });
    expect(await offeredInForm(ADMIN)).toContain('Short-form video');
    expect((await audited()).map((a) => a.action)).toEqual(['topic.retired', 'topic.restored']);
  });

  it('merges two topics: offers and requests follow, a person who had both keeps one', async () => {
    for (const userId of ['U0A', 'U0B', 'U0C']) await seedMember(db(), { userId });
    const both = await seedOffer(db(), { userId: 'U0A', topics: ['Short-form video', 'Social media'] });
    const onlyFrom = await seedRequest(db(), { userId: 'U0B', topics: ['Short-form video'] });
    const onlyInto = await seedRequest(db(), { userId: 'U0C', topics: ['Social media'] });
    const [video, social] = await topicIds(db(), ['Short-form video', 'Social media']);
    const response = await changeTopic(video!, { name: 'Short-form video', mergeInto: social! });
    expect(textOf(response.json())).toContain('Merged into *Social media*');
    expect(await linksOf('offer_topics', 'offer_id', both)).toEqual([social]);
    expect(await linksOf('request_topics', 'request_id', onlyFrom)).toEqual([social]);
    expect(await linksOf('request_topics', 'request_id', onlyInto)).toEqual([social]);
    expect(textOf(lastModalOrResponse(response))).toContain('*Social media*\\n1 offer · 2 requests');
    expect(await offeredInForm(ADMIN)).not.toContain('Short-form video');
    // The merged name leads to where it went.
    expect(await addTopic('short-form VIDEO').then((r) => r.json())).toEqual({
      response_action: 'errors',
      errors: { [ADMIN_FIELDS.topicNew]: 'There is already a topic called “Social media”.' },
    });
    expect(await audited()).toEqual([
      expect.objectContaining({
        action: 'topic.merged',
        before: { name: 'Short-form video' },
        after: { name: 'Social media', mergedInto: social },
      }),
    ]);
  });

  it('refuses merging a topic into itself, saving nothing', async () => {
    const [video] = await topicIds(db(), ['Short-form video']);
    const before = await allRows(db());
    const response = await changeTopic(video!, { name: 'Short-form video', mergeInto: video! });
    expect(response.json()).toEqual({
      response_action: 'errors',
      errors: { [ADMIN_FIELDS.topicMergeInto]: 'Choose another topic to merge it into.' },
    });
    expect(await allRows(db())).toEqual(before);
  });
});

function lastModalOrResponse(response: { json(): unknown }): unknown {
  return (response.json() as { view?: unknown }).view;
}

describe('a non-admin is refused every topics action, and nothing changes', () => {
  it.each([
    ['Topics', ADMIN_ACTIONS.topics, {}],
    ['a topics page', ADMIN_ACTIONS.topicsPage, { value: '1', modal: 'V0FORGED' }],
    ['a topic’s form', ADMIN_ACTIONS.topicEdit, { value: '1', modal: 'V0FORGED' }],
  ])('the %s button', async (_name, actionId, options) => {
    const before = await allRows(db());
    await pressAdmin(t, OUTSIDER, actionId, options);
    expect(await allRows(db())).toEqual(before);
    expect(textOf(lastModal(t))).toContain('Only programme admins can do that');
    expect(textOf(lastModal(t))).not.toContain('Short-form video');
  });

  it.each([
    ['adding', () => addTopic('Hacked', OUTSIDER)],
    ['renaming or retiring', () => changeTopic(1, { name: 'Hacked', retired: true }, OUTSIDER)],
    ['merging', () => changeTopic(1, { name: 'x', mergeInto: 2 }, OUTSIDER)],
  ])('%s', async (_name, act) => {
    const before = await allRows(db());
    const response = await act();
    expect(textOf(response.json())).toContain('Only programme admins can do that');
    expect(await allRows(db())).toEqual(before);
  });
});
