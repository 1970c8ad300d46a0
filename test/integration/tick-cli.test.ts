import type { FakeSlack } from '../../dev/fake-slack-server';
import { lastJobRuns } from '../../src/storage/job-runs';
import { startCliSetup, type CliSetup } from '../support/cli-setup';
import { eq } from 'drizzle-orm';
import { tablesOf } from '../../src/storage/tables';
import {
  personInLondon,
  proposalRows,
  seedMember,
  seedOffer,
  seedRequest,
  seedRunningPair,
} from '../support/seed-programme';
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

  it('says what the pairing journey did, wrap-ups included', async () => {
    let pairId = 0;
    await withDatabaseOf(env, async (db) => {
      ({ pairId } = await seedRunningPair(db, fake, {
        mentor: personInLondon('U0JUNIOR', 'June Junior', 1, 'Engineering'),
        mentee: personInLondon('U0SENIOR', 'Sam Senior', 6, 'Sales'),
        startedAt: new Date('2026-05-25T09:00:00Z'),
      }));
      const { pairs } = tablesOf(db);
      await db
        .update(pairs)
        .set({ termEndsAt: new Date('2026-11-20T09:00:00Z') })
        .where(eq(pairs.id, pairId));
    });

    // Its term is over, but neither was asked yet: both are asked (extend or wrap up) and nothing ends.
    const asked = await tick('--at', '2026-11-23T09:00:00Z');
    expect(asked.code).toBe(0);
    expect(asked.out).toMatch(
      /pairing-journey: sent [1-9]\d*, wrapped up 0, recovered 0, waiting 0, failed 0/,
    );

    // Two weeks later nobody chose to extend: the pairing wraps up, and its closing question goes out.
    const wrapped = await tick('--at', '2026-12-07T09:00:00Z');
    expect(wrapped.code).toBe(0);
    expect(wrapped.out).toMatch(
      /pairing-journey: sent [1-9]\d*, wrapped up 1, recovered 0, waiting 0, failed 0/,
    );
    await withDatabaseOf(env, async (db) => {
      const { pairs } = tablesOf(db);
      const [row] = await db.select().from(pairs).where(eq(pairs.id, pairId));
      expect([row?.status, row?.endReason]).toEqual(['ended', 'wrapped_up']);
    });
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
