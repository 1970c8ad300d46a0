// The audit log in Slack: every admin change recorded with who, what, when and before → after, shown a page at
// a time, and sent whole as a CSV to the admin's DM.
import { parse } from 'csv-parse/sync';
import { ADMIN_ACTIONS, ADMIN_CALLBACKS } from '../../src/views/admin-ids';
import { AUDIT_PAGE_SIZE } from '../../src/use-cases/read-audit-log';
import {
  DEFAULT_FORM,
  invitationValues,
  lastModal,
  pressAdmin,
  promptEditValues,
  settingsValues,
  textOf,
  topicAddValues,
  topicEditValues,
} from '../support/admin-steps';
import { rowsOf } from '../support/test-database';
import { startTestApp, TEAM, type TestApp } from '../support/test-app';

const ADMIN = 'U0ADMIN';
const HELPER = 'U0HELPER';

let t: TestApp;

beforeEach(async () => {
  t = await startTestApp({
    users: [
      { id: ADMIN, teamId: TEAM, name: 'Admin' },
      { id: HELPER, teamId: TEAM, name: 'Helper' },
    ],
    env: { MENTOR_ADMINS: ADMIN },
  });
});

afterEach(async () => {
  await t.close();
});

const saveHour = (hour: number) =>
  t.submit({
    userId: ADMIN,
    callbackId: ADMIN_CALLBACKS.settings,
    values: settingsValues({ ...DEFAULT_FORM, promptHour: String(hour) }),
  });

it('shows each change with who made it and the value before and after, newest first', async () => {
  await t.submit({
    userId: ADMIN,
    callbackId: ADMIN_CALLBACKS.admins,
    values: { admin_add_user: { admin_add_user: { type: 'users_select', selected_user: HELPER } } },
  });
  await saveHour(8);
  await pressAdmin(t, ADMIN, ADMIN_ACTIONS.audit);
  const sections = (lastModal(t).blocks as { type: string; text?: { text: string } }[])
    .filter((block) => block.type === 'section')
    .map((block) => block.text?.text ?? '');
  expect(sections).toEqual([
    expect.stringMatching(/<@U0ADMIN> changed \*Prompt hour \(local time, 0–23\)\* from the default to 8$/),
    expect.stringMatching(/<@U0ADMIN> added <@U0HELPER> as a programme admin$/),
  ]);
  expect(textOf(lastModal(t))).toContain('2 changes, newest first. Page 1 of 1.');
});

it('pages through a long log in the same modal, and sends the whole log as a CSV', async () => {
  const changes = AUDIT_PAGE_SIZE + 5;
  for (let hour = 0; hour < changes; hour += 1) await saveHour(hour % 2 === 0 ? 11 : 12);
  await pressAdmin(t, ADMIN, ADMIN_ACTIONS.audit);
  const modal = t.fake.lastViewId() ?? '';
  expect(textOf(lastModal(t))).toContain(`${changes} changes, newest first. Page 1 of 2.`);

  await pressAdmin(t, ADMIN, ADMIN_ACTIONS.auditPage, { value: '1', modal });
  expect(t.fake.calls('views.update').at(-1)?.params.view_id).toBe(modal);
  const second = lastModal(t);
  expect(textOf(second)).toContain('Page 2 of 2.');
  expect((second.blocks as { type: string }[]).filter((b) => b.type === 'section')).toHaveLength(5);

  await pressAdmin(t, ADMIN, ADMIN_ACTIONS.auditCsv, { modal });
  expect(textOf(lastModal(t))).toContain(`The audit log (${changes} changes) is in your direct messages`);
  const upload = t.fake.uploads().find((file) => file.filename.endsWith('-audit.csv'));
  const records = parse(upload?.bytes.toString('utf8') ?? '', { columns: true, bom: true }) as Record<
    string,
    string
  >[];
  expect(records).toHaveLength(changes);
  expect(records[0]).toEqual(
    expect.objectContaining({
      actor: ADMIN,
      action: 'setting.changed',
      subject: 'promptHour',
      before: '',
      after: '11',
    }),
  );
  expect(records[1]).toEqual(expect.objectContaining({ before: '11', after: '12' }));
  const dm = t.fake.calls('files.completeUploadExternal').at(-1)?.params.channel_id;
  expect(dm).toBe(t.fake.channelFor([ADMIN]));
});

