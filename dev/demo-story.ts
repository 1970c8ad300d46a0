// The demo's story, week by week: the scheduler running at 10:00 in each city, people signing up, and the set
// pieces that show the rest of the app (the Home tab, /mentor status, a break, a pair ending, the admin's pair
// health view, a mentor leaving, the admin's report). How people answer what the app sends them, the pairing
// journey's DMs included, is in dev/demo-reactions.ts and dev/demo-journey-reactions.ts. How people answer what the app sends them is in dev/demo-reactions.ts.
import { DateTime } from 'luxon';
import { levelLabel } from '../src/domain/catalogue';
import { ADMIN_ACTIONS } from '../src/views/admin-ids';
import { INVITATION_ACTIONS } from '../src/views/invitation-views';
import { asObject } from './demo-block-kit-json';
import {
  atLocal,
  DAY,
  MINUTE,
  PROGRAMME_START,
  PROMPT_HOUR,
  weekDay,
  weekOf,
  weekRange,
} from './demo-calendar';
import type { DemoCast } from './demo-cast';
import { DEMO_TIME_ZONES, type DemoPerson, type Random } from './demo-company';
import {
  DEMO_EXTENSION_WEEKS,
  DEMO_TERM_WEEKS,
  joinsFromInvitation,
  LAUNCH_CHANNEL,
  scheduleAdminSetup,
  demoLevelName,
  type AdminSetup,
} from './demo-admin';
import { feedbackValues, signupValues } from './demo-forms';
import { mrkdwnToText } from './demo-mrkdwn';
import { createReactions, type PairPlan } from './demo-reactions';
import type { DemoSlackClient } from './demo-slack-client';
import type { SlackRecorder } from './demo-slack-recorder';
import { createStage, type DemoStage } from './demo-stage';
import type { Transcript } from './demo-transcript';
import type { FakeSlack } from './fake-slack-server';

export interface DemoStory {
  /** Filled in step by step as the agenda runs. */
  transcript: Transcript;
  /** The pairs formed, in the order they were introduced. */
  pairs: readonly PairPlan[];
  /** When the last step happens: the agenda runs until then. */
  endsAt: number;
}

/** Puts the whole programme on the agenda; nothing happens until the agenda runs. */
export function planStory(options: {
  cast: DemoCast;
  /** Weeks of prompts after the sign-up week. */
  weeks: number;
  random: Random;
  now: () => number;
  schedule: (at: number, task: () => Promise<void>) => void;
  slack: DemoSlackClient;
  fake: FakeSlack;
  recorder: SlackRecorder;
  settle: () => Promise<void>;
  /** Runs the app's scheduler once, as if its clock read `at`. */
  runDueJobs: (at: Date) => Promise<void>;
}): DemoStory {
  const { cast, weeks, random } = options;
  const transcript = emptyTranscript(cast, weeks);
  let reportTime = false;
  const signedUp = new Set<string>();
  const stage = createStage({
    now: options.now,
    schedule: options.schedule,
    slack: options.slack,
    fake: options.fake,
    recorder: options.recorder,
    settle: options.settle,
    transcript,
    weekAt: (at) => (reportTime ? weeks + 1 : weekOf(at)),
    react: (call) => reactions.react(call),
  });
  const reactions = createReactions(stage, cast, { random, signedUp });
  const { schedule, step, slack } = stage;
  const { admin } = cast;

  scheduleSchedulerRuns(stage, weeks, options.runDueJobs);
  // Monday 08:00 in London: the admin sets the programme up before anyone is invited.
  const setup = scheduleAdminSetup(stage, cast, atLocal(admin, weekDay(0, 1), 8, 0));
  scheduleSignUps(stage, cast, random, signedUp, setup);
  scheduleSetPieces(stage, cast, reactions.pairs, weeks);

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

  return { transcript, pairs: reactions.pairs, endsAt: reportAt + 5 * MINUTE };
}

