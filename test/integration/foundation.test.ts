import { FORM, slashCommandBody } from '../../dev/signed-requests';
import { SUBCOMMANDS } from '../../src/views/mentor-command';
import { countRows } from '../support/test-database';
import { startTestApp, TEAM, type TestApp } from '../support/test-app';

describe('a running Mentor Circles app (HTTP mode)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers /healthz with 200 while the database is reachable', async () => {
    const response = await fetch(`${t.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, database: 'ok' });
  });

  it.each([[''], ['help'], ['HELP']])(
    'answers "/mentor %s" with help listing every subcommand',
    async (text) => {
      const response = await t.command('U1', text);
      expect(response.status).toBe(200);
      const body = response.json();
      expect(body.response_type).toBe('ephemeral');
      const shown = JSON.stringify(body.blocks);
      for (const command of SUBCOMMANDS) expect(shown).toContain(command.usage);
      expect(shown).not.toContain("I don't know");
    },
  );

  it('says an unknown word is unknown, then shows help', async () => {
    const response = await t.command('U1', 'dance now');
    const shown = JSON.stringify(response.json().blocks);
    expect(shown).toContain("I don't know `dance`");
    expect(shown).toContain('/mentor offer');
  });

  it('refuses a request with a bad signature with 401 and stores nothing', async () => {
    const before = await countRows(t.app.context.db);
    const response = await t.command('U1', 'offer', { secret: 'not-the-secret' });
    expect(response.status).toBe(401);
    expect(await countRows(t.app.context.db)).toEqual(before);
    expect(t.fake.calls('views.open')).toHaveLength(0);
  });

  it('refuses a request signed more than five minutes ago with 401', async () => {
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const response = await t.command('U1', 'help', { timestamp: sixMinutesAgo });
    expect(response.status).toBe(401);
  });

  it('refuses an unsigned request with 401', async () => {
    const response = await fetch(t.eventsUrl, {
      method: 'POST',
      headers: { 'content-type': FORM },
      body: slashCommandBody({ teamId: TEAM, userId: 'U1', text: 'help', responseUrl: t.fake.responseUrl() }),
    });
    expect(response.status).toBe(401);
  });
});
