// `npm run demo`: a whole reverse-mentoring programme, offline, in well under a minute. The real app runs in
// HTTP mode against the project's fake Slack server and a fresh temporary database; a made-up company of about
// 60 people signs up, gets matched, answers (or ignores) six weeks of prompts, pauses, ends and leaves, every
// step as a request signed exactly as Slack signs it. The app's clock is moved by the demo and the scheduler
// is run for each simulated tick, so nothing waits for real time. What people saw is read back from what the
// fake Slack server recorded and written as a transcript (terminal, text and HTML) into ./demo-output/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { DateTime } from 'luxon';
import { loadConfig } from '../config';
import { levelLabel } from '../domain/catalogue';
import { startApp, type RunningApp } from '../wiring';
import { demoCompany, pick, seededRandom, type DemoPerson } from './demo-company';
import {
  mrkdwnToText,
  transcriptToHtml,
  transcriptToText,
  type Transcript,
  type TranscriptItem,
  type TranscriptStep,
} from './demo-transcript';
import { startFakeSlack, type PostedMessage, type RecordedCall } from './fake-slack-server';
import {
  blockActionPayload,
  eventBody,
  FORM,
  interactionBody,
  JSON_TYPE,
  postSigned,
  slashCommandBody,
  viewSubmissionPayload,
  type SlackHttpResponse,
} from './signed-requests';

export interface DemoOptions {
  /** How many people work at the company (about 60 by default; the tests use fewer). */
  people?: number;
  /** Weeks of prompts after the sign-up week (6 by default). */
  weeks?: number;
  /** Where the transcript, CSV files and charts go (./demo-output by default). */
  outputDir?: string;
  /** Where progress and the transcript are printed; nothing is printed when omitted. */
  log?: (text: string) => void;
  seed?: number;
}

export interface DemoResult {
  transcript: Transcript;
  /** The transcript as printed. */
  text: string;
  html: string;
  /** Every file written, as absolute paths. */
  files: string[];
  /** Every message as it stands at the end (updates applied), from the fake Slack server. */
  messages: PostedMessage[];
  /** Every message posted or updated, in the order the app sent them (chat.postMessage and chat.update). */
  sent: { method: string; channel: string; text: string; blocks: unknown[] }[];
  /** Display names by Slack user id, as the transcript shows them. */
  names: (userId: string) => string;
  /** Ephemeral answers sent to response_url. */
  responses: Record<string, unknown>[];
  /** Warnings and errors the app logged (JSON lines); a healthy run has none. */
  problems: string[];
  wallMs: number;
}

const TEAM = 'T0DEMO';
const SIGNING_SECRET = 'demo-signing-secret';
const BOT_TOKEN = 'xoxb-demo-bot-token';
const BOT_USER = 'UBOT';
const HOUR = 60 * 60 * 1000;
const MINUTE = 60 * 1000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
// A Monday, with no daylight-saving change in the three time zones for the weeks that follow.
const PROGRAMME_START = DateTime.fromISO('2026-05-04T00:00:00Z', { zone: 'utc' });
const PROMPT_HOUR = 10;

type Engagement = 'keen' | 'buttons' | 'sometimes' | 'quiet';

interface PairPlan {
  channel: string;
  mentorId: string;
  menteeId: string;
  engagement: Engagement;
  prompts: number;
}

const REPLIES = [
  'Great question. For me it was the first time someone senior asked how I actually work.',
  'I tried the tool you showed me on Friday: it saved me an hour on the board pack!',
  'Honestly I think we over-plan meetings. Can we talk about this on Thursday?',
  'I jotted down three examples, will bring them to our next coffee.',
  'This one made me think. I never considered how my messages read to a new joiner.',
  'Loved our session. My answer: listen first, then decide.',
  'Short answer: more async, fewer status meetings. Long answer next week :)',
  'I asked my team the same question and got five different answers.',
];

