// HTTP mode faces the internet: whatever arrives at /slack/events, signed or not, gets a quick 4xx (or the
// empty acknowledgement Slack expects), changes nothing, and leaves the app answering.
import http from 'node:http';
import { FORM, JSON_TYPE, signature, slashCommandBody } from '../../dev/signed-requests';
import { countRows } from '../support/test-database';
import { SIGNING_SECRET, startSocketModeApp, startTestApp, TEAM, type TestApp } from '../support/test-app';

interface RawRequest {
  method?: string;
  path?: string;
  body: string;
  contentType?: string | null;
  /** 'good' signs with the app's secret; the others are ways of getting it wrong. */
  signing: 'good' | 'wrong-secret' | 'stale' | 'none';
  headers?: Record<string, string>;
}

async function send(t: TestApp, request: RawRequest): Promise<number> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.contentType !== null) headers['content-type'] = request.contentType ?? FORM;
  const now = Math.floor(Date.now() / 1000);
  if (request.signing !== 'none') {
    const timestamp = request.signing === 'stale' ? now - 600 : now;
    const secret = request.signing === 'wrong-secret' ? 'not-the-secret' : SIGNING_SECRET;
    headers['x-slack-request-timestamp'] = String(timestamp);
    headers['x-slack-signature'] = signature(secret, timestamp, request.body);
  }
  const method = request.method ?? 'POST';
  const response = await fetch(`${t.baseUrl}${request.path ?? '/slack/events'}`, {
    method,
    headers,
    ...(method === 'GET' || method === 'HEAD' ? {} : { body: request.body }),
  });
  await response.arrayBuffer();
  return response.status;
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const payloadForm = (payload: unknown) => form({ payload: JSON.stringify(payload) });

function command(overrides: Record<string, string | undefined> = {}): string {
  const fields: Record<string, string> = Object.fromEntries(
    new URLSearchParams(
      slashCommandBody({ teamId: TEAM, userId: 'UFUZZ', text: 'help', responseUrl: 'http://127.0.0.1:9/r' }),
    ),
  );
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete fields[key];
    else fields[key] = value;
  }
  return form(fields);
}

const user = { id: 'UFUZZ', username: 'fuzz', name: 'fuzz', team_id: TEAM };
const team = { id: TEAM, domain: 'test' };
const blockActions = {
  type: 'block_actions',
  user,
  team,
  api_app_id: 'A0TEST',
  trigger_id: 'trigger-fuzz',
  container: { type: 'view', view_id: 'V0HOME' },
  actions: [{ action_id: 'fuzz_action', block_id: 'fuzz', type: 'button', value: 'x', action_ts: '1' }],
};
const viewSubmission = {
  type: 'view_submission',
  user,
  team,
  api_app_id: 'A0TEST',
  trigger_id: 'trigger-fuzz',
  view: {
    id: 'V0FUZZ',
    type: 'modal',
    callback_id: 'fuzz_view',
    private_metadata: '',
    state: { values: { note: { note_input: { type: 'plain_text_input', value: 'hello' } } } },
  },
  response_urls: [],
};
const eventEnvelope = {
  token: 'legacy',
  team_id: TEAM,
  api_app_id: 'A0TEST',
  type: 'event_callback',
  event_id: 'EvFuzz',
  event_time: 1,
  authorizations: [{ team_id: TEAM, user_id: 'UBOT', is_bot: true }],
  event: { type: 'reaction_added', user: 'UFUZZ', item: { type: 'message', channel: 'C1', ts: '1.0' } },
};

