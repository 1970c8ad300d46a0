import type { FakeSlack } from '../../dev/fake-slack-server';
import { lastJobRuns } from '../../src/storage/job-runs';
import { startCliSetup, type CliSetup } from '../support/cli-setup';
import { proposalRows, seedMember, seedOffer, seedRequest } from '../support/seed-programme';
import { withDatabaseOf } from '../support/test-database';

describe('mentor-circles tick', () => {
  let cli: CliSetup;
  let fake: FakeSlack;
  let env: Record<string, string>;

  beforeEach(async () => {
    cli = await startCliSetup(['U0JUNIOR', 'U0SENIOR']);
    ({ fake, env } = cli);
  });

  afterEach(() => cli.close());

  const tick = (...args: string[]) => cli.run('tick', ...args);

  async function seedJuniorAndSenior(): Promise<void> {
    await withDatabaseOf(env, async (db) => {
      await seedMember(db, { userId: 'U0JUNIOR', name: 'June Junior', level: 1, department: 'Engineering' });
      await seedOffer(db, { userId: 'U0JUNIOR', topics: ['Social media'] });
      await seedMember(db, { userId: 'U0SENIOR', name: 'Sam Senior', level: 6, department: 'Sales' });
      await seedRequest(db, { userId: 'U0SENIOR', topics: ['Social media'] });
    });
  }

  it('runs every job due at the instant once: the day’s matching proposes, and each run is recorded', async () => {
    await seedJuniorAndSenior();
    const at = '2026-11-23T09:00:00.000Z';

    const first = await tick('--at', at);

    expect(first.code).toBe(0);
    expect(first.out).toContain(`Running every job due at ${at}`);
    expect(first.out).toMatch(/match: teams 1, proposed 1, waitlisted 0/);
    expect(first.out).toMatch(/send-prompts: /);
    // The mentor is asked in their DM, and the mentee told a mentor was found.
    const posted = fake.calls('chat.postMessage').length;
    expect(posted).toBe(2);

    await withDatabaseOf(env, async (db) => {
      expect((await proposalRows(db)).map((row) => [row.mentorId, row.menteeId, row.status])).toEqual([
        ['U0JUNIOR', 'U0SENIOR', 'pending'],
      ]);
      const runs = await lastJobRuns(db);
      expect(runs.map((run) => run.job)).toContain('match');
      expect(runs.every((run) => run.lastRunAt.toISOString() === at)).toBe(true);
    });

    // The same day again: matching has run today, so nobody is asked twice.
    const again = await tick('--at', '2026-11-23T15:00:00Z');
    expect(again.code).toBe(0);
    expect(again.out).toContain('match: skipped ran today');
    expect(fake.calls('chat.postMessage')).toHaveLength(posted);
  });

  it.each([[['--at']], [['--at', 'next monday']], [['--at', '2026-11-23T10:00:00']], [['--now']]])(
    'refuses %j with the usage and runs nothing',
    async (args) => {
      const result = await tick(...args);
      expect(result.code).toBe(2);
      expect(result.err).toContain('Usage: mentor-circles tick [--at ISO-8601]');
      expect(fake.calls('chat.postMessage')).toHaveLength(0);
    },
  );
});
