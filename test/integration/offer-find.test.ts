import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { and, eq } from 'drizzle-orm';
import { FORM, slashCommandBody } from '../../dev/signed-requests';
import { tablesOf } from '../../src/storage/tables';
import { blockKitProblems } from '../support/block-kit-limits';
import { seedCustomTopic, topicIds } from '../support/seed-programme';
import { countRows } from '../support/test-database';
import { startTestApp, TEAM, type TestApp } from '../support/test-app';
import { signupFormValues, type SignupEntries } from '../support/signup-form-values';

const OTHER_TEAM = 'T0OTHER';
const JUNIOR = 'U0JUNIOR';
const SENIOR = 'U0SENIOR';
const BOSS = 'U0BOSS';

let t: TestApp;
let triggerSequence = 0;

// Every test starts from an empty programme and builds the state it needs with the helpers below.
beforeEach(async () => {
  t = await startTestApp({
    users: [
      { id: JUNIOR, teamId: TEAM, name: 'june', realName: 'June Junior', tz: 'Europe/London' },
      {
        id: SENIOR,
        teamId: TEAM,
        name: 'sam',
        realName: 'Sam Senior',
        tz: 'America/New_York',
        isOwner: true,
      },
      { id: BOSS, teamId: TEAM, name: 'bo', realName: 'Bo Boss', tz: 'Europe/London', isAdmin: true },
      ...['U0A', 'U0B', 'U0C', 'U0D', 'U0E', 'U0F', 'U0G', 'U0H'].map((id) => ({
        id,
        teamId: TEAM,
        name: id.toLowerCase(),
        tz: 'Europe/Paris',
      })),
      { id: 'U0FAR', teamId: OTHER_TEAM, name: 'far', tz: 'Asia/Tokyo' },
    ],
  });
});

afterEach(async () => {
  await t.close();
});

// --- helpers ---------------------------------------------------------------------------------------------

const db = () => t.app.context.db;

async function openForm(userId: string, word: 'offer' | 'find', teamId = TEAM): Promise<ModalView> {
  triggerSequence += 1;
  const triggerId = `trigger-${word}-${triggerSequence}`;
  const before = t.fake.calls('views.open').length;
  const response = await t.post(
    slashCommandBody({ teamId, userId, text: word, responseUrl: t.fake.responseUrl(), triggerId }),
    FORM,
  );
  expect(response.status).toBe(200);
  const opened = t.fake.calls('views.open').slice(before);
  expect(opened).toHaveLength(1);
  expect(opened[0]?.params.trigger_id).toBe(triggerId);
  const view = opened[0]?.params.view as ModalView;
  expect(blockKitProblems('modal', view as unknown as Record<string, unknown>)).toEqual([]);
  return view;
}

function submitOffer(userId: string, entries: SignupEntries, teamId = TEAM) {
  return t.submit({
    userId,
    teamId,
    callbackId: 'mentor_offer',
    values: signupFormValues({ capacity: '1', ...entries }),
  });
}

function submitFind(userId: string, entries: SignupEntries, teamId = TEAM) {
  return t.submit({ userId, teamId, callbackId: 'mentor_find', values: signupFormValues(entries) });
}

/** The id of a topic of the default catalogue or of this workspace's own. */
async function topicId(name: string): Promise<number> {
  const [id] = await topicIds(db(), [name]);
  return id!;
}

/** The install-wide default catalogue. */
async function defaultTopicCount(): Promise<number> {
  const { topics } = tablesOf(db());
  return (await db().select({ id: topics.id }).from(topics).where(eq(topics.teamId, ''))).length;
}

async function topicNamesWithKey(nameKey: string): Promise<string[]> {
  const { topics } = tablesOf(db());
  const rows = await db().select({ name: topics.name }).from(topics).where(eq(topics.nameKey, nameKey));
  return rows.map((row) => row.name);
}

/** Members with this user id, in any workspace. */
async function memberRows(userId: string) {
  const { members } = tablesOf(db());
  return await db()
    .select({
      teamId: members.teamId,
      userId: members.userId,
      name: members.name,
      timeZone: members.timeZone,
      level: members.level,
      department: members.department,
      isWorkspaceAdmin: members.isWorkspaceAdmin,
    })
    .from(members)
    .where(eq(members.userId, userId));
}

async function exclusionRows() {
  const { exclusions } = tablesOf(db());
  return await db().select().from(exclusions).orderBy(exclusions.userId, exclusions.excludedUserId);
}

