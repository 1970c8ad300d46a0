// Replies in a pair's group DM and the buttons under the weekly question: the database learns that a pair
// talked, never what they said.
import fs from 'node:fs';
import { count, eq } from 'drizzle-orm';
import { tablesOf } from '../../src/storage/tables';
import { createTestClock, DAY, HOUR } from '../support/test-clock';
import { deliveriesOf, seedRunningPair, type SeededPair } from '../support/seed-programme';
import { startTestApp, type TestApp } from '../support/test-app';
import { findTextEverywhere, sqliteFile } from '../support/test-database';

let t: TestApp;
let pair: SeededPair;
let promptTs: string;
let tsSequence = 0;

beforeEach(async () => {
  t = await startTestApp({ clock: createTestClock('2026-11-23T10:05:00Z') });
  pair = await seedRunningPair(t.app.context.db, t.fake, {
    mentor: { userId: 'UMENTOR' },
    mentee: { userId: 'UMENTEE', timeZone: 'Europe/London' },
    startedAt: new Date('2026-11-01T00:00:00Z'),
  });
  await t.tick();
  promptTs = t.fake.messages(pair.channelId)[0]?.ts ?? '';
  expect(promptTs).not.toBe('');
});
afterEach(async () => {
  await t.close();
});

function reply(
  userId: string,
  text: string,
  options: {
    threadTs?: string | null;
    eventId?: string;
    channel?: string;
    extra?: Record<string, unknown>;
  } = {},
) {
  tsSequence += 1;
  const threadTs = options.threadTs === undefined ? promptTs : options.threadTs;
  return t.event(
    {
      type: 'message',
      channel: options.channel ?? pair.channelId,
      channel_type: 'mpim',
      user: userId,
      text,
      ts: `1800000000.${String(tsSequence).padStart(6, '0')}`,
      ...(threadTs === null ? {} : { thread_ts: threadTs, parent_user_id: 'UBOT' }),
      ...options.extra,
    },
    options.eventId === undefined ? {} : { eventId: options.eventId },
  );
}

const delivery = async () => (await deliveriesOf(t.app.context.db, pair.pairId))[0];

