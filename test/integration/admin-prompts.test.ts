// The prompt library in Slack: the admin lists it in order (paged), adds, edits, moves, turns prompts off and on,
// with inline errors and nothing half-saved. The change is the workspace's own: the seed questions stay the
// install-wide library verbatim. A prompt already posted (or reserved and posted later by recovery) keeps the
// wording it was chosen with, and a pair never gets the same prompt twice. Anyone else is refused.
import { ADMIN_ACTIONS, ADMIN_CALLBACKS, ADMIN_FIELDS } from '../../src/views/admin-ids';
import { dialectOf, tablesOf } from '../../src/storage/tables';
import { PROMPTS_PER_PAGE } from '../../src/use-cases/edit-prompt-library';
import { RESERVATION_LEASE_MS } from '../../src/use-cases/send-due-prompts';
import { lastModal, pressAdmin, textOf } from '../support/admin-steps';
import { deliveriesOf, insertedId, seedRunningPair } from '../support/seed-programme';
import { SEED_QUESTIONS } from '../support/seed-questions';
import { allRows, rowsOf } from '../support/test-database';
import { startTestApp, TEAM, type TestApp } from '../support/test-app';
import { createTestClock, HOUR } from '../support/test-clock';

const ADMIN = 'U0ADMIN';
const OUTSIDER = 'U0OUTSIDER';
// Monday 23 November 2026, 10:00 in London: the weekly question is due.
const MONDAY_TEN = '2026-11-23T10:00:00Z';
const WEEK = 7 * 24 * HOUR;

let t: TestApp;
const db = () => t.app.context.db;

beforeEach(async () => {
  t = await startTestApp({
    users: [
      { id: ADMIN, teamId: TEAM, name: 'Admin' },
      { id: OUTSIDER, teamId: TEAM, name: 'Outsider' },
    ],
    env: { MENTOR_ADMINS: ADMIN },
    clock: createTestClock('2026-11-23T09:00:00Z'),
  });
});

afterEach(async () => {
  await t.close();
});

type Block = Record<string, unknown>;

const addPrompt = (text: string, userId = ADMIN) =>
  t.submit({
    userId,
    callbackId: ADMIN_CALLBACKS.prompts,
    values: {
      [ADMIN_FIELDS.promptNew]: { [ADMIN_FIELDS.promptNew]: { type: 'plain_text_input', value: text } },
    },
  });

const changePrompt = (
  promptId: number,
  change: { text: string; position: string; enabled: boolean },
  userId = ADMIN,
) =>
  t.submit({
    userId,
    callbackId: ADMIN_CALLBACKS.promptEdit,
    privateMetadata: String(promptId),
    values: {
      [ADMIN_FIELDS.promptText]: {
        [ADMIN_FIELDS.promptText]: { type: 'plain_text_input', value: change.text },
      },
      [ADMIN_FIELDS.promptPosition]: {
        [ADMIN_FIELDS.promptPosition]: { type: 'plain_text_input', value: change.position },
      },
      [ADMIN_FIELDS.promptEnabled]: {
        [ADMIN_FIELDS.promptEnabled]: {
          type: 'checkboxes',
          selected_options: change.enabled
            ? [{ text: { type: 'plain_text', text: 'Send' }, value: 'enabled' }]
            : [],
        },
      },
    },
  });

const seedIds = async () =>
  (await rowsOf(db(), "select id from prompts where team_id = '' order by position")).map((r) =>
    Number(r.id),
  );
const installWide = async () =>
  (await rowsOf(db(), "select text, enabled from prompts where team_id = '' order by position")).map((r) => [
    r.text,
    Boolean(r.enabled),
  ]);
const SEEDS_AS_SHIPPED = SEED_QUESTIONS.map((q) => [q, true]);
const library = () => t.app.context.repos.prompts.libraryFor(TEAM);
const audited = async () =>
  (await rowsOf(db(), 'select action, subject, before, after from audit_entries order by id')).map((r) => ({
    action: r.action,
    subject: r.subject,
    before: r.before === null || dialectOf(db()) !== 'sqlite' ? r.before : JSON.parse(String(r.before)),
    after: r.after === null || dialectOf(db()) !== 'sqlite' ? r.after : JSON.parse(String(r.after)),
  }));
const questionOf = (message: { blocks?: unknown[] }) => {
  const section = (message.blocks?.[0] ?? {}) as { text?: { text?: string } };
  return (section.text?.text ?? '').replace(/^.*\n>/, '');
};
const londonPair = () =>
  seedRunningPair(db(), t.fake, {
    mentor: { userId: 'U0MENTOR', timeZone: 'Europe/London' },
    mentee: { userId: 'U0MENTEE', timeZone: 'Europe/London' },
    startedAt: new Date('2026-11-01T00:00:00Z'),
  });

