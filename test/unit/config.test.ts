import {
  databaseLabel,
  describeConfigProblems,
  describeDatabase,
  hasNoSlackCredentials,
  loadConfig,
} from '../../src/config';

const HTTP_ENV = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' };

describe('loadConfig', () => {
  it('applies the documented defaults in HTTP mode', () => {
    const result = loadConfig(HTTP_ENV);
    expect(result).toMatchObject({
      ok: true,
      config: {
        slack: { botToken: 'xoxb-1', signingSecret: 'secret', appToken: null, apiUrl: null },
        port: 3000,
        database: { kind: 'sqlite', path: './data/mentor-circles.db' },
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
      database: { kind: 'sqlite', path: '/data/mc.db' },
      adminUserIds: ['U1', 'U2', 'W3'],
      prompt: { weekday: 'thursday', hour: 15 },
      matching: { minLevelGap: 2, proposalTtlHours: 48 },
    });
  });

  it.each(['postgres', 'postgresql'])(
    'selects PostgreSQL with a %s:// DATABASE_URL, over DATABASE_PATH',
    (scheme) => {
      const url = `${scheme}://mentor:pa55-w0rd@db.example.com:6543/mentor_circles`;
      const result = loadConfig({ ...HTTP_ENV, DATABASE_PATH: '/data/mc.db', DATABASE_URL: url });
      expect(result.ok && result.config.database).toEqual({ kind: 'postgres', url });
    },
  );

  it('describes the database without the password', () => {
    const database = {
      kind: 'postgres',
      url: 'postgres://mentor:pa55-w0rd@db.example.com/mentor_circles',
    } as const;
    expect(describeDatabase(database)).toEqual({
      database: 'postgres',
      host: 'db.example.com',
      port: 5432,
      name: 'mentor_circles',
    });
    expect(databaseLabel(database)).toBe('mentor_circles on db.example.com:5432 (PostgreSQL)');
    expect(describeDatabase({ kind: 'sqlite', path: '/data/mc.db' })).toEqual({
      database: 'sqlite',
      path: '/data/mc.db',
    });
  });

  it('never repeats an invalid DATABASE_URL, which may hold a password', () => {
    const result = loadConfig({ ...HTTP_ENV, DATABASE_URL: 'mysql://mentor:pa55-w0rd@db/app' });
    expect(!result.ok && result.problems.join('\n')).not.toContain('pa55-w0rd');
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
    [{ ...HTTP_ENV, DATABASE_URL: 'mysql://u:p@db/app' }, 'DATABASE_URL must be a PostgreSQL URL'],
    [{ ...HTTP_ENV, DATABASE_URL: 'postgres://u:p@' }, 'DATABASE_URL must be a PostgreSQL URL'],
    [{ ...HTTP_ENV, DATABASE_URL: 'db.example.com/app' }, 'DATABASE_URL must be a PostgreSQL URL'],
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

describe('the pairing term', () => {
  it('runs 26 weeks with 12-week extensions unless the environment says otherwise', () => {
    const defaults = loadConfig(HTTP_ENV);
    expect(defaults.ok && defaults.config.term).toEqual({ weeks: 26, extensionWeeks: 12 });
    const set = loadConfig({ ...HTTP_ENV, PAIR_TERM_WEEKS: '6', PAIR_EXTENSION_WEEKS: '4' });
    expect(set.ok && set.config.term).toEqual({ weeks: 6, extensionWeeks: 4 });
  });

  it.each([
    ['PAIR_TERM_WEEKS', '3', 'PAIR_TERM_WEEKS must be a whole number from 4 to 104'],
    ['PAIR_TERM_WEEKS', '105', 'PAIR_TERM_WEEKS must be a whole number from 4 to 104'],
    ['PAIR_TERM_WEEKS', '26.5', 'PAIR_TERM_WEEKS must be a whole number from 4 to 104'],
    ['PAIR_EXTENSION_WEEKS', '3', 'PAIR_EXTENSION_WEEKS must be a whole number from 4 to 52'],
    ['PAIR_EXTENSION_WEEKS', '53', 'PAIR_EXTENSION_WEEKS must be a whole number from 4 to 52'],
  ])('refuses %s=%s', (name, value, problem) => {
    expect(loadConfig({ ...HTTP_ENV, [name]: value })).toEqual({ ok: false, problems: [problem] });
  });
});

describe('reading the environment', () => {
  it.each([
    ['blank as unset', { PORT: '', PROMPT_HOUR: '  ', LOG_LEVEL: '\t', DATABASE_PATH: ' ' }],
    ['unset', {}],
  ])('applies the defaults to variables %s', (_case, env) => {
    const result = loadConfig({ ...HTTP_ENV, ...env });
    expect(result.ok && result.config).toMatchObject({
      port: 3000,
      prompt: { hour: 10, weekday: 'monday', nudgeEnabled: true, nudgeAfterHours: 72 },
      database: { kind: 'sqlite', path: './data/mentor-circles.db' },
      adminUserIds: [],
      report: { hideNames: false },
      logLevel: 'info',
    });
  });

  it.each([
    ['SLACK_BOT_TOKEN', ' xoxb-9 ', { slack: { botToken: 'xoxb-9' } }],
    ['SLACK_SIGNING_SECRET', '\tsecret\n', { slack: { signingSecret: 'secret' } }],
    ['PORT', ' 8080 ', { port: 8080 }],
    ['PORT', '0', { port: 0 }],
    ['DATABASE_PATH', ' /data/mc.db ', { database: { kind: 'sqlite', path: '/data/mc.db' } }],
    ['MENTOR_ADMINS', ' , U1,, ', { adminUserIds: ['U1'] }],
    ['PROMPT_WEEKDAY', ' FRI ', { prompt: { weekday: 'friday' } }],
    ['NUDGE_ENABLED', 'Off', { prompt: { nudgeEnabled: false } }],
    ['NUDGE_ENABLED', ' YES ', { prompt: { nudgeEnabled: true } }],
    ['REPORT_HIDE_NAMES', '1', { report: { hideNames: true } }],
    ['LOG_LEVEL', ' DEBUG ', { logLevel: 'debug' }],
    ['SLACK_API_URL', ' https://slack.example/api/ ', { slack: { apiUrl: 'https://slack.example/api/' } }],
  ])('reads %s=%j trimmed', (name, value, expected) => {
    const result = loadConfig({ ...HTTP_ENV, [name]: value });
    expect(result.ok && result.config).toMatchObject(expected);
  });

  it('lists the missing credentials first, then each bad variable in the documented order', () => {
    const result = loadConfig({
      LOG_LEVEL: 'loud',
      PAIR_EXTENSION_WEEKS: '1',
      REPORT_HIDE_NAMES: 'maybe',
      PROMPT_WEEKDAY: 'someday',
      MENTOR_ADMINS: 'bob',
      PORT: 'eighty',
      SLACK_API_URL: 'ftp://x',
      SLACK_APP_TOKEN: 'nope',
      SLACK_SIGNING_SECRET: ' ',
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        'SLACK_BOT_TOKEN is required',
        'SLACK_APP_TOKEN must be an app-level token starting with xapp-',
        'SLACK_API_URL must be an http(s) URL such as https://slack.com/api/',
        'PORT must be a whole number from 0 to 65535',
        'MENTOR_ADMINS must be Slack user ids (like U012AB3CD), separated by commas; not: bob',
        'PROMPT_WEEKDAY must be a day of the week, like monday',
        'REPORT_HIDE_NAMES must be true or false',
        'PAIR_EXTENSION_WEEKS must be a whole number from 4 to 52',
        'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
      ],
    });
  });
});
