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
import { loadConfig } from '../src/config';
import { levelLabel } from '../src/domain/catalogue';
import { startApp, type RunningApp } from '../src/composition/wiring';
import { createAgenda } from './demo-agenda';
import { DEMO_TIME_ZONES, demoCompany, pick, seededRandom, type DemoPerson } from './demo-company';
import { feedbackValues, signupValues } from './demo-forms';
import { createDemoSlackClient, type ModalValues } from './demo-slack-client';
import { asObject, buttonValue } from './demo-block-kit-json';
import { mrkdwnToText } from './demo-mrkdwn';
import { createSlackRecorder } from './demo-slack-recorder';
import type { Transcript, TranscriptItem } from './demo-transcript';
import { transcriptToHtml } from './demo-transcript-html';
import { transcriptToText } from './demo-transcript-text';
import { startFakeSlack, type PostedMessage, type RecordedCall } from './fake-slack-server';

export interface DemoOptions {
  /** How many people work at the company (about 60 by default; the tests use fewer). */
  people?: number;
  /** Weeks of prompts after the sign-up week (6 by default, at least 4). */
  weeks?: number;
  /** Where the transcript, CSV files and charts go (./demo-output by default). */
  outputDir?: string;
  /** Where the transcript and a summary are printed; nothing is printed when omitted. */
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
  /** Ephemeral answers sent to response_url. */
  responses: Record<string, unknown>[];
  /** Display names by Slack user id, as the transcript shows them. */
  names: (userId: string) => string;
  /** Warnings and errors the app logged (JSON lines); a healthy run has none. */
  problems: string[];
  wallMs: number;
}

const TEAM = 'T0DEMO';
const SIGNING_SECRET = 'demo-signing-secret';
const BOT_TOKEN = 'xoxb-demo-bot-token';
const BOT_USER = 'UBOT';
const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
// A Monday, with no daylight-saving change in the three time zones for the weeks that follow.
const PROGRAMME_START = DateTime.fromISO('2026-05-04T00:00:00Z', { zone: 'utc' });
const PROMPT_HOUR = 10;

/** How a pair treats the weekly question. */
type Engagement = 'keen' | 'buttons' | 'sometimes' | 'quiet';

interface PairPlan {
  channel: string;
  mentor: DemoPerson;
  mentee: DemoPerson;
  engagement: Engagement;
  prompts: number;
  ended: boolean;
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
  const curious = people.find((person) => person.role === 'colleague') ?? admin;

