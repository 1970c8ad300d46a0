import { describeConfigProblems, hasNoSlackCredentials, loadConfig } from '../../src/config';

const HTTP_ENV = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' };

describe('loadConfig', () => {
  it('applies the documented defaults in HTTP mode', () => {
    const result = loadConfig(HTTP_ENV);
    expect(result).toMatchObject({
      ok: true,
      config: {
        slack: { botToken: 'xoxb-1', signingSecret: 'secret', appToken: null, apiUrl: null },
        port: 3000,
        databasePath: './data/mentor-circles.db',
        adminUserIds: [],
        prompt: { weekday: 'monday', hour: 10 },
        matching: { minLevelGap: 1, proposalTtlHours: 72 },
      },
    });
  });

  it('reads every contract variable', () => {
    const result = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-2',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_API_URL: 'http://127.0.0.1:9000/api',
      PORT: '8080',
      DATABASE_PATH: '/data/mc.db',
      MENTOR_ADMINS: 'U1, U2 ,W3',
      PROMPT_WEEKDAY: 'Thursday',
      PROMPT_HOUR: '15',
      MIN_LEVEL_GAP: '2',
      PROPOSAL_TTL_HOURS: '48',
    });
    expect(result.ok && result.config).toMatchObject({
      slack: { appToken: 'xapp-1', signingSecret: null, apiUrl: 'http://127.0.0.1:9000/api/' },
      port: 8080,
      databasePath: '/data/mc.db',
      adminUserIds: ['U1', 'U2', 'W3'],
      prompt: { weekday: 'thursday', hour: 15 },
      matching: { minLevelGap: 2, proposalTtlHours: 48 },
    });
  });

  it.each([
    [{ SLACK_SIGNING_SECRET: 's' }, 'SLACK_BOT_TOKEN is required'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_SIGNING_SECRET is required'],
    [{ ...HTTP_ENV, SLACK_BOT_TOKEN: 'xoxp-user' }, 'SLACK_BOT_TOKEN must be a bot token'],
    [{ ...HTTP_ENV, SLACK_APP_TOKEN: 'nope' }, 'SLACK_APP_TOKEN must be an app-level token'],
    [{ ...HTTP_ENV, PORT: 'eighty' }, 'PORT must be a whole number from 0 to 65535'],
    [{ ...HTTP_ENV, PROMPT_HOUR: '24' }, 'PROMPT_HOUR must be a whole number from 0 to 23'],
    [{ ...HTTP_ENV, PROMPT_WEEKDAY: 'someday' }, 'PROMPT_WEEKDAY must be a day of the week'],
    [{ ...HTTP_ENV, MENTOR_ADMINS: 'U1,bob' }, 'not: bob'],
    [{ ...HTTP_ENV, SLACK_API_URL: 'ftp://x' }, 'SLACK_API_URL must be an http(s) URL'],
    [{ ...HTTP_ENV, LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
  ])('names the problem in %j', (env, message) => {
    const result = loadConfig(env);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.join('\n')).toContain(message);
  });

  it('reports every problem at once and points to the README', () => {
    const result = loadConfig({ PORT: '-1', PROMPT_HOUR: 'x' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(4);
    const message = describeConfigProblems(result.problems);
    for (const name of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'PORT', 'PROMPT_HOUR', 'README.md']) {
      expect(message).toContain(name);
    }
  });

  it('tells apart "no Slack app yet" from a partial configuration', () => {
    expect(hasNoSlackCredentials({})).toBe(true);
    expect(hasNoSlackCredentials({ SLACK_BOT_TOKEN: '  ' })).toBe(true);
    expect(hasNoSlackCredentials({ SLACK_APP_TOKEN: 'xapp-1' })).toBe(false);
  });
});
