import { checkPayload } from '../../src/slack/request-guard';

// One payload of each kind the app handles, each with fields Slack adds that the app does not read.
const COMMAND = {
  command: '/mentor',
  team_id: 'T1',
  user_id: 'U1',
  channel_id: 'C1',
  text: 'help',
  trigger_id: '1.2.abc',
  response_url: 'https://hooks.slack.test/commands/1',
  api_app_id: 'A1',
  is_enterprise_install: 'false',
};
const EVENT = {
  type: 'event_callback',
  team_id: 'T1',
  event_id: 'Ev1',
  authorizations: [{ team_id: 'T1', user_id: 'U9', is_bot: true }, { team_id: null }, {}],
  event: {
    type: 'app_home_opened',
    user: 'U1',
    channel: 'D1',
    tab: 'home',
    item: { type: 'message' },
    subteam: { created_by: 'U2' },
  },
  event_time: 1,
};
const BLOCK_ACTIONS = {
  type: 'block_actions',
  user: { id: 'U1', team_id: 'T1', username: 'ada' },
  team: { id: 'T1', domain: 'example' },
  channel: { id: 'C1', name: 'general' },
  actions: [{ action_id: 'a', block_id: 'b', type: 'button', value: '7', action_ts: '1' }],
  trigger_id: '1.2.abc',
};
const VIEW_SUBMISSION = {
  type: 'view_submission',
  user: { id: 'U1', team_id: 'T1' },
  team: { id: 'T1' },
  view: {
    id: 'V1',
    callback_id: 'signup',
    private_metadata: '{}',
    state: { values: { block: { action: { type: 'plain_text_input', value: 'typed' } } } },
    hash: 'h',
  },
  response_urls: [{ response_url: 'https://hooks.slack.test/1', block_id: 'b', channel_id: 'C1' }],
};
const VIEW_CLOSED = {
  type: 'view_closed',
  user: { id: 'U1' },
  team: { id: 'T1' },
  view: { id: 'V1', callback_id: 'signup', title: { type: 'plain_text', text: 'Sign up' } },
  is_cleared: false,
};

type Payload = Record<string, unknown>;
/** The payload with one field (at a dotted path) replaced, or removed when `value` is undefined. */
function withField(payload: Payload, path: string, value: unknown): Payload {
  const copy = structuredClone(payload);
  const keys = path.split('.');
  const last = keys.pop()!;
  let target: Record<string, unknown> = copy;
  for (const key of keys) target = target[key] as Record<string, unknown>;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}

