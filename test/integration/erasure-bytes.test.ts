// /mentor leave down to the bytes: once Zelda has left, nothing she typed and none of her ids is left in the
// SQLite file, its WAL or its shared-memory index, in any encoding, nor in the logs. Reading the tables (as
// self-service-leave.test.ts does) cannot see deleted rows still lying in free space or in old WAL frames.
import fs from 'node:fs';
import { FEEDBACK_FIELDS } from '../../src/domain/feedback-form';
import { SELF_SERVICE_CALLBACKS } from '../../src/views/self-service-ids';
import { asFakeUsers, seedPair, seedPerson, type Person } from '../support/seed-programme';
import { startTestApp, TEAM, type TestApp } from '../support/test-app';
import { DAY } from '../support/test-clock';
import { sqliteFile } from '../support/test-database';

const ZELDA: Person = {
  userId: 'U0ZELDAQX',
  name: 'Zelda Quixotic-Leaver',
  level: 1,
  department: 'Marketing',
};
// Zelda's mentee, who stays; Rhea, who stays and shares one of Zelda's custom topics; Boris, whom Zelda
// would rather not be matched with and who has no other part in the programme.
const PABLO: Person = { userId: 'U0PABLO', name: 'Pablo Remains', level: 5, department: 'Sales' };
const RHEA: Person = { userId: 'U0RHEA', name: 'Rhea Stays', level: 2, department: 'Engineering' };
const BORIS = { userId: 'U0BORISZX', name: 'Boris Avoidedby-Zelda' };

// What Zelda typed, and the topic only she uses.
const ZELDA_NOTE = 'I run the otter livestream on weekends';
const ZELDA_GOALS = 'Learn to read a balance sheet without crying';
const ZELDA_COMMENT = 'Pablo was a delight, especially about capybaras';
const ZELDA_TOPIC = 'Quokka photography for execs';
// A custom topic Rhea added and Zelda also picked: it is Rhea's too, so it stays.
const SHARED_TOPIC = 'Sourdough for CFOs';
const RHEA_NOTE = 'Rhea teaches the ukulele channel';
const PABLO_COMMENT = 'Zelda-free comment: the pairing was useful';

let t: TestApp;

const sql = <T>(query: string, ...params: unknown[]) =>
  t.app.context.db.$client.prepare(query).all(...params) as T[];

beforeEach(async () => {
  t = await startTestApp({ users: asFakeUsers([ZELDA, PABLO, RHEA, BORIS]) });
});

afterEach(async () => {
  await t.close();
});

const option = (value: string) => ({ text: { type: 'plain_text', text: value }, value });

type Form = Record<string, Record<string, unknown>>;

/** The fields "Offer mentoring" and "Find a mentor" share. */
function signupValues(fields: {
  topics: string[];
  other: string;
  person: Person;
  exclusions: string[];
}): Form {
  const ids = fields.topics.map((name) => {
    const [row] = sql<{ id: number }>("select id from topics where name = ? and team_id = ''", name);
    if (row === undefined) throw new Error(`no topic ${name}`);
    return option(String(row.id));
  });
  return {
    topics: { topics: { type: 'multi_static_select', selected_options: ids } },
    other_topics: { other_topics: { type: 'plain_text_input', value: fields.other } },
    level: { level: { type: 'static_select', selected_option: option(String(fields.person.level)) } },
    department: {
      department: { type: 'static_select', selected_option: option(fields.person.department) },
    },
    exclusions: { exclusions: { type: 'multi_users_select', selected_users: fields.exclusions } },
  };
}

const offerValues = (fields: Parameters<typeof signupValues>[0] & { note: string }): Form => ({
  ...signupValues(fields),
  capacity: { capacity: { type: 'static_select', selected_option: option('2') } },
  note: { note: { type: 'plain_text_input', value: fields.note } },
});

const findValues = (fields: Parameters<typeof signupValues>[0] & { goals: string }): Form => ({
  ...signupValues(fields),
  goals: { goals: { type: 'plain_text_input', value: fields.goals } },
});

function feedbackValues(comment: string) {
  return {
    [FEEDBACK_FIELDS.rating]: {
      [FEEDBACK_FIELDS.rating]: { type: 'radio_buttons', selected_option: { value: '5' } },
    },
    [FEEDBACK_FIELDS.recommend]: {
      [FEEDBACK_FIELDS.recommend]: { type: 'radio_buttons', selected_option: { value: 'yes' } },
    },
    [FEEDBACK_FIELDS.comment]: { [FEEDBACK_FIELDS.comment]: { type: 'plain_text_input', value: comment } },
  };
}

/** Everything the app has written to disk for this database: the file, its WAL and its shared-memory index. */
function storedBytes(): Buffer {
  const file = sqliteFile(t.config.database);
  return Buffer.concat(
    [file, `${file}-wal`, `${file}-shm`]
      .filter((part) => fs.existsSync(part))
      .map((part) => fs.readFileSync(part)),
  );
}