describe('the prompt library', () => {
  it('lists the seed questions in order, each with its place', async () => {
    await pressAdmin(t, ADMIN, ADMIN_ACTIONS.prompts);
    const modal = lastModal(t);
    expect(modal.callback_id).toBe(ADMIN_CALLBACKS.prompts);
    const shown = (modal.blocks as Block[])
      .filter((b) => (b.accessory as Block | undefined)?.action_id === ADMIN_ACTIONS.promptEdit)
      .map((b) => String((b.text as Block).text));
    expect(shown).toHaveLength(SEED_QUESTIONS.length);
    expect(shown[0]).toMatch(/^\*1\.\* What are some examples of reverse mentoring/);
  });

  it('pages a large library within Block Kit limits, every prompt once and in order', async () => {
    const by = { actorId: ADMIN, at: t.clock.now() };
    const extra = 3 * PROMPTS_PER_PAGE + 4;
    for (let i = 0; i < extra; i += 1) await t.app.context.repos.prompts.add(TEAM, `Question ${i}?`, by);
    await pressAdmin(t, ADMIN, ADMIN_ACTIONS.prompts);
    const viewId = t.fake.lastViewId() ?? '';
    const places: number[] = [];
    for (let page = 0; ; page += 1) {
      if (page > 0)
        await pressAdmin(t, ADMIN, ADMIN_ACTIONS.promptsPage, { value: String(page), modal: viewId });
      const modal = lastModal(t);
      for (const block of modal.blocks as Block[]) {
        const match = /^\*(\d+)\.\*/.exec(String((block.text as Block | undefined)?.text ?? ''));
        if (match !== null) places.push(Number(match[1]));
      }
      if (!textOf(modal).includes('"text":"Next"')) break;
    }
    expect(places).toEqual(Array.from({ length: SEED_QUESTIONS.length + extra }, (_, i) => i + 1));
  });
});

describe('changing the library in Slack', () => {
  it('adds a question at the end, audited, leaving the seed questions as they are', async () => {
    const response = await addPrompt('  What surprised you   this week? ');
    expect(textOf(response.json())).toContain(`Added as prompt ${SEED_QUESTIONS.length + 1}.`);
    expect((await library()).at(-1)).toMatchObject({ text: 'What surprised you this week?', enabled: true });
    expect(await installWide()).toEqual(SEEDS_AS_SHIPPED);
    expect(await audited()).toEqual([
      expect.objectContaining({ action: 'prompt.added', after: { text: 'What surprised you this week?' } }),
    ]);
  });

  it('edits, moves and turns off a seed question for this workspace only, in one save', async () => {
    const [first] = await seedIds();
    const response = await changePrompt(first!, {
      text: 'Who does reverse mentoring well?',
      position: '3',
      enabled: false,
    });
    expect(textOf(response.json())).toContain('Saved prompt 3.');
    const ours = await library();
    expect(ours[2]).toMatchObject({ id: first, text: 'Who does reverse mentoring well?', enabled: false });
    expect(ours.map((p) => p.position)).toEqual(ours.map((_, i) => i + 1));
    expect(ours[0]?.text).toBe(SEED_QUESTIONS[1]);
    // The install-wide library and another workspace are untouched.
    expect(await installWide()).toEqual(SEEDS_AS_SHIPPED);
    expect((await t.app.context.repos.prompts.libraryFor('T0OTHER')).map((p) => p.text)).toEqual(
      SEED_QUESTIONS,
    );
    expect((await audited()).map((a) => [a.action, a.before, a.after])).toEqual([
      ['prompt.edited', { text: SEED_QUESTIONS[0] }, { text: 'Who does reverse mentoring well?' }],
      ['prompt.disabled', { enabled: true }, { enabled: false }],
      ['prompt.moved', { position: 1 }, { position: 3 }],
    ]);
    // And back on.
    await changePrompt(first!, { text: 'Who does reverse mentoring well?', position: '3', enabled: true });
    expect((await library())[2]).toMatchObject({ id: first, enabled: true });
  });

  it.each([
    [
      'an empty question',
      { text: '   ', position: '1', enabled: true },
      ADMIN_FIELDS.promptText,
      'The question is empty.',
    ],
    [
      'a question that is too long',
      { text: 'x'.repeat(2001), position: '1', enabled: true },
      ADMIN_FIELDS.promptText,
      'The question is longer than 2000 characters.',
    ],
    [
      'a place that is not a number',
      { text: 'Fine?', position: 'first', enabled: false },
      ADMIN_FIELDS.promptPosition,
      'Give a whole number from 1.',
    ],
    [
      'place 0',
      { text: 'Fine?', position: '0', enabled: false },
      ADMIN_FIELDS.promptPosition,
      'Give a whole number from 1.',
    ],
  ])('refuses %s inline, saving nothing', async (_what, change, field, problem) => {
    const [first] = await seedIds();
    const before = await allRows(db());
    const response = await changePrompt(first!, change);
    expect(response.json()).toEqual({ response_action: 'errors', errors: { [field]: problem } });
    expect(await allRows(db())).toEqual(before);
  });

  it('refuses an empty new question inline, saving nothing', async () => {
    const before = await allRows(db());
    expect((await addPrompt('  ')).json()).toEqual({
      response_action: 'errors',
      errors: { [ADMIN_FIELDS.promptNew]: 'The question is empty.' },
    });
    expect(await allRows(db())).toEqual(before);
  });
});

