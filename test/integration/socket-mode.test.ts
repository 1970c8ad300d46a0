import type { FakeSlack } from '../../dev/fake-slack-server';
import { startSocketModeApp, type SocketModeApp } from '../support/test-app';

describe('Socket Mode', () => {
  let fake: FakeSlack;
  let socketApp: SocketModeApp;

  beforeAll(async () => {
    socketApp = await startSocketModeApp();
    fake = socketApp.fake;
  });

  afterAll(() => socketApp.close());

  it('connects through apps.connections.open with the app-level token', () => {
    const open = fake.calls('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]?.token).toBe('xapp-test');
    expect(fake.socketConnections()).toBe(1);
  });

  it('acknowledges a /mentor help envelope with the help message', async () => {
    const ack = (await fake.sendSocketEnvelope('slash_commands', {
      team_id: fake.teamId,
      user_id: 'U1',
      command: '/mentor',
      text: 'help',
      response_url: fake.responseUrl(),
      trigger_id: 'trigger-1',
      api_app_id: 'A0TEST',
      channel_id: 'C1',
    })) as { response_type?: string; blocks?: unknown[] };
    expect(ack.response_type).toBe('ephemeral');
    expect(JSON.stringify(ack.blocks)).toContain('/mentor offer');
  });

  it('acknowledges an Events API envelope', async () => {
    const ack = await fake.sendSocketEnvelope('events_api', {
      team_id: fake.teamId,
      api_app_id: 'A0TEST',
      type: 'event_callback',
      event_id: 'EvSocket1',
      event_time: 1,
      event: { type: 'user_change', user: { id: 'U9', deleted: false, real_name: 'Nine', tz: 'UTC' } },
    });
    expect(ack).toEqual({});
  });
});