async function requestRows(userId: string) {
  const { requests } = tablesOf(db());
  return await db()
    .select({ id: requests.id, goals: requests.goals, status: requests.status })
    .from(requests)
    .where(eq(requests.userId, userId))
    .orderBy(requests.id);
}

function dmsTo(userId: string) {
  return t.fake.messages(t.fake.channelFor([userId]));
}

function element(view: ModalView, blockId: string): Record<string, unknown> {
  const block = (view.blocks as KnownBlock[]).find((b) => b.block_id === blockId);
  if (block?.type !== 'input') throw new Error(`no input ${blockId}`);
  return block.element as unknown as Record<string, unknown>;
}

const valuesOf = (options: unknown) => ((options ?? []) as PlainTextOption[]).map((o) => o.value);

async function openOffer(userId: string) {
  const { offers } = tablesOf(db());
  return await db()
    .select({ id: offers.id, capacity: offers.capacity, note: offers.note, status: offers.status })
    .from(offers)
    .where(and(eq(offers.teamId, TEAM), eq(offers.userId, userId), eq(offers.status, 'open')));
}

/** Sorted in JavaScript: the two databases may collate names differently. */
async function offerTopicNames(offerId: number): Promise<string[]> {
  const { offerTopics, topics } = tablesOf(db());
  const rows = await db()
    .select({ name: topics.name })
    .from(offerTopics)
    .innerJoin(topics, eq(topics.id, offerTopics.topicId))
    .where(eq(offerTopics.offerId, offerId));
  return rows.map((row) => row.name).sort();
}

async function requestTopicNames(requestId: number): Promise<string[]> {
  const { requestTopics, topics } = tablesOf(db());
  const rows = await db()
    .select({ name: topics.name })
    .from(requestTopics)
    .innerJoin(topics, eq(topics.id, requestTopics.topicId))
    .where(eq(requestTopics.requestId, requestId));
  return rows.map((row) => row.name).sort();
}

/** June's offer: two catalogue topics, two of her own, a note and her manager on the exclusions list. */
async function offerAsJune() {
  return submitOffer(JUNIOR, {
    topics: await topicIds(db(), ['Social media', 'Generative AI tools']),
    other: 'Podcasting,  Esports   leagues ',
    level: '1',
    department: 'Marketing',
    capacity: '2',
    note: 'I run our team channel on TikTok.',
    exclusions: [BOSS],
  });
}

/** Sam's request, with "podcasting" typed in lower case (June added "Podcasting" to the catalogue). */
async function findAsSam() {
  return submitFind(SENIOR, {
    topics: [await topicId('Short-form video')],
    other: 'podcasting',
    level: '6',
    department: 'Executive office',
    goals: 'Understand how our younger customers find us.',
    exclusions: [JUNIOR],
  });
}

// --- the flows -------------------------------------------------------------------------------------------