describe('prompts already posted, and the pair’s history', () => {
  it('a posted prompt keeps its wording, and the edited prompt is not sent to the pair again', async () => {
    const pair = await londonPair();
    t.clock.set(new Date(MONDAY_TEN));
    await t.tick();
    expect(t.fake.messages(pair.channelId).map(questionOf)).toEqual([SEED_QUESTIONS[0]]);

    // The admin rewords the first question; it stays first in the order.
    const [first] = await seedIds();
    await changePrompt(first!, { text: 'Reworded first question?', position: '1', enabled: true });
    expect((await deliveriesOf(db(), pair.pairId))[0]?.promptText).toBe(SEED_QUESTIONS[0]);

    t.clock.advance(WEEK);
    await t.tick();
    // The pair had that prompt (the same prompt, reworded): it gets the next one.
    expect(t.fake.messages(pair.channelId).map(questionOf)).toEqual([SEED_QUESTIONS[0], SEED_QUESTIONS[1]]);
  });

  it('a prompt reserved before an edit and posted by recovery afterwards shows the wording it was chosen with', async () => {
    const pair = await londonPair();
    const [first] = await seedIds();
    const { promptDeliveries } = tablesOf(db());
    // A run chose the first question and stopped before posting it.
    const deliveryId = insertedId(
      await db()
        .insert(promptDeliveries)
        .values({
          teamId: TEAM,
          pairId: pair.pairId,
          weekKey: '2026-W48',
          promptId: first!,
          promptText: SEED_QUESTIONS[0]!,
          status: 'reserved',
          channelId: pair.channelId,
          reservedAt: new Date(MONDAY_TEN),
        })
        .returning({ id: promptDeliveries.id }),
    );
    t.clock.set(new Date(MONDAY_TEN));
    await changePrompt(first!, { text: 'Reworded first question?', position: '1', enabled: true });

    t.clock.advance(RESERVATION_LEASE_MS);
    await t.tick();
    expect(t.fake.messages(pair.channelId).map(questionOf)).toEqual([SEED_QUESTIONS[0]]);
    expect((await deliveriesOf(db(), pair.pairId))[0]).toMatchObject({ id: deliveryId, status: 'sent' });
  });
});

describe('a non-admin is refused every prompts action, and nothing changes', () => {
  it.each([
    ['Prompts', ADMIN_ACTIONS.prompts, {}],
    ['a prompts page', ADMIN_ACTIONS.promptsPage, { value: '1', modal: 'V0FORGED' }],
    ['a prompt’s form', ADMIN_ACTIONS.promptEdit, { value: '1', modal: 'V0FORGED' }],
  ])('the %s button', async (_name, actionId, options) => {
    const before = await allRows(db());
    await pressAdmin(t, OUTSIDER, actionId, options);
    expect(await allRows(db())).toEqual(before);
    expect(textOf(lastModal(t))).toContain('Only programme admins can do that');
    expect(textOf(lastModal(t))).not.toContain('reverse mentoring');
  });

  it.each([
    ['adding', () => addPrompt('Hacked?', OUTSIDER)],
    [
      'editing, moving or turning off',
      () => changePrompt(1, { text: 'Hacked?', position: '5', enabled: false }, OUTSIDER),
    ],
  ])('%s', async (_name, act) => {
    const before = await allRows(db());
    const response = await act();
    expect(textOf(response.json())).toContain('Only programme admins can do that');
    expect(await allRows(db())).toEqual(before);
  });
});
