// The fake Slack in a process of its own, for the benchmarks that time the app's acknowledgements. In the
// timing process its work (answering the views.open, chat.postMessage and views.publish the app sends after
// acknowledging) would hold up the reading of the next response and count as the app's latency, though Slack
// does that work on its own machines; the bare app, which calls Slack for nothing, never paid it.
import { fork } from 'node:child_process';
import path from 'node:path';
import type { FakeUser } from '../../dev/fake-slack-workspace';
import type { CommandGrant } from '../app/traffic';

export type ToFakeSlack =
  { type: 'start'; teamId: string; users: FakeUser[] } | { type: 'grant'; id: number } | { type: 'close' };

export type FromFakeSlack =
  { type: 'started'; apiUrl: string } | ({ type: 'grant'; id: number } & CommandGrant);

export interface FakeSlackProcess {
  readonly apiUrl: string;
  /** A trigger_id and response_url, fresh as in a command Slack has just sent. */
  grant(): Promise<CommandGrant>;
  close(): Promise<void>;
}

export async function startFakeSlackProcess(teamId: string, users: FakeUser[]): Promise<FakeSlackProcess> {
  const child = fork(path.join(__dirname, 'fake-slack-child.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, (grant: CommandGrant) => void>();
  let next = 0;
  const apiUrl = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.on('message', (message: FromFakeSlack) => {
      if (message.type === 'started') resolve(message.apiUrl);
      else {
        waiting.get(message.id)?.({ triggerId: message.triggerId, responseUrl: message.responseUrl });
        waiting.delete(message.id);
      }
    });
    child.send({ type: 'start', teamId, users } satisfies ToFakeSlack);
  });
  return {
    apiUrl,
    grant: () =>
      new Promise((resolve) => {
        const id = next++;
        waiting.set(id, resolve);
        child.send({ type: 'grant', id } satisfies ToFakeSlack);
      }),
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.send({ type: 'close' } satisfies ToFakeSlack);
      }),
  };
}
