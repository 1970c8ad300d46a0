// The launch invitation: an admin picks a channel and posts the programme's invitation there; anyone in the
// workspace joins from its two buttons; a later invitation says how many joined since the one before; a
// channel Slack will not take the post in is explained in the modal; and nobody else can post one.
import { startFakeSlack, MANIFEST_BOT_SCOPES, type FakeSlack } from '../../dev/fake-slack-server';
import { ADMIN_ACTIONS, ADMIN_CALLBACKS, ADMIN_FIELDS, ADMIN_ONLY } from '../../src/views/admin-ids';
import { INVITATION_ACTIONS } from '../../src/views/invitation-views';
import { dialectOf } from '../../src/storage/tables';
import {
  actionIdsOf,
  DEFAULT_FORM,
  lastModal,
  pressAdmin,
  settingsValues,
  textOf,
} from '../support/admin-steps';
import { topicIds } from '../support/seed-programme';
import { signupFormValues, type SignupEntries } from '../support/signup-form-values';
import { allRows, rowsOf } from '../support/test-database';
import { startTestApp, TEAM, type TestApp } from '../support/test-app';
import { createTestClock, DAY, HOUR, type TestClock } from '../support/test-clock';

const ADMIN = 'U0ADMIN';
const JUNE = 'U0JUNE';
const SAM = 'U0SAM';
const CARA = 'U0CARA';
const OUTSIDER = 'U0OUTSIDER';
const LAUNCH = 'C0LAUNCH';
const START = '2026-11-23T09:00:00Z';

const USERS = [
  { id: ADMIN, teamId: TEAM, name: 'Admin' },
  { id: JUNE, teamId: TEAM, name: 'June Junior', tz: 'Europe/London' },
  { id: SAM, teamId: TEAM, name: 'Sam Senior', tz: 'Europe/London' },
  { id: CARA, teamId: TEAM, name: 'Cara Early', tz: 'Europe/London' },
  { id: OUTSIDER, teamId: TEAM, name: 'Outsider' },
];

let t: TestApp;
let ownFake: FakeSlack | null = null;
const db = () => t.app.context.db;
const rows = (table: string) => rowsOf(db(), `select * from ${table} order by 1`);

/** The app against a fake Slack whose bot token has `scopes` (the manifest's by default), with its channels. */
async function start(scopes?: readonly string[]) {
  const clock: TestClock = createTestClock(START);
  if (scopes !== undefined) {
    ownFake = await startFakeSlack({ teamId: TEAM, scopes, now: () => clock.now().getTime() });
  }
  t = await startTestApp({
    users: USERS,
    env: { MENTOR_ADMINS: ADMIN },
    clock,
    ...(ownFake === null ? {} : { fake: ownFake }),
  });
  t.fake.addChannel({ id: LAUNCH, name: 'general', members: [JUNE, SAM, CARA, OUTSIDER] });
  t.fake.addChannel({ id: 'C0SECRET', name: 'leadership', isPrivate: true, members: [ADMIN] });
  t.fake.addChannel({ id: 'C0INSIDE', name: 'people-team', isPrivate: true, members: [t.fake.botUserId] });
  t.fake.addChannel({ id: 'C0OLD', name: 'launch-2024', isArchived: true, members: [t.fake.botUserId] });
}

afterEach(async () => {
  await t.close();
  await ownFake?.close();
  ownFake = null;
});

const post = (channel: string | null, userId = ADMIN) =>
  t.submit({
    userId,
    callbackId: ADMIN_CALLBACKS.invitation,
    values: {
      [ADMIN_FIELDS.invitationChannel]: {
        [ADMIN_FIELDS.invitationChannel]: { type: 'conversations_select', selected_conversation: channel },
      },
    },
  });

const invitationsIn = (channel: string) =>
  t.fake.messages(channel).filter((m) => actionIdsOf(m.blocks).includes(INVITATION_ACTIONS.offer));

/** A member clicks one of the invitation's buttons in the channel; returns the form that opened. */
async function clickInvitation(userId: string, kind: 'offer' | 'find') {
  const message = invitationsIn(LAUNCH).at(-1);
  if (message === undefined) throw new Error('no invitation posted');
  const before = t.fake.calls('views.open').length;
  await t.click({
    userId,
    actionId: INVITATION_ACTIONS[kind],
    message: { channel: LAUNCH, ts: message.ts },
  });
  const opened = t.fake.calls('views.open').slice(before);
  expect(opened).toHaveLength(1);
  return lastModal(t);
}

const signUp = (userId: string, kind: 'offer' | 'find', entries: SignupEntries) =>
  t.submit({
    userId,
    callbackId: kind === 'offer' ? 'mentor_offer' : 'mentor_find',
    values: signupFormValues(kind === 'offer' ? { capacity: '1', ...entries } : entries),
  });