describe('hostile HTTP input', () => {
  let t: TestApp;
  let before: Record<string, number>;
  beforeAll(async () => {
    t = await startTestApp();
    before = await countRows(t.app.context.db);
  });
  afterAll(async () => {
    await t.close();
  });
  afterEach(async () => {
    expect(await countRows(t.app.context.db)).toEqual(before);
    expect(t.logs.join('\n')).not.toContain('not acknowledged within 3 seconds');
  });

  it.each<[string, number, RawRequest]>([
    ['a form body that is not a form', 400, { body: '%%%&&&=%E0%A4%A', signing: 'good' }],
    ['a payload field that is not JSON', 400, { body: form({ payload: '{"type":' }), signing: 'good' }],
    ['a payload of null', 400, { body: form({ payload: 'null' }), signing: 'good' }],
    ['a JSON body of null', 400, { body: 'null', contentType: JSON_TYPE, signing: 'good' }],
    ['a JSON body of null, unsigned', 401, { body: 'null', contentType: JSON_TYPE, signing: 'none' }],
    ['a JSON number, badly signed', 401, { body: '42', contentType: JSON_TYPE, signing: 'wrong-secret' }],
    ['a JSON array', 400, { body: '[1,2]', contentType: JSON_TYPE, signing: 'good' }],
    [
      'malformed JSON, signed',
      400,
      { body: '{"type": "event_callback"', contentType: JSON_TYPE, signing: 'good' },
    ],
    [
      'malformed JSON, unsigned',
      401,
      { body: '{"type": "event_callback"', contentType: JSON_TYPE, signing: 'none' },
    ],
    ['an empty body', 400, { body: '', contentType: JSON_TYPE, signing: 'good' }],
    ['an unknown payload type', 400, { body: payloadForm({ type: 'mystery', team }), signing: 'good' }],
    [
      'a shortcut, which the app does not offer',
      400,
      { body: payloadForm({ ...blockActions, type: 'shortcut', actions: undefined }), signing: 'good' },
    ],
    [
      'block_actions without a user',
      400,
      { body: payloadForm({ ...blockActions, user: undefined }), signing: 'good' },
    ],
    [
      'block_actions without actions',
      400,
      { body: payloadForm({ ...blockActions, actions: [] }), signing: 'good' },
    ],
    [
      'block_actions with a null channel',
      400,
      { body: payloadForm({ ...blockActions, channel: null }), signing: 'good' },
    ],
    [
      'a view submission without a view',
      400,
      { body: payloadForm({ ...viewSubmission, view: undefined }), signing: 'good' },
    ],
    [
      'a view submission without state',
      400,
      {
        body: payloadForm({ ...viewSubmission, view: { ...viewSubmission.view, state: undefined } }),
        signing: 'good',
      },
    ],
    [
      'a view submission with no team anywhere',
      400,
      { body: payloadForm({ ...viewSubmission, team: null, user: { id: 'U1' } }), signing: 'good' },
    ],
    [
      'an event whose event is a string',
      400,
      { body: JSON.stringify({ ...eventEnvelope, event: 'x' }), contentType: JSON_TYPE, signing: 'good' },
    ],
    [
      'an event with a null item',
      400,
      {
        body: JSON.stringify({ ...eventEnvelope, event: { type: 'reaction_added', item: null } }),
        contentType: JSON_TYPE,
        signing: 'good',
      },
    ],
    [
      'an event with null authorizations',
      400,
      {
        body: JSON.stringify({ ...eventEnvelope, authorizations: [null] }),
        contentType: JSON_TYPE,
        signing: 'good',
      },
    ],
    [
      'an event without a team',
      400,
      {
        body: JSON.stringify({ ...eventEnvelope, team_id: undefined }),
        contentType: JSON_TYPE,
        signing: 'good',
      },
    ],
    ['a slash command without a team', 400, { body: command({ team_id: undefined }), signing: 'good' }],
    ['a slash command without text', 400, { body: command({ text: undefined }), signing: 'good' }],
    ['a slash command with an event field', 400, { body: command({ event: 'x' }), signing: 'good' }],
    ['text/plain', 415, { body: JSON.stringify(eventEnvelope), contentType: 'text/plain', signing: 'good' }],
    ['no content type', 415, { body: JSON.stringify(eventEnvelope), contentType: null, signing: 'good' }],
    ['multipart', 415, { body: '--x--', contentType: 'multipart/form-data; boundary=x', signing: 'good' }],
    [
      'a form with a charset',
      415,
      { body: command(), contentType: `${FORM}; charset=utf-8`, signing: 'good' },
    ],
    ['a bad signature', 401, { body: command(), signing: 'wrong-secret' }],
    ['a stale signature', 401, { body: command(), signing: 'stale' }],
    ['no signature', 401, { body: command(), signing: 'none' }],
    ['GET on the events path', 404, { method: 'GET', body: '', signing: 'none' }],
    ['PUT on the events path', 404, { method: 'PUT', body: command(), signing: 'good' }],
    ['an unknown path', 404, { path: '/admin', body: command(), signing: 'good' }],
    [
      'headers over 16 KB',
      431,
      { body: command(), signing: 'good', headers: { 'x-padding': 'a'.repeat(20_000) } },
    ],
  ])('answers %s with %i', async (_name, status, request) => {
    expect(await send(t, request)).toBe(status);
  });

  it('acknowledges app_rate_limited notices, which need no answer', async () => {
    const body = JSON.stringify({
      token: 'x',
      type: 'app_rate_limited',
      team_id: TEAM,
      minute_rate_limited: 1,
    });
    expect(await send(t, { body, contentType: JSON_TYPE, signing: 'good' })).toBe(200);
  });

  it('acknowledges a well-formed payload no listener handles with 200, not the 404 Bolt sends when nobody acks', async () => {
    expect(await send(t, { body: payloadForm(blockActions), signing: 'good' })).toBe(200);
    expect(await send(t, { body: command({ command: '/other' }), signing: 'good' })).toBe(200);
  });

  it('answers a click or a submission with an id no listener knows with an empty 200, and says nothing', async () => {
    const callsBefore = t.fake.calls().length;
    const responsesBefore = t.fake.responses().length;
    const logsBefore = t.logs.length;
    const click = await t.click({
      userId: 'UFUZZ',
      actionId: 'no_such_action',
      value: '1',
      message: { channel: 'C0FUZZ', ts: '1795000001.000100' },
    });
    const submission = await t.submit({ userId: 'UFUZZ', callbackId: 'no_such_callback', values: {} });

    expect([click.status, click.body]).toEqual([200, '']);
    expect([submission.status, submission.body]).toEqual([200, '']);
    expect(t.fake.calls().slice(callsBefore)).toEqual([]);
    expect(t.fake.responses().slice(responsesBefore)).toEqual([]);
    const lines = t.logs.slice(logsBefore).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.filter((line) => line.level !== 'info')).toEqual([
      expect.objectContaining({ msg: 'no listener acknowledged the request', name: 'no_such_action' }),
      expect.objectContaining({ msg: 'no listener acknowledged the request', name: 'no_such_callback' }),
    ]);
  });

  it('refuses a body over 1 MB with 413 when its length is declared', async () => {
    const body = `payload=${'a'.repeat(1024 * 1024 + 1)}`;
    expect(await send(t, { body, signing: 'good' })).toBe(413);
  });

  it('refuses a streamed body over 1 MB with 413 long before reading it whole', async () => {
    const { status, bytesSent } = await streamUntilAnswered(t.eventsUrl, 64 * 1024 * 1024);
    expect(status).toBe(413);
    expect(bytesSent).toBeLessThan(8 * 1024 * 1024);
  });
});

