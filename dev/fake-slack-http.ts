// How the fake Slack server reads and answers HTTP: Web API bodies parsed as Slack parses them (and refused
// with Slack's own errors when malformed), the token and its type, file-upload bodies, replies.
import type { IncomingMessage, ServerResponse } from 'node:http';

export type Params = Record<string, unknown>;

/** Form fields the SDK sends as JSON strings. */
const JSON_FIELDS = ['blocks', 'view', 'attachments', 'files', 'metadata'];

export type ApiRequest = { params: Params; token: string | null } | { error: string };

/**
 * The parameters and token of a Web API call. Slack takes form bodies (url-encoded or multipart) with the token
 * in the Authorization header or a `token` field, and JSON bodies with the token in the header only.
 */
export async function readApiRequest(req: IncomingMessage, raw: Buffer): Promise<ApiRequest> {
  const contentType = req.headers['content-type'] ?? '';
  const bearer =
    req.headers.authorization?.startsWith('Bearer ') === true ? req.headers.authorization.slice(7) : null;
  const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
  const text = raw.toString('utf8');
  let params: Params = formParams(query);
  if (text !== '') {
    if (contentType.startsWith('application/json')) {
      const parsed = parseJson(text);
      if (parsed === undefined) return { error: 'invalid_json' };
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        return { error: 'json_not_object' };
      return { params: { ...params, ...(parsed as Params) }, token: bearer };
    }
    if (contentType.startsWith('application/x-www-form-urlencoded')) {
      if (!isWellFormedForm(text)) return { error: 'invalid_form_data' };
      params = { ...params, ...formParams(new URLSearchParams(text)) };
    } else if (contentType.startsWith('multipart/form-data')) {
      const form = await new Response(raw, { headers: { 'content-type': contentType } })
        .formData()
        .catch(() => null);
      if (form === null) return { error: 'invalid_form_data' };
      for (const [key, value] of form) if (typeof value === 'string') params[key] = fieldValue(key, value);
    } else {
      return { error: contentType === '' ? 'missing_post_type' : 'invalid_post_type' };
    }
  }
  return { params, token: bearer ?? (typeof params.token === 'string' ? params.token : null) };
}

function formParams(fields: URLSearchParams): Params {
  const params: Params = {};
  for (const [key, value] of fields) params[key] = fieldValue(key, value);
  return params;
}

// A JSON field that does not parse stays a string, so the method can refuse it with its own error.
function fieldValue(key: string, value: string): unknown {
  if (!JSON_FIELDS.includes(key)) return value;
  const parsed = parseJson(value);
  return parsed === undefined ? value : parsed;
}

function isWellFormedForm(text: string): boolean {
  return text.split('&').every((pair) => {
    try {
      decodeURIComponent(pair.replace(/\+/g, ' '));
      return true;
    } catch {
      return false;
    }
  });
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Why this token may not call this method, or null. A bot token (xoxb-) calls the Web API; an app-level token
 * (xapp-) only opens Socket Mode connections; neither stands in for the other.
 */
export function tokenRefusal(method: string, token: string | null): string | null {
  if (token === null || token === '') return 'not_authed';
  const type = /^(xoxb|xoxp|xapp)-./.exec(token)?.[1];
  if (type === undefined) return 'invalid_auth';
  if (method === 'auth.test') return null;
  const appLevel = method === 'apps.connections.open';
  return appLevel === (type === 'xapp') ? null : 'not_allowed_token_type';
}

/** The file itself: the SDK posts it as multipart form data (one part), as a browser would. */
export async function uploadedBytes(contentType: string | undefined, raw: Buffer): Promise<Buffer> {
  if (contentType?.startsWith('multipart/form-data') !== true) return raw;
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  for (const value of form.values()) {
    return typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(await value.arrayBuffer());
  }
  return Buffer.alloc(0);
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function send(res: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' });
  res.end(text);
}
