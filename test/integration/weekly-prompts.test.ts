// The weekly question through the real flow: the scheduler tick (or a direct run) against a real database
// and the fake Slack server. A run killed half way is in prompt-crash-recovery.test.ts.
import { eq } from 'drizzle-orm';
import { tablesOf } from '../../src/storage/tables';
import { sendDuePromptsDeps } from '../../src/composition/use-case-deps';
import { sendDuePrompts } from '../../src/use-cases/send-due-prompts';
import { HOUR, createTestClock } from '../support/test-clock';
import { deliveriesOf, pairRow, seedRunningPair, type SeededPair } from '../support/seed-programme';
import { startTestApp, type TestApp } from '../support/test-app';
import { SEED_QUESTIONS } from '../support/seed-questions';

let userSequence = 0;
async function newPair(
  t: TestApp,
  options: {
    menteeTz?: string | null;
    mentorTz?: string | null;
    startedAt?: string;
    status?: 'active' | 'paused' | 'ended';
  } = {},
): Promise<SeededPair> {
  userSequence += 1;
  return await seedRunningPair(t.app.context.db, t.fake, {
    mentor: { userId: `UMENTOR${userSequence}`, timeZone: options.mentorTz ?? null },
    mentee: { userId: `UMENTEE${userSequence}`, timeZone: options.menteeTz ?? null },
    startedAt: new Date(options.startedAt ?? '2026-01-01T00:00:00Z'),
    ...(options.status === undefined ? {} : { status: options.status }),
  });
}

// The install-wide library is changed from the command line.
const BY_CLI = { actorId: 'cli', at: new Date('2026-11-01T00:00:00Z') };

const questionOf = (message: { blocks?: unknown[] }) => {
  const section = (message.blocks?.[0] ?? {}) as { text?: { text?: string } };
  return (section.text?.text ?? '').replace(/^.*\n>/, '');
};

const lastSummary = async (t: TestApp) => {
  const { db } = t.app.context;
  const { jobRuns } = tablesOf(db);
  const [row] = await db.select().from(jobRuns).where(eq(jobRuns.job, 'send-prompts'));
  return JSON.parse(row?.lastSummary ?? '{}') as Record<string, number>;
};

describe('when the weekly question is due (Monday 10:00 in the mentee’s time zone)', () => {
  let t: TestApp;
  // Each test has its own app and clock, started at its first instant; the clock only moves forward.
  const startAt = async (instant: Date | string) => {
    t = await startTestApp({ clock: createTestClock(instant) });
  };
  afterEach(async () => {
    await t.close();
  });

  // Each row: the mentee's zone, the instant of local Monday 10:00 in UTC, and why it is that instant.
  it.each([
    ['Europe/London', '2026-11-23T10:00:00Z', 'GMT in winter'],
    ['America/New_York', '2026-11-23T15:00:00Z', 'EST, UTC-5'],
    ['Asia/Tokyo', '2026-11-23T01:00:00Z', 'UTC+9, no daylight saving'],
    ['Asia/Kolkata', '2026-11-23T04:30:00Z', 'a half-hour offset'],
    ['Australia/Adelaide', '2026-11-22T23:30:00Z', 'ACDT, UTC+10:30: still Sunday in UTC'],
    ['Europe/London', '2026-03-30T09:00:00Z', 'the Monday after the clocks went forward (BST)'],
    ['America/New_York', '2026-11-02T15:00:00Z', 'the Monday after the clocks went back (EST, was EDT)'],
    [
      'Australia/Adelaide',
      '2026-04-06T00:30:00Z',
      'the day after Adelaide’s clocks went back (ACST, UTC+9:30)',
    ],
  ])('%s: not before local 10:00, sent just after (%s, %s)', async (zone, slot, _why) => {
    const slotAt = new Date(slot).getTime();
    // An hour before, which is 10:00 under the offset of the other half of the year, is too early...
    await startAt(new Date(slotAt - HOUR + 60_000));
    const pair = await newPair(t, { menteeTz: zone, mentorTz: 'Pacific/Honolulu' });
    await t.tick();
    // ...and so is a minute before.
    t.clock.set(new Date(slotAt - 60_000));
    await t.tick();
    expect(t.fake.messages(pair.channelId)).toHaveLength(0);

    t.clock.set(new Date(slotAt + 60_000));
    await t.tick();
    const posted = t.fake.messages(pair.channelId);
    expect(posted).toHaveLength(1);
    expect(questionOf(posted[0] ?? {})).toBe(SEED_QUESTIONS[0]);
    expect(await deliveriesOf(t.app.context.db, pair.pairId)).toMatchObject([
      { status: 'sent', messageTs: posted[0]?.ts },
    ]);
  });

  it.each([
    ['the mentor’s zone when the mentee has none', null, 'Asia/Tokyo', '2026-11-23T01:00:00Z'],
    [
      'the mentor’s zone when the mentee’s is not a real zone',
      'Mars/Olympus_Mons',
      'Asia/Tokyo',
      '2026-11-23T01:00:00Z',
    ],
    ['UTC when neither has one', null, null, '2026-11-23T10:00:00Z'],
  ])('falls back to %s', async (_label, menteeTz, mentorTz, slot) => {
    await startAt(new Date(new Date(slot).getTime() - 60_000));
    const pair = await newPair(t, { menteeTz, mentorTz });
    await t.tick();
    expect(t.fake.messages(pair.channelId)).toHaveLength(0);
    t.clock.set(new Date(new Date(slot).getTime() + 60_000));
    await t.tick();
    expect(t.fake.messages(pair.channelId)).toHaveLength(1);
  });

  it('waits for the first slot after the pair started: a pair formed Monday at 11:00 starts next week', async () => {
    await startAt('2026-11-23T12:00:00Z');
    const pair = await newPair(t, { menteeTz: 'Europe/London', startedAt: '2026-11-23T11:00:00Z' });
    await t.tick();
    expect(t.fake.messages(pair.channelId)).toHaveLength(0);
    t.clock.set('2026-11-30T10:05:00Z');
    await t.tick();
    expect(t.fake.messages(pair.channelId)).toHaveLength(1);
  });

  it('posts to the stored group DM and never opens a group conversation', async () => {
    await startAt('2026-11-23T10:05:00Z');
    const pair = await newPair(t, { menteeTz: 'Europe/London' });
    await t.tick();
    const posted = t.fake.calls('chat.postMessage').map((call) => call.params.channel);
    expect(posted.filter((channel) => !String(channel).startsWith('D'))).toEqual([pair.channelId]);
    // Only the mentee's own DM (the invitation to set goals) is opened: the pair's group DM is the stored one.
    expect(
      t.fake.calls('conversations.open').filter((call) => String(call.params.users).includes(',')),
    ).toHaveLength(0);
  });
});

