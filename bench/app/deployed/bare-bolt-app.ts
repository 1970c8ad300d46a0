// The bare Bolt app the app benchmarks measure against, compiled and run with plain node like the app:
// App + HTTPReceiver on PORT, every /mentor command and every modal submission only acknowledged.
// Reads SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, SLACK_API_URL and PORT from the environment.
import { App, HTTPReceiver } from '@slack/bolt';

async function main(): Promise<void> {
  const env = process.env;
  const receiver = new HTTPReceiver({
    signingSecret: env.SLACK_SIGNING_SECRET ?? '',
    endpoints: '/slack/events',
  });
  const app = new App({
    token: env.SLACK_BOT_TOKEN ?? '',
    botId: 'B0TEST',
    botUserId: 'UBOT',
    receiver,
    ...(env.SLACK_API_URL === undefined ? {} : { clientOptions: { slackApiUrl: env.SLACK_API_URL } }),
  });
  app.command('/mentor', async ({ ack }) => {
    await ack();
  });
  app.view(/.*/, async ({ ack }) => {
    await ack();
  });
  await receiver.start(Number(env.PORT ?? 3000));
  const stop = () => void receiver.stop().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
