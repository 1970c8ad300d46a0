import { parse } from 'csv-parse/sync';
import { blockKitProblems } from '../support/block-kit-limits';
import {
  PEOPLE,
  PRIVATE_TEXTS,
  REPORT_EXPECTED,
  REPORT_NOW,
  seedReportData,
  TOPIC_DATA,
} from '../support/seed-report-data';
import { startTestApp, TEAM, type TestApp } from '../support/test-app';
import { createTestClock } from '../support/test-clock';
import { buildReport } from '../../src/use-cases/build-report';

const ADMIN = 'UADMIN';
const WORKSPACE_ADMIN = 'UWSADMIN';
const OWNER = 'UOWNER';
const MEMBER = 'UMEMBER';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const users = [
  { id: ADMIN, teamId: TEAM, name: 'admin' },
  { id: WORKSPACE_ADMIN, teamId: TEAM, name: 'wsadmin', isAdmin: true },
  { id: OWNER, teamId: TEAM, name: 'owner', isOwner: true },
  { id: MEMBER, teamId: TEAM, name: 'member' },
];

async function startReportApp(options: { seed?: boolean; env?: Record<string, string> } = {}) {
  const t = await startTestApp({
    users,
    env: { MENTOR_ADMINS: ADMIN, ...options.env },
    clock: createTestClock(REPORT_NOW),
  });
  if (options.seed !== false) await seedReportData(t.app.context.db, TEAM);
  return t;
}

type Body = Record<string, unknown>;

function lastResponse(t: TestApp): Body {
  const responses = t.fake.responses();
  const last = responses[responses.length - 1];
  if (last === undefined) throw new Error('nothing was sent to response_url');
  return last.body;
}

/** Every piece of text a person would read in a message. */
function visibleText(body: Body): string {
  const parts: string[] = [String(body.text ?? '')];
  for (const block of (body.blocks ?? []) as Body[]) {
    const text = (block.text as Body | undefined)?.text;
    if (typeof text === 'string') parts.push(text);
    for (const field of (block.fields ?? []) as Body[]) parts.push(String(field.text));
    for (const element of (block.elements ?? []) as Body[]) parts.push(String(element.text ?? ''));
  }
  return parts.join('\n');
}

function csvUpload(t: TestApp, kind: string): Record<string, string>[] {
  const upload = t.fake.uploads().find((file) => file.filename.endsWith(`-${kind}.csv`));
  if (upload === undefined) throw new Error(`no ${kind} CSV uploaded`);
  return parse(upload.bytes.toString('utf8'), { columns: true, bom: true }) as Record<string, string>[];
}

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(bytes.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('/mentor report: who may see it', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startReportApp();
  });
  afterEach(() => t.close());

  it.each([
    ['listed in MENTOR_ADMINS', ADMIN],
    ['a workspace admin', WORKSPACE_ADMIN],
    ['a workspace owner', OWNER],
  ])('shows the report to someone %s', async (_who, userId) => {
    const response = await t.command(userId, 'report');
    expect(response.status).toBe(200);
    expect(visibleText(lastResponse(t))).toContain('Mentor Circles programme report');
    expect(lastResponse(t).response_type).toBe('ephemeral');
  });

  it('refuses anyone else politely, shows no figure, and sends no file', async () => {
    await t.command(MEMBER, 'report');
    await t.command(MEMBER, 'report csv');
    const responses = t.fake.responses();
    expect(responses).toHaveLength(2);
    for (const { body } of responses) {
      const text = visibleText(body);
      expect(text).toContain('only for programme admins');
      expect(body.response_type).toBe('ephemeral');
      // Not a single digit: no count, share or date can leak.
      expect(text).not.toMatch(/\d/);
    }
    expect(t.fake.uploads()).toEqual([]);
    expect(t.fake.calls('files.getUploadURLExternal')).toEqual([]);
    expect(t.fake.messages()).toEqual([]);
  });

  it('asks Slack at every check about someone not taking part, so a demoted admin loses access at once', async () => {
    await t.command(WORKSPACE_ADMIN, 'report');
    expect(visibleText(lastResponse(t))).toContain('Participants');
    t.fake.addUser({ id: WORKSPACE_ADMIN, teamId: TEAM, name: 'wsadmin', isAdmin: false });

    // Nothing about them was stored by the check, so there is no cached role to trust.
    t.clock.advance(60 * 1000);
    await t.command(WORKSPACE_ADMIN, 'report');
    expect(visibleText(lastResponse(t))).toContain('only for programme admins');
    expect(t.fake.calls('users.info')).toHaveLength(2);
  });

  it('never asks Slack about people listed in MENTOR_ADMINS', async () => {
    await t.command(ADMIN, 'report');
    expect(t.fake.calls('users.info')).toEqual([]);
  });
});