  // A mentee who asks for a topic a mentor typed in, and one who keeps their direct report out.
  const esportsFan = mentees[2];
  if (esportsFan !== undefined) esportsFan.otherTopics = 'Esports';
  const excluding = mentees[1];
  const excludedReport = mentors.find((mentor) => mentor.department === excluding?.department) ?? mentors[4];

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
      // Only warnings and errors reach the demo: a healthy run has none.
      LOG_LEVEL: 'warn',
    });
    if (!config.ok) throw new Error(config.problems.join('; '));
    let now = PROGRAMME_START.toMillis();
    const running = await startApp(config.config, {
      clock: { now: () => new Date(now) },
      logDestination: new Writable({
        write(chunk: Buffer, _encoding, done) {
          problems.push(...chunk.toString('utf8').split('\n').filter(Boolean));
          done();
        },
      }),
      clientOptions: { retryConfig: { retries: 0 } },
      startScheduler: false,
    });
    app = running;

    const slack = createDemoSlackClient({
      eventsUrl: `http://127.0.0.1:${running.port}/slack/events`,
      signingSecret: SIGNING_SECRET,
      teamId: TEAM,
      fake,
    });
    const recorder = createSlackRecorder(fake, names);
    // The app writes to a person's DM by user id; Slack (and the fake) answer with the DM's channel.
    for (const person of people) recorder.knowChannel(fake.channelFor([person.id]), [person.id]);

    const weekTitles = new Map<number, string>([
      [0, `Week 0 · ${weekRange(0)} · Launch: sign-ups, matching and introductions`],
    ]);
    for (let week = 1; week <= weeks; week += 1) {
      weekTitles.set(week, `Week ${week} · ${weekRange(week)} · Weekly prompts`);
    }
    weekTitles.set(weeks + 1, 'After the programme · The admin report');
    const transcript: Transcript = {
      title: 'Mentor Circles — a reverse-mentoring programme, offline',
      intro: [
        `A made-up company of ${people.length} people in London, New York and Kolkata runs a ${weeks}-week reverse-mentoring programme. Juniors offer to teach (/mentor offer), senior leaders ask to learn (/mentor find), the app matches them, and each pair gets one discussion question a week at 10:00 in the mentee's time zone.`,
        'Everything below is what the app really sent to Slack (a local Slack-compatible server) in answer to requests signed exactly as Slack signs them. Times are UTC, with the local time of the person acting.',
      ],
      weekTitles,
      steps: [],
    };
    let reportTime = false;

    /** One thing happening: what a person (or the scheduler) did, and everything people saw because of it. */
    async function step(
      headline: string,
      actor: DemoPerson | null,
      action: () => Promise<TranscriptItem[]>,
      options: { homeInFull?: boolean } = {},
    ): Promise<RecordedCall[]> {
      const recorded = await recorder.record(actor?.name ?? null, action, () => running.settle(), options);
      if (recorded.items.length > 0 || actor !== null) {
        transcript.steps.push({
          at: new Date(now),
          week: reportTime ? weeks + 1 : Math.floor((now - PROGRAMME_START.toMillis()) / WEEK),
          headline,
          localTime: actor === null ? '' : localTime(actor, now),
          items: recorded.items,
        });
      }
      for (const call of recorded.calls) react(call);
      return recorded.calls;
    }

    /** A step that should open a modal; the person's Slack client then shows it. False if none opened. */
    async function opening(headline: string, person: DemoPerson, action: () => Promise<TranscriptItem[]>) {
      const calls = await step(headline, person, action);
      const opened = calls.filter((call) => call.method === 'views.open').at(-1);
      if (opened !== undefined) slack.showModal(person.id, asObject(opened.params.view));
      return opened !== undefined;
    }

    const submitting = (headline: string, person: DemoPerson, values: ModalValues) =>
      step(headline, person, () => slack.submit(person, values));

    // --- Time --------------------------------------------------------------------------------------------
    const agenda = createAgenda();
    const schedule = agenda.schedule;
    /** The next instant at this local hour for the person (today if still ahead). */
    const atLocal = (person: DemoPerson, from: number, hour: number, minute = 0) => {
      const local = DateTime.fromMillis(from, { zone: person.timeZone }).set({
        hour,
        minute,
        second: 0,
        millisecond: 0,
      });
      return (local.toMillis() > from ? local : local.plus({ days: 1 })).toMillis();
    };
    /** `hours` later, moved into the person's waking hours (08:00–21:00 local). */
    const later = (person: DemoPerson, from: number, hours: number) => {
      const at = from + Math.round(hours * 60) * MINUTE;
      const hour = DateTime.fromMillis(at, { zone: person.timeZone }).hour;
      return hour >= 8 && hour < 21 ? at : atLocal(person, at, 8, 30 + Math.floor(random() * 30));
    };
    const weekDay = (week: number, isoWeekday: number) =>
      PROGRAMME_START.plus({ weeks: week, days: isoWeekday - 1 }).toMillis();

    // The scheduler, at 10:00 in each of the three time zones: when prompts fall due, and (72 hours on, at the
    // same local hour) reminders and pause questions. The real one ticks every five minutes; here anything else
    // due (daily matching, breaks that are over) is simply picked up by the next of these ticks.
    for (let day = PROGRAMME_START; day.toMillis() <= weekDay(weeks, 5); day = day.plus({ days: 1 })) {
      const ticks = DEMO_TIME_ZONES.map(({ zone, city }) => ({
        at: DateTime.fromObject(
          { year: day.year, month: day.month, day: day.day, hour: PROMPT_HOUR },
          { zone },
        ).toMillis(),
        label: `10:00 in ${city}`,
      }));
      for (const tick of ticks) {
        schedule(tick.at, async () => {
          await step(`The scheduler runs (${tick.label})`, null, async () => {
            await running.runDueJobs(new Date(tick.at));
            return [];
          });
        });
      }
    }

    // --- Week 0: launch ------------------------------------------------------------------------------------
    schedule(atLocal(curious, weekDay(0, 1), 9, 0), async () => {
      await step(`${curious.name} types /mentor to see what it is`, curious, () =>
        slack.command(curious, ''),
      );
    });

    // Sign-ups over the first three days, each at a time of day that suits the person.
    const signedUp = new Set<string>();
    const invalidOnce = mentees[0];
    for (const person of [...mentors, ...mentees]) {
      const at = atLocal(
        person,
        weekDay(0, 1 + Math.floor(random() * 3)),
        9 + Math.floor(random() * 8),
        Math.floor(random() * 4) * 15,
      );
      const word = person.role === 'mentor' ? 'offer' : 'find';
      schedule(at, async () => {
        const opened = await opening(`${person.name} types /mentor ${word}`, person, () =>
          slack.command(person, word),
        );
        if (!opened) return;
        const submitAt = now + (3 + Math.floor(random() * 5)) * MINUTE;
        if (person !== invalidOnce) {
          schedule(submitAt, () => submitSignup(person));
          return;
        }
        schedule(submitAt, async () => {
          await submitting(
            `${person.name} presses “${submitLabel(person)}” without choosing a topic`,
            person,
            signupValues(slack.modalOf(person.id) ?? {}, person, { withoutTopics: true }),
          );
          schedule(now + 2 * MINUTE, () => submitSignup(person));
        });
      });
    }

    async function submitSignup(person: DemoPerson) {
      const excluded = person === excluding && excludedReport !== undefined ? [excludedReport.id] : [];
      const values = signupValues(slack.modalOf(person.id) ?? {}, person, { excludedUserIds: excluded });
      signedUp.add(person.id);
      await submitting(
        `${person.name} fills in the form and presses “${submitLabel(person)}”: ${describeSignup(person)}`,
        person,
        values,
      );
    }

    function submitLabel(person: DemoPerson) {
      return mrkdwnToText(String(asObject(slack.modalOf(person.id)?.submit).text ?? 'Submit'), names);
    }

    function describeSignup(person: DemoPerson): string {
      const topics = [...person.topics, ...(person.otherTopics === null ? [] : [person.otherTopics])];
      const parts = [
        `${person.role === 'mentor' ? 'can teach' : 'wants to learn'} ${topics.join(', ')}`,
        levelLabel(person.level),
        person.department,
      ];
      if (person.role === 'mentor') parts.push(`up to ${person.capacity} at once`);
      if (person === excluding && excludedReport !== undefined) {
        parts.push(`not to be matched with ${excludedReport.name}`);
      }
      if (person.note !== null) parts.push(`“${person.note}”`);
      return parts.join(' · ');
    }

    // --- How people react to what the app sends them ----------------------------------------------------
    const pairs = new Map<string, PairPlan>();
    const pairOrder: PairPlan[] = [];
    let proposalsSeen = 0;
    let declined = false;
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

    /** The message (as it stands now) holding a button with this action and value. */
    const findMessage = (channel: string, actionId: string, value: string) =>
      fake
        .messages(channel)
        .filter((message) => buttonValue(message.blocks, actionId) === value)
        .at(-1);

    /** Clicks a button in a message if it is still there (a pair may have ended meanwhile). */
    async function clickIfThere(
      headline: string,
      person: DemoPerson,
      channel: string,
      actionId: string,
      value: string,
    ): Promise<RecordedCall[] | null> {
      const message = findMessage(channel, actionId, value);
      if (message === undefined || pairs.get(channel)?.ended === true) return null;
      return step(headline, person, () => slack.click(person, message, actionId, value));
    }

    function react(call: RecordedCall) {
      if (call.method !== 'chat.postMessage') return;
      const channel = String(call.params.channel);
      const blocks = call.params.blocks;
      const text = String(call.params.text ?? '');
      const members = recorder.members(channel);
      const plan = pairs.get(channel);

      const proposalId = buttonValue(blocks, 'proposal_accept');
      if (proposalId !== null) {
        const mentor = byId.get(members[0] ?? '');
        const mentee = byId.get(/<@(\w+)>/.exec(JSON.stringify(blocks))?.[1] ?? '');
        if (mentor !== undefined && mentee !== undefined) answerProposal(mentor, mentee, channel, proposalId);
        return;
      }
      const intro = /^Meet your reverse-mentoring partner: <@(\w+)> \(mentor\) and <@(\w+)> \(mentee\)/.exec(
        text,
      );
      const [mentor, mentee] = [byId.get(intro?.[1] ?? ''), byId.get(intro?.[2] ?? '')];
      if (mentor !== undefined && mentee !== undefined) {
        const engagement = engagementFor(pairOrder.length);
        const formed: PairPlan = { channel, mentor, mentee, engagement, prompts: 0, ended: false };
        pairs.set(channel, formed);
        pairOrder.push(formed);
        return;
      }
      const deliveryId = buttonValue(blocks, 'prompt_discussed');
      if (deliveryId !== null && plan !== undefined) {
        plan.prompts += 1;
        answerPrompt(plan, deliveryId);
        return;
      }
      const threadTs = call.params.thread_ts;
      if (
        typeof threadTs === 'string' &&
        plan?.engagement === 'sometimes' &&
        text.includes('gentle reminder')
      ) {
        // The reminder gets them going.
        schedule(later(plan.mentee, now, 4 + random() * 6), () => replyInThread(plan, plan.mentee, threadTs));
        return;
      }
      const quietPair = buttonValue(blocks, 'pair_inactive_pause');
      if (quietPair !== null && plan !== undefined) {
        schedule(later(plan.mentee, now, 20), async () => {
          await clickIfThere(
            `${plan.mentee.name} clicks “Pause” under the question about quiet weeks`,
            plan.mentee,
            channel,
            'pair_inactive_pause',
            quietPair,
          );
        });
        return;
      }
      const endedPair = buttonValue(blocks, 'give_feedback');
      const partner = byId.get(members[0] ?? '');
      if (endedPair !== null && partner !== undefined && members.length === 1) {
        schedule(later(partner, now, 18 + random() * 4), () => giveFeedback(partner, channel, endedPair));
      }
    }

    function answerProposal(mentor: DemoPerson, mentee: DemoPerson, channel: string, proposalId: string) {
      proposalsSeen += 1;
      const seen = proposalsSeen;
      load.set(mentor.id, (load.get(mentor.id) ?? 0) + 1);
      schedule(later(mentor, now, 1 + random() * 6), async () => {
        // One mentor says no, once someone else could step in: the next candidate is asked at once.
        const decline = !declined && seen >= 3 && hasAlternative(mentor, mentee);
        if (decline) {
          declined = true;
          load.set(mentor.id, (load.get(mentor.id) ?? 1) - 1);
        }
        await clickIfThere(
          `${mentor.name} clicks ${decline ? '“Decline”' : '“Accept”'} on the proposal`,
          mentor,
          channel,
          decline ? 'proposal_decline' : 'proposal_accept',
          proposalId,
        );
      });
    }

    function engagementFor(index: number): Engagement {
      // The first pairs play the parts the story needs; the rest behave as people do.
      const parts: Engagement[] = ['quiet', 'keen', 'keen', 'sometimes'];
      return parts[index] ?? pick(random, ['keen', 'keen', 'buttons', 'sometimes', 'sometimes']);
    }

    function answerPrompt(plan: PairPlan, deliveryId: string) {
      const { mentor, mentee } = plan;
      const reply = (person: DemoPerson, hours: number) =>
        schedule(later(person, now, hours), async () => {
          const prompt = findMessage(plan.channel, 'prompt_discussed', deliveryId);
          if (prompt !== undefined) await replyInThread(plan, person, prompt.ts);
        });
      const press = (person: DemoPerson, hours: number, actionId: string, label: string) =>
        schedule(later(person, now, hours), async () => {
          await clickIfThere(
            `${person.name} clicks “${label}” under this week's question`,
            person,
            plan.channel,
            actionId,
            deliveryId,
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

    let threadMessages = 0;
    async function replyInThread(plan: PairPlan, person: DemoPerson, threadTs: string) {
      if (plan.ended) return;
      threadMessages += 1;
      const text = pick(random, REPLIES);
      const ts = `${Math.floor(now / 1000)}.${String(threadMessages).padStart(6, '0')}`;
      await step(`${person.name} answers in the thread`, person, async () => {
        await slack.event({
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
        return [{ kind: 'said', audience: recorder.channelLabel(plan.channel), author: person.name, text }];
      });
    }

    async function giveFeedback(partner: DemoPerson, channel: string, pairId: string) {
      const message = findMessage(channel, 'give_feedback', pairId);
      if (message === undefined) return;
      const opened = await opening(`${partner.name} clicks “Share feedback”`, partner, () =>
        slack.click(partner, message, 'give_feedback', pairId),
      );
      if (!opened) return;
      schedule(now + 4 * MINUTE, async () => {
        await submitting(
          `${partner.name} rates the pairing 4 – Very useful, would recommend it, and presses “Send feedback”`,
          partner,
          feedbackValues(4, true, 'We met four times. I now use two new tools every week.'),
        );
      });
    }

    // --- The set pieces, given to pairs once they are known -----------------------------------------------
    const plannedPair = (index: number) => pairOrder[Math.min(index, pairOrder.length - 1)];

    // Week 1: a mentee looks at the App Home tab, a mentor checks their status.
    schedule(weekDay(1, 2), async () => {
      const pair = plannedPair(4);
      if (pair === undefined) return;
      const { mentor, mentee } = pair;
      schedule(atLocal(mentee, now, 9, 40), async () => {
        await step(
          `${mentee.name} opens the app's Home tab`,
          mentee,
          async () => {
            await slack.event({
              type: 'app_home_opened',
              user: mentee.id,
              channel: fake.channelFor([mentee.id]),
              tab: 'home',
              event_ts: `${Math.floor(now / 1000)}.000100`,
            });
            return [];
          },
          { homeInFull: true },
        );
      });
      schedule(atLocal(mentor, now + DAY, 12, 15), async () => {
        await step(`${mentor.name} types /mentor status`, mentor, () => slack.command(mentor, 'status'));
      });
    });

    // Week 2: a mentee takes a two-week break.
    schedule(weekDay(2, 2), async () => {
      const pauser = plannedPair(2)?.mentee;
      if (pauser === undefined) return;
      schedule(atLocal(pauser, now, 11, 0), async () => {
        await step(`${pauser.name} types /mentor pause 2`, pauser, () => slack.command(pauser, 'pause 2'));
      });
    });

    // Week 4 (3 in a short run): a pair ends, with feedback from both.
    schedule(weekDay(Math.min(4, weeks - 1), 3), async () => {
      const pair = plannedPair(1);
      if (pair === undefined) return;
      const ender = pair.mentee;
      schedule(atLocal(ender, now, 16, 0), async () => {
        if (!(await opening(`${ender.name} types /mentor end`, ender, () => slack.command(ender, 'end'))))
          return;
        schedule(now + 3 * MINUTE, async () => {
          pair.ended = true;
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

    // Week 5 (or the last): a mentor leaves the programme, and their data with it.
    schedule(weekDay(Math.min(5, weeks), 4), async () => {
      const pair = plannedPair(3);
      if (pair === undefined) return;
      const leaver = pair.mentor;
      schedule(atLocal(leaver, now, 12, 0), async () => {
        if (
          !(await opening(`${leaver.name} types /mentor leave`, leaver, () => slack.command(leaver, 'leave')))
        )
          return;
        schedule(now + 2 * MINUTE, async () => {
          for (const plan of pairOrder)
            if (plan.mentor === leaver || plan.mentee === leaver) plan.ended = true;
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
      reportTime = true;
      await step(`${admin.name} (programme admin) types /mentor report`, admin, () =>
        slack.command(admin, 'report'),
      );
    });
    schedule(reportAt + 5 * MINUTE, async () => {
      await step(`${admin.name} types /mentor report csv`, admin, () => slack.command(admin, 'report csv'));
    });

    log(`Mentor Circles demo: ${people.length} people, ${weeks} weeks of prompts, seed ${seed}.`);
    await agenda.run(reportAt + 5 * MINUTE, (at) => {
      now = Math.max(now, at);
    });

    // --- What people saw, written out ----------------------------------------------------------------------
    fs.mkdirSync(outputDir, { recursive: true });
    const files: string[] = [];
    const write = (name: string, content: string | Buffer) => {
      const file = path.join(outputDir, name);
      fs.writeFileSync(file, content);
      files.push(file);
    };
    for (const upload of fake.uploads()) write(path.basename(upload.filename), upload.bytes);
    const text = transcriptToText(
      transcript,
      names,
      people.map((person) => person.name),
    );
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
    const wallMs = performance.now() - startedAt;
    log(text);
    log(
      `${transcript.steps.length} steps, ${messages.length} messages, ${pairOrder.length} pairs. Written to ${outputDir}: ${files.map((file) => path.basename(file)).join(', ')}`,
    );
    log(
      `Open ${path.join(outputDir, 'transcript.html')} for the Slack-like view. Done in ${(wallMs / 1000).toFixed(1)} s.`,
    );
    if (problems.length > 0) log(`The app logged ${problems.length} warnings or errors (see above).`);
    const responses = fake.responses().map((response) => response.body);
    return { transcript, text, html, files, messages, sent, responses, names, problems, wallMs };
  } finally {
    if (app !== null) await app.stop({ graceMs: 2000 });
    await fake.close();
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

function weekRange(week: number): string {
  const monday = PROGRAMME_START.plus({ weeks: week });
  return `${monday.toFormat('ccc d LLL')} – ${monday.plus({ days: 6 }).toFormat('ccc d LLL yyyy')}`;
}

function localTime(person: DemoPerson, at: number): string {
  return `${DateTime.fromMillis(at, { zone: person.timeZone }).toFormat('HH:mm')} in ${person.city}`;
}

async function main(): Promise<void> {
  const number = (name: string) => {
    const found = process.argv.find((value) => value.startsWith(`--${name}=`));
    return found === undefined ? undefined : Number(found.slice(name.length + 3));
  };
  const people = number('people');
  const weeks = number('weeks');
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