describe('/mentor offer', () => {
  it('acks at once and opens "Offer mentoring" with the trigger id, listing the whole catalogue', async () => {
    const view = await openForm(JUNIOR, 'offer');
    expect(view.title.text).toBe('Offer mentoring');
    const topics = valuesOf(element(view, 'topics').options);
    expect(topics).toContain(String(await topicId('Generative AI tools')));
    expect(topics).toHaveLength(await defaultTopicCount());
    expect(valuesOf(element(view, 'level').options)).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('stores exactly what was submitted, in members, offers, offer_topics, topics and exclusions, and confirms by DM', async () => {
    const before = await countRows(t.app.context.db);
    const response = await offerAsJune();
    expect(response.status).toBe(200);
    expect(response.body).toBe('');

    const { members, topics } = tablesOf(db());
    expect(
      await db()
        .select({
          teamId: members.teamId,
          userId: members.userId,
          name: members.name,
          timeZone: members.timeZone,
          level: members.level,
          department: members.department,
          isWorkspaceAdmin: members.isWorkspaceAdmin,
        })
        .from(members),
    ).toEqual([
      {
        teamId: TEAM,
        userId: JUNIOR,
        name: 'June Junior',
        timeZone: 'Europe/London',
        level: 1,
        department: 'Marketing',
        isWorkspaceAdmin: false,
      },
    ]);
    const [offer] = await openOffer(JUNIOR);
    expect(offer).toMatchObject({ capacity: 2, note: 'I run our team channel on TikTok.', status: 'open' });
    expect(await offerTopicNames(offer!.id)).toEqual([
      'Esports leagues',
      'Generative AI tools',
      'Podcasting',
      'Social media',
    ]);
    const ownTopics = await db()
      .select({ teamId: topics.teamId, name: topics.name, nameKey: topics.nameKey })
      .from(topics)
      .where(eq(topics.teamId, TEAM));
    expect(ownTopics.sort((a, b) => (a.name < b.name ? -1 : 1))).toEqual([
      { teamId: TEAM, name: 'Esports leagues', nameKey: 'esports leagues' },
      { teamId: TEAM, name: 'Podcasting', nameKey: 'podcasting' },
    ]);
    expect((await exclusionRows()).filter((row) => row.teamId === TEAM)).toEqual([
      { teamId: TEAM, userId: JUNIOR, excludedUserId: BOSS },
    ]);
    const after = await countRows(t.app.context.db);
    expect({
      members: after.members,
      offers: after.offers,
      offer_topics: after.offer_topics,
      topics: after.topics,
    }).toEqual({
      members: before.members! + 1,
      offers: before.offers! + 1,
      offer_topics: before.offer_topics! + 4,
      topics: before.topics! + 2,
    });

    const [dm] = dmsTo(JUNIOR);
    expect(dm?.text).toContain('Thank you for offering');
    const shown = JSON.stringify(dm?.blocks);
    for (const expected of [
      'Social media',
      'Podcasting',
      'up to 2 people',
      'What happens next',
      `<@${BOSS}>`,
    ])
      expect(shown).toContain(expected);
    expect(blockKitProblems('message', dm as unknown as Record<string, unknown>)).toEqual([]);
  });

  it('pre-fills the modal from the stored offer on a second open', async () => {
    await offerAsJune();
    const view = await openForm(JUNIOR, 'offer');
    expect(valuesOf(element(view, 'topics').initial_options).map(Number).sort()).toEqual(
      (await topicIds(db(), ['Social media', 'Generative AI tools', 'Podcasting', 'Esports leagues'])).sort(),
    );
    expect((element(view, 'level').initial_option as PlainTextOption).value).toBe('1');
    expect((element(view, 'department').initial_option as PlainTextOption).value).toBe('Marketing');
    expect((element(view, 'capacity').initial_option as PlainTextOption).value).toBe('2');
    expect(element(view, 'note').initial_value).toBe('I run our team channel on TikTok.');
    expect(element(view, 'exclusions').initial_users).toEqual([BOSS]);
    // The person's custom topics are now in the catalogue, so the multi-select can show them selected.
    expect(valuesOf(element(view, 'topics').options)).toContain(String(await topicId('Podcasting')));
  });

  it('updates the same open offer when submitted again, replacing topics and exclusions', async () => {
    await offerAsJune();
    const [first] = await openOffer(JUNIOR);
    await submitOffer(JUNIOR, {
      topics: [await topicId('Podcasting')],
      level: '2',
      department: 'Marketing',
      capacity: '3',
      note: '',
      exclusions: [],
    });
    const offers = await openOffer(JUNIOR);
    expect(offers).toEqual([{ id: first!.id, capacity: 3, note: null, status: 'open' }]);
    expect(await offerTopicNames(first!.id)).toEqual(['Podcasting']);
    expect((await exclusionRows()).filter((row) => row.userId === JUNIOR)).toEqual([]);
    expect((await memberRows(JUNIOR)).map((member) => member.level)).toEqual([2]);
    expect(dmsTo(JUNIOR).at(-1)?.text).toContain('offer to mentor is updated');
  });
});

describe('/mentor find', () => {
  it('opens "Find a mentor" and stores the request, its topics, the profile and the exclusions', async () => {
    const view = await openForm(SENIOR, 'find');
    expect(view.title.text).toBe('Find a mentor');
    expect(view.blocks.some((b) => b.block_id === 'capacity')).toBe(false);

    await offerAsJune();
    await findAsSam();
    expect(await memberRows(SENIOR)).toEqual([
      {
        teamId: TEAM,
        userId: SENIOR,
        name: 'Sam Senior',
        timeZone: 'America/New_York',
        level: 6,
        department: 'Executive office',
        isWorkspaceAdmin: true,
      },
    ]);
    const requests = await requestRows(SENIOR);
    expect(requests).toEqual([
      { id: expect.any(Number), goals: 'Understand how our younger customers find us.', status: 'open' },
    ]);
    // "podcasting" was typed in lower case: it is the topic another person added, not a new one.
    expect(await requestTopicNames(requests[0]!.id)).toEqual(['Podcasting', 'Short-form video']);
    expect(await topicNamesWithKey('podcasting')).toEqual(['Podcasting']);
    expect(
      (await exclusionRows()).filter((row) => row.userId === SENIOR).map((row) => row.excludedUserId),
    ).toEqual([JUNIOR]);
    const [dm] = dmsTo(SENIOR);
    expect(dm?.text).toContain('asked for a mentor');
    expect(JSON.stringify(dm?.blocks)).toContain('What happens next');
  });

  it('pre-fills the find modal from the open request', async () => {
    await offerAsJune();
    await findAsSam();
    const view = await openForm(SENIOR, 'find');
    expect(valuesOf(element(view, 'topics').initial_options).map(Number).sort()).toEqual(
      (await topicIds(db(), ['Short-form video', 'Podcasting'])).sort(),
    );
    expect(element(view, 'goals').initial_value).toBe('Understand how our younger customers find us.');
    expect((element(view, 'level').initial_option as PlainTextOption).value).toBe('6');
    expect(element(view, 'exclusions').initial_users).toEqual([JUNIOR]);
  });

  it('lets a person hold an open offer and an open request, sharing one profile and one exclusions list', async () => {
    await offerAsJune();
    const view = await openForm(JUNIOR, 'find');
    // Nothing asked for yet, but level, department and the exclusions list carry over from the offer.
    expect(element(view, 'topics').initial_options).toBeUndefined();
    expect((element(view, 'department').initial_option as PlainTextOption).value).toBe('Marketing');

    await submitFind(JUNIOR, {
      topics: [await topicId('Data and analytics basics')],
      level: '2',
      department: 'Marketing',
      exclusions: [SENIOR],
    });
    expect(await openOffer(JUNIOR)).toHaveLength(1);
    expect((await requestRows(JUNIOR)).filter((request) => request.status === 'open')).toHaveLength(1);
    expect(
      (await exclusionRows()).filter((row) => row.userId === JUNIOR).map((row) => row.excludedUserId),
    ).toEqual([SENIOR]);
    const offerView = await openForm(JUNIOR, 'offer');
    expect(element(offerView, 'exclusions').initial_users).toEqual([SENIOR]);
  });
});

describe('refused submissions', () => {
  const valid: SignupEntries = { topics: [1], level: '2', department: 'Sales' };

  it.each<[string, 'offer' | 'find', SignupEntries, string]>([
    ['no topic chosen', 'offer', { topics: [] }, 'topics'],
    ['no topic chosen (find)', 'find', { topics: [], other: '  ' }, 'topics'],
    ['an empty custom topic', 'offer', { other: 'a, ,b' }, 'other_topics'],
    ['a custom topic over 40 characters', 'find', { other: 'y'.repeat(41) }, 'other_topics'],
    ['a note over 500 characters', 'offer', { note: 'n'.repeat(501) }, 'note'],
    ['goals over 500 characters', 'find', { goals: 'g'.repeat(501) }, 'goals'],
    ['capacity 4', 'offer', { capacity: '4' }, 'capacity'],
    ['capacity 0', 'offer', { capacity: '0' }, 'capacity'],
    ['excluding yourself', 'offer', { exclusions: ['U0A'] }, 'exclusions'],
    ['excluding yourself (find)', 'find', { exclusions: [BOSS, 'U0A'] }, 'exclusions'],
    ['a tampered topic id', 'offer', { topics: [999999] }, 'topics'],
    ['a tampered level', 'offer', { level: '9' }, 'level'],
    ['a tampered department', 'find', { department: 'Astrology' }, 'department'],
  ])('refuses %s with an error on that input and stores nothing', async (_case, kind, entries, blockId) => {
    const before = await countRows(t.app.context.db);
    const dmsBefore = t.fake.calls('chat.postMessage').length;
    const response =
      kind === 'offer'
        ? await submitOffer('U0A', { ...valid, ...entries })
        : await submitFind('U0A', { ...valid, ...entries });
    expect(response.status).toBe(200);
    const body = response.json();
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors as object)).toEqual([blockId]);
    expect(await countRows(t.app.context.db)).toEqual(before);
    expect(t.fake.calls('chat.postMessage')).toHaveLength(dmsBefore);
  });

  it("refuses another workspace's custom topic", async () => {
    await seedCustomTopic(db(), 'Secret project', OTHER_TEAM);
    const [foreign] = await topicIds(db(), ['Secret project'], OTHER_TEAM);
    const before = await countRows(t.app.context.db);
    const response = await submitOffer('U0A', { ...valid, topics: [Number(foreign)] });
    expect(response.json()).toEqual({ response_action: 'errors', errors: { topics: expect.any(String) } });
    expect(await countRows(t.app.context.db)).toEqual(before);
    const view = await openForm('U0A', 'offer');
    expect(valuesOf(element(view, 'topics').options)).not.toContain(String(foreign));
  });
});