describe('which question, and exactly once', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ clock: createTestClock('2026-11-23T10:05:00Z') });
  });
  afterEach(async () => {
    await t.close();
  });

  it('gives a pair the library in order, one a week, and starts again after the last', async () => {
    // Introduced the week before: a pair whose term ended long ago would wrap up within the 13 weeks.
    const pair = await newPair(t, { menteeTz: 'Europe/London', startedAt: '2026-11-16T09:00:00Z' });
    for (let week = 0; week < 13; week += 1) {
      await t.tick();
      // A few more ticks in the same week change nothing.
      t.clock.advance(2 * HOUR);
      await t.tick();
      t.clock.advance(7 * 24 * HOUR - 2 * HOUR);
    }
    // Only the questions: quiet weeks also bring reminders and a pause question.
    const asked = t.fake
      .messages(pair.channelId)
      .filter((message) => message.metadata !== undefined)
      .map(questionOf);
    expect(asked).toEqual([...SEED_QUESTIONS, SEED_QUESTIONS[0], SEED_QUESTIONS[1]]);
    const weeks = (await deliveriesOf(t.app.context.db, pair.pairId)).map((d) => d.weekKey);
    expect(new Set(weeks).size).toBe(13);
  });

  it('never sends a disabled prompt and keeps the text a delivery was sent with', async () => {
    const pair = await newPair(t, { menteeTz: 'Europe/London' });
    const { db, repos } = t.app.context;
    const library = await repos.prompts.list('');
    await repos.prompts.setEnabled('', library[1]?.id ?? 0, false, BY_CLI);
    await t.tick();
    t.clock.advance(7 * 24 * HOUR);
    await t.tick();
    expect(t.fake.messages(pair.channelId).map(questionOf)).toEqual([SEED_QUESTIONS[0], SEED_QUESTIONS[2]]);
    await repos.prompts.setEnabled('', library[0]?.id ?? 0, false, BY_CLI);
    expect((await deliveriesOf(db, pair.pairId))[0]?.promptText).toBe(SEED_QUESTIONS[0]);
  });

  it('sends nothing more when run again at the same instant', async () => {
    const pairs = [
      await newPair(t, { menteeTz: 'Europe/London' }),
      await newPair(t, { menteeTz: 'Europe/Paris' }),
    ];
    await t.tick();
    await t.tick();
    const again = await sendDuePrompts(sendDuePromptsDeps(t.app.context), t.clock.now());
    for (const pair of pairs) expect(t.fake.messages(pair.channelId)).toHaveLength(1);
    expect(again).toEqual({ sent: 0, recovered: 0, skipped: 2, failed: 0, attention: 0 });
  });

  it('sends each prompt with Slack message metadata naming its delivery', async () => {
    const pair = await newPair(t, { menteeTz: 'Europe/London' });
    await t.tick();
    const [delivery] = await deliveriesOf(t.app.context.db, pair.pairId);
    expect(t.fake.messages(pair.channelId)[0]?.metadata).toEqual({
      event_type: 'mentor_prompt',
      event_payload: { delivery_id: delivery?.id },
    });
  });

  it('gives paused and ended pairs, and pairs with a member on a break, nothing', async () => {
    const paused = await newPair(t, { menteeTz: 'Europe/London', status: 'paused' });
    const ended = await newPair(t, { menteeTz: 'Europe/London', status: 'ended' });
    userSequence += 1;
    const onBreak = await seedRunningPair(t.app.context.db, t.fake, {
      mentor: { userId: `UMENTOR${userSequence}`, pausedAt: new Date('2026-11-20T00:00:00Z') },
      mentee: { userId: `UMENTEE${userSequence}`, timeZone: 'Europe/London' },
      startedAt: new Date('2026-01-01T00:00:00Z'),
    });
    userSequence += 1;
    const breakOver = await seedRunningPair(t.app.context.db, t.fake, {
      mentor: {
        userId: `UMENTOR${userSequence}`,
        pausedAt: new Date('2026-11-01T00:00:00Z'),
        pausedUntil: new Date('2026-11-22T00:00:00Z'),
      },
      mentee: { userId: `UMENTEE${userSequence}`, timeZone: 'Europe/London' },
      startedAt: new Date('2026-01-01T00:00:00Z'),
    });
    await t.tick();
    for (const pair of [paused, ended, onBreak]) {
      expect(t.fake.messages(pair.channelId)).toHaveLength(0);
      expect(await deliveriesOf(t.app.context.db, pair.pairId)).toHaveLength(0);
    }
    expect(t.fake.messages(breakOver.channelId)).toHaveLength(1);
  });
});