describe('/mentor report on a known programme', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startReportApp();
    await t.command(ADMIN, 'report');
  });
  afterAll(() => t.close());

  it('reads the figures the dataset was built for', async () => {
    const { repos, clock } = t.app.context;
    expect(await buildReport({ reports: repos.reports, clock }, TEAM)).toMatchObject(REPORT_EXPECTED);
  });

  it('answers within Block Kit limits', () => {
    expect(blockKitProblems('message', lastResponse(t))).toEqual([]);
  });

  it('shows participants by status', () => {
    const text = visibleText(lastResponse(t));
    expect(text).toContain('*Mentors with an open offer*\n3');
    expect(text).toContain('*Mentees waiting for a mentor*\n3');
    expect(text).toContain('*Proposals pending*\n2');
    expect(text).toContain('*Pairs active / paused / ended*\n3 / 1 / 1');
  });

  it('lists supply and demand per topic, largest shortage first', () => {
    const text = visibleText(lastResponse(t));
    const lines = text.split('\n').filter((line) => line.startsWith('• *'));
    expect(lines.slice(0, 4)).toEqual([
      '• *Data, dashboards &amp; "KPIs"*: 3 requested, 0 offered (gap +3)',
      '• *Social media*: 1 requested, 1 offered (gap 0)',
      '• *AI tools*: 1 requested, 2 offered (gap -1)',
      '• *TikTok*: 0 requested, 1 offered (gap -1)',
    ]);
  });

  it('shows pairs by level gap, the cross-department share and the median time to match', () => {
    const text = visibleText(lastResponse(t));
    for (const gap of ['2 levels: 3 pairs', '4 levels: 1 pair', '5 levels: 1 pair'])
      expect(text).toContain(gap);
    expect(text).toContain('Cross-department pairs: 40% (2 of 5)');
    expect(text).toContain('Median time from request to match: 2.5 days');
  });

  it('shows the last eight ISO weeks of engagement with answer rates', () => {
    const weekLines = visibleText(lastResponse(t))
      .split('\n')
      .filter((line) => line.startsWith('`2026-W'));
    expect(weekLines).toEqual([
      '`2026-W41` 5 Oct: 0 sent, 0 answered, —',
      '`2026-W42` 12 Oct: 1 sent, 0 answered, 0%',
      '`2026-W43` 19 Oct: 1 sent, 0 answered, 0%',
      '`2026-W44` 26 Oct: 2 sent, 1 answered, 50%',
      '`2026-W45` 2 Nov: 1 sent, 1 answered, 100%',
      '`2026-W46` 9 Nov: 1 sent, 0 answered, 0%',
      '`2026-W47` 16 Nov: 1 sent, 1 answered, 100%',
      '`2026-W48` 23 Nov: 1 sent, 0 answered, 0%',
    ]);
  });

  it('shows feedback and the pairs needing attention', () => {
    const text = visibleText(lastResponse(t));
    expect(text).toContain('Average rating: 4.0 / 5 from 3 answers');
    expect(text).toContain('Would recommend it to a colleague: 50%');
    expect(text).toContain(`• Pair 2, <@${PEOPLE.ana.id}> and <@${PEOPLE.ivy.id}>: inactive`);
    expect(text).toMatch(
      new RegExp(`• Pair 3, <@${PEOPLE.kai.id}> and <@${PEOPLE.omar.id}>: .*3 unanswered`),
    );
    expect(text).toMatch(
      new RegExp(`• Pair 5, <@${PEOPLE.lee.id}> and <@${PEOPLE.pat.id}>: .*channel_not_found`),
    );
    expect(text).not.toContain('Pair 1,');
  });

  it("uploads the charts as PNG images to the admin's DM with the files upload v2 flow", () => {
    const dm = t.fake.channelFor([ADMIN]);
    const completed = t.fake.calls('files.completeUploadExternal');
    expect(completed).toHaveLength(1);
    expect(completed[0]?.params.channel_id).toBe(dm);
    const pngs = t.fake.uploads().filter((file) => file.filename.endsWith('.png'));
    expect(pngs.map((file) => file.filename).sort()).toEqual([
      'mentor-circles-2026-11-27-goal-confidence.png',
      'mentor-circles-2026-11-27-topic-supply-demand.png',
      'mentor-circles-2026-11-27-weekly-engagement.png',
    ]);
    for (const png of pngs) {
      const { width, height } = pngSize(png.bytes);
      expect(width).toBe(1000);
      expect(height).toBeGreaterThanOrEqual(250);
      expect(height).toBeLessThanOrEqual(2000);
      expect(png.bytes.length).toBeGreaterThan(5000);
    }
  });
});

