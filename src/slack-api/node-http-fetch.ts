// The transport the Web API client and Bolt's respond() send Slack requests through (their `fetch` option).
//
// Why not Node's own fetch: on its first call it loads undici's fetch and web-streams stack and compiles its
// WebAssembly HTTP parser, which stays in the process's memory for good; a bare Bolt app that never calls Slack
// never pays it, this app pays it on its first Slack call (BENCHMARKS.md, Memory). Every request the app sends is
// a small POST with a string body and a JSON answer, which node:http (already loaded for the receiver) does
// as well. Anything else (a file upload's multipart form, a Request object) still goes to Node's fetch.
//
// Retries, rate limits and queueing stay the Web API client's: this only moves bytes, with fetch's contract
// (a Slack error status resolves; only a network failure, an abort or a refused redirect rejects).
import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import type { FetchFunction } from '@slack/web-api';

type FetchRequestInit = NonNullable<Parameters<FetchFunction>[1]>;
type FetchResponse = Awaited<ReturnType<FetchFunction>>;

const DECODERS: Record<string, (body: Buffer) => Promise<Buffer>> = {
  gzip: promisify(zlib.gunzip),
  'x-gzip': promisify(zlib.gunzip),
  deflate: promisify(zlib.inflate),
  br: promisify(zlib.brotliDecompress),
};

// Node's fetch gives up on a server that sends nothing for this long; so does this transport.
const SILENCE_TIMEOUT_MS = 300_000;

export const nodeHttpFetch: FetchFunction = async (input, init = {}) => {
  const url = typeof input === 'string' ? new URL(input) : input;
  if (!isPlainRequest(url, init)) return fetch(input, init);
  return new Promise<FetchResponse>((resolve, reject) => {
    const body = init.body as string | undefined;
    const headers: Record<string, string | number> = { ...init.headers };
    if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
    const request = (url.protocol === 'https:' ? https : http).request(url, {
      method: init.method ?? 'GET',
      headers,
      timeout: SILENCE_TIMEOUT_MS,
      ...(init.signal === undefined ? {} : { signal: init.signal }),
    });
    request.on('timeout', () => request.destroy(new Error(`no answer from ${url.host}`)));
    request.on('error', reject);
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      if (
        status >= 300 &&
        status < 400 &&
        response.headers.location !== undefined &&
        init.redirect !== 'manual'
      ) {
        // The Slack API and response URLs never redirect; a redirect is not followed, and fails as fetch's
        // 'error' mode does.
        response.resume();
        reject(new TypeError(`redirected from ${url.href}: not followed`));
        return;
      }
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const encoding = headerValue(response.headers['content-encoding']);
        const decode = encoding === null ? undefined : DECODERS[encoding.toLowerCase()];
        const raw = Buffer.concat(chunks);
        (decode === undefined ? Promise.resolve(raw) : decode(raw)).then(
          (bytes) => resolve(answer(url.href, status, response.statusMessage ?? '', response.headers, bytes)),
          reject,
        );
      });
    });
    request.end(body);
  });
};

function isPlainRequest(url: unknown, init: FetchRequestInit): url is URL {
  return (
    url instanceof URL &&
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    (init.body === undefined || typeof init.body === 'string') &&
    (init.headers === undefined || Object.getPrototypeOf(init.headers) === Object.prototype)
  );
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

function answer(
  url: string,
  status: number,
  statusText: string,
  raw: http.IncomingHttpHeaders,
  bytes: Buffer,
): FetchResponse {
  const headers: FetchResponse['headers'] = {
    get: (name) => headerValue(raw[name.toLowerCase()]),
    entries: () =>
      Object.entries(raw).flatMap(([name, value]): [string, string][] => {
        const joined = headerValue(value);
        return joined === null ? [] : [[name, joined]];
      }),
  };
  const text = () => Promise.resolve(bytes.toString('utf8'));
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText,
    url,
    headers,
    text,
    json: async () => JSON.parse(await text()) as unknown,
    arrayBuffer: () =>
      Promise.resolve(
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      ),
  };
}
