// The requests the app benchmarks send, signed as Slack signs them: every /mentor subcommand, and sign-ups
// through the offer and find modals (the command that opens the modal, then its submission).
import type { FakeSlack } from '../../dev/fake-slack-server';
import {
  FORM,
  interactionBody,
  postSigned,
  slashCommandBody,
  viewSubmissionPayload,
} from '../../dev/signed-requests';
import { BENCH_SIGNING_SECRET } from './bench-slack';
import { memberId } from './seed';

export const TEAM = 'T0BENCH';

/** Every /mentor subcommand, with the words a person would type. */
export const COMMANDS = [
  'help',
  'status',
  'offer',
  'find',
  'pause',
  'resume',
  'end',
  'leave',
  'report',
] as const;
export type Command = (typeof COMMANDS)[number];

const COMMAND_TEXT: Record<Command, string> = {
  help: 'help',
  status: 'status',
  offer: 'offer',
  find: 'find',
  pause: 'pause 2',
  resume: 'resume',
  end: 'end',
  leave: 'leave',
  report: 'report',
};

/** Request k of a sequence: the commands in turn, spread over everyone with a prime step. */
export function commandAt(k: number, members: number): { command: Command; userId: string } {
  return { command: COMMANDS[k % COMMANDS.length]!, userId: memberId((k * 7919) % members) };
}

/** What Slack puts in a command besides its words: a trigger_id for one modal and a response_url. */
export interface CommandGrant {
  triggerId: string;
  responseUrl: string;
}

/** Where grants come from: the fake Slack in this process, or in a process of its own (fake-slack-process.ts). */
export type GrantSource = () => CommandGrant | Promise<CommandGrant>;

export const grantsOf =
  (fake: FakeSlack): GrantSource =>
  () => ({ triggerId: fake.triggerId(), responseUrl: fake.responseUrl() });

export interface Timed {
  ms: number;
  ok: boolean;
}

export async function timedCommand(
  url: string,
  grants: GrantSource,
  command: Command,
  userId: string,
): Promise<Timed> {
  const { responseUrl, triggerId } = await grants();
  const body = slashCommandBody({
    teamId: TEAM,
    userId,
    text: COMMAND_TEXT[command],
    responseUrl,
    triggerId,
  });
  const started = performance.now();
  const response = await postSigned(url, BENCH_SIGNING_SECRET, body, FORM);
  return { ms: performance.now() - started, ok: response.status === 200 };
}

const option = (value: string) => ({ text: { type: 'plain_text', text: value }, value });

/**
 * Sign-up k: even k a mentor offers, odd k a mentee looks for a mentor; each opens its modal, then submits it.
 * The time until each of the two acknowledgements arrived.
 */
export async function timedSignUp(
  url: string,
  fake: FakeSlack,
  k: number,
  members: number,
  topicIds: readonly number[],
): Promise<[Timed, Timed]> {
  const half = Math.floor(members / 2);
  const offer = k % 2 === 0;
  const userId = memberId(offer ? Math.floor(k / 2) % half : half + (Math.floor(k / 2) % half));
  const opened = await timedCommand(url, grantsOf(fake), offer ? 'offer' : 'find', userId);
  const topic = topicIds[k % topicIds.length]!;
  const values = {
    topics: { topics: { type: 'multi_static_select', selected_options: [option(String(topic))] } },
    other_topics: { other_topics: { type: 'plain_text_input', value: null } },
    level: { level: { type: 'static_select', selected_option: option(offer ? '2' : '5') } },
    department: {
      department: { type: 'static_select', selected_option: option(offer ? 'Engineering' : 'Marketing') },
    },
    ...(offer
      ? // Three places: a seeded mentor already has two running pairs, so the third lets matching propose.
        { capacity: { capacity: { type: 'static_select', selected_option: option('3') } } }
      : { goals: { goals: { type: 'plain_text_input', value: 'Learn the tools juniors use' } } }),
    exclusions: { exclusions: { type: 'multi_users_select', selected_users: [] } },
  };
  const started = performance.now();
  const submitted = await postSigned(
    url,
    BENCH_SIGNING_SECRET,
    interactionBody(
      viewSubmissionPayload({
        teamId: TEAM,
        userId,
        callbackId: offer ? 'mentor_offer' : 'mentor_find',
        values,
        triggerId: fake.triggerId(),
      }),
    ),
    FORM,
  );
  return [opened, { ms: performance.now() - started, ok: submitted.status === 200 }];
}

export async function signUp(
  url: string,
  fake: FakeSlack,
  k: number,
  members: number,
  topicIds: readonly number[],
): Promise<boolean> {
  return (await timedSignUp(url, fake, k, members, topicIds)).every((timed) => timed.ok);
}

/** Runs `work(k)` for k in [0, count) with at most `parallel` at a time. */
export async function inParallel(
  count: number,
  parallel: number,
  work: (k: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, count) }, async () => {
      while (next < count) await work(next++);
    }),
  );
}
