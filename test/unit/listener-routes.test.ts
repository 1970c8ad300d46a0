// An id registered twice is a programming mistake (Bolt would have run both handlers): the app must not start.
import { App } from '@slack/bolt';
import { createListenerRoutes } from '../../src/slack/listeners/listener-routes';

const noop = async () => undefined;

describe('listener routes', () => {
  const routes = () =>
    createListenerRoutes(
      new App({ token: 'xoxb-test', signingSecret: 'secret', tokenVerificationEnabled: false }),
    );

  it('refuses a button registered twice', () => {
    const twice = routes();
    twice.button('same_action', noop);
    expect(() => twice.button('same_action', noop)).toThrow('button same_action is registered twice');
  });

  it('refuses a submission registered twice, but a button and a submission may share an id', () => {
    const twice = routes();
    twice.button('same_id', noop);
    twice.submission('same_id', noop);
    expect(() => twice.submission('same_id', noop)).toThrow('submission same_id is registered twice');
  });

  it('refuses an event type registered twice', () => {
    const twice = routes();
    twice.event('app_home_opened', noop);
    twice.button('app_home_opened', noop);
    expect(() => twice.event('app_home_opened', noop)).toThrow('event app_home_opened is registered twice');
  });
});
