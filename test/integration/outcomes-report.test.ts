import { parse } from 'csv-parse/sync';
import { OUTCOMES_CSV_COLUMNS } from '../../src/report/report-csv';
import { blockKitProblems } from '../support/block-kit-limits';
import {
  OUTCOME_PRIVATE_TEXTS,
  OUTCOMES_EXPECTED,
  OUTCOMES_NOW,
  PILOT,
  SPRING,
  seedOutcomes,
} from '../support/seed-outcomes';
import { startTestApp, TEAM, type TestApp } from '../support/test-app';
import { createTestClock } from '../support/test-clock';

const ADMIN = 'UADMIN';
const MEMBER = 'UMEMBER';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const HIDDEN = 'fewer than 5 answers';

type Body = Record<string, unknown>;

async function startOutcomesApp(): Promise<TestApp> {
  const t = await startTestApp({
    users: [
      { id: ADMIN, teamId: TEAM, name: 'admin' },
      { id: MEMBER, teamId: TEAM, name: 'member' },
    ],
    env: { MENTOR_ADMINS: ADMIN },
    clock: createTestClock(OUTCOMES_NOW),
  });
  await seedOutcomes(t.app.context.db, TEAM);
  return t;
}

function lastResponse(t: TestApp): Body {
  const last = t.fake.responses().at(-1);
  if (last === undefined) throw new Error('nothing was sent to response_url');
  return last.body;
}

/** Every piece of text a person would read in a message. */
function visibleText(body: Body): string {
  const parts: string[] = [String(body.text ?? '')];
  for (const block of (body.blocks ?? []) as Body[]) {
    const text = (block.text as Body | undefined)?.text;
    if (typeof text === 'string') parts.push(text);
    for (const element of (block.elements ?? []) as Body[]) parts.push(String(element.text ?? ''));
  }
  return parts.join('\n');
}

/** The section of the message that starts with `heading`. */
function sectionText(body: Body, heading: string): string {
  const sections = ((body.blocks ?? []) as Body[]).map((block) =>
    String((block.text as Body | undefined)?.text ?? ''),
  );
  const found = sections.find((text) => text.startsWith(heading));
  if (found === undefined) throw new Error(`no section starting with ${heading}`);
  return found;
}

function outcomesCsv(t: TestApp): Record<string, string>[] {
  const uploads = t.fake.uploads().filter((file) => file.filename.endsWith('-outcomes.csv'));
  const upload = uploads.at(-1);
  if (upload === undefined) throw new Error('no outcomes CSV uploaded');
  return parse(upload.bytes.toString('utf8'), { columns: true, bom: true }) as Record<string, string>[];
}

function expectNoPrivateText(t: TestApp): void {
  const everything = [
    ...t.fake.responses().map((response) => JSON.stringify(response.body)),
    ...t.fake.uploads().map((upload) => upload.bytes.toString('utf8')),
  ].join('\n');
  for (const text of OUTCOME_PRIVATE_TEXTS) expect(everything).not.toContain(text);
}

