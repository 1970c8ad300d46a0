// What follows an unanswered question: one reminder in its thread mid-week, and after three quiet weeks in a
// row, the question whether to pause.
import { PROMPT_ACTIONS } from '../../src/views/prompt-message';
import { createTestClock, DAY, HOUR } from '../support/test-clock';
import { deliveriesOf, pairRow, seedRunningPair, type SeededPair } from '../support/seed-programme';
import { startTestApp, type TestApp } from '../support/test-app';
import { allRows } from '../support/test-database';

const MONDAY = '2026-11-23T10:05:00Z';
const WEEK = 7 * DAY;

let t: TestApp;
let pair: SeededPair;

async function start(env: Record<string, string> = {}) {
  t = await startTestApp({ clock: createTestClock(MONDAY), env });
  pair = await seedRunningPair(t.app.context.db, t.fake, {
    mentor: { userId: 'UMENTOR' },
    mentee: { userId: 'UMENTEE', timeZone: 'Europe/London' },
    startedAt: new Date('2026-11-01T00:00:00Z'),
  });
}
afterEach(async () => {
  await t.close();
});

const topLevel = () => t.fake.messages(pair.channelId).filter((m) => m.threadTs === undefined);
const prompts = () => topLevel().filter((m) => m.metadata !== undefined);
const reminders = () => t.fake.messages(pair.channelId).filter((m) => m.threadTs !== undefined);
const pauseQuestions = () => topLevel().filter((m) => m.metadata === undefined);
const actionIdsOf = (message: { blocks?: unknown } | undefined) =>
  [...JSON.stringify(message?.blocks ?? []).matchAll(/"action_id":"([a-z_]+)"/g)].map((m) => m[1]);

let replySequence = 0;
async function replyInThread(userId: string, threadTs: string) {
  replySequence += 1;
  // A message ts is the posting time in seconds, plus a suffix that keeps it unique within that second.
  const seconds = Math.floor(t.clock.now().getTime() / 1000);
  await t.event({
    type: 'message',
    channel: pair.channelId,
    channel_type: 'mpim',
    user: userId,
    text: 'an answer',
    ts: `${seconds}.${String(replySequence).padStart(6, '0')}`,
    thread_ts: threadTs,
  });
}

describe('the mid-week reminder', () => {
  it('comes once, in the thread, NUDGE_AFTER_HOURS after an unanswered question', async () => {
    await start({ NUDGE_AFTER_HOURS: '48' });
    await t.tick();
    const promptTs = prompts()[0]?.ts;

    t.clock.advance(47 * HOUR);
    await t.tick();
    expect(reminders()).toHaveLength(0);

    t.clock.advance(HOUR);
    await t.tick();
    t.clock.advance(HOUR);
    await t.tick();
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]).toMatchObject({ threadTs: promptTs });
    expect(reminders()[0]?.text).toMatch(/reminder/i);
    expect((await deliveriesOf(t.app.context.db, pair.pairId))[0]?.nudgedAt).toEqual(
      new Date('2026-11-25T10:05:00Z'),
    );
  });

  it('is not sent when someone answered or pressed a button', async () => {
    await start();
    const other = await seedRunningPair(t.app.context.db, t.fake, {
      mentor: { userId: 'UMENTOR2' },
      mentee: { userId: 'UMENTEE2', timeZone: 'Europe/London' },
      startedAt: new Date('2026-11-01T00:00:00Z'),
    });
    await t.tick();
    await replyInThread('UMENTOR', prompts()[0]?.ts ?? '');
    const otherDelivery = (await deliveriesOf(t.app.context.db, other.pairId))[0];
    await t.click({
      userId: 'UMENTEE2',
      actionId: 'prompt_skipped',
      value: String(otherDelivery?.id),
      message: { channel: other.channelId, ts: otherDelivery?.messageTs ?? '' },
    });
    t.clock.advance(4 * DAY);
    await t.tick();
    expect(reminders()).toHaveLength(0);
    expect(t.fake.messages(other.channelId).filter((m) => m.threadTs !== undefined)).toHaveLength(0);
  });

  it('is not sent when NUDGE_ENABLED is false', async () => {
    await start({ NUDGE_ENABLED: 'false' });
    await t.tick();
    t.clock.advance(4 * DAY);
    await t.tick();
    expect(reminders()).toHaveLength(0);
  });
});