function emptyTranscript(cast: DemoCast, weeks: number): Transcript {
  const weekTitles = new Map<number, string>([
    [
      0,
      `Week 0 · ${weekRange(0)} · Launch: the admin's set-up, the invitation, sign-ups, matching and introductions`,
    ],
  ]);
  const journey = journeyWeeks();
  for (let week = 1; week <= weeks; week += 1) {
    const notes = ['Weekly prompts', ...(journey.get(week) ?? [])];
    weekTitles.set(week, `Week ${week} · ${weekRange(week)} · ${notes.join(' · ')}`);
  }
  weekTitles.set(weeks + 1, 'After the programme · The admin report');
  return {
    title: 'Mentor Circles — a reverse-mentoring programme, offline',
    intro: [
      `A made-up company of ${cast.people.length} people in London, New York and Kolkata runs a reverse-mentoring programme for ${weeks} weeks. Its programme admin sets it up in Slack (the company's levels and departments, the programme's name, a short ${DEMO_TERM_WEEKS}-week term with ${DEMO_EXTENSION_WEEKS}-week extensions, the topics) and posts an invitation in #${LAUNCH_CHANNEL.name}. Juniors offer to teach (the invitation's “I can teach” button, or /mentor offer), senior leaders ask to learn (“I want to learn”, or /mentor find), the app matches them, and each pair gets one discussion question a week at 10:00 in the mentee's time zone.`,
      "Each pairing follows its journey from goals to close: the mentee sets goals (one only after the reminder), both say privately whether it is a good fit (in one pair someone says it is not: the pairing ends without blame and the mentee is matched with someone new), mentors answer a private question (one asks to be contacted, which the admin sees in Pair health), goals are re-rated halfway, two weeks before the end of the term one pair chooses to extend while the others wrap up, and the wrap-ups bring a closing question, a close survey with one senior's commitment and a follow-up 30 days later. The admin's report ends with the outcomes, figures from fewer than 5 people hidden.",
      'Everything below is what the app really sent to Slack (a local Slack-compatible server) in answer to requests signed exactly as Slack signs them. Times are UTC, with the local time of the person acting.',
    ],
    weekTitles,
    steps: [],
  };
}

/** What the first pairs' journey brings in each week, with the demo's short term (most pairs start in week 0). */
function journeyWeeks(): Map<number, string[]> {
  const notes = new Map<number, string[]>();
  const add = (week: number, note: string) => notes.set(week, [...(notes.get(week) ?? []), note]);
  add(1, 'goals and the fit check');
  add(2, 'the fit check');
  add(Math.floor(DEMO_TERM_WEEKS / 2), 'halfway: goals re-rated');
  add(4, "the mentors' private question");
  add(DEMO_TERM_WEEKS - 2, 'extend or wrap up?');
  add(DEMO_TERM_WEEKS, 'the first terms end: wrap-ups and close surveys');
  add(DEMO_TERM_WEEKS + 4, 'follow-ups 30 days after the wrap-ups');
  return notes;
}

/**
 * The scheduler, at 10:00 in each of the three time zones: when prompts fall due, and (72 hours on, at the same
 * local hour) reminders and pause questions. The real one ticks every five minutes; here anything else due
 * (daily matching, breaks that are over) is simply picked up by the next of these ticks.
 */
function scheduleSchedulerRuns(
  stage: DemoStage,
  weeks: number,
  runDueJobs: (at: Date) => Promise<void>,
): void {
  const { schedule, step } = stage;
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
          await runDueJobs(new Date(tick.at));
          return [];
        });
      });
    }
  }
}

