import type { FakeSlack } from '../../dev/fake-slack-server';
import { startCliSetup, type CliSetup } from '../support/cli-setup';
import { seedMember, seedOffer, seedRequest } from '../support/seed-programme';
import { withDatabaseOf } from '../support/test-database';

describe('mentor-circles match', () => {
  let cli: CliSetup;
  let fake: FakeSlack;
  let env: Record<string, string>;

  beforeEach(async () => {
    cli = await startCliSetup(['U0JUNIOR', 'U0SENIOR', 'U0VERA']);
    ({ fake, env } = cli);
  });

  afterEach(() => cli.close());

  const runMatch = () => cli.run('match');

  it('proposes, asks the mentor in Slack and prints each proposal and the waitlist', async () => {
    await withDatabaseOf(env, async (db) => {
      await seedMember(db, { userId: 'U0JUNIOR', name: 'June Junior', level: 1, department: 'Engineering' });
      await seedOffer(db, { userId: 'U0JUNIOR', topics: ['Social media', 'Generative AI tools'] });
      await seedMember(db, { userId: 'U0SENIOR', name: 'Sam Senior', level: 6, department: 'Sales' });
      await seedRequest(db, { userId: 'U0SENIOR', topics: ['Social media', 'Generative AI tools'] });
      await seedMember(db, { userId: 'U0VERA', name: 'Vera Lonely', level: 6 });
      await seedRequest(db, { userId: 'U0VERA', topics: ['Accessibility'] });
    });

    const first = await runMatch();

    expect(first.code).toBe(0);
    // 40 base + 2 × 30 shared topics + 10 cross-department + 3 × 2 for the level gap.
    expect(first.out).toContain('Workspace T0TEST: 1 proposal; 1 waitlisted (1 told now)');
    expect(first.out).toContain(
      'Sam Senior ← June Junior  score 116  shared: Social media, Generative AI tools',
    );
    const askedJune = fake.messages(fake.channelFor(['U0JUNIOR']));
    expect(askedJune).toHaveLength(1);
    expect(JSON.stringify(askedJune[0]?.blocks)).toContain('proposal_accept');

    // Running it again proposes nothing new and tells nobody twice.
    const second = await runMatch();
    expect(second.out).toContain('Workspace T0TEST: 0 proposals; 1 waitlisted (0 told now)');
    expect(fake.messages(fake.channelFor(['U0VERA']))).toHaveLength(1);
  });

  it('says so when there is nothing to match', async () => {
    const { code, out } = await runMatch();
    expect(code).toBe(0);
    expect(out).toContain('nothing to match');
  });

  it('is listed in the usage', async () => {
    const { out } = await cli.run('help');
    expect(out).toMatch(/match\s+run matching now/);
  });
});