describe('after three unanswered questions in a row', () => {
  async function threeQuietWeeks() {
    for (let week = 0; week < 3; week += 1) {
      if (week > 0) t.clock.advance(WEEK - 3 * DAY - HOUR);
      await t.tick();
      t.clock.advance(3 * DAY + HOUR);
      await t.tick();
    }
    // Now the third week's Thursday, when its question has had its chance.
  }

  it('asks the pair once whether to pause, with Pause / Keep going, instead of a third reminder', async () => {
    await start();
    await threeQuietWeeks();
    expect(prompts()).toHaveLength(3);
    expect(reminders()).toHaveLength(2);
    const asked = pauseQuestions();
    expect(asked).toHaveLength(1);
    expect(asked[0]?.text).toContain('last 3 questions');
    expect(actionIdsOf(asked[0])).toEqual([PROMPT_ACTIONS.pause, PROMPT_ACTIONS.keepGoing]);
    expect((await pairRow(t.app.context.db, pair.pairId)).inactivityAskedAt).not.toBeNull();

    t.clock.advance(HOUR);
    await t.tick();
    expect(pauseQuestions()).toHaveLength(1);
  });

  it('is not asked when the latest of the three was answered, and counts afresh after an answer', async () => {
    await start();
    for (let week = 0; week < 3; week += 1) {
      await t.tick();
      if (week === 2) await replyInThread('UMENTEE', prompts()[2]?.ts ?? '');
      t.clock.advance(3 * DAY + HOUR);
      await t.tick();
      t.clock.advance(WEEK - 3 * DAY - HOUR);
    }
    expect(prompts()).toHaveLength(3);
    expect(pauseQuestions()).toHaveLength(0);
    // Three quiet weeks after the answered one: now they are asked.
    await threeQuietWeeks();
    expect(prompts()).toHaveLength(6);
    expect(pauseQuestions()).toHaveLength(1);
  });

  it('Pause pauses the pair, says how to resume, and no questions come until it is resumed', async () => {
    await start();
    await threeQuietWeeks();
    const question = pauseQuestions()[0];
    await t.click({
      userId: 'UMENTEE',
      actionId: 'pair_inactive_pause',
      value: String(pair.pairId),
      message: { channel: pair.channelId, ts: question?.ts ?? '' },
    });
    expect((await pairRow(t.app.context.db, pair.pairId)).status).toBe('paused');
    const updated = t.fake.messages(pair.channelId).find((m) => m.ts === question?.ts);
    expect(updated?.text).toContain('/mentor resume');
    expect(actionIdsOf(updated)).toEqual([PROMPT_ACTIONS.resume]);

    t.clock.advance(WEEK);
    await t.tick();
    expect(prompts()).toHaveLength(3);

    await t.click({
      userId: 'UMENTOR',
      actionId: 'pair_inactive_resume',
      value: String(pair.pairId),
      message: { channel: pair.channelId, ts: question?.ts ?? '' },
    });
    expect((await pairRow(t.app.context.db, pair.pairId)).status).toBe('active');
    t.clock.advance(WEEK);
    await t.tick();
    expect(prompts()).toHaveLength(4);
    // Resuming starts the count afresh: no pause question straight away.
    t.clock.advance(3 * DAY + HOUR);
    await t.tick();
    expect(pauseQuestions()).toHaveLength(1);
  });

  it('a pair paused from the question starts again with /mentor resume, as the message says', async () => {
    await start();
    await threeQuietWeeks();
    await t.click({
      userId: 'UMENTEE',
      actionId: 'pair_inactive_pause',
      value: String(pair.pairId),
      message: { channel: pair.channelId, ts: pauseQuestions()[0]?.ts ?? '' },
    });
    expect((await pairRow(t.app.context.db, pair.pairId)).status).toBe('paused');

    const answer = await t.command('UMENTOR', 'resume');
    expect(JSON.stringify(answer.json())).not.toContain('not on a break');
    expect((await pairRow(t.app.context.db, pair.pairId)).status).toBe('active');
    t.clock.advance(WEEK);
    await t.tick();
    expect(prompts()).toHaveLength(4);
  });

  it('Keep going leaves the pair active and does not ask again for the same quiet spell', async () => {
    await start();
    await threeQuietWeeks();
    const question = pauseQuestions()[0];
    await t.click({
      userId: 'UMENTOR',
      actionId: 'pair_inactive_keep_going',
      value: String(pair.pairId),
      message: { channel: pair.channelId, ts: question?.ts ?? '' },
    });
    expect((await pairRow(t.app.context.db, pair.pairId)).status).toBe('active');
    expect(t.fake.messages(pair.channelId).find((m) => m.ts === question?.ts)?.text).toContain('keep going');

    // Two more quiet weeks: still not three since they chose to keep going.
    t.clock.advance(WEEK - 3 * DAY - HOUR);
    for (let week = 0; week < 2; week += 1) {
      await t.tick();
      t.clock.advance(3 * DAY + HOUR);
      await t.tick();
      t.clock.advance(WEEK - 3 * DAY - HOUR);
    }
    expect(prompts()).toHaveLength(5);
    expect(pauseQuestions()).toHaveLength(1);
  });

  it('lets only the two people in the pair answer it', async () => {
    await start();
    await threeQuietWeeks();
    await t.click({
      userId: 'USTRANGER',
      actionId: 'pair_inactive_pause',
      value: String(pair.pairId),
      message: { channel: pair.channelId, ts: pauseQuestions()[0]?.ts ?? '' },
    });
    expect((await pairRow(t.app.context.db, pair.pairId)).status).toBe('active');
    expect(t.fake.responses().at(-1)?.body).toMatchObject({ response_type: 'ephemeral' });
  });
});