describe('/mentor report csv', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it("uploads four CSV files to the admin's DM that parse back to the report's figures", async () => {
    t = await startReportApp();
    await t.command(ADMIN, 'report csv');
    expect(visibleText(lastResponse(t))).toContain("I've sent you 4 CSV files in our DM");
    expect(t.fake.calls('files.completeUploadExternal')[0]?.params.channel_id).toBe(
      t.fake.channelFor([ADMIN]),
    );
    expect(
      t.fake
        .uploads()
        .map((file) => file.filename)
        .sort(),
    ).toEqual([
      'mentor-circles-2026-11-27-outcomes.csv',
      'mentor-circles-2026-11-27-pairs.csv',
      'mentor-circles-2026-11-27-topics.csv',
      'mentor-circles-2026-11-27-weekly-engagement.csv',
    ]);

    const pairs = csvUpload(t, 'pairs');
    expect(pairs).toHaveLength(5);
    expect(pairs[0]).toEqual({
      pair_id: '1',
      mentor: 'Smith, Jane',
      mentee: 'Noor "N" Haddad',
      mentor_id: PEOPLE.jane.id,
      mentee_id: PEOPLE.noor.id,
      status: 'active',
      level_gap: '4',
      cross_department: 'true',
      shared_topics: 'AI tools',
      started_at: '2026-10-03T12:00:00Z',
      ended_at: '',
      prompts_sent: '5',
      prompts_answered: '3',
    });
    expect(pairs[1]).toMatchObject({ mentor: PEOPLE.ana.name, prompts_sent: '3', prompts_answered: '0' });
    expect(pairs[2]).toMatchObject({ shared_topics: TOPIC_DATA, status: 'paused', prompts_sent: '1' });
    // Both people left: an anonymous row that still counts.
    expect(pairs[3]).toMatchObject({
      mentor: '',
      mentee: '',
      mentor_id: '',
      mentee_id: '',
      status: 'ended',
      ended_at: '2026-11-01T00:00:00Z',
    });
    expect(pairs[4]).toMatchObject({ mentee: PEOPLE.pat.name, prompts_sent: '0' });

    expect(csvUpload(t, 'topics')).toEqual(
      REPORT_EXPECTED.topics.map((topic) => ({
        topic: topic.topic,
        offers: String(topic.offers),
        requests: String(topic.requests),
        gap: String(topic.gap),
      })),
    );
    const weeks = csvUpload(t, 'weekly-engagement');
    expect(weeks.map((week) => week.week)).toEqual(REPORT_EXPECTED.weeks.map((week) => week.weekKey));
    expect(weeks[0]).toEqual({
      week: '2026-W41',
      week_start: '2026-10-05',
      prompts_sent: '0',
      prompts_answered: '0',
      answer_rate: '',
    });
    expect(weeks[3]).toEqual({
      week: '2026-W44',
      week_start: '2026-10-26',
      prompts_sent: '2',
      prompts_answered: '1',
      answer_rate: '0.5',
    });
  });

  it('leaves names out of the pairs file when REPORT_HIDE_NAMES is set', async () => {
    t = await startReportApp({ env: { REPORT_HIDE_NAMES: 'true' } });
    await t.command(ADMIN, 'report csv');
    expect(visibleText(lastResponse(t))).toContain('Names are hidden');
    const pairs = csvUpload(t, 'pairs');
    expect(Object.keys(pairs[0] ?? {})).not.toContain('mentor');
    expect(pairs[0]).toMatchObject({ mentor_id: PEOPLE.jane.id, mentee_id: PEOPLE.noor.id });
    const raw = t.fake.uploads().map((file) => file.bytes.toString('utf8'));
    for (const person of Object.values(PEOPLE)) {
      for (const content of raw) expect(content).not.toContain(person.name);
    }
  });

  it('says so, without figures, when the upload fails', async () => {
    t = await startReportApp();
    t.fake.failNext('files.getUploadURLExternal', { error: 'not_allowed_token_type' }, 3);
    await t.command(ADMIN, 'report csv');
    expect(visibleText(lastResponse(t))).toContain('could not send the files');
    expect(t.logs.some((line) => line.includes('CSV upload failed'))).toBe(true);
  });
});