it('says in words what was done to invitations, topics and prompts, in Slack and in the CSV', async () => {
  t.fake.addChannel({ id: 'C0GENERAL', name: 'general', members: [t.fake.botUserId] });
  const submit = (callbackId: string, values: Record<string, unknown>, privateMetadata?: string) =>
    t.submit({
      userId: ADMIN,
      callbackId,
      values: values as Record<string, Record<string, unknown>>,
      ...(privateMetadata === undefined ? {} : { privateMetadata }),
    });
  const topicId = async (name: string) =>
    Number((await rowsOf(t.app.context.db, `select id from topics where name = '${name}'`))[0]?.id);

  await submit(ADMIN_CALLBACKS.invitation, invitationValues('C0GENERAL'));
  await submit(ADMIN_CALLBACKS.topics, topicAddValues('AI tools'));
  await submit(
    ADMIN_CALLBACKS.topicEdit,
    topicEditValues({ name: 'AI assistants' }),
    String(await topicId('AI tools')),
  );
  await submit(ADMIN_CALLBACKS.topics, topicAddValues('Gen AI'));
  await submit(
    ADMIN_CALLBACKS.topicEdit,
    topicEditValues({ name: 'Gen AI', mergeInto: await topicId('AI assistants') }),
    String(await topicId('Gen AI')),
  );
  await submit(ADMIN_CALLBACKS.prompts, {
    admin_prompt_new: { admin_prompt_new: { type: 'plain_text_input', value: 'What did <you> learn?' } },
  });
  const [prompt] = await rowsOf(t.app.context.db, `select id from prompts where team_id = '${TEAM}'`);
  const promptId = String(prompt?.id);
  await submit(
    ADMIN_CALLBACKS.promptEdit,
    promptEditValues({ text: 'What did <you> learn?', position: '2', enabled: false }),
    promptId,
  );

  await pressAdmin(t, ADMIN, ADMIN_ACTIONS.audit);
  const lines = (lastModal(t).blocks as { type: string; text?: { text: string } }[])
    .filter((block) => block.type === 'section')
    .map((block) => (block.text?.text ?? '').replace(/^.* UTC · <@U0ADMIN> /, ''));
  const merged = 'merged topic “Gen AI” into “AI assistants”';
  expect(lines).toEqual([
    `moved prompt ${promptId} from position 12 to position 2`,
    `stopped sending prompt ${promptId}`,
    `added prompt ${promptId}: “What did &lt;you&gt; learn?”`,
    merged,
    'added topic “Gen AI”',
    'renamed topic “AI tools” to “AI assistants”',
    'added topic “AI tools”',
    'posted the invitation in <#C0GENERAL>',
  ]);
  expect(textOf(lastModal(t))).not.toMatch(/\\"(name|text|position|enabled|channel)\\"/);

  await pressAdmin(t, ADMIN, ADMIN_ACTIONS.auditCsv, { modal: t.fake.lastViewId() ?? '' });
  const upload = t.fake.uploads().find((file) => file.filename.endsWith('-audit.csv'));
  const records = parse(upload?.bytes.toString('utf8') ?? '', { columns: true, bom: true }) as Record<
    string,
    string
  >[];
  expect(Object.keys(records[0] ?? {})).toEqual([
    'id',
    'at',
    'actor',
    'action',
    'description',
    'subject',
    'before',
    'after',
  ]);
  expect(records.map((r) => r.description)).toEqual([
    'posted the invitation in channel C0GENERAL',
    'added topic “AI tools”',
    'renamed topic “AI tools” to “AI assistants”',
    'added topic “Gen AI”',
    merged,
    `added prompt ${promptId}: “What did <you> learn?”`,
    `stopped sending prompt ${promptId}`,
    `moved prompt ${promptId} from position 12 to position 2`,
  ]);
  // The values stay machine-readable beside the words.
  expect(JSON.parse(records[2]?.after ?? '')).toEqual({ name: 'AI assistants' });
});