describe('buttons pressed by someone outside the pair', () => {
  it('are refused for a member of another pair, and change nothing', async () => {
    await start();
    const other = await seedRunningPair(t.app.context.db, t.fake, {
      mentor: { userId: 'UMENTOR2' },
      mentee: { userId: 'UMENTEE2', timeZone: 'Europe/London' },
      startedAt: new Date('2026-11-01T00:00:00Z'),
    });
    await t.tick();
    const delivery = (await deliveriesOf(t.app.context.db, pair.pairId))[0];
    expect(delivery?.status).toBe('sent');
    const before = await allRows(t.app.context.db);

    const presses: [string, string][] = [
      ['prompt_discussed', String(delivery?.id)],
      ['prompt_skipped', String(delivery?.id)],
      ['pair_inactive_pause', String(pair.pairId)],
      ['pair_inactive_keep_going', String(pair.pairId)],
    ];
    for (const [actionId, value] of presses) {
      const answered = t.fake.responses().length;
      await t.click({
        userId: other.menteeId,
        actionId,
        value,
        message: { channel: pair.channelId, ts: delivery?.messageTs ?? '' },
      });
      expect(t.fake.responses()).toHaveLength(answered + 1);
      expect({ actionId, answer: t.fake.responses().at(-1)?.body }).toEqual({
        actionId,
        answer: expect.objectContaining({
          response_type: 'ephemeral',
          text: expect.stringContaining('for the two people in this pair'),
        }),
      });
    }
    expect(await allRows(t.app.context.db)).toEqual(before);
    expect(t.fake.calls('chat.update')).toHaveLength(0);
  });
});