describe('checkPayload', () => {
  it.each([
    ['a slash command', COMMAND],
    ['an event', EVENT],
    ['an event whose channel and user are objects', withField(EVENT, 'event.channel', { id: 'C1' })],
    ['an event with only a type', withField(EVENT, 'event', { type: 'team_join' })],
    ['block actions', BLOCK_ACTIONS],
    ['block actions with the team on the user only', withField(BLOCK_ACTIONS, 'team', null)],
    ['a view submission', VIEW_SUBMISSION],
    ['a view submission with the team on the user only', withField(VIEW_SUBMISSION, 'team', undefined)],
    ['a view closed', VIEW_CLOSED],
    ['an empty callback id', withField(VIEW_CLOSED, 'view.callback_id', '')],
    ['ids of 255 characters, emoji counted as one', withField(COMMAND, 'team_id', '😀'.repeat(255))],
  ])('accepts %s, with the fields Slack adds', (_case, payload) => {
    expect(checkPayload(payload)).toEqual({ ok: true });
  });

  it.each([
    ['a command not starting with /', COMMAND, 'command', 'mentor', 'command: command'],
    ['an empty team id', COMMAND, 'team_id', '', 'command: team_id'],
    ['an id of 256 characters', COMMAND, 'user_id', '😀'.repeat(256), 'command: user_id'],
    ['a command without text', COMMAND, 'text', undefined, 'command: text'],
    ['a number as response_url', COMMAND, 'response_url', 1, 'command: response_url'],
    ['an event of another type', EVENT, 'type', 'url_verification', 'event_callback: type'],
    ['an event without id', EVENT, 'event_id', undefined, 'event_callback: event_id'],
    ['an event with an empty type', EVENT, 'event.type', '', 'event_callback: event.type'],
    ['an event channel that is a number', EVENT, 'event.channel', 5, 'event_callback: event.channel'],
    ['an event user that is an array', EVENT, 'event.user', ['U1'], 'event_callback: event.user'],
    ['an event item that is an array', EVENT, 'event.item', [], 'event_callback: event.item'],
    ['a subteam that is a string', EVENT, 'event.subteam', 'S1', 'event_callback: event.subteam'],
    ['an authorization that is an array', EVENT, 'authorizations', [[]], 'event_callback: authorizations.0'],
    ['an authorization with an empty team', EVENT, 'authorizations', [{ team_id: '' }], 'authorizations.0'],
    ['no actions', BLOCK_ACTIONS, 'actions', [], 'block_actions: actions'],
    ['an action without id', BLOCK_ACTIONS, 'actions', [{ type: 'button' }], 'actions.0.action_id'],
    ['an action with an empty block id', BLOCK_ACTIONS, 'actions.0.block_id', '', 'actions.0.block_id'],
    ['a channel without id', BLOCK_ACTIONS, 'channel', {}, 'block_actions: channel.id'],
    ['a user without id', BLOCK_ACTIONS, 'user.id', undefined, 'block_actions: user.id'],
    ['a team id that is a number', BLOCK_ACTIONS, 'team', { id: 5 }, 'block_actions: team'],
    ['no team anywhere', withField(BLOCK_ACTIONS, 'team', null), 'user.team_id', undefined, 'payload'],
    ['a null user', BLOCK_ACTIONS, 'user', null, 'block_actions: user'],
    ['a dialog submission', BLOCK_ACTIONS, 'type', 'dialog_submission', 'block_actions: type'],
    ['a form value that is not an object', VIEW_SUBMISSION, 'view.state.values.block.action', 'x', 'action'],
    ['form values in an array', VIEW_SUBMISSION, 'view.state.values', [], 'view.state.values'],
    ['a callback id of 256 characters', VIEW_SUBMISSION, 'view.callback_id', 'c'.repeat(256), 'callback_id'],
    ['private metadata that is a number', VIEW_SUBMISSION, 'view.private_metadata', 1, 'private_metadata'],
    ['a response url missing', VIEW_SUBMISSION, 'response_urls', [{}], 'response_urls.0.response_url'],
    [
      'no team on a view submission',
      withField(VIEW_SUBMISSION, 'team', undefined),
      'user.team_id',
      undefined,
      'view_submission: payload',
    ],
    ['a closed view without id', VIEW_CLOSED, 'view.id', undefined, 'view_closed: view.id'],
  ])('refuses %s', (_case, payload, path, value, named) => {
    const check = checkPayload(withField(payload, path, value));
    expect(check).toEqual({ ok: false, acknowledgeOnly: false, problem: expect.stringContaining(named) });
  });

  it('refuses a null user with no actions without tripping over the team check', () => {
    const payload = { type: 'block_actions', user: null, actions: [] };
    expect(checkPayload(payload)).toMatchObject({ ok: false, acknowledgeOnly: false });
  });

  it.each([
    [{ type: 'app_rate_limited' }, { ok: false, acknowledgeOnly: true, problem: 'app_rate_limited' }],
    [
      { type: 'workflow_step_execute' },
      { ok: false, problem: 'unsupported payload type workflow_step_execute' },
    ],
    [{ type: 'constructor' }, { ok: false, problem: 'unsupported payload type constructor' }],
    [{ type: 'toString' }, { ok: false, problem: 'unsupported payload type toString' }],
    [{ name: 'topic' }, { ok: false, problem: 'unsupported payload type options' }],
    [{}, { ok: false, problem: 'unsupported payload type without a type' }],
    [[COMMAND], { ok: false, problem: 'not an object' }],
    [null, { ok: false, problem: 'not an object' }],
  ])('answers %j without a shape check', (body, expected) => {
    expect(checkPayload(body)).toMatchObject(expected);
  });

  // The problem is logged, and payloads carry what people typed: it names where, never the value.
  const TYPED = 'Typed-by-someone 4471';
  it.each([
    ['a command typed where text should be', COMMAND, 'command', TYPED],
    ['typed text in an object', COMMAND, 'text', { value: TYPED }],
    ['typed text too long for an id', COMMAND, 'team_id', TYPED.repeat(20)],
    ['a form value that is typed text', VIEW_SUBMISSION, 'view.state.values.block.action', TYPED],
    ['typed text in an array', VIEW_SUBMISSION, 'view.private_metadata', [TYPED]],
    ['typed text as the event user', EVENT, 'event.user', [TYPED]],
    ['typed text as an action', BLOCK_ACTIONS, 'actions', [TYPED]],
  ])('never repeats a refused value: %s', (_case, payload, path, value) => {
    const check = checkPayload(withField(payload, path, value));
    expect(check.ok).toBe(false);
    expect(!check.ok && check.problem).not.toContain('4471');
  });
});