describe('malformed payloads in Socket Mode', () => {
  it('acknowledges them, so Slack does not send them again, and stores nothing', async () => {
    const { fake, app, close } = await startSocketModeApp();
    try {
      const before = await countRows(app.context.db);
      const payloads: [Parameters<typeof fake.sendSocketEnvelope>[0], unknown][] = [
        ['interactive', { ...viewSubmission, view: undefined }],
        ['interactive', { type: 'mystery', team }],
        ['events_api', { ...eventEnvelope, event: 'x' }],
        ['slash_commands', { command: '/mentor', team_id: TEAM }],
      ];
      for (const [type, payload] of payloads) {
        // Acknowledged with an empty payload: nothing to show, and no error for Slack to retry.
        await expect(fake.sendSocketEnvelope(type, payload)).resolves.toEqual({});
      }
      await app.settle();
      expect(await countRows(app.context.db)).toEqual(before);
    } finally {
      await close();
    }
  });
});

describe('seeded fuzz of /slack/events', () => {
  const SEED = 20240611;
  const REQUESTS = 2500;
  const BATCH = 25;

  it(`survives ${REQUESTS} random hostile requests: no 5xx, nothing stored, still healthy`, async () => {
    const t = await startTestApp();
    try {
      const before = await countRows(t.app.context.db);
      const random = mulberry32(SEED);
      const statuses = new Map<number, number>();
      const unsignedAnswers = new Set<number>();
      for (let sent = 0; sent < REQUESTS; sent += BATCH) {
        const batch = Array.from({ length: BATCH }, () => hostileRequest(random));
        const answers = await Promise.all(batch.map((request) => send(t, request)));
        answers.forEach((status, index) => {
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (batch[index]?.signing !== 'good') unsignedAnswers.add(status);
        });
      }
      await t.settle();

      expect([...statuses.keys()].filter((status) => status >= 500)).toEqual([]);
      // Without a good signature nothing gets past the guard and Bolt's signature check.
      expect([...unsignedAnswers].filter((status) => status < 400)).toEqual([]);
      expect(await countRows(t.app.context.db)).toEqual(before);
      const sentToSlack = t.fake.calls().filter((call) => call.method !== 'auth.test');
      expect(sentToSlack.map((call) => call.method)).toEqual([]);
      expect(t.fake.responses()).toEqual([]);
      expect(t.logs.join('\n')).not.toContain('not acknowledged within 3 seconds');
      const health = await fetch(`${t.baseUrl}/healthz`);
      expect(health.status).toBe(200);
      // The mix really covered the ground: refusals of every kind, and some acknowledged.
      for (const status of [200, 400, 401, 413, 415]) expect(statuses.get(status) ?? 0).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
    // A few seconds alone; generous because the suite shares two cores with the other integration tests.
  }, 90_000);
});

/** A small seeded PRNG (mulberry32): the same seed sends the same requests, so a failure replays. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const GARBAGE_VALUES: readonly unknown[] = [
  null,
  0,
  -1,
  1e308,
  true,
  '',
  'x',
  '\u0000',
  '🙂'.repeat(50),
  'a'.repeat(5000),
  [],
  [null],
  {},
  { id: null },
  { type: 'button' },
  '/mentor',
  'T0TEST',
  '<script>alert(1)</script>',
  "'; drop table members; --",
];

/** Replaces, removes or adds one field somewhere inside a copy of `value`. */
function mutate(random: Random, value: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null || depth > 4) return pick(random, GARBAGE_VALUES);
  const copy: Record<string, unknown> = Array.isArray(value) ? { ...value } : { ...value };
  const keys = Object.keys(copy);
  const roll = random();
  if (keys.length === 0 || roll < 0.1) {
    copy[pick(random, ['type', 'event', 'command', 'actions', 'view', 'name', 'payload', 'team', 'user'])] =
      pick(random, GARBAGE_VALUES);
  } else {
    const key = pick(random, keys);
    if (roll < 0.35) delete copy[key];
    else if (roll < 0.65) copy[key] = pick(random, GARBAGE_VALUES);
    else copy[key] = mutate(random, copy[key], depth + 1);
  }
  return Array.isArray(value) ? Object.values(copy) : copy;
}