async function juneAndSamSignUp() {
  const [socialMedia] = await topicIds(db(), ['Social media']);
  await clickInvitation(JUNE, 'offer');
  await signUp(JUNE, 'offer', { topics: [socialMedia ?? 0], level: '1', department: 'Marketing' });
  await clickInvitation(SAM, 'find');
  await signUp(SAM, 'find', { topics: [socialMedia ?? 0], level: '6', department: 'Executive office' });
}

// SQLite keeps the audit's JSON as text, PostgreSQL as jsonb: compared as the values they hold.
const json = (value: unknown) =>
  value === null || dialectOf(db()) !== 'sqlite' ? value : JSON.parse(String(value));

describe('posting the invitation', () => {
  beforeEach(() => start());

  it('opens a modal with a channel picker that says how to reach a private channel', async () => {
    await pressAdmin(t, ADMIN, ADMIN_ACTIONS.invitation);
    const modal = lastModal(t);
    expect(modal.callback_id).toBe(ADMIN_CALLBACKS.invitation);
    expect(textOf(modal)).toContain('"type":"conversations_select"');
    expect(textOf(modal)).toContain('No invitation has been posted yet.');
    expect(textOf(modal)).toContain('/invite @Mentor Circles');
  });

  it('posts the programme name, what reverse mentoring is and two buttons, then stores and audits it', async () => {
    await t.submit({
      userId: ADMIN,
      callbackId: ADMIN_CALLBACKS.settings,
      values: settingsValues({ ...DEFAULT_FORM, programmeName: 'Learn Together' }),
    });
    const response = await post(LAUNCH);
    expect(response.json()).toMatchObject({ response_action: 'update' });
    expect(textOf(response.json())).toContain(`Posted in <#${LAUNCH}>`);

    const [message] = invitationsIn(LAUNCH);
    expect(message).toBeDefined();
    const blocks = message?.blocks as Record<string, unknown>[];
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Learn Together' } });
    expect(textOf(blocks)).toContain('What is reverse mentoring?');
    expect(textOf(blocks)).toContain('I can teach');
    expect(textOf(blocks)).toContain('I want to learn');
    expect(actionIdsOf(blocks)).toEqual([INVITATION_ACTIONS.offer, INVITATION_ACTIONS.find]);
    // The first invitation has nobody to count yet.
    expect(textOf(blocks)).not.toContain('joined since');

    expect(await rows('invitations')).toEqual([
      expect.objectContaining({
        team_id: TEAM,
        channel_id: LAUNCH,
        message_ts: message?.ts,
        posted_by: ADMIN,
      }),
    ]);
    const audit = (await rows('audit_entries')).filter((r) => r.action === 'invitation.posted');
    expect(audit.map((r) => [r.actor_id, r.subject, json(r.after)])).toEqual([
      [ADMIN, LAUNCH, { channel: LAUNCH, joinedSince: null }],
    ]);
  });

  it('posts in a private channel the app was invited to', async () => {
    const response = await post('C0INSIDE');
    expect(textOf(response.json())).toContain('Posted in <#C0INSIDE>');
    expect(invitationsIn('C0INSIDE')).toHaveLength(1);
  });

  it('asks for a channel when none was chosen, and stores nothing', async () => {
    const before = await allRows(db());
    const response = await post(null);
    expect(response.json()).toEqual({
      response_action: 'errors',
      errors: { [ADMIN_FIELDS.invitationChannel]: 'Choose a channel to post in.' },
    });
    expect(await allRows(db())).toEqual(before);
  });
});

describe('joining from the invitation', () => {
  beforeEach(() => start());

  it('opens the offer and find forms for ordinary members, and their sign-ups are stored and matched', async () => {
    await post(LAUNCH);
    const [socialMedia] = await topicIds(db(), ['Social media']);

    const offerForm = await clickInvitation(JUNE, 'offer');
    expect(offerForm.callback_id).toBe('mentor_offer');
    await signUp(JUNE, 'offer', { topics: [socialMedia ?? 0], level: '1', department: 'Marketing' });

    const findForm = await clickInvitation(SAM, 'find');
    expect(findForm.callback_id).toBe('mentor_find');
    await signUp(SAM, 'find', { topics: [socialMedia ?? 0], level: '6', department: 'Executive office' });

    // Neither was told the buttons are for admins only.
    expect(textOf(t.fake.responses())).not.toContain(ADMIN_ONLY);
    expect((await rows('offers')).map((r) => [r.user_id, r.status])).toEqual([[JUNE, 'open']]);
    expect((await rows('requests')).map((r) => r.user_id)).toEqual([SAM]);
    expect((await rows('proposals')).map((r) => [r.mentor_id, r.mentee_id])).toEqual([[JUNE, SAM]]);
  });

  it('answers privately when the form cannot be opened (the click came too late)', async () => {
    await post(LAUNCH);
    const message = invitationsIn(LAUNCH)[0];
    t.fake.failNext('views.open', { error: 'expired_trigger_id' });
    await t.click({
      userId: JUNE,
      actionId: INVITATION_ACTIONS.offer,
      message: { channel: LAUNCH, ts: message?.ts ?? '' },
    });
    const answer = t.fake.responses().at(-1)?.body;
    expect(answer).toMatchObject({ response_type: 'ephemeral' });
    expect(textOf(answer)).toContain("couldn't open the form");
    expect(textOf(answer)).not.toContain('expired_trigger_id');
  });
});

