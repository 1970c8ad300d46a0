import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { runCli } from '../../src/cli';
import { tablesOf } from '../../src/storage/tables';
import {
  PEOPLE,
  PRIVATE_TEXTS,
  REPORT_EXPECTED,
  REPORT_NOW,
  seedReportData,
} from '../support/seed-report-data';
import {
  OUTCOME_PRIVATE_TEXTS,
  OUTCOMES_EXPECTED,
  PILOT,
  seedOutcomes,
  SPRING,
} from '../support/seed-outcomes';
import { createAppDatabase, makeTempDir, withDatabaseOf, type AppDatabase } from '../support/test-database';
import { captureConsole } from '../support/capture-console';

const TEAM = 'T0TEST';
const OTHER_TEAM = 'T0OTHER';
const AT = ['--at', REPORT_NOW.toISOString()];

async function cli(args: string[], env: Record<string, string>) {
  const output = captureConsole();
  try {
    const code = await runCli(['report', ...args], env);
    return { code, out: output.out.join('\n'), err: output.err.join('\n') };
  } finally {
    output.restore();
  }
}

const readCsv = (file: string) =>
  parse(fs.readFileSync(file, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];

describe('mentor-circles report', () => {
  let temp: { dir: string; cleanup: () => void };
  let database: AppDatabase;
  let env: Record<string, string>;

  beforeEach(async () => {
    temp = makeTempDir();
    database = await createAppDatabase(temp.dir, 'mc.db');
    env = { ...database.env };
    await withDatabaseOf(env, (db) => seedReportData(db, TEAM));
  });
  afterEach(async () => {
    await database.drop();
    temp.cleanup();
  });

  it('prints the same figures as Slack as text, without Slack credentials', async () => {
    const { code, out } = await cli([...AT], env);
    expect(code).toBe(0);
    for (const line of [
      `Mentor Circles programme report — workspace ${TEAM}, 2026-11-27 12:00 UTC`,
      '  Mentors with an open offer: 3',
      '  Mentees waiting for a mentor: 3',
      '  Proposals pending: 2',
      '  Pairs active / paused / ended: 3 / 1 / 1',
      '  Data, dashboards & "KPIs"       0         3    +3',
      '  By level gap: 2 levels: 3 pairs · 4 levels: 1 pair · 5 levels: 1 pair',
      '  Cross-department pairs: 40% (2 of 5)',
      '  Median time from request to match: 2.5 days',
      '  2026-W44 (from 26 Oct): 2 sent, 1 answered, 50%',
      '  2026-W41 (from 5 Oct): 0 sent, 0 answered, —',
      '  Average rating: 4.0 / 5 from 3 answers',
      '  Would recommend: 50%',
      `  Pair 2 (${PEOPLE.ana.name} & ${PEOPLE.ivy.name}): inactive`,
      `  Pair 5 (${PEOPLE.lee.name} & ${PEOPLE.pat.name}): prompt delivery failed (channel_not_found)`,
    ]) {
      expect(out.split('\n')).toContain(line);
    }
    for (const secret of PRIVATE_TEXTS) expect(out).not.toContain(secret);
  });

  it('writes the text to --out FILE', async () => {
    const printed = await cli([...AT], env);
    const file = path.join(temp.dir, 'reports', 'q4.txt');
    const { code, out } = await cli([...AT, '--out', file], env);
    expect(code).toBe(0);
    expect(out).toBe(`Wrote ${file}`);
    expect(fs.readFileSync(file, 'utf8')).toBe(`${printed.out}\n`);
  });

  it('writes the four CSV files next to --out FILE, named after it', async () => {
    const { code, out } = await cli([...AT, '--format', 'csv', '--out', path.join(temp.dir, 'q4.csv')], env);
    expect(code).toBe(0);
    const files = ['q4-pairs.csv', 'q4-topics.csv', 'q4-weekly-engagement.csv', 'q4-outcomes.csv'].map(
      (name) => path.join(temp.dir, name),
    );
    expect(out.split('\n')).toEqual(files.map((file) => `Wrote ${file}`));
    const [pairs, topics, weeks] = files.map(readCsv);
    expect(pairs?.map((row) => row.mentor)).toEqual([
      PEOPLE.jane.name,
      PEOPLE.ana.name,
      PEOPLE.kai.name,
      '',
      PEOPLE.lee.name,
    ]);
    expect(topics).toEqual(
      REPORT_EXPECTED.topics.map((topic) => ({
        topic: topic.topic,
        offers: String(topic.offers),
        requests: String(topic.requests),
        gap: String(topic.gap),
      })),
    );
    expect(weeks?.map((week) => [week.week, week.prompts_sent, week.prompts_answered])).toEqual(
      REPORT_EXPECTED.weeks.map((week) => [week.weekKey, String(week.sent), String(week.answered)]),
    );
  });

  it('writes into a directory with dated names, and hides names when REPORT_HIDE_NAMES is set', async () => {
    const dir = path.join(temp.dir, 'exports') + path.sep;
    const { code } = await cli([...AT, '--format', 'csv', '--out', dir], { ...env, REPORT_HIDE_NAMES: '1' });
    expect(code).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual([
      'mentor-circles-2026-11-27-outcomes.csv',
      'mentor-circles-2026-11-27-pairs.csv',
      'mentor-circles-2026-11-27-topics.csv',
      'mentor-circles-2026-11-27-weekly-engagement.csv',
    ]);
    const pairs = readCsv(path.join(dir, 'mentor-circles-2026-11-27-pairs.csv'));
    expect(Object.keys(pairs[0] ?? {})).not.toContain('mentor');
    expect(pairs[0]).toMatchObject({ mentor_id: PEOPLE.jane.id });
  });

  it('ends with the outcomes of all pairs and of every cohort, as text and as the outcomes CSV', async () => {
    const OUTCOMES_TEAM = 'T0OUTCOMES';
    await withDatabaseOf(env, (db) => seedOutcomes(db, OUTCOMES_TEAM));
    const text = await cli([...AT, '--team', OUTCOMES_TEAM], env);
    expect(text.code).toBe(0);
    const lines = text.out.split('\n');
    const { overall, spring } = OUTCOMES_EXPECTED;
    for (const line of [
      `Outcomes of the pairing journey, all pairs (${overall.pairs} pairs)`,
      `  Median confidence in a goal (1–5), start → middle → close: ${overall.confidence}`,
      `  Took part again: ${overall.tookPartAgain}`,
      `Outcomes of cohort ${SPRING} (${spring.pairs} pairs)`,
      `  Goals set: ${spring.goals}`,
      `  Mentors' private voice ("I feel listened to and can be candid", 1–5): ${spring.mentorVoice}`,
      `Outcomes of cohort ${PILOT} (${OUTCOMES_EXPECTED.pilot.pairs} pairs)`,
    ]) {
      expect(lines).toContain(line);
    }

    const csv = await cli(
      [...AT, '--team', OUTCOMES_TEAM, '--format', 'csv', '--out', temp.dir + path.sep],
      env,
    );
    expect(csv.code).toBe(0);
    const rows = readCsv(path.join(temp.dir, 'mentor-circles-2026-11-27-outcomes.csv'));
    expect(rows.map((row) => [row.scope, row.cohort, row.pairs])).toEqual([
      ['all', '', String(overall.pairs)],
      ['cohort', PILOT, String(OUTCOMES_EXPECTED.pilot.pairs)],
      ['cohort', SPRING, String(spring.pairs)],
    ]);
    const everything = [
      text.out,
      ...fs
        .readdirSync(temp.dir)
        .filter((f) => f.endsWith('.csv'))
        .map((f) => fs.readFileSync(path.join(temp.dir, f), 'utf8')),
    ].join('\n');
    for (const secret of OUTCOME_PRIVATE_TEXTS) expect(everything).not.toContain(secret);
  });

  it('reports every workspace unless --team picks some, each kept apart', async () => {
    await withDatabaseOf(env, async (db) => {
      const { members } = tablesOf(db);
      await db.insert(members).values({ teamId: OTHER_TEAM, userId: 'UOTHER', name: 'Other person' });
    });

    const all = await cli([...AT], env);
    expect(all.out).toContain(`workspace ${OTHER_TEAM}`);
    expect(all.out).toContain(`workspace ${TEAM}`);
    const only = await cli([...AT, '--team', OTHER_TEAM], env);
    expect(only.out).toContain(`workspace ${OTHER_TEAM}`);
    expect(only.out).not.toContain(`workspace ${TEAM}`);
    expect(only.out).toContain('  Mentors with an open offer: 0');

    const { code } = await cli([...AT, '--format', 'csv', '--out', path.join(temp.dir, 'all.csv')], env);
    expect(code).toBe(0);
    expect(fs.existsSync(path.join(temp.dir, `all-${TEAM}-pairs.csv`))).toBe(true);
    expect(readCsv(path.join(temp.dir, `all-${OTHER_TEAM}-pairs.csv`))).toEqual([]);
  });

  it('explains what is wrong with its options and exits 2', async () => {
    const bad = await cli(['--format', 'pdf'], env);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--format .*not pdf/);
    const badTime = await cli(['--at', 'yesterday'], env);
    expect(badTime.code).toBe(2);
    expect(badTime.err).toMatch(/--at .*ISO-8601.*not yesterday/);
    const help = await cli(['--help'], env);
    expect(help.code).toBe(0);
    expect(help.out).toContain('--format csv');
  });

  it('says there is nothing to report on a database nobody has joined', async () => {
    const empty = await createAppDatabase(temp.dir, 'empty.db');
    try {
      const { code, out } = await cli([], empty.env);
      expect(code).toBe(0);
      expect(out).toContain('nothing to report');
    } finally {
      await empty.drop();
    }
  });
});
