import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { FORM, slashCommandBody } from '../../dev/signed-requests';
import { blockKitProblems } from '../support/block-kit-limits';
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

const sql = <T>(query: string, ...params: unknown[]) =>
  t.app.context.db.$client.prepare(query).all(...params) as T[];

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

function topicId(name: string): number {
  const [row] = sql<{ id: number }>(
    "select id from topics where name = ? and team_id in ('', ?)",
    name,
    TEAM,
  );
  if (row === undefined) throw new Error(`no topic ${name}`);
  return row.id;
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

function openOffer(userId: string) {
  return sql<{ id: number; capacity: number; note: string | null; status: string }>(
    "select id, capacity, note, status from offers where team_id = ? and user_id = ? and status = 'open'",
    TEAM,
    userId,
  );
}

function offerTopicNames(offerId: number): string[] {
  return sql<{ name: string }>(
    'select t.name from offer_topics o join topics t on t.id = o.topic_id where o.offer_id = ? order by t.name',
    offerId,
  ).map((row) => row.name);
}

/** June's offer: two catalogue topics, two of her own, a note and her manager on the exclusions list. */
function offerAsJune() {
  return submitOffer(JUNIOR, {
    topics: [topicId('Social media'), topicId('Generative AI tools')],
    other: 'Podcasting,  Esports   leagues ',
    level: '1',
    department: 'Marketing',
    capacity: '2',
    note: 'I run our team channel on TikTok.',
    exclusions: [BOSS],
  });
}

/** Sam's request, with "podcasting" typed in lower case (June added "Podcasting" to the catalogue). */
function findAsSam() {
  return submitFind(SENIOR, {
    topics: [topicId('Short-form video')],
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
    expect(topics).toContain(String(topicId('Generative AI tools')));
    expect(topics).toHaveLength(sql('select id from topics where team_id = ?', '').length);
    expect(valuesOf(element(view, 'level').options)).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('stores exactly what was submitted, in members, offers, offer_topics, topics and exclusions, and confirms by DM', async () => {
    const before = await countRows(t.app.context.db);
    const response = await offerAsJune();
    expect(response.status).toBe(200);
    expect(response.body).toBe('');

    expect(
      sql('select team_id, user_id, name, time_zone, level, department, is_workspace_admin from members'),
    ).toEqual([
      {
        team_id: TEAM,
        user_id: JUNIOR,
        name: 'June Junior',
        time_zone: 'Europe/London',
        level: 1,
        department: 'Marketing',
        is_workspace_admin: 0,
      },
    ]);
    const [offer] = openOffer(JUNIOR);
    expect(offer).toMatchObject({ capacity: 2, note: 'I run our team channel on TikTok.', status: 'open' });
    expect(offerTopicNames(offer!.id)).toEqual([
      'Esports leagues',
      'Generative AI tools',
      'Podcasting',
      'Social media',
    ]);
    expect(sql('select team_id, name, name_key from topics where team_id = ? order by name', TEAM)).toEqual([
      { team_id: TEAM, name: 'Esports leagues', name_key: 'esports leagues' },
      { team_id: TEAM, name: 'Podcasting', name_key: 'podcasting' },
    ]);
    expect(sql('select user_id, excluded_user_id from exclusions where team_id = ?', TEAM)).toEqual([
      { user_id: JUNIOR, excluded_user_id: BOSS },
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
      ['Social media', 'Generative AI tools', 'Podcasting', 'Esports leagues'].map(topicId).sort(),
    );
    expect((element(view, 'level').initial_option as PlainTextOption).value).toBe('1');
    expect((element(view, 'department').initial_option as PlainTextOption).value).toBe('Marketing');
    expect((element(view, 'capacity').initial_option as PlainTextOption).value).toBe('2');
    expect(element(view, 'note').initial_value).toBe('I run our team channel on TikTok.');
    expect(element(view, 'exclusions').initial_users).toEqual([BOSS]);
    // The person's custom topics are now in the catalogue, so the multi-select can show them selected.
    expect(valuesOf(element(view, 'topics').options)).toContain(String(topicId('Podcasting')));
  });

  it('updates the same open offer when submitted again, replacing topics and exclusions', async () => {
    await offerAsJune();
    const [first] = openOffer(JUNIOR);
    await submitOffer(JUNIOR, {
      topics: [topicId('Podcasting')],
      level: '2',
      department: 'Marketing',
      capacity: '3',
      note: '',
      exclusions: [],
    });
    const offers = openOffer(JUNIOR);
    expect(offers).toEqual([{ id: first!.id, capacity: 3, note: null, status: 'open' }]);
    expect(offerTopicNames(first!.id)).toEqual(['Podcasting']);
    expect(sql('select * from exclusions where user_id = ?', JUNIOR)).toEqual([]);
    expect(sql('select level from members where user_id = ?', JUNIOR)).toEqual([{ level: 2 }]);
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
    expect(
      sql(
        'select name, time_zone, level, department, is_workspace_admin from members where user_id = ?',
        SENIOR,
      ),
    ).toEqual([
      {
        name: 'Sam Senior',
        time_zone: 'America/New_York',
        level: 6,
        department: 'Executive office',
        is_workspace_admin: 1,
      },
    ]);
    const requests = sql<{ id: number; goals: string; status: string }>(
      'select id, goals, status from requests where user_id = ?',
      SENIOR,
    );
    expect(requests).toEqual([
      { id: expect.any(Number), goals: 'Understand how our younger customers find us.', status: 'open' },
    ]);
    const topics = sql<{ name: string }>(
      'select t.name from request_topics r join topics t on t.id = r.topic_id where r.request_id = ? order by t.name',
      requests[0]!.id,
    );
    // "podcasting" was typed in lower case: it is the topic another person added, not a new one.
    expect(topics.map((row) => row.name)).toEqual(['Podcasting', 'Short-form video']);
    expect(sql("select name from topics where name_key = 'podcasting'")).toEqual([{ name: 'Podcasting' }]);
    expect(sql('select excluded_user_id from exclusions where user_id = ?', SENIOR)).toEqual([
      { excluded_user_id: JUNIOR },
    ]);
    const [dm] = dmsTo(SENIOR);
    expect(dm?.text).toContain('asked for a mentor');
    expect(JSON.stringify(dm?.blocks)).toContain('What happens next');
  });

  it('pre-fills the find modal from the open request', async () => {
    await offerAsJune();
    await findAsSam();
    const view = await openForm(SENIOR, 'find');
    expect(valuesOf(element(view, 'topics').initial_options).map(Number).sort()).toEqual(
      [topicId('Short-form video'), topicId('Podcasting')].sort(),
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
      topics: [topicId('Data and analytics basics')],
      level: '2',
      department: 'Marketing',
      exclusions: [SENIOR],
    });
    expect(openOffer(JUNIOR)).toHaveLength(1);
    expect(sql("select id from requests where user_id = ? and status = 'open'", JUNIOR)).toHaveLength(1);
    expect(sql('select excluded_user_id from exclusions where user_id = ?', JUNIOR)).toEqual([
      { excluded_user_id: SENIOR },
    ]);
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
    const foreign = t.app.context.db.$client
      .prepare("insert into topics (team_id, name, name_key) values (?, 'Secret project', 'secret project')")
      .run(OTHER_TEAM).lastInsertRowid;
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
    expect(sql("select name from topics where name_key = 'retro gaming'")).toEqual([
      { name: 'Retro Gaming' },
    ]);
    expect(sql("select count(*) as n from topics where name_key = 'generative ai tools'")).toEqual([
      { n: 1 },
    ]);
    const requestTopicIds = sql<{ topic_id: number }>(
      "select topic_id from request_topics r join requests q on q.id = r.request_id where q.user_id = 'U0C' order by topic_id",
    ).map((row) => row.topic_id);
    expect(requestTopicIds).toEqual(
      [topicId('Generative AI tools'), topicId('Retro Gaming')].sort((a, b) => a - b),
    );
  });

  it('leaves one consistent open offer when the same person submits twice at once', async () => {
    const a = [topicId('Social media'), topicId('Accessibility')];
    const b = [topicId('Sustainability')];
    await Promise.all([
      submitOffer('U0D', { topics: a, other: 'Memes', level: '1', department: 'Sales', capacity: '1' }),
      submitOffer('U0D', { topics: b, level: '2', department: 'Sales', capacity: '3' }),
    ]);
    const offers = openOffer('U0D');
    expect(offers).toHaveLength(1);
    const names = offerTopicNames(offers[0]!.id);
    const firstWon = ['Accessibility', 'Memes', 'Social media'];
    const secondWon = ['Sustainability'];
    expect([firstWon, secondWon]).toContainEqual(names);
    // Capacity and level come from the same submission as the topics.
    const [member] = sql<{ level: number }>("select level from members where user_id = 'U0D'");
    expect({ capacity: offers[0]!.capacity, level: member!.level }).toEqual(
      names.length === firstWon.length ? { capacity: 1, level: 1 } : { capacity: 3, level: 2 },
    );
    expect(sql("select count(*) as n from members where user_id = 'U0D'")).toEqual([{ n: 1 }]);
  });

  it('keeps the modal valid with 150 topics by grouping them, and stores a topic from the second group', async () => {
    const big = 'T0BIG';
    t.fake.addUser({ id: 'U0BIG', teamId: big, name: 'big', tz: 'Europe/Berlin' });
    const insert = t.app.context.db.$client.prepare(
      'insert into topics (team_id, name, name_key) values (?, ?, ?)',
    );
    const defaults = sql('select id from topics where team_id = ?', '').length;
    for (let i = 1; i <= 150 - defaults; i += 1) insert.run(big, `Zz topic ${i}`, `zz topic ${i}`);

    const view = await openForm('U0BIG', 'offer', big);
    const topics = element(view, 'topics');
    expect(topics.options).toBeUndefined();
    const groups = topics.option_groups as { options: PlainTextOption[] }[];
    expect(groups.map((g) => g.options.length)).toEqual([100, 50]);

    const last = Number(groups[1]!.options.at(-1)!.value);
    await submitOffer('U0BIG', { topics: [last], level: '2', department: 'Legal' }, big);
    const stored = sql<{ topic_id: number }>(
      "select topic_id from offer_topics o join offers f on f.id = o.offer_id where f.team_id = ? and f.user_id = 'U0BIG'",
      big,
    );
    expect(stored).toEqual([{ topic_id: last }]);
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
    expect(openOffer('U0H')).toHaveLength(1);
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
    expect(
      sql('select name, time_zone, is_workspace_admin, level from members where user_id = ?', JUNIOR),
    ).toEqual([{ name: 'June Newname', time_zone: 'Asia/Kolkata', is_workspace_admin: 1, level: 1 }]);
  });

  it('handles a retried event once', async () => {
    await offerAsJune();
    await renameJune('EvChange1', 'June Newname');
    await renameJune('EvChange1', 'Retried Name');
    expect(sql('select name from members where user_id = ?', JUNIOR)).toEqual([{ name: 'June Newname' }]);
    await renameJune('EvChange2', 'June Thirdname');
    expect(sql('select name from members where user_id = ?', JUNIOR)).toEqual([{ name: 'June Thirdname' }]);
  });

  it('stores nothing about people who have not joined', async () => {
    const before = await countRows(t.app.context.db);
    await t.event(
      { type: 'user_change', user: { id: 'U0STRANGER', real_name: 'Stranger', tz: 'UTC', deleted: false } },
      { eventId: 'EvChange2' },
    );
    expect(sql('select * from members where user_id = ?', 'U0STRANGER')).toEqual([]);
    expect((await countRows(t.app.context.db)).members).toBe(before.members);
  });
});

describe('the Home tab after a submission', () => {
  it('republishes the Home tab after a submission, showing the new offer', async () => {
    const publishedTo = (userId: string) =>
      t.fake.calls('views.publish').filter((call) => call.params.user_id === userId);
    const before = publishedTo('U0H').length;
    await submitOffer('U0H', { topics: [topicId('Accessibility')], level: '1', department: 'Marketing' });
    const published = publishedTo('U0H');
    expect(published).toHaveLength(before + 1);
    const home = published.at(-1)?.params.view as Record<string, unknown>;
    expect(blockKitProblems('home', home)).toEqual([]);
    expect(JSON.stringify(home.blocks)).toContain('Accessibility');
  });
});