describe('posting again', () => {
  beforeEach(() => start());

  it('says how many people joined since the previous invitation, in the modal, the answer and the post', async () => {
    // Cara was in before the first invitation: a later request of hers is not a new joiner.
    const [socialMedia] = await topicIds(db(), ['Social media']);
    await signUp(CARA, 'offer', { topics: [socialMedia ?? 0], level: '1', department: 'Sales' });
    t.clock.advance(HOUR);
    await post(LAUNCH);

    t.clock.advance(DAY);
    await juneAndSamSignUp();
    await signUp(CARA, 'find', { topics: [socialMedia ?? 0], level: '2', department: 'Sales' });

    t.clock.advance(DAY);
    await pressAdmin(t, ADMIN, ADMIN_ACTIONS.invitation);
    expect(textOf(lastModal(t))).toContain(
      `Last posted in <#${LAUNCH}> by <@${ADMIN}> on 2026-11-23. 2 people have joined since.`,
    );

    const response = await post(LAUNCH);
    expect(textOf(response.json())).toContain(
      '2 people have joined since the previous invitation (2026-11-23).',
    );
    const latest = invitationsIn(LAUNCH).at(-1);
    expect(invitationsIn(LAUNCH)).toHaveLength(2);
    expect(textOf(latest?.blocks)).toContain('2 colleagues have joined since the last invitation.');
    expect(await rows('invitations')).toHaveLength(2);
    const audit = (await rows('audit_entries')).filter((r) => r.action === 'invitation.posted');
    expect(audit.map((r) => json(r.after))).toEqual([
      { channel: LAUNCH, joinedSince: null },
      { channel: LAUNCH, joinedSince: 2 },
    ]);
  });
});

describe('a channel Slack will not take the invitation in', () => {
  const older = MANIFEST_BOT_SCOPES.filter((scope) => scope !== 'chat:write.public');
  const noChat = MANIFEST_BOT_SCOPES.filter((scope) => !scope.startsWith('chat:write'));

  it.each([
    ['a private channel the app was not invited to', undefined, 'C0SECRET', 'cannot see that channel'],
    ['an archived channel', undefined, 'C0OLD', 'That channel is archived'],
    ['a channel that no longer exists', undefined, 'C0GONE', 'cannot see that channel'],
    ['a public channel, on an install without chat:write.public', older, LAUNCH, 'chat:write.public'],
    ['any channel, on an install without chat:write', noChat, 'C0INSIDE', 'reinstall it'],
  ])(
    '%s is explained under the channel field, and nothing is stored',
    async (_what, scopes, channel, why) => {
      await start(scopes);
      const before = await allRows(db());
      const response = await post(channel);
      const answer = response.json() as { response_action: string; errors: Record<string, string> };
      expect(answer.response_action).toBe('errors');
      expect(answer.errors[ADMIN_FIELDS.invitationChannel]).toContain(why);
      // Slack's own error code never reaches the admin.
      expect(answer.errors[ADMIN_FIELDS.invitationChannel]).not.toMatch(
        /not_in_channel|channel_not_found|is_archived|missing_scope/,
      );
      expect(t.fake.messages(channel)).toEqual([]);
      expect(await allRows(db())).toEqual(before);
    },
  );
});

describe('someone who is not a programme admin', () => {
  beforeEach(() => start());

  it('is refused the button and a forged submission, with every table as it was and nothing posted', async () => {
    await post(LAUNCH);
    const before = await allRows(db());

    await pressAdmin(t, OUTSIDER, ADMIN_ACTIONS.invitation);
    expect(textOf(lastModal(t))).toContain(ADMIN_ONLY);
    const forged = await post(LAUNCH, OUTSIDER);
    expect(textOf(forged.json())).toContain(ADMIN_ONLY);

    expect(invitationsIn(LAUNCH)).toHaveLength(1);
    expect(await allRows(db())).toEqual(before);
    expect(t.logs.filter((line) => line.includes('admin action refused'))).toHaveLength(2);
  });
});