const CONTENT_TYPES = [
  FORM,
  FORM,
  JSON_TYPE,
  JSON_TYPE,
  'application/json; charset=utf-8',
  'text/plain',
  'multipart/form-data; boundary=x',
  `${FORM}; charset=utf-8`,
  'APPLICATION/JSON',
  '',
];

const OVERSIZED_BODY = `payload=${'a'.repeat(1024 * 1024)}`;

function hostileRequest(random: Random): RawRequest {
  const signing = pick(random, ['good', 'good', 'good', 'good', 'wrong-secret', 'stale', 'none'] as const);
  const roll = random();
  let body: string;
  let contentType: string = FORM;
  if (roll < 0.2) {
    // A slash command with one field missing or wrong; never /mentor with a real subcommand.
    const fields = Object.fromEntries(new URLSearchParams(command({ command: '/fuzz' })));
    body = form(mutate(random, fields) as Record<string, string>);
  } else if (roll < 0.45) {
    body = payloadForm(mutate(random, pick(random, [blockActions, viewSubmission])));
  } else if (roll < 0.65) {
    body = JSON.stringify(mutate(random, eventEnvelope));
    contentType = JSON_TYPE;
  } else if (roll < 0.75) {
    // Cut short: malformed JSON or a form cut in the middle of an escape.
    const whole = random() < 0.5 ? JSON.stringify(eventEnvelope) : payloadForm(blockActions);
    body = whole.slice(0, Math.floor(random() * whole.length));
    contentType = whole.startsWith('{') ? JSON_TYPE : FORM;
  } else if (roll < 0.85) {
    body = Array.from({ length: Math.floor(random() * 200) }, () =>
      String.fromCharCode(Math.floor(random() * 256)),
    ).join('');
    contentType = pick(random, CONTENT_TYPES);
  } else if (roll < 0.87) {
    body = OVERSIZED_BODY;
  } else {
    body = random() < 0.5 ? JSON.stringify(eventEnvelope) : payloadForm(viewSubmission);
    contentType = pick(random, CONTENT_TYPES.slice(4));
  }
  return { body, contentType, signing };
}

/** Sends a chunked body of up to `maxBytes`, chunk by chunk, until the server answers or drops the line. */
function streamUntilAnswered(url: string, maxBytes: number): Promise<{ status: number; bytesSent: number }> {
  return new Promise((resolve, reject) => {
    let bytesSent = 0;
    let answered = false;
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const request = http.request(url, {
      method: 'POST',
      headers: { 'content-type': FORM, 'transfer-encoding': 'chunked' },
    });
    request.on('response', (response) => {
      answered = true;
      response.resume();
      resolve({ status: response.statusCode ?? 0, bytesSent });
    });
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && bytesSent < maxBytes) {
        bytesSent += chunk.length;
        if (!request.write(chunk)) {
          request.once('drain', pump);
          return;
        }
      }
      if (!answered) request.end();
    };
    pump();
  });
}
