// What the parts of the demo's story act through: the app's clock and the agenda, people's Slack clients, and
// the transcript, where each step is recorded with everything people saw because of it.
import { asObject } from './demo-block-kit-json';
import { localTime } from './demo-calendar';
import type { DemoPerson } from './demo-company';
import type { DemoSlackClient, ModalValues } from './demo-slack-client';
import type { SlackRecorder } from './demo-slack-recorder';
import type { Transcript, TranscriptItem } from './demo-transcript';
import type { FakeSlack, RecordedCall } from './fake-slack-server';

export interface DemoStage {
  /** The app's clock as the demo moves it, in ms since the epoch. */
  now(): number;
  /** Puts an action on the agenda at an instant; see dev/demo-agenda.ts. */
  schedule(at: number, task: () => Promise<void>): void;
  slack: DemoSlackClient;
  fake: FakeSlack;
  recorder: SlackRecorder;
  /**
   * One thing happening: what a person (or the scheduler, when `actor` is null) did, and everything people saw
   * because of it. Returns the Web API calls the app made meanwhile.
   */
  step(
    headline: string,
    actor: DemoPerson | null,
    action: () => Promise<TranscriptItem[]>,
    options?: { homeInFull?: boolean },
  ): Promise<RecordedCall[]>;
  /** A step that should open a modal; the person's Slack client then shows it. False if none opened. */
  opening(headline: string, person: DemoPerson, action: () => Promise<TranscriptItem[]>): Promise<boolean>;
  /** A step submitting the modal the person has open. */
  submitting(headline: string, person: DemoPerson, values: ModalValues): Promise<RecordedCall[]>;
}

export function createStage(options: {
  now: () => number;
  schedule: (at: number, task: () => Promise<void>) => void;
  slack: DemoSlackClient;
  fake: FakeSlack;
  recorder: SlackRecorder;
  /** Waits until the app has finished everything a request started. */
  settle: () => Promise<void>;
  transcript: Transcript;
  /** The transcript week a step at this instant is shown under. */
  weekAt: (at: number) => number;
  /** Called with each Web API call the app made during a step: people react to what they are sent. */
  react: (call: RecordedCall) => void;
}): DemoStage {
  const { now, slack, recorder, transcript } = options;

  async function step(
    headline: string,
    actor: DemoPerson | null,
    action: () => Promise<TranscriptItem[]>,
    stepOptions: { homeInFull?: boolean } = {},
  ): Promise<RecordedCall[]> {
    const recorded = await recorder.record(actor?.name ?? null, action, options.settle, stepOptions);
    if (recorded.items.length > 0 || actor !== null) {
      transcript.steps.push({
        at: new Date(now()),
        week: options.weekAt(now()),
        headline,
        localTime: actor === null ? '' : localTime(actor, now()),
        items: recorded.items,
      });
    }
    for (const call of recorded.calls) options.react(call);
    return recorded.calls;
  }

  return {
    now,
    schedule: options.schedule,
    slack,
    fake: options.fake,
    recorder,
    step,
    async opening(headline, person, action) {
      const calls = await step(headline, person, action);
      const opened = calls.filter((call) => call.method === 'views.open').at(-1);
      if (opened !== undefined) slack.showModal(person.id, asObject(opened.params.view));
      return opened !== undefined;
    },
    submitting: (headline, person, values) => step(headline, person, () => slack.submit(person, values)),
  };
}
