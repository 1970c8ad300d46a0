import { deliverReport, type DeliverReportDeps } from '../../../src/use-cases/deliver-report';
import type { SlackText } from '../../../src/views/report-view';
import { DEFAULT_SETTINGS, fixedClock, silentLogger } from './fakes';

const TEAM = 'T1';
const ADMIN = 'U0ADMIN';
const ADA = 'U0ADA';
const EMPTY = { offers: [], requests: [], proposals: [], pairs: [], deliveries: [], feedback: [] };

function reportWorld() {
  const loaded: string[] = [];
  const uploaded: { channel: string; files: string[] }[] = [];
  const replies: SlackText[] = [];
  const deps: DeliverReportDeps = {
    config: { adminUserIds: [ADMIN] },
    programmeAdmins: {
      // Ada's stored profile is fresh and says she is no workspace admin, so Slack is not asked again.
      async rightsOf() {
        return {
          listed: false,
          storedRole: { isWorkspaceAdmin: false, fetchedAt: new Date('2026-11-23T08:59:00Z') },
        };
      },
    },
    settingsFor: async () => DEFAULT_SETTINGS,
    reports: {
      async loadReportData(teamId) {
        loaded.push(teamId);
        return EMPTY;
      },
    },
    outcomes: {
      async loadOutcomeData() {
        return {
          cohorts: [],
          pairs: [],
          goals: [],
          ratings: [],
          fitChecks: [],
          mentorVoice: [],
          feedback: [],
          commitments: [],
        };
      },
    },
    messenger: {
      async fetchProfile() {
        throw new Error('the cached profile is fresh: Slack must not be asked');
      },
      async openConversation(userIds) {
        return `D-${userIds.join('-')}`;
      },
      async uploadFiles(channel, files) {
        uploaded.push({ channel, files: files.map((file) => file.filename) });
      },
    },
    clock: fixedClock(),
    logger: silentLogger,
  };
  const ask = (userId: string, option?: string) =>
    deliverReport(
      deps,
      { teamId: TEAM, userId, words: option === undefined ? [] : [option] },
      async (message) => {
        replies.push(message);
      },
    );
  return { ask, loaded, uploaded, replies };
}

describe('delivering the admin report', () => {
  it('refuses someone who is not a programme admin without reading or sending any figures', async () => {
    const world = reportWorld();
    await world.ask(ADA);
    expect(world.replies.map((reply) => reply.text)).toEqual([expect.stringMatching(/admins/i)]);
    expect(world.loaded).toEqual([]);
    expect(world.uploaded).toEqual([]);
  });

  it('refuses a non-admin before it looks at the option', async () => {
    const world = reportWorld();
    await world.ask(ADA, 'csv');
    expect(world.loaded).toEqual([]);
    expect(world.uploaded).toEqual([]);
  });

  it('explains the options when an admin asks for an unknown one', async () => {
    const world = reportWorld();
    await world.ask(ADMIN, 'pdf');
    expect(world.replies.map((reply) => reply.text)).toEqual(['Unknown report option: pdf']);
    expect(world.loaded).toEqual([]);
  });

  it("sends an admin's CSV files to their DM, never to the channel the command came from", async () => {
    const world = reportWorld();
    await world.ask(ADMIN, 'CSV');
    expect(world.loaded).toEqual([TEAM]);
    expect(world.uploaded).toEqual([
      {
        channel: `D-${ADMIN}`,
        files: [
          'mentor-circles-2026-11-23-pairs.csv',
          'mentor-circles-2026-11-23-topics.csv',
          'mentor-circles-2026-11-23-weekly-engagement.csv',
          'mentor-circles-2026-11-23-outcomes.csv',
        ],
      },
    ]);
    expect(world.replies).toHaveLength(1);
  });
});
