// One Slack app in its own process, for the latency and memory benchmarks: the real app (startApp, HTTP mode,
// port 0) or a bare Bolt app (App + HTTPReceiver) whose /mentor handler only acknowledges. Talks to the bench
// over IPC: sends { port } when listening; answers 'memory' with its memory after a full GC; exits on 'stop'.
// node --expose-gc --import tsx bench/app/server-child.ts <app|bare> <slackApiUrl> <databasePath> <logFile>
import pino from 'pino';
import { App, HTTPReceiver } from '@slack/bolt';
import { loadConfig } from '../../src/config';
import { startApp } from '../../src/composition/wiring';
import { BENCH_BOT_TOKEN, BENCH_SIGNING_SECRET, type ChildMessage } from './bench-slack';

async function startReal(apiUrl: string, databasePath: string, logFile: string) {
  const loaded = loadConfig({
    SLACK_BOT_TOKEN: BENCH_BOT_TOKEN,
    SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    PORT: '0',
    DATABASE_PATH: databasePath,
    LOG_LEVEL: 'info',
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  // The scheduler would start posting prompts and matching in the middle of the measurement: commands only.
  const app = await startApp(loaded.config, {
    logDestination: pino.destination({ dest: logFile, sync: false }),
    startScheduler: false,
  });
  return { port: app.port ?? 0, stop: async () => void (await app.stop()) };
}

async function startBare(apiUrl: string) {
  const receiver = new HTTPReceiver({ signingSecret: BENCH_SIGNING_SECRET, endpoints: '/slack/events' });
  const app = new App({
    token: BENCH_BOT_TOKEN,
    botId: 'B0TEST',
    botUserId: 'UBOT',
    receiver,
    clientOptions: { slackApiUrl: apiUrl },
  });
  app.command('/mentor', async ({ ack }) => {
    await ack();
  });
  const server = await receiver.start(0);
  const address = server.address();
  return {
    port: typeof address === 'object' && address !== null ? address.port : 0,
    stop: () => receiver.stop(),
  };
}

async function main(): Promise<void> {
  const [mode, apiUrl = '', databasePath = '', logFile = '/dev/null'] = process.argv.slice(2);
  const server = mode === 'bare' ? await startBare(apiUrl) : await startReal(apiUrl, databasePath, logFile);
  const send = (message: ChildMessage) => process.send?.(message);
  process.on('message', (message: string) => {
    if (message === 'memory') {
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      gc?.();
      send({ type: 'memory', ...process.memoryUsage() });
    } else if (message === 'stop') {
      void server.stop().finally(() => process.exit(0));
    }
  });
  send({ type: 'ready', port: server.port });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