/** The needles found in the bytes, as UTF-8 or UTF-16LE, as typed or lower-cased (topic keys are). */
function foundIn(bytes: Buffer, needles: readonly string[]): string[] {
  return needles.filter((needle) =>
    [needle, needle.toLowerCase()].some(
      (form) => bytes.includes(Buffer.from(form, 'utf8')) || bytes.includes(Buffer.from(form, 'utf16le')),
    ),
  );
}

/** Zelda, Pablo and Rhea sign up through the modals; Zelda mentors Pablo, then ends it with a comment. */
async function programmeWithZelda(): Promise<{ zeldaChannel: string }> {
  const now = t.clock.now();
  await seedPerson(t.app.context.db, PABLO, now);

  await t.submit({
    userId: RHEA.userId,
    callbackId: 'mentor_offer',
    values: offerValues({
      topics: ['Generative AI tools'],
      other: SHARED_TOPIC,
      person: RHEA,
      note: RHEA_NOTE,
      exclusions: [ZELDA.userId],
    }),
  });
  await t.submit({
    userId: ZELDA.userId,
    callbackId: 'mentor_offer',
    values: offerValues({
      topics: ['Social media'],
      other: `${ZELDA_TOPIC}, ${SHARED_TOPIC}`,
      person: ZELDA,
      note: ZELDA_NOTE,
      exclusions: [BORIS.userId],
    }),
  });
  await t.submit({
    userId: ZELDA.userId,
    callbackId: 'mentor_find',
    values: findValues({
      topics: ['Data and analytics basics'],
      other: ZELDA_TOPIC,
      person: ZELDA,
      goals: ZELDA_GOALS,
      exclusions: [BORIS.userId],
    }),
  });

  const [offer] = sql<{ id: number }>(
    "select id from offers where user_id = ? and status = 'open'",
    ZELDA.userId,
  );
  const zeldaChannel = t.fake.channelFor([ZELDA.userId, PABLO.userId]);
  const pairId = await seedPair(t.app.context.db, {
    mentor: ZELDA,
    mentee: PABLO,
    channelId: zeldaChannel,
    offerId: offer?.id ?? null,
    sharedTopics: ['Social media'],
    startedAt: new Date(now.getTime() - 14 * DAY),
  });
  await t.submit({
    userId: ZELDA.userId,
    callbackId: SELF_SERVICE_CALLBACKS.feedback,
    privateMetadata: JSON.stringify({ pairId, mode: 'end' }),
    values: feedbackValues(ZELDA_COMMENT),
  });
  await t.submit({
    userId: PABLO.userId,
    callbackId: SELF_SERVICE_CALLBACKS.feedback,
    privateMetadata: JSON.stringify({ pairId, mode: 'feedback' }),
    values: feedbackValues(PABLO_COMMENT),
  });
  return { zeldaChannel };
}

describe('/mentor leave, read as bytes', () => {
  it('leaves none of what the leaver typed, nor their ids, in the database file, WAL, -shm or logs', async () => {
    const { zeldaChannel } = await programmeWithZelda();
    const zeldaStrings = [
      ZELDA.userId,
      ZELDA.name,
      'Quixotic',
      ZELDA_NOTE,
      ZELDA_GOALS,
      ZELDA_COMMENT,
      ZELDA_TOPIC,
      BORIS.userId,
      zeldaChannel,
    ];
    const remaining = [
      PABLO.userId,
      PABLO.name,
      RHEA.userId,
      RHEA.name,
      RHEA_NOTE,
      PABLO_COMMENT,
      SHARED_TOPIC,
    ];
    // The scan sees what was stored before the leave: otherwise it could not fail.
    expect(foundIn(storedBytes(), zeldaStrings)).toEqual(zeldaStrings);

    await t.command(ZELDA.userId, 'leave');
    const left = await t.submit({
      userId: ZELDA.userId,
      callbackId: SELF_SERVICE_CALLBACKS.leave,
      values: {},
    });
    expect(JSON.stringify(left.json())).toContain('your data has been erased');
    await t.settle();

    const bytes = storedBytes();
    expect(foundIn(bytes, zeldaStrings)).toEqual([]);
    expect(foundIn(bytes, remaining)).toEqual(remaining);
    const logs = t.logs.join('\n');
    expect(foundIn(Buffer.from(logs, 'utf8'), zeldaStrings)).toEqual([]);
    // The scan of the logs can find things: the leave request itself is there.
    expect(logs).toContain('"name":"self_leave"');

    // The topic only Zelda used is gone from the catalogue; the one Rhea also uses stays.
    expect(sql<{ name: string }>('select name from topics where team_id = ? order by name', TEAM)).toEqual([
      { name: SHARED_TOPIC },
    ]);
  });
});