describe('catalogue and concurrency', () => {
  it('reuses a custom topic typed in another case by a second person, and a default typed in another case', async () => {
    await submitOffer('U0B', { other: 'Retro  Gaming', level: '1', department: 'Design' });
    await submitFind('U0C', {
      other: 'retro gaming, GENERATIVE ai Tools',
      level: '5',
      department: 'Finance',
    });
    expect(await topicNamesWithKey('retro gaming')).toEqual(['Retro Gaming']);
    expect(await topicNamesWithKey('generative ai tools')).toHaveLength(1);
    const { requests, requestTopics } = tablesOf(db());
    const requestTopicIds = await db()
      .select({ topicId: requestTopics.topicId })
      .from(requestTopics)
      .innerJoin(requests, eq(requests.id, requestTopics.requestId))
      .where(eq(requests.userId, 'U0C'))
      .orderBy(requestTopics.topicId);
    expect(requestTopicIds.map((row) => row.topicId)).toEqual(
      (await topicIds(db(), ['Generative AI tools', 'Retro Gaming'])).sort((a, b) => a - b),
    );
  });

  it('leaves one consistent open offer when the same person submits twice at once', async () => {
    const a = await topicIds(db(), ['Social media', 'Accessibility']);
    const b = await topicIds(db(), ['Sustainability']);
    await Promise.all([
      submitOffer('U0D', { topics: a, other: 'Memes', level: '1', department: 'Sales', capacity: '1' }),
      submitOffer('U0D', { topics: b, level: '2', department: 'Sales', capacity: '3' }),
    ]);
    const offers = await openOffer('U0D');
    expect(offers).toHaveLength(1);
    const names = await offerTopicNames(offers[0]!.id);
    const firstWon = ['Accessibility', 'Memes', 'Social media'];
    const secondWon = ['Sustainability'];
    expect([firstWon, secondWon]).toContainEqual(names);
    // Capacity and level come from the same submission as the topics.
    const membersNow = await memberRows('U0D');
    expect(membersNow).toHaveLength(1);
    expect({ capacity: offers[0]!.capacity, level: membersNow[0]!.level }).toEqual(
      names.length === firstWon.length ? { capacity: 1, level: 1 } : { capacity: 3, level: 2 },
    );
  });

  it('keeps the modal valid with 150 topics by grouping them, and stores a topic from the second group', async () => {
    const big = 'T0BIG';
    t.fake.addUser({ id: 'U0BIG', teamId: big, name: 'big', tz: 'Europe/Berlin' });
    const { topics: topicTable } = tablesOf(db());
    const defaults = await defaultTopicCount();
    const own = Array.from({ length: 150 - defaults }, (_, i) => ({
      teamId: big,
      name: `Zz topic ${i + 1}`,
      nameKey: `zz topic ${i + 1}`,
    }));
    await db().insert(topicTable).values(own);

    const view = await openForm('U0BIG', 'offer', big);
    const topics = element(view, 'topics');
    expect(topics.options).toBeUndefined();
    const groups = topics.option_groups as { options: PlainTextOption[] }[];
    expect(groups.map((g) => g.options.length)).toEqual([100, 50]);

    const last = Number(groups[1]!.options.at(-1)!.value);
    await submitOffer('U0BIG', { topics: [last], level: '2', department: 'Legal' }, big);
    const { offers, offerTopics } = tablesOf(db());
    const stored = await db()
      .select({ topicId: offerTopics.topicId })
      .from(offerTopics)
      .innerJoin(offers, eq(offers.id, offerTopics.offerId))
      .where(and(eq(offers.teamId, big), eq(offers.userId, 'U0BIG')));
    expect(stored).toEqual([{ topicId: last }]);
    // The other workspace's catalogue is untouched by these.
    const mine = await openForm('U0E', 'offer');
    expect(valuesOf(element(mine, 'topics').options)).not.toContain(String(last));
  });
});

