// GET /healthz is what a load balancer or a container runtime asks: is the database there, and is the
// scheduler running its jobs.
import net from 'node:net';
import { closeAppDatabase } from '../../src/composition/wiring';
import { HOUR } from '../support/test-clock';
import { startSocketModeApp, startTestApp, type TestApp } from '../support/test-app';

async function health(baseUrl: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}/healthz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('/healthz', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('shows when the scheduler last ran all its jobs, and when each job last ran', async () => {
    expect((await health(t.baseUrl)).body).toMatchObject({ ok: true, schedulerLastSuccessAt: null });

    await t.tick();
    const firstRun = t.clock.now().toISOString();
    t.clock.advance(HOUR);
    await t.tick();

    const { status, body } = await health(t.baseUrl);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      ok: true,
      database: 'ok',
      schedulerLastSuccessAt: t.clock.now().toISOString(),
    });
    const jobs = body.jobs as Record<string, string>;
    expect(Object.keys(jobs).length).toBeGreaterThan(0);
    for (const lastRun of Object.values(jobs))
      expect([firstRun, t.clock.now().toISOString()]).toContain(lastRun);
  });

  it('answers 503 when the database cannot be reached', async () => {
    await closeAppDatabase(t.app.context.db);
    const { status, body } = await health(t.baseUrl);
    expect(status).toBe(503);
    expect(body).toMatchObject({ ok: false, database: 'unreachable', jobs: null });
  });
});

describe('/healthz in Socket Mode', () => {
  it('is served on PORT, so a container health check works in either mode', async () => {
    const port = await freePort();
    const { close } = await startSocketModeApp({ port });
    try {
      const { status, body } = await health(`http://127.0.0.1:${port}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ ok: true, database: 'ok' });
    } finally {
      await close();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}