describe('/mentor report in other situations', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('works on an empty programme', async () => {
    t = await startReportApp({ seed: false });
    await t.command(ADMIN, 'report');
    const body = lastResponse(t);
    expect(blockKitProblems('message', body)).toEqual([]);
    const text = visibleText(body);
    expect(text).toContain('*Pairs active / paused / ended*\n0 / 0 / 0');
    expect(text).toContain('No open offers or requests yet.');
    expect(text).toContain('No pairs yet.');
    expect(text).toContain('Median time from request to match: —');
    expect(text).toContain('No feedback yet.');
    // Weekly engagement is still charted (eight empty weeks); there is no topic to chart.
    expect(t.fake.uploads().map((file) => file.filename)).toEqual([
      'mentor-circles-2026-11-27-weekly-engagement.png',
    ]);

    await t.command(ADMIN, 'report csv');
    expect(csvUpload(t, 'pairs')).toEqual([]);
    expect(csvUpload(t, 'weekly-engagement')).toHaveLength(8);
  });

  it('keeps the figures when the charts cannot be uploaded, and says so', async () => {
    t = await startReportApp();
    t.fake.failNext('files.completeUploadExternal', { error: 'channel_not_found' });
    await t.command(ADMIN, 'report');
    const responses = t.fake.responses().map((response) => visibleText(response.body));
    expect(responses).toHaveLength(2);
    expect(responses[0]).toContain('Participants');
    expect(responses[1]).toContain('could not send the charts');
  });

  it('explains the options when the word after report is unknown', async () => {
    t = await startReportApp();
    await t.command(ADMIN, 'report pdf');
    expect(visibleText(lastResponse(t))).toContain('/mentor report csv');
    expect(t.fake.uploads()).toEqual([]);
  });

  it('never shows what people wrote: goals, notes, feedback comments or prompt texts', async () => {
    t = await startReportApp();
    await t.command(ADMIN, 'report');
    await t.command(ADMIN, 'report csv');
    const everything = [
      ...t.fake.responses().map((response) => JSON.stringify(response.body)),
      ...t.fake.calls().map((call) => JSON.stringify(call.params)),
      ...t.fake.uploads().map((file) => file.bytes.toString('utf8')),
      ...t.logs,
    ].join('\n');
    for (const secret of PRIVATE_TEXTS) expect(everything).not.toContain(secret);
  });
});