describe('thread replies to the weekly question', () => {
  it('marks the question answered by the mentee, then by the mentor, keeping the first answer time', async () => {
    expect(await delivery()).toMatchObject({ answeredAt: null, replyCount: 0 });
    await reply('UMENTEE', 'I think it starts with listening');
    const first = await delivery();
    expect(first).toMatchObject({ replyCount: 1, answeredByMentee: true, answeredByMentor: false });
    expect(first?.answeredAt).toEqual(new Date('2026-11-23T10:05:00Z'));

    t.clock.advance(2 * HOUR);
    await reply('UMENTOR', 'Agreed, and asking questions');
    expect(await delivery()).toMatchObject({
      replyCount: 2,
      answeredByMentee: true,
      answeredByMentor: true,
      answeredAt: new Date('2026-11-23T10:05:00Z'),
    });
  });

  it('counts a reply also sent to the channel (thread_broadcast)', async () => {
    await reply('UMENTOR', 'Also posting this to the conversation', {
      extra: { subtype: 'thread_broadcast' },
    });
    expect(await delivery()).toMatchObject({ replyCount: 1, answeredByMentor: true });
  });

  it('does not count someone outside the pair, the bot, or edits', async () => {
    await reply('USTRANGER', 'I wandered in');
    await reply('UBOT', 'bot talking', { extra: { bot_id: 'B0TEST' } });
    await reply('UMENTEE', 'edited', { extra: { subtype: 'message_changed' } });
    expect(await delivery()).toMatchObject({
      answeredAt: null,
      replyCount: 0,
      answeredByMentor: false,
      answeredByMentee: false,
    });
  });

  it('does not count messages outside the question’s thread', async () => {
    await reply('UMENTEE', 'a top-level message', { threadTs: null });
    await reply('UMENTEE', 'a reply in some other thread', { threadTs: '1799999999.000100' });
    // The question itself, as Slack echoes a thread parent (thread_ts equal to its own ts).
    await t.event({
      type: 'message',
      channel: pair.channelId,
      channel_type: 'mpim',
      user: 'UMENTEE',
      text: 'x',
      ts: promptTs,
      thread_ts: promptTs,
    });
    // The same thread ts in a different channel is not this pair's question.
    const other = await seedRunningPair(t.app.context.db, t.fake, {
      mentor: { userId: 'UOTHER1' },
      mentee: { userId: 'UMENTEE' },
      startedAt: new Date('2026-11-01T00:00:00Z'),
    });
    await reply('UMENTEE', 'wrong room', { channel: other.channelId });
    expect(await delivery()).toMatchObject({ answeredAt: null, replyCount: 0 });
  });

  it('counts an event Slack delivers twice (same event_id) once', async () => {
    await reply('UMENTEE', 'said once', { eventId: 'EvDUPLICATE1' });
    await reply('UMENTEE', 'said once', { eventId: 'EvDUPLICATE1' });
    await reply('UMENTEE', 'said once', { eventId: 'EvDUPLICATE1' });
    expect(await delivery()).toMatchObject({ replyCount: 1 });
  });

  it('still counts a retried event once an hour later, and forgets event ids after a day', async () => {
    await reply('UMENTEE', 'said once', { eventId: 'EvRETRIED1' });
    t.clock.advance(HOUR);
    await t.tick();
    await reply('UMENTEE', 'said once', { eventId: 'EvRETRIED1' });
    expect(await delivery()).toMatchObject({ replyCount: 1 });
    const remembered = async () => {
      const { db } = t.app.context;
      const { processedEvents } = tablesOf(db);
      return await db
        .select({ n: count() })
        .from(processedEvents)
        .where(eq(processedEvents.eventId, 'EvRETRIED1'));
    };
    expect(await remembered()).toEqual([{ n: 1 }]);
    t.clock.advance(DAY);
    await t.tick();
    expect(await remembered()).toEqual([{ n: 0 }]);
  });

  it('never stores or logs the text of a reply: no query reads it, nor is it in a SQLite file or its WAL, nor the logs', async () => {
    const secret = 'Zanzibar-7f3c-my-manager-never-listens';
    await reply('UMENTEE', secret);
    await reply('USTRANGER', `${secret}-outsider`);
    await reply('UMENTOR', `${secret}-top-level`, { threadTs: null });
    expect(await delivery()).toMatchObject({ replyCount: 1 });

    expect(await findTextEverywhere(t.app.context.db, 'Zanzibar-7f3c')).toEqual([]);
    // The search does see what is stored: the question sent this week is there.
    expect(await findTextEverywhere(t.app.context.db, 'who’s doing it well')).not.toEqual([]);
    if (t.config.database.kind === 'sqlite') {
      // On SQLite the bytes are at hand too (PostgreSQL's files are the server's: docs/operations.md).
      const file = sqliteFile(t.config.database);
      const stored = Buffer.concat(
        [file, `${file}-wal`, `${file}-shm`]
          .filter((part) => fs.existsSync(part))
          .map((part) => fs.readFileSync(part)),
      );
      expect(stored.includes(Buffer.from('Zanzibar-7f3c', 'utf8'))).toBe(false);
      expect(stored.includes(Buffer.from('who’s doing it well', 'utf8'))).toBe(true);
    }
    expect(t.logs.join('\n')).not.toContain('Zanzibar');
    expect(t.logs.join('\n')).toContain('prompt answered in thread');
  });
});

describe('the buttons under the weekly question', () => {
  const click = async (userId: string, actionId: string) =>
    t.click({
      userId,
      actionId,
      value: String((await delivery())?.id),
      message: { channel: pair.channelId, ts: promptTs },
    });
  const lastResponse = () => t.fake.responses().at(-1)?.body ?? {};

  it('"We discussed it" records the outcome and counts as an answer, politely and only to the clicker', async () => {
    await click('UMENTOR', 'prompt_discussed');
    expect(await delivery()).toMatchObject({ outcome: 'discussed', answeredByMentor: true, replyCount: 0 });
    expect((await delivery())?.answeredAt).toEqual(new Date('2026-11-23T10:05:00Z'));
    expect(lastResponse()).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(lastResponse().text)).toMatch(/thanks/i);
  });

  it('is idempotent: a second press changes nothing and says it is already noted', async () => {
    await click('UMENTEE', 'prompt_discussed');
    t.clock.advance(HOUR);
    await click('UMENTOR', 'prompt_discussed');
    expect(await delivery()).toMatchObject({
      outcome: 'discussed',
      answeredAt: new Date('2026-11-23T10:05:00Z'),
    });
    expect(String(lastResponse().text)).toContain('Already noted');
    // The question message itself is left alone for the other person.
    expect(t.fake.calls('chat.update')).toHaveLength(0);
  });

  it('"Skip this week" records a skip without counting it as an answer', async () => {
    await click('UMENTEE', 'prompt_skipped');
    expect(await delivery()).toMatchObject({ outcome: 'skipped', answeredAt: null });
    expect(String(lastResponse().text)).toMatch(/skipped/i);
  });

  it('refuses someone outside the pair without recording anything', async () => {
    await click('USTRANGER', 'prompt_skipped');
    expect(await delivery()).toMatchObject({ outcome: null });
    expect(lastResponse()).toMatchObject({ response_type: 'ephemeral' });
    expect(String(lastResponse().text)).toContain('for the two people in this pair');
  });
});
