// The app's own transport for Slack requests keeps fetch's contract, which the Web API client and Bolt's
// respond() rely on: Slack's answers (errors included) resolve with their status, headers and body; only a
// network failure, an abort or a redirect rejects; a file upload's form still arrives whole.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { WebClient } from '@slack/web-api';
import { startFakeSlack } from '../../dev/fake-slack-server';
import { nodeHttpFetch } from '../../src/slack-api/node-http-fetch';

interface Received {
  method: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let server: http.Server;
let base: string;
let received: Received[];
let answer: (res: http.ServerResponse) => void;

beforeEach(async () => {
  received = [];
  answer = (res) => res.end('{}');
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      answer(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test('a POST arrives with its headers and body, and the answer reads as fetch reads it', async () => {
  answer = (res) => {
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('x-oauth-scopes', 'chat:write,commands');
    res.end(JSON.stringify({ ok: true, text: 'héllo' }));
  };
  const body = 'channel=C1&text=h%C3%A9llo';
  const response = await nodeHttpFetch(`${base}/api/chat.postMessage`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: 'Bearer xoxb-1' },
    body,
  });

  expect(received).toEqual([
    expect.objectContaining({
      method: 'POST',
      body,
      headers: expect.objectContaining({
        'content-type': 'application/x-www-form-urlencoded',
        authorization: 'Bearer xoxb-1',
        'content-length': String(Buffer.byteLength(body)),
      }),
    }),
  ]);
  expect(response.ok).toBe(true);
  expect(response.status).toBe(200);
  expect(response.url).toBe(`${base}/api/chat.postMessage`);
  expect(response.headers.get('X-OAuth-Scopes')).toBe('chat:write,commands');
  expect(response.headers.get('retry-after')).toBeNull();
  expect(Object.fromEntries(response.headers.entries())).toMatchObject({
    'content-type': 'application/json; charset=utf-8',
  });
  expect(await response.json()).toEqual({ ok: true, text: 'héllo' });
  expect(JSON.parse(await response.text())).toEqual({ ok: true, text: 'héllo' });
  expect(Buffer.from(await response.arrayBuffer()).toString('utf8')).toBe(
    JSON.stringify({ ok: true, text: 'héllo' }),
  );
});

test.each([
  [429, { 'retry-after': '7' }, 'ratelimited'],
  [500, {}, 'internal error'],
  [404, {}, 'no such method'],
])(
  'an HTTP %i from Slack resolves, with its headers and body, for the client to retry or report',
  async (status, headers, text) => {
    answer = (res) => {
      res.writeHead(status, headers);
      res.end(text);
    };
    const response = await nodeHttpFetch(`${base}/api/x`, { method: 'POST', body: '' });

    expect(response.ok).toBe(false);
    expect(response.status).toBe(status);
    expect(response.headers.get('retry-after')).toBe(
      (headers as Record<string, string>)['retry-after'] ?? null,
    );
    expect(await response.text()).toBe(text);
  },
);

test('a compressed answer is decoded', async () => {
  answer = (res) => {
    res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/json' });
    res.end(zlib.gzipSync(JSON.stringify({ ok: true })));
  };
  expect(await (await nodeHttpFetch(`${base}/api/x`)).json()).toEqual({ ok: true });
});

test('a redirect is not followed: the request fails, as with fetch told not to follow', async () => {
  answer = (res) => {
    res.writeHead(302, { location: 'https://elsewhere.example/' });
    res.end();
  };
  await expect(
    nodeHttpFetch(`${base}/api/x`, { method: 'POST', body: '', redirect: 'error' }),
  ).rejects.toThrow(/redirect/);
});

test('an abort stops a request the server has not answered', async () => {
  const controller = new AbortController();
  answer = () => controller.abort();
  await expect(
    nodeHttpFetch(`${base}/api/x`, { method: 'POST', body: 'a=1', signal: controller.signal }),
  ).rejects.toThrow(/abort/i);
});

test('a server that is not there fails the request', async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  server = http.createServer();
  await expect(nodeHttpFetch(`${base}/api/x`, { method: 'POST', body: '' })).rejects.toThrow(/ECONNREFUSED/);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});

test('the Web API client posts and uploads a file through it to the fake Slack', async () => {
  const fake = await startFakeSlack();
  try {
    fake.addUser({ id: 'U0ADA', teamId: fake.teamId, name: 'ada' });
    const client = new WebClient('xoxb-transport-test', {
      slackApiUrl: fake.apiUrl,
      fetch: nodeHttpFetch,
      retryConfig: { retries: 0 },
    });
    const opened = await client.conversations.open({ users: 'U0ADA' });
    const channel = opened.channel?.id ?? '';
    await client.chat.postMessage({ channel, text: 'Welcome' });
    await client.filesUploadV2({
      channel_id: channel,
      filename: 'figures.csv',
      file: Buffer.from('a,b\n1,2\n'),
    });

    expect(fake.messages(channel).map((message) => message.text)).toContain('Welcome');
    expect(fake.uploads()).toEqual([
      expect.objectContaining({ filename: 'figures.csv', bytes: Buffer.from('a,b\n1,2\n') }),
    ]);
  } finally {
    await fake.close();
  }
});