/** Week 0: a colleague looks at /mentor, then mentors and mentees sign up (one forgets the topics at first). */
function scheduleSignUps(
  stage: DemoStage,
  cast: DemoCast,
  random: Random,
  signedUp: Set<string>,
  setup: AdminSetup,
): void {
  const { now, schedule, step, opening, submitting, slack } = stage;
  const { names, mentors, mentees, curious, excluding, excludedReport } = cast;
  // Nobody hears of the programme before its invitation is posted.
  const fromLaunch = (day: number) => Math.max(day, setup.launchAt);
  schedule(atLocal(curious, fromLaunch(weekDay(0, 1)), 9, 0), async () => {
    await step(`${curious.name} types /mentor to see what it is`, curious, () => slack.command(curious, ''));
  });

  // Sign-ups over the first three days, each at a time of day that suits the person.
  const invalidOnce = mentees[0];
  for (const [index, person] of [...mentors, ...mentees].entries()) {
    const at = atLocal(
      person,
      fromLaunch(weekDay(0, 1 + Math.floor(random() * 3))),
      9 + Math.floor(random() * 8),
      Math.floor(random() * 4) * 15,
    );
    const word = person.role === 'mentor' ? 'offer' : 'find';
    const fromButton = joinsFromInvitation(person, index);
    schedule(at, async () => {
      const invitation = setup.invitation();
      const opened =
        fromButton && invitation !== undefined
          ? await opening(
              `${person.name} clicks “${person.role === 'mentor' ? 'I can teach' : 'I want to learn'}” under the invitation in #${LAUNCH_CHANNEL.name}`,
              person,
              () =>
                slack.click(
                  person,
                  invitation,
                  person.role === 'mentor' ? INVITATION_ACTIONS.offer : INVITATION_ACTIONS.find,
                  '',
                ),
            )
          : await opening(`${person.name} types /mentor ${word}`, person, () => slack.command(person, word));
      if (!opened) return;
      const submitAt = now() + (3 + Math.floor(random() * 5)) * MINUTE;
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
        schedule(now() + 2 * MINUTE, () => submitSignup(person));
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
      demoLevelName(person.level, levelLabel),
      person.department,
    ];
    if (person.role === 'mentor') parts.push(`up to ${person.capacity} at once`);
    if (person === excluding && excludedReport !== undefined) {
      parts.push(`not to be matched with ${excludedReport.name}`);
    }
    if (person.note !== null) parts.push(`“${person.note}”`);
    return parts.join(' · ');
  }
}

/** The set pieces, given to pairs once they are known. */
function scheduleSetPieces(
  stage: DemoStage,
  cast: DemoCast,
  pairs: readonly PairPlan[],
  weeks: number,
): void {
  const { now, schedule, step, opening, submitting, slack, fake } = stage;
  const plannedPair = (index: number) => pairs[Math.min(index, pairs.length - 1)];

  // Week 1: a mentee looks at the App Home tab, a mentor checks their status.
  schedule(weekDay(1, 2), async () => {
    const pair = plannedPair(4);
    if (pair === undefined) return;
    const { mentor, mentee } = pair;
    schedule(atLocal(mentee, now(), 9, 40), async () => {
      await step(
        `${mentee.name} opens the app's Home tab`,
        mentee,
        async () => {
          await slack.event({
            type: 'app_home_opened',
            user: mentee.id,
            channel: fake.channelFor([mentee.id]),
            tab: 'home',
            event_ts: `${Math.floor(now() / 1000)}.000100`,
          });
          return [];
        },
        { homeInFull: true },
      );
    });
    schedule(atLocal(mentor, now() + DAY, 12, 15), async () => {
      await step(`${mentor.name} types /mentor status`, mentor, () => slack.command(mentor, 'status'));
    });
  });

  // Week 2: a mentee takes a two-week break.
  schedule(weekDay(2, 2), async () => {
    const pauser = plannedPair(2)?.mentee;
    if (pauser === undefined) return;
    schedule(atLocal(pauser, now(), 11, 0), async () => {
      await step(`${pauser.name} types /mentor pause 2`, pauser, () => slack.command(pauser, 'pause 2'));
    });
  });

  // Week 4 (3 in a short run): a pair ends, with feedback from both.
  schedule(weekDay(Math.min(4, weeks - 1), 3), async () => {
    const pair = plannedPair(1);
    if (pair === undefined) return;
    const ender = pair.mentee;
    schedule(atLocal(ender, now(), 16, 0), async () => {
      if (!(await opening(`${ender.name} types /mentor end`, ender, () => slack.command(ender, 'end'))))
        return;
      schedule(now() + 3 * MINUTE, async () => {
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

  // Week 5: a mentor asked (in their private question) to be contacted; the admin sees it in Pair health.
  schedule(atLocal(cast.admin, weekDay(Math.min(5, weeks), 1), 14, 0), async () => {
    await step(`${cast.admin.name} clicks “Pair health” in the Home tab`, cast.admin, () =>
      slack.clickInView(cast.admin, 'home', ADMIN_ACTIONS.pairHealth, ''),
    );
  });

  // Week 5 (or the last): a mentor leaves the programme, and their data with it.
  schedule(weekDay(Math.min(5, weeks), 4), async () => {
    const pair = plannedPair(3);
    if (pair === undefined) return;
    const leaver = pair.mentor;
    schedule(atLocal(leaver, now(), 12, 0), async () => {
      if (
        !(await opening(`${leaver.name} types /mentor leave`, leaver, () => slack.command(leaver, 'leave')))
      )
        return;
      schedule(now() + 2 * MINUTE, async () => {
        for (const plan of pairs) if (plan.mentor === leaver || plan.mentee === leaver) plan.ended = true;
        await submitting(`${leaver.name} reads what will be erased and presses “Erase my data”`, leaver, {});
      });
    });
  });
}