describe('when Slack fails', () => {
  it('apologises through response_url when views.open fails, and stores nothing', async () => {
    const before = await countRows(t.app.context.db);
    const responsesBefore = t.fake.responses().length;
    t.fake.failNext('views.open', { error: 'expired_trigger_id' });
    const response = await t.command('U0F', 'offer');
    expect(response.status).toBe(200);
    const answers = t.fake.responses().slice(responsesBefore);
    expect(answers).toHaveLength(1);
    expect(answers[0]?.body).toMatchObject({ response_type: 'ephemeral' });
    expect(String(answers[0]?.body.text)).toContain("couldn't open the form");
    expect(await countRows(t.app.context.db)).toEqual(before);
  });

  it('tells the person by DM and stores nothing when their profile cannot be fetched', async () => {
    const before = await countRows(t.app.context.db);
    t.fake.failNext('users.info', { error: 'user_not_found' });
    const response = await submitOffer('U0G', { topics: [1], level: '1', department: 'Sales' });
    expect(response.status).toBe(200);
    expect(await countRows(t.app.context.db)).toEqual(before);
    const [dm] = dmsTo('U0G');
    expect(dm?.text).toContain('was not saved');
    expect(dm?.text).not.toContain('user_not_found');
  });

  it('keeps the offer when the confirmation DM cannot be sent, and logs it', async () => {
    t.fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    await submitOffer('U0H', { topics: [1], level: '1', department: 'Sales' });
    expect(await openOffer('U0H')).toHaveLength(1);
    expect(t.logs.some((line) => line.includes('could not confirm signup'))).toBe(true);
  });
});