describe('/mentor report: outcomes of the pairing journey', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startOutcomesApp();
    await t.command(ADMIN, 'report');
  });
  afterAll(() => t.close());

  it('shows the outcomes of all pairs, small numbers hidden', () => {
    const text = sectionText(lastResponse(t), '*Outcomes of the pairing journey*');
    const { overall } = OUTCOMES_EXPECTED;
    expect(text).toContain(`all pairs (${overall.pairs} pairs)`);
    expect(text).toContain(`start → middle → close: ${overall.confidence}`);
    expect(text).toContain(
      `Mentors' private voice ("I feel listened to and can be candid", 1–5): ${overall.mentorVoice}`,
    );
    expect(text).toContain(`Took part again: ${overall.tookPartAgain}`);
  });

  it('shows each cohort: 5 mentors give a private-voice average, 4 give "fewer than 5 answers"', () => {
    const spring = sectionText(lastResponse(t), `*Outcomes of cohort ${SPRING}*`);
    const s = OUTCOMES_EXPECTED.spring;
    expect(spring).toContain(`(${s.pairs} pairs)`);
    expect(spring).toContain(`Goals set: ${s.goals}`);
    expect(spring).toContain(`start → middle → close: ${s.confidence}`);
    expect(spring).toContain(`Goals rated higher at the close than at the start: ${s.improved}`);
    expect(spring).toContain(`Fit check (each person's latest answer): ${s.fitCheck}`);
    expect(spring).toContain(`Wrapped up: ${s.wrappedUp}`);
    expect(spring).toContain(`Close survey: ${s.closeSurvey}`);
    expect(spring).toContain(`Commitments done after 30 days: ${s.commitments}`);
    expect(spring).toContain(`candid", 1–5): ${s.mentorVoice}`);

    const pilot = sectionText(lastResponse(t), `*Outcomes of cohort ${PILOT}*`);
    const p = OUTCOMES_EXPECTED.pilot;
    expect(pilot).toContain(`(${p.pairs} pairs)`);
    expect(pilot).toContain(`start → middle → close: ${p.confidence}`);
    expect(pilot).toContain(`Early exits (ended as not a good fit): ${p.earlyExits}`);
    expect(pilot).toContain(`Extended: ${p.extended}`);
    expect(pilot).toContain(`candid", 1–5): ${p.mentorVoice}`);
    expect(pilot).toContain(`Fit check (each person's latest answer): ${HIDDEN}`);
  });

  it('stays within Block Kit limits and never shows what anyone typed', () => {
    expect(blockKitProblems('message', lastResponse(t))).toEqual([]);
    expect(visibleText(lastResponse(t))).toContain(`shows "${HIDDEN}" instead`);
    expectNoPrivateText(t);
  });

  it("uploads the goal-confidence chart to the admin's DM", () => {
    const chart = t.fake.uploads().find((file) => file.filename.endsWith('-goal-confidence.png'));
    expect(chart?.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(chart?.filename).toBe('mentor-circles-2026-11-27-goal-confidence.png');
  });

  it('sends outcomes.csv with /mentor report csv: a row for all pairs and one per cohort, hidden cells spelled out', async () => {
    await t.command(ADMIN, 'report csv');
    const upload = t.fake.uploads().at(-1);
    const header = upload?.bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n')[0];
    expect(header).toBe(OUTCOMES_CSV_COLUMNS.join(','));
    const rows = outcomesCsv(t);
    expect(rows.map((row) => [row.scope, row.cohort, row.pairs])).toEqual([
      ['all', '', '10'],
      ['cohort', PILOT, '4'],
      ['cohort', SPRING, '5'],
    ]);
    const [all, pilot, spring] = rows;
    expect(all).toMatchObject({
      median_confidence_start: '4',
      median_confidence_middle: HIDDEN,
      took_part_again: '1',
    });
    expect(spring).toMatchObject({
      median_confidence_close: '3',
      goals_improved: '4',
      goals_improved_share: '0.8',
      close_survey_usefulness: '4.2',
      close_survey_would_recommend_share: '0.8',
      commitments_30_days_yes: '3',
      commitments_30_days_partly: '1',
      commitments_30_days_not_yet: '1',
      commitments_60_days_yes: HIDDEN,
      mentor_voice_average: '4.2',
    });
    expect(pilot).toMatchObject({ early_exits: '1', pairs_extended: '1', mentor_voice_average: HIDDEN });
    expectNoPrivateText(t);
  });
});

describe('/mentor report cohort <name>', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startOutcomesApp();
  });
  afterEach(() => t.close());

  it("shows that cohort's outcomes only, with its chart", async () => {
    await t.command(ADMIN, `report cohort ${SPRING.toLowerCase()}`);
    const body = lastResponse(t);
    expect(blockKitProblems('message', body)).toEqual([]);
    const text = visibleText(body);
    expect(text).toContain(`Outcomes: cohort ${SPRING}`);
    expect(text).toContain(`candid", 1–5): ${OUTCOMES_EXPECTED.spring.mentorVoice}`);
    expect(text).not.toContain(PILOT);
    expect(text).not.toContain('Participants');
    expect(t.fake.uploads().map((file) => file.filename)).toEqual([
      'mentor-circles-2026-11-27-goal-confidence.png',
    ]);
    expectNoPrivateText(t);
  });

  it('sends that cohort alone as outcomes.csv with csv', async () => {
    await t.command(ADMIN, `report csv cohort ${PILOT}`);
    expect(t.fake.uploads().map((file) => file.filename)).toEqual(['mentor-circles-2026-11-27-outcomes.csv']);
    const rows = outcomesCsv(t);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      scope: 'cohort',
      cohort: PILOT,
      pairs: '4',
      mentor_voice_average: HIDDEN,
    });
    expect(visibleText(lastResponse(t))).toContain('outcomes.csv');
  });

  it('answers an unknown cohort with the cohorts there are, and sends nothing', async () => {
    await t.command(ADMIN, 'report cohort Winter 2027');
    const text = visibleText(lastResponse(t));
    expect(text).toContain('There is no cohort called “Winter 2027”');
    expect(text).toContain(`• ${PILOT}\n• ${SPRING}`);
    expect(t.fake.uploads()).toEqual([]);
  });

  it('refuses a non-admin with nothing shown and nothing sent', async () => {
    for (const words of [`report cohort ${SPRING}`, `report csv cohort ${PILOT}`, 'report cohort Winter']) {
      await t.command(MEMBER, words);
    }
    const responses = t.fake.responses();
    expect(responses).toHaveLength(3);
    for (const { body } of responses) {
      const text = visibleText(body);
      expect(text).toContain('only for programme admins');
      expect(text).not.toMatch(/\d/);
      expect(text).not.toContain(SPRING);
      expect(text).not.toContain(PILOT);
    }
    expect(t.fake.uploads()).toEqual([]);
    expect(t.fake.messages()).toEqual([]);
  });
});
