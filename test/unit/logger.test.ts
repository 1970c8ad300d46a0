import { createLogger, newLogId, withLogFields } from '../../src/logger';
import { logSink } from '../support/log-lines';

function capture() {
  const { lines, stream } = logSink();
  return { lines, logger: createLogger('info', stream) };
}

describe('log lines', () => {
  it.each([
    {
      field: 'token',
      fields: { token: 'xoxb-secret', teamId: 'T1' },
      expected: { token: '[redacted]', teamId: 'T1' },
    },
    { field: 'text', fields: { text: 'what someone wrote' }, expected: { text: '[redacted]' } },
    {
      field: 'a token one level down',
      fields: { err: { name: 'Error', message: 'failed', token: 'xoxb-secret' } },
      expected: { err: { name: 'Error', message: 'failed', token: '[redacted]' } },
    },
    {
      field: 'an authorization header',
      fields: { headers: { authorization: 'Bearer xoxb-secret', accept: 'json' } },
      expected: { headers: { authorization: '[redacted]', accept: 'json' } },
    },
    {
      field: 'a signing secret and message text side by side',
      fields: { config: { signingSecret: 's3cret', port: 3000 }, text: 'hello' },
      expected: { config: { signingSecret: '[redacted]', port: 3000 }, text: '[redacted]' },
    },
  ])('never carry $field', ({ fields, expected }) => {
    const { lines, logger } = capture();
    logger.info(fields, 'something happened');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ ...expected, msg: 'something happened' });
    expect(JSON.stringify(lines)).not.toMatch(/xoxb-secret|s3cret|what someone wrote|hello/);
  });

  it('leave the logged object as it was', () => {
    const { logger } = capture();
    const fields = { err: { message: 'failed', token: 'xoxb-secret' }, token: 'xoxb-secret' };
    logger.warn(fields, 'failed');
    expect(fields).toEqual({ err: { message: 'failed', token: 'xoxb-secret' }, token: 'xoxb-secret' });
  });

  it('never carry a secret bound to a child logger', () => {
    const { lines, logger } = capture();
    logger.child({ component: 'slack', botToken: 'xoxb-secret' }).info('ready');
    expect(lines[0]).toMatchObject({ component: 'slack', botToken: '[redacted]', msg: 'ready' });
  });

  it('carry the request id of the work they belong to, and everything else untouched', () => {
    const { lines, logger } = capture();
    withLogFields({ requestId: 'abc123' }, () =>
      logger.info(
        { kind: 'command', teamId: 'T1', name: '/mentor', ms: 4, list: ['a', 'b'] },
        'request handled',
      ),
    );
    expect(lines[0]).toMatchObject({
      level: 'info',
      requestId: 'abc123',
      kind: 'command',
      teamId: 'T1',
      name: '/mentor',
      ms: 4,
      list: ['a', 'b'],
      msg: 'request handled',
    });
  });
});

describe('log ids', () => {
  it('are twelve hex digits, different for every request or run', () => {
    const ids = Array.from({ length: 10_000 }, () => newLogId());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