export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const startedAt = performance.now();
  const weeks = Math.max(4, options.weeks ?? 6);
  const outputDir = path.resolve(options.outputDir ?? 'demo-output');
  const log = options.log ?? (() => undefined);
  const seed = options.seed ?? 20260504;
  const random = seededRandom(seed + 1);
  const people = demoCompany(options.people ?? 60, seed);
  const byId = new Map(people.map((person) => [person.id, person]));
  const names = (userId: string) =>
    userId === BOT_USER ? 'Mentor Circles' : (byId.get(userId)?.name ?? userId);
  const admin = people.find((person) => person.role === 'admin') as DemoPerson;
  const mentors = people.filter((person) => person.role === 'mentor');
  const mentees = people.filter((person) => person.role === 'mentee');
  const colleagues = people.filter((person) => person.role === 'colleague');

  // A mentee who also asks for a topic a mentor typed in, and one who keeps their direct report out.
  const esportsFan = mentees[2];
  if (esportsFan !== undefined) esportsFan.otherTopics = 'Esports';
  const excluding = mentees[1];
  const excludedReport = mentors.find((mentor) => mentor.department === excluding?.department) ?? mentors[4];

  log(`Mentor Circles demo: ${people.length} people, ${weeks} weeks of prompts, seed ${seed}.`);
  const fake = await startFakeSlack({ teamId: TEAM, botUserId: BOT_USER });
  for (const person of people) {
    fake.addUser({
      id: person.id,
      teamId: TEAM,
      name: person.handle,
      realName: person.name,
      tz: person.timeZone,
      isAdmin: person.role === 'admin',
    });
  }
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'mentor-circles-demo-'));
  const problems: string[] = [];
  let app: RunningApp | null = null;
  try {
    const config = loadConfig({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      DATABASE_PATH: path.join(temp, 'demo.db'),
      MENTOR_ADMINS: admin.id,
      PROMPT_WEEKDAY: 'monday',
      PROMPT_HOUR: String(PROMPT_HOUR),
      LOG_LEVEL: 'warn',
    });
    if (!config.ok) throw new Error(config.problems.join('; '));
    let now = PROGRAMME_START.toMillis();
    const clock = { now: () => new Date(now) };
    const running = await startApp(config.config, {
      clock,
      logDestination: new Writable({
        write(chunk: Buffer, _encoding, done) {
          problems.push(
            ...chunk
              .toString('utf8')
              .split('\n')
              .filter((line) => line !== ''),
          );
          done();
        },
      }),
      clientOptions: { retryConfig: { retries: 0 } },
      startScheduler: false,
    });
    app = running;
    const eventsUrl = `http://127.0.0.1:${running.port}/slack/events`;

    // --- What the fake recorded, as transcript items -------------------------------------------------------
    const channelPeople = new Map<string, string[]>();
    // The app writes to a person's DM by user id; Slack (and the fake) answer with the DM's channel.
    for (const person of people) channelPeople.set(fake.channelFor([person.id]), [person.id]);
    const channelLabel = (channel: string) => {
      const ids = channelPeople.get(channel);
      if (ids === undefined) return channel;
      return ids.length === 1
        ? `the DM of ${names(ids[0] ?? '')}`
        : `the group DM of ${ids.map(names).join(' & ')}`;
    };
    const weekTitles = new Map<number, string>();
    const transcript: Transcript = {
      title: 'Mentor Circles — a reverse-mentoring programme, offline',
      intro: [
        `A made-up company of ${people.length} people in London, New York and Kolkata runs a ${weeks}-week reverse-mentoring programme. Juniors offer to teach (/mentor offer), senior leaders ask to learn (/mentor find), the app matches them, and each pair gets one discussion question a week at 10:00 in the mentee's time zone.`,
        'Everything below is what the app really sent to Slack (a local Slack-compatible server) in answer to requests signed exactly as Slack signs them. Times are UTC, with the local time of the person acting.',
      ],
      weekTitles,
      steps: [],
    };
    const weekOf = (at: number) => Math.floor((at - PROGRAMME_START.toMillis()) / WEEK);
    weekTitles.set(0, `Week 0 · ${weekRange(0)} · Launch: sign-ups, matching and introductions`);
    for (let week = 1; week <= weeks; week += 1) {
      weekTitles.set(week, `Week ${week} · ${weekRange(week)} · Weekly prompts`);
    }
    weekTitles.set(weeks + 1, 'After the programme · The admin report');

    let reportWeek: number | null = null;

    interface Observed {
      call: RecordedCall;
      item: TranscriptItem | null;
    }

    async function step(
      headline: string,
      actor: DemoPerson | null,
      action: () => Promise<TranscriptItem[]>,
      options: { homeInFull?: boolean } = {},
    ): Promise<Observed[]> {
      const callMark = fake.calls().length;
      const responseMark = fake.responses().length;
      const answered = await action();
      await running.settle();
      const observed: Observed[] = [];
      const items: TranscriptItem[] = [...answered];
      for (const response of fake.responses().slice(responseMark)) {
        items.push({
          kind: 'ephemeral',
          audience: actor?.name ?? 'the person',
          text: String(response.body.text ?? ''),
          blocks: Array.isArray(response.body.blocks) ? response.body.blocks : [],
        });
      }
      const uploads = new Map(fake.uploads().map((upload) => [upload.fileId, upload.filename]));
      for (const call of fake.calls().slice(callMark)) {
        const item = itemOf(call, actor, uploads, options.homeInFull === true);
        observed.push({ call, item });
        if (item !== null) items.push(item);
      }
      // Prompts are posted a few pairs at a time, so their order varies; the transcript is kept stable.
      if (actor === null) items.sort((a, b) => a.audience.localeCompare(b.audience));
      if (items.length > 0 || actor !== null) {
        transcript.steps.push({
          at: new Date(now),
          week: reportWeek ?? weekOf(now),
          headline,
          localTime: actor === null ? '' : localTime(actor, now),
          items,
        } satisfies TranscriptStep);
      }
      for (const entry of observed) react(entry.call);
      return observed;
    }

    function itemOf(
      call: RecordedCall,
      actor: DemoPerson | null,
      uploads: Map<string, string>,
      homeInFull: boolean,
    ): TranscriptItem | null {
      const p = call.params;
      switch (call.method) {
        case 'conversations.open': {
          const ids = String(p.users ?? '')
            .split(',')
            .filter((id) => id !== '');
          channelPeople.set(fake.channelFor(ids), ids);
          return null;
        }
        case 'chat.postMessage':
          return {
            kind: 'message',
            audience: channelLabel(String(p.channel)),
            text: String(p.text ?? ''),
            blocks: Array.isArray(p.blocks) ? p.blocks : [],
            inThread: typeof p.thread_ts === 'string',
            updated: false,
          };
        case 'chat.update':
          return {
            kind: 'message',
            audience: channelLabel(String(p.channel)),
            text: String(p.text ?? ''),
            blocks: Array.isArray(p.blocks) ? p.blocks : [],
            inThread: false,
            updated: true,
          };
        case 'chat.postEphemeral':
          return {
            kind: 'ephemeral',
            audience: names(String(p.user)),
            text: String(p.text ?? ''),
            blocks: Array.isArray(p.blocks) ? p.blocks : [],
          };
        case 'views.open':
        case 'views.push':
        case 'views.update':
          return { kind: 'modal', audience: actor?.name ?? 'someone', view: object(p.view) };
        case 'views.publish':
          return { kind: 'home', audience: names(String(p.user_id)), view: object(p.view), full: homeInFull };
        case 'files.completeUploadExternal': {
          const files = Array.isArray(p.files) ? (p.files as { id: string; title?: string }[]) : [];
          return {
            kind: 'files',
            audience: channelLabel(String(p.channel_id)),
            comment: String(p.initial_comment ?? ''),
            files: files.map((file) => ({
              filename: uploads.get(file.id) ?? file.id,
              title: file.title ?? '',
            })),
          };
        }
        default:
          return null;
      }
    }

    // --- Signed requests, as Slack sends them ----------------------------------------------------------------
    let eventSequence = 0;
    let messageSequence = 0;
    const lastModal = new Map<string, Record<string, unknown>>();

    const post = (body: string, contentType: string) =>
      postSigned(eventsUrl, SIGNING_SECRET, body, contentType);

    async function command(person: DemoPerson, text: string): Promise<TranscriptItem[]> {
      const response = await post(
        slashCommandBody({
          teamId: TEAM,
          userId: person.id,
          userName: person.handle,
          text,
          responseUrl: fake.responseUrl(),
          channelId: 'C0GENERAL',
        }),
        FORM,
      );
      return ackItems(person, response);
    }

    function ackItems(person: DemoPerson, response: SlackHttpResponse): TranscriptItem[] {
      if (response.status !== 200)
        throw new Error(`Slack request refused: ${response.status} ${response.body}`);
      if (!response.body.startsWith('{')) return [];
      const body = response.json();
      if (body.response_action === 'errors') {
        const view = lastModal.get(person.id) ?? {};
        return [
          { kind: 'modal', audience: person.name, view, errors: body.errors as Record<string, string> },
        ];
      }
      if (body.response_action === 'update') {
        return [{ kind: 'modal', audience: person.name, view: object(body.view) }];
      }
      if (typeof body.text === 'string' || Array.isArray(body.blocks)) {
        return [
          {
            kind: 'ephemeral',
            audience: person.name,
            text: String(body.text ?? ''),
            blocks: Array.isArray(body.blocks) ? body.blocks : [],
          },
        ];
      }
      return [];
    }

    async function click(
      person: DemoPerson,
      message: PostedMessage,
      actionId: string,
      value: string,
    ): Promise<TranscriptItem[]> {
      const response = await post(
        interactionBody(
          blockActionPayload({
            teamId: TEAM,
            userId: person.id,
            actionId,
            value,
            responseUrl: fake.responseUrl(),
            message: { channel: message.channel, ts: message.ts },
          }),
        ),
        FORM,
      );
      return ackItems(person, response);
    }

    async function submit(
      person: DemoPerson,
      values: Record<string, Record<string, unknown>>,
    ): Promise<TranscriptItem[]> {
      const view = lastModal.get(person.id);
      if (view === undefined) throw new Error(`${person.name} has no modal open`);
      const response = await post(
        interactionBody(
          viewSubmissionPayload({
            teamId: TEAM,
            userId: person.id,
            callbackId: String(view.callback_id ?? ''),
            values,
            privateMetadata: String(view.private_metadata ?? ''),
          }),
        ),
        FORM,
      );
      return ackItems(person, response);
    }

    async function event(payload: Record<string, unknown>): Promise<TranscriptItem[]> {
      eventSequence += 1;
      const response = await post(
        eventBody(TEAM, `Ev0DEMO${String(eventSequence).padStart(5, '0')}`, payload),
        JSON_TYPE,
      );
      if (response.status !== 200) throw new Error(`event refused: ${response.status}`);
      return [];
    }

    /** Runs a step that opens a modal and remembers the modal, as the person's Slack client would. */
    async function opening(headline: string, person: DemoPerson, action: () => Promise<TranscriptItem[]>) {
      const observed = await step(headline, person, action);
      const opened = observed.filter((entry) => entry.call.method === 'views.open').at(-1);
      if (opened !== undefined) lastModal.set(person.id, object(opened.call.params.view));
      return opened !== undefined;
    }

    async function submitting(
      headline: string,
      person: DemoPerson,
      values: Record<string, Record<string, unknown>>,
    ) {
      await step(headline, person, async () => {
        const items = await submit(person, values);
        const updated = items.find((item) => item.kind === 'modal' && item.errors === undefined);
        if (updated?.kind === 'modal') lastModal.set(person.id, updated.view);
        return items;
      });
    }

    // --- The agenda: every action and scheduler run at its simulated time ------------------------------------
    interface Task {
      at: number;
      order: number;
      run: () => Promise<void>;
    }
    const agenda: Task[] = [];
    let taskOrder = 0;
    const schedule = (at: number, run: () => Promise<void>) => {
      taskOrder += 1;
      agenda.push({ at, order: taskOrder, run });
    };
    /** The next instant at the given local hour for this person (today if still ahead). */
    const atLocal = (person: DemoPerson, from: number, hour: number, minute = 0) => {
      let local = DateTime.fromMillis(from, { zone: person.timeZone }).set({
        hour,
        minute,
        second: 0,
        millisecond: 0,
      });
      if (local.toMillis() <= from) local = local.plus({ days: 1 });
      return local.toMillis();
    };
    /** `hours` later, moved into the person's waking hours (08:00-21:00 local). */
    const later = (person: DemoPerson, from: number, hours: number) => {
      const at = from + Math.round(hours * 60) * MINUTE;
      const local = DateTime.fromMillis(at, { zone: person.timeZone });
      if (local.hour >= 8 && local.hour < 21) return at;
      return atLocal(person, at, 8, 30 + Math.floor(random() * 30));
    };
    const weekDay = (week: number, weekday: number) =>
      PROGRAMME_START.plus({ weeks: week, days: weekday - 1 }).toMillis();

    // The scheduler: once a day just after midnight UTC (daily matching, breaks that are over), and at 10:00 in
    // each of the three time zones, when prompts fall due and mid-week reminders and pause questions go out.
    const zones = [...new Set(people.map((person) => person.timeZone))];
    const lastDay = weekDay(weeks, 5);
    for (let day = PROGRAMME_START.toMillis(); day <= lastDay; day += DAY) {
      const date = DateTime.fromMillis(day, { zone: 'utc' });
      const ticks = [day + 5 * MINUTE];
      for (const zone of zones) {
        const { year, month, day: dayOfMonth } = date;
        ticks.push(
          DateTime.fromObject({ year, month, day: dayOfMonth, hour: PROMPT_HOUR }, { zone }).toMillis(),
        );
      }
      for (const at of ticks) {
        schedule(at, async () => {
          await step(`The scheduler runs (${tickLabel(at)})`, null, async () => {
            await running.runDueJobs(new Date(at));
            return [];
          });
        });
      }
    }

    // Launch day: someone curious asks what the command does.
    const curious = colleagues[0] ?? admin;
    schedule(atLocal(curious, weekDay(0, 1), 9, 0), async () => {
      await step(`${curious.name} types /mentor to see what it is`, curious, () => command(curious, ''));
    });

    // Sign-ups over the first three days, each at a time of day that suits the person.
    const signups = [...mentors, ...mentees].map((person) => ({
      person,
      at: atLocal(
        person,
        weekDay(0, 1 + Math.floor(random() * 3)),
        9 + Math.floor(random() * 8),
        Math.floor(random() * 4) * 15,
      ),
    }));
    const invalidOnce = mentees[0];
    for (const { person, at } of signups) {
      const word = person.role === 'mentor' ? 'offer' : 'find';
      schedule(at, async () => {
        const opened = await opening(`${person.name} types /mentor ${word}`, person, () =>
          command(person, word),
        );
        if (!opened) return;
        const submitAt = now + (3 + Math.floor(random() * 5)) * MINUTE;
        if (person === invalidOnce) {
          schedule(submitAt, async () => {
            const values = signupValues(person, { withoutTopics: true });
            await submitting(
              `${person.name} presses “${submitLabel(person)}” without choosing a topic`,
              person,
              values,
            );
            schedule(now + 2 * MINUTE, () => submitSignup(person));
          });
        } else schedule(submitAt, () => submitSignup(person));
      });
    }

    async function submitSignup(person: DemoPerson) {
      const values = signupValues(person, {});
      signedUp.add(person.id);
      await submitting(
        `${person.name} fills in the form and presses “${submitLabel(person)}”: ${describeSignup(person)}`,
        person,
        values,
      );
    }

    function submitLabel(person: DemoPerson) {
      const view = lastModal.get(person.id);
      return mrkdwnToText(String(object(view?.submit).text ?? 'Submit'), names);
    }

    function describeSignup(person: DemoPerson): string {
      const parts = [
        `${person.role === 'mentor' ? 'can teach' : 'wants to learn'} ${[...person.topics, ...(person.otherTopics === null ? [] : [person.otherTopics])].join(', ')}`,
        levelLabel(person.level),
        person.department,
      ];
      if (person.role === 'mentor') parts.push(`up to ${person.capacity} at once`);
      if (person === excluding && excludedReport !== undefined)
        parts.push(`not to be matched with ${excludedReport.name}`);
      if (person.note !== null) parts.push(`“${person.note}”`);
      return parts.join(' · ');
    }

    /** The modal's state as Slack sends it back, with options picked from the modal the person was shown. */
    function signupValues(
      person: DemoPerson,
      { withoutTopics = false },
    ): Record<string, Record<string, unknown>> {
      const view = lastModal.get(person.id) ?? {};
      const blocks = Array.isArray(view.blocks) ? view.blocks.map(object) : [];
      const element = (blockId: string) =>
        object(blocks.find((block) => block.block_id === blockId)?.element);
      const optionsOf = (blockId: string) => {
        const el = element(blockId);
        const groups = Array.isArray(el.option_groups) ? el.option_groups.map(object) : [];
        const all =
          groups.length > 0
            ? groups.flatMap((group) => (group.options as unknown[]) ?? [])
            : ((el.options as unknown[]) ?? []);
        return all.map(object);
      };
      const option = (blockId: string, test: (option: Record<string, unknown>) => boolean) => {
        const found = optionsOf(blockId).find(test);
        if (found === undefined) throw new Error(`${person.name}'s modal has no such option in ${blockId}`);
        return found;
      };
      const textOf = (option: Record<string, unknown>) => String(object(option.text).text ?? '');
      const topics = withoutTopics
        ? []
        : person.topics.map((topic) => option('topics', (o) => textOf(o) === topic));
      const values: Record<string, Record<string, unknown>> = {
        topics: { topics: { type: 'multi_static_select', selected_options: topics } },
        other_topics: {
          other_topics: { type: 'plain_text_input', value: withoutTopics ? null : person.otherTopics },
        },
        level: {
          level: {
            type: 'static_select',
            selected_option: option('level', (o) => o.value === String(person.level)),
          },
        },
        department: {
          department: {
            type: 'static_select',
            selected_option: option('department', (o) => o.value === person.department),
          },
        },
        exclusions: {
          exclusions: {
            type: 'multi_users_select',
            selected_users: person === excluding && excludedReport !== undefined ? [excludedReport.id] : [],
          },
        },
      };
      if (person.role === 'mentor') {
        values.capacity = {
          capacity: {
            type: 'static_select',
            selected_option: option('capacity', (o) => o.value === String(person.capacity)),
          },
        };
        values.note = { note: { type: 'plain_text_input', value: person.note } };
      } else {
        values.goals = { goals: { type: 'plain_text_input', value: person.note } };
      }
      return values;
    }

    // --- How people react to what the app sends them ---------------------------------------------------------
    const pairs = new Map<string, PairPlan>();
    const pairOrder: PairPlan[] = [];
    let proposalsSeen = 0;
    let declined = false;
    const signedUp = new Set<string>();
    // Proposals each mentor has open or accepted, as far as their DMs tell.
    const load = new Map<string, number>();
    const teaches = (mentor: DemoPerson, mentee: DemoPerson) =>
      mentee.topics.some((topic) => mentor.topics.includes(topic)) ||
      (mentee.otherTopics !== null &&
        mentor.otherTopics?.toLowerCase().includes(mentee.otherTopics.toLowerCase()) === true);
    /** Whether someone else could step in if this mentor declined: then the decline shows the next proposal. */
    const hasAlternative = (mentor: DemoPerson, mentee: DemoPerson) =>
      mentors.some(
        (other) =>
          other !== mentor &&
          signedUp.has(other.id) &&
          other.level < mentee.level &&
          teaches(other, mentee) &&
          (load.get(other.id) ?? 0) < other.capacity &&
          !(mentee === excluding && other === excludedReport),
      );
    const ended = new Set<string>();

    function findMessage(channel: string, actionId: string, value: string): PostedMessage | undefined {
      return fake
        .messages(channel)
        .filter((message) =>
          (message.blocks ?? []).some((block) =>
            ((object(block).elements as unknown[]) ?? []).some((el) => {
              const element = object(el);
              return element.action_id === actionId && element.value === value;
            }),
          ),
        )
        .at(-1);
    }

    function buttonValue(blocks: unknown, actionId: string): string | null {
      for (const block of Array.isArray(blocks) ? blocks : []) {
        for (const el of (object(block).elements as unknown[]) ?? []) {
          const element = object(el);
          if (element.action_id === actionId && typeof element.value === 'string') return element.value;
        }
      }
      return null;
    }

    function react(call: RecordedCall) {
      if (call.method !== 'chat.postMessage') return;
      const channel = String(call.params.channel);
      const blocks = call.params.blocks;
      const text = String(call.params.text ?? '');
      const members = channelPeople.get(channel) ?? [];

      const proposalId = buttonValue(blocks, 'proposal_accept');
      if (proposalId !== null) {
        const mentor = byId.get(members[0] ?? '');
        const mentee = byId.get(/<@(\w+)>/.exec(JSON.stringify(blocks))?.[1] ?? '');
        if (mentor === undefined || mentee === undefined) return;
        proposalsSeen += 1;
        const seen = proposalsSeen;
        load.set(mentor.id, (load.get(mentor.id) ?? 0) + 1);
        schedule(later(mentor, now, 1 + random() * 6), async () => {
          const message = findMessage(channel, 'proposal_accept', proposalId);
          if (message === undefined) return;
          // One mentor says no, once someone else could step in: the next candidate is asked at once.
          const decline = !declined && seen >= 3 && hasAlternative(mentor, mentee);
          if (decline) {
            declined = true;
            load.set(mentor.id, (load.get(mentor.id) ?? 1) - 1);
          }
          await step(
            `${mentor.name} clicks ${decline ? '“Decline”' : '“Accept”'} on the proposal`,
            mentor,
            () => click(mentor, message, decline ? 'proposal_decline' : 'proposal_accept', proposalId),
          );
        });
        return;
      }

      const intro = /^Meet your reverse-mentoring partner: <@(\w+)> \(mentor\) and <@(\w+)> \(mentee\)/.exec(
        text,
      );
      if (intro !== null) {
        const plan: PairPlan = {
          channel,
          mentorId: intro[1] ?? '',
          menteeId: intro[2] ?? '',
          engagement: engagementFor(pairOrder.length),
          prompts: 0,
        };
        pairs.set(channel, plan);
        pairOrder.push(plan);
        return;
      }

      const deliveryId = buttonValue(blocks, 'prompt_discussed');
      const plan = pairs.get(channel);
      if (deliveryId !== null && plan !== undefined) {
        plan.prompts += 1;
        reactToPrompt(plan, deliveryId);
        return;
      }

      if (
        typeof call.params.thread_ts === 'string' &&
        plan !== undefined &&
        text.includes('gentle reminder')
      ) {
        if (plan.engagement === 'sometimes') {
          const mentee = byId.get(plan.menteeId) as DemoPerson;
          const threadTs = call.params.thread_ts;
          schedule(later(mentee, now, 4 + random() * 6), () => replyInThread(plan, mentee, threadTs));
        }
        return;
      }

      const pairId = buttonValue(blocks, 'pair_inactive_pause');
      if (pairId !== null && plan !== undefined) {
        const mentee = byId.get(plan.menteeId) as DemoPerson;
        schedule(later(mentee, now, 20), async () => {
          const message = findMessage(channel, 'pair_inactive_pause', pairId);
          if (message === undefined) return;
          await step(`${mentee.name} clicks “Pause” under the question about quiet weeks`, mentee, () =>
            click(mentee, message, 'pair_inactive_pause', pairId),
          );
        });
        return;
      }

      const feedbackPair = buttonValue(blocks, 'give_feedback');
      const partner = byId.get(members[0] ?? '');
      if (feedbackPair !== null && partner !== undefined && members.length === 1) {
        schedule(later(partner, now, 18 + random() * 4), async () => {
          const message = findMessage(channel, 'give_feedback', feedbackPair);
          if (message === undefined) return;
          const opened = await opening(`${partner.name} clicks “Share feedback”`, partner, () =>
            click(partner, message, 'give_feedback', feedbackPair),
          );
          if (!opened) return;
          schedule(now + 4 * MINUTE, () =>
            submitting(
              `${partner.name} rates the pairing 4 – Very useful, would recommend it, and presses “Send feedback”`,
              partner,
              feedbackValues(4, true, 'We met four times. I now use two new tools every week.'),
            ),
          );
        });
      }
    }

    function engagementFor(index: number): Engagement {
      // The first pairs play the parts the story needs; the rest behave as people do.
      const parts: Engagement[] = ['quiet', 'keen', 'keen', 'sometimes'];
      return parts[index] ?? pick(random, ['keen', 'keen', 'buttons', 'sometimes', 'sometimes']);
    }

    function reactToPrompt(plan: PairPlan, deliveryId: string) {
      const mentor = byId.get(plan.mentorId) as DemoPerson;
      const mentee = byId.get(plan.menteeId) as DemoPerson;
      const promptTs = () => findMessage(plan.channel, 'prompt_discussed', deliveryId)?.ts;
      const reply = (person: DemoPerson, hours: number) =>
        schedule(later(person, now, hours), async () => {
          const ts = promptTs();
          if (ts !== undefined) await replyInThread(plan, person, ts);
        });
      const press = (person: DemoPerson, hours: number, actionId: string, label: string) =>
        schedule(later(person, now, hours), async () => {
          const message = findMessage(plan.channel, actionId, deliveryId);
          if (message === undefined || ended.has(plan.channel)) return;
          await step(`${person.name} clicks “${label}” under this week's question`, person, () =>
            click(person, message, actionId, deliveryId),
          );
        });
      switch (plan.engagement) {
        case 'keen':
          // Even keen pairs have busy weeks: then the reminder comes and nobody answers.
          if (random() < 0.15) break;
          reply(mentee, 3 + random() * 24);
          if (random() < 0.35) reply(mentor, 30 + random() * 12);
          break;
        case 'buttons':
          if (plan.prompts === 2) press(mentor, 26 + random() * 20, 'prompt_skipped', 'Skip this week');
          else
            press(pick(random, [mentor, mentee]), 26 + random() * 30, 'prompt_discussed', 'We discussed it');
          break;
        case 'sometimes':
          // Every other week they answer; in the others the reminder gets them going.
          if (plan.prompts % 2 === 1) reply(mentor, 6 + random() * 30);
          break;
        case 'quiet':
          break;
      }
    }

    async function replyInThread(plan: PairPlan, person: DemoPerson, threadTs: string) {
      if (ended.has(plan.channel)) return;
      messageSequence += 1;
      const text = pick(random, REPLIES);
      const ts = `${Math.floor(now / 1000)}.${String(messageSequence).padStart(6, '0')}`;
      await step(`${person.name} answers in the thread`, person, async () => {
        await event({
          type: 'message',
          channel: plan.channel,
          channel_type: 'mpim',
          user: person.id,
          text,
          ts,
          thread_ts: threadTs,
          parent_user_id: BOT_USER,
          event_ts: ts,
        });
        return [{ kind: 'said', audience: channelLabel(plan.channel), author: person.name, text }];
      });
    }

    function feedbackValues(rating: number, recommend: boolean, comment: string) {
      const labels = [
        '',
        '1 – Not useful',
        '2 – A little useful',
        '3 – Useful',
        '4 – Very useful',
        '5 – Excellent',
      ];
      const option = (text: string, value: string) => ({ text: { type: 'plain_text', text }, value });
      return {
        feedback_rating: {
          feedback_rating: {
            type: 'radio_buttons',
            selected_option: option(labels[rating] ?? '', String(rating)),
          },
        },
        feedback_recommend: {
          feedback_recommend: {
            type: 'radio_buttons',
            selected_option: recommend ? option('Yes', 'yes') : option('No', 'no'),
          },
        },
        feedback_comment: { feedback_comment: { type: 'plain_text_input', value: comment } },
      };
    }

    // --- The story's set pieces, placed once the pairs are known ---------------------------------------------
    const plannedPair = (index: number) => pairOrder[Math.min(index, pairOrder.length - 1)];

    // Week 1: a mentee looks at the App Home tab, a mentor checks their status.
    schedule(weekDay(1, 2), async () => {
      const pair = plannedPair(4) ?? plannedPair(0);
      if (pair === undefined) return;
      const mentee = byId.get(pair.menteeId) as DemoPerson;
      const mentor = byId.get(pair.mentorId) as DemoPerson;
      schedule(atLocal(mentee, now, 9, 40), async () => {
        await step(
          `${mentee.name} opens the app's Home tab`,
          mentee,
          () =>
            event({
              type: 'app_home_opened',
              user: mentee.id,
              channel: fake.channelFor([mentee.id]),
              tab: 'home',
              event_ts: `${Math.floor(now / 1000)}.000100`,
            }),
          { homeInFull: true },
        );
      });
      schedule(atLocal(mentor, now + DAY, 12, 15), async () => {
        await step(`${mentor.name} types /mentor status`, mentor, () => command(mentor, 'status'));
      });
    });

    // Week 2: a mentee takes a two-week break.
    schedule(weekDay(2, 2), async () => {
      const pair = plannedPair(2);
      if (pair === undefined) return;
      const pauser = byId.get(pair.menteeId) as DemoPerson;
      schedule(atLocal(pauser, now, 11, 0), async () => {
        await step(`${pauser.name} types /mentor pause 2`, pauser, () => command(pauser, 'pause 2'));
      });
    });

    // Week 3 or 4: a pair ends, with feedback from both.
    const endWeek = Math.min(4, weeks - 1);
    schedule(weekDay(endWeek, 3), async () => {
      const pair = plannedPair(1);
      if (pair === undefined) return;
      const ender = byId.get(pair.menteeId) as DemoPerson;
      schedule(atLocal(ender, now, 16, 0), async () => {
        const opened = await opening(`${ender.name} types /mentor end`, ender, () => command(ender, 'end'));
        if (!opened) return;
        schedule(now + 3 * MINUTE, async () => {
          ended.add(pair.channel);
          await submitting(
            `${ender.name} rates the pairing 5 – Excellent, would recommend it, adds a comment and presses “End pairing”`,
            ender,
            feedbackValues(
              5,
              true,
              'Eye-opening. I finally understand why our graduates never answer the phone.',
            ),
          );
        });
      });
    });

    // Week 5: a mentor leaves the programme, and their data with it.
    const leaveWeek = Math.min(5, weeks);
    schedule(weekDay(leaveWeek, 4), async () => {
      const pair = plannedPair(3);
      if (pair === undefined) return;
      const leaver = byId.get(pair.mentorId) as DemoPerson;
      schedule(atLocal(leaver, now, 12, 0), async () => {
        const opened = await opening(`${leaver.name} types /mentor leave`, leaver, () =>
          command(leaver, 'leave'),
        );
        if (!opened) return;
        schedule(now + 2 * MINUTE, async () => {
          ended.add(pair.channel);
          await submitting(
            `${leaver.name} reads what will be erased and presses “Erase my data”`,
            leaver,
            {},
          );
        });
      });
    });

    // The last Friday: the programme lead asks for the report.
    const reportAt = atLocal(admin, weekDay(weeks, 5), 15, 0);
    schedule(reportAt, async () => {
      reportWeek = weeks + 1;
      await step(`${admin.name} (programme admin) types /mentor report`, admin, () =>
        command(admin, 'report'),
      );
    });
    schedule(reportAt + 5 * MINUTE, async () => {
      await step(`${admin.name} types /mentor report csv`, admin, () => command(admin, 'report csv'));
    });

    // --- Run it ----------------------------------------------------------------------------------------------
    while (agenda.length > 0) {
      agenda.sort((a, b) => a.at - b.at || a.order - b.order);
      const task = agenda.shift() as Task;
      if (task.at > reportAt + 5 * MINUTE) break;
      now = Math.max(now, task.at);
      await task.run();
    }

    // --- Write what people saw -------------------------------------------------------------------------------
    fs.mkdirSync(outputDir, { recursive: true });
    const files: string[] = [];
    const write = (name: string, content: string | Buffer) => {
      const file = path.join(outputDir, name);
      fs.writeFileSync(file, content);
      files.push(file);
    };
    for (const upload of fake.uploads()) write(path.basename(upload.filename), upload.bytes);
    const knownNames = people.map((person) => person.name);
    const text = transcriptToText(transcript, names, knownNames);
    const html = transcriptToHtml(transcript, names, (name) => path.basename(name));
    write('transcript.txt', text);
    write('transcript.html', html);
    const messages = fake.messages();
    const sent = fake
      .calls()
      .filter((call) => call.method === 'chat.postMessage' || call.method === 'chat.update')
      .map((call) => ({
        method: call.method,
        channel: String(call.params.channel),
        text: String(call.params.text ?? ''),
        blocks: Array.isArray(call.params.blocks) ? call.params.blocks : [],
      }));
    const responses = fake.responses().map((response) => response.body);
    log(text);
    const wallMs = performance.now() - startedAt;
    const pairCount = pairOrder.length;
    log(
      `${transcript.steps.length} steps, ${messages.length} messages, ${pairCount} pairs. Files in ${path.relative(process.cwd(), outputDir) || '.'}/: ${files.map((file) => path.basename(file)).join(', ')}`,
    );
    log(
      `Open ${path.join(outputDir, 'transcript.html')} for the Slack-like view. Done in ${(wallMs / 1000).toFixed(1)} s.`,
    );
    if (problems.length > 0)
      log(`The app logged ${problems.length} warnings or errors; they are in the demo result.`);
    return { transcript, text, html, files, messages, sent, names, responses, problems, wallMs };
  } finally {
    if (app !== null) await app.stop({ graceMs: 2000 });
    await fake.close();
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

function object(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function weekRange(week: number): string {
  const monday = PROGRAMME_START.plus({ weeks: week });
  return `${monday.toFormat('ccc d LLL')} – ${monday.plus({ days: 6 }).toFormat('ccc d LLL yyyy')}`;
}

function localTime(person: DemoPerson, at: number): string {
  return `${DateTime.fromMillis(at, { zone: person.timeZone }).toFormat('HH:mm')} in ${person.city}`;
}

function tickLabel(at: number): string {
  const utc = DateTime.fromMillis(at, { zone: 'utc' });
  if (utc.hour === 0) return 'daily run';
  const zone = ['Asia/Kolkata', 'Europe/London', 'America/New_York'].find(
    (candidate) =>
      DateTime.fromMillis(at, { zone: candidate }).hour === PROMPT_HOUR &&
      DateTime.fromMillis(at, { zone: candidate }).minute === 0,
  );
  return zone === undefined ? 'tick' : `10:00 in ${zone.split('/')[1]?.replace('_', ' ')}`;
}

async function main(): Promise<void> {
  const arg = (name: string) => {
    const found = process.argv.find((value) => value.startsWith(`--${name}=`));
    return found === undefined ? undefined : Number(found.split('=')[1]);
  };
  const people = arg('people');
  const weeks = arg('weeks');
  const result = await runDemo({
    ...(people === undefined ? {} : { people }),
    ...(weeks === undefined ? {} : { weeks }),
    log: (text) => process.stdout.write(`${text}\n`),
  });
  if (result.problems.length > 0) {
    for (const line of result.problems.slice(0, 10)) process.stderr.write(`${line}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `The demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  });
}
