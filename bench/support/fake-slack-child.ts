// The child side of fake-slack-process.ts: a fake Slack serving HTTP, driven over IPC.
import { startFakeSlack } from '../../dev/fake-slack-server';
import type { FakeUser } from '../../dev/fake-slack-workspace';
import type { FromFakeSlack, ToFakeSlack } from './fake-slack-process';

async function main(): Promise<void> {
  const send = (message: FromFakeSlack) => process.send!(message);
  let fake: Awaited<ReturnType<typeof startFakeSlack>> | null = null;
  process.on('message', async (message: ToFakeSlack) => {
    if (message.type === 'start') {
      fake = await startFakeSlack({ teamId: message.teamId });
      message.users.forEach((user: FakeUser) => fake!.addUser(user));
      send({ type: 'started', apiUrl: fake.apiUrl });
    } else if (message.type === 'grant') {
      send({ type: 'grant', id: message.id, triggerId: fake!.triggerId(), responseUrl: fake!.responseUrl() });
    } else {
      await fake?.close();
      process.disconnect();
    }
  });
}

void main();