describe('user_change events', () => {
  const renameJune = (eventId: string, realName: string) =>
    t.event(
      {
        type: 'user_change',
        user: {
          id: JUNIOR,
          name: 'june',
          real_name: realName,
          tz: 'Asia/Kolkata',
          is_admin: true,
          deleted: false,
        },
      },
      { eventId },
    );

  it("refreshes a member's stored name, time zone and admin flag", async () => {
    await offerAsJune();
    await renameJune('EvChange1', 'June Newname');
    expect(await memberRows(JUNIOR)).toEqual([
      {
        teamId: TEAM,
        userId: JUNIOR,
        name: 'June Newname',
        timeZone: 'Asia/Kolkata',
        level: 1,
        department: 'Marketing',
        isWorkspaceAdmin: true,
      },
    ]);
  });

  it('handles a retried event once', async () => {
    await offerAsJune();
    await renameJune('EvChange1', 'June Newname');
    await renameJune('EvChange1', 'Retried Name');
    expect((await memberRows(JUNIOR)).map((member) => member.name)).toEqual(['June Newname']);
    await renameJune('EvChange2', 'June Thirdname');
    expect((await memberRows(JUNIOR)).map((member) => member.name)).toEqual(['June Thirdname']);
  });

  it('ignores an event whose user id is not a string', async () => {
    await offerAsJune();
    const before = await memberRows(JUNIOR);
    for (const [k, deleted] of [false, true].entries()) {
      await t.event(
        { type: 'user_change', user: { id: [JUNIOR], real_name: 'Forged', tz: 'UTC', deleted } },
        { eventId: `EvForged${k}` },
      );
    }
    expect(await memberRows(JUNIOR)).toEqual(before);
    expect(await openOffer(JUNIOR)).toHaveLength(1);
  });

  it('stores nothing about people who have not joined', async () => {
    const before = await countRows(t.app.context.db);
    await t.event(
      { type: 'user_change', user: { id: 'U0STRANGER', real_name: 'Stranger', tz: 'UTC', deleted: false } },
      { eventId: 'EvChange2' },
    );
    expect(await memberRows('U0STRANGER')).toEqual([]);
    expect((await countRows(t.app.context.db)).members).toBe(before.members);
  });
});

describe('the Home tab after a submission', () => {
  it('republishes the Home tab after a submission, showing the new offer', async () => {
    const publishedTo = (userId: string) =>
      t.fake.calls('views.publish').filter((call) => call.params.user_id === userId);
    const before = publishedTo('U0H').length;
    await submitOffer('U0H', {
      topics: [await topicId('Accessibility')],
      level: '1',
      department: 'Marketing',
    });
    const published = publishedTo('U0H');
    expect(published).toHaveLength(before + 1);
    const home = published.at(-1)?.params.view as Record<string, unknown>;
    expect(blockKitProblems('home', home)).toEqual([]);
    expect(JSON.stringify(home.blocks)).toContain('Accessibility');
  });
});