describe('Slack faults', () => {
  let t: TestApp;
  afterEach(async () => {
    await t.close();
  });

  it('rides out a 429 with Retry-After through the WebClient’s own retries, then sends once', async () => {
    t = await startTestApp({
      clock: createTestClock('2026-11-23T10:05:00Z'),
      clientOptions: { retryConfig: { retries: 2, factor: 1, minTimeout: 0, maxTimeout: 0 } },
    });
    const pair = await newPair(t, { menteeTz: 'Europe/London' });
    t.fake.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 0 });
    await t.tick();
    expect(t.fake.calls('chat.postMessage')).toHaveLength(2);
    expect(t.fake.messages(pair.channelId)).toHaveLength(1);
    expect(await deliveriesOf(t.app.context.db, pair.pairId)).toMatchObject([{ status: 'sent' }]);
  });

  it.each(['channel_not_found', 'is_archived', 'account_inactive', 'user_disabled', 'not_in_channel'])(
    'flags a pair whose post fails with %s as needing attention and carries on with the others',
    async (error) => {
      t = await startTestApp({ clock: createTestClock('2026-11-23T10:05:00Z') });
      const before = await newPair(t, { menteeTz: 'Europe/London' });
      const broken = await newPair(t, { menteeTz: 'Europe/London' });
      const after = await newPair(t, { menteeTz: 'Europe/London' });
      t.fake.failChannel(broken.channelId, error);
      await t.tick();

      expect(t.fake.messages(before.channelId)).toHaveLength(1);
      expect(t.fake.messages(after.channelId)).toHaveLength(1);
      expect((await pairRow(t.app.context.db, broken.pairId)).needsAttention).toBe(error);
      expect((await pairRow(t.app.context.db, before.pairId)).needsAttention).toBeNull();
      expect(await deliveriesOf(t.app.context.db, broken.pairId)).toMatchObject([
        { status: 'failed', error },
      ]);
      expect(await lastSummary(t)).toMatchObject({ sent: 2, failed: 0, attention: 1 });
      const logged = t.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(logged).toContainEqual(
        expect.objectContaining({
          pairId: broken.pairId,
          error,
          msg: expect.stringContaining('needs attention'),
        }),
      );

      // The week's delivery is settled: later ticks do not hammer the broken channel.
      t.clock.advance(HOUR);
      await t.tick();
      expect(
        t.fake.calls('chat.postMessage').filter((c) => c.params.channel === broken.channelId),
      ).toHaveLength(1);
    },
  );
});
