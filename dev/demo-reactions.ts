// How the demo's people react to what the app sends them: mentors accept proposals (one declines), pairs answer
// the weekly question as keen, button-pressing, occasional or quiet pairs do, a quiet pair pauses when asked,
// and people whose partner ended the pairing give feedback. How they answer the pairing journey's DMs (goals,
// fit check, term, close survey) is in dev/demo-journey-reactions.ts. Everything is scheduled at a plausible local time.
import { DateTime } from 'luxon';
import { buttonValue } from './demo-block-kit-json';
import { BOT_USER, type DemoCast } from './demo-cast';
import { atLocal, MINUTE } from './demo-calendar';
import { pick, type DemoPerson, type Random } from './demo-company';
import { feedbackValues } from './demo-forms';
import { createJourneyReactions } from './demo-journey-reactions';
import type { DemoStage } from './demo-stage';
import type { RecordedCall } from './fake-slack-server';

/** How a pair treats the weekly question. */
type Engagement = 'keen' | 'buttons' | 'sometimes' | 'quiet';

export interface PairPlan {
  channel: string;
  mentor: DemoPerson;
  mentee: DemoPerson;
  engagement: Engagement;
  prompts: number;
  /** Set by the story when the pair ends, so nobody answers in its group DM any more. */
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

export interface Reactions {
  /** Reacts to one Web API call the app made, by scheduling what the people it reached do next. */
  react(call: RecordedCall): void;
  /** The pairs formed so far, in the order they were introduced. */
  pairs: readonly PairPlan[];
}

export function createReactions(
  stage: DemoStage,
  cast: DemoCast,
  options: {
    random: Random;
    /** Who has submitted the sign-up form, as the story tells it. */
    signedUp: ReadonlySet<string>;
  },
): Reactions {
  const { now, schedule, step, opening, submitting, slack, fake, recorder } = stage;
  const { byId, mentors, excluding, excludedReport } = cast;
  const { random, signedUp } = options;

  /** `hours` later, moved into the person's waking hours (08:00–21:00 local). */
  const later = (person: DemoPerson, from: number, hours: number) => {
    const at = from + Math.round(hours * 60) * MINUTE;
    const hour = DateTime.fromMillis(at, { zone: person.timeZone }).hour;
    return hour >= 8 && hour < 21 ? at : atLocal(person, at, 8, 30 + Math.floor(random() * 30));
  };

  const pairs = new Map<string, PairPlan>();
  const pairOrder: PairPlan[] = [];
  const journey = createJourneyReactions(stage, { random, pairs: pairOrder, later });
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
    const inOwnDm = members.length === 1 ? byId.get(members[0] ?? '') : undefined;
    if (journey.react(call, inOwnDm, plan)) return;

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
      schedule(later(plan.mentee, now(), 4 + random() * 6), () => replyInThread(plan, plan.mentee, threadTs));
      return;
    }
    const quietPair = buttonValue(blocks, 'pair_inactive_pause');
    if (quietPair !== null && plan !== undefined) {
      schedule(later(plan.mentee, now(), 20), async () => {
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
      schedule(later(partner, now(), 18 + random() * 4), () => giveFeedback(partner, channel, endedPair));
    }
  }

  function answerProposal(mentor: DemoPerson, mentee: DemoPerson, channel: string, proposalId: string) {
    proposalsSeen += 1;
    const seen = proposalsSeen;
    load.set(mentor.id, (load.get(mentor.id) ?? 0) + 1);
    schedule(later(mentor, now(), 1 + random() * 6), async () => {
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
      schedule(later(person, now(), hours), async () => {
        const prompt = findMessage(plan.channel, 'prompt_discussed', deliveryId);
        if (prompt !== undefined) await replyInThread(plan, person, prompt.ts);
      });
    const press = (person: DemoPerson, hours: number, actionId: string, label: string) =>
      schedule(later(person, now(), hours), async () => {
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
        else press(pick(random, [mentor, mentee]), 26 + random() * 30, 'prompt_discussed', 'We discussed it');
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
    const ts = `${Math.floor(now() / 1000)}.${String(threadMessages).padStart(6, '0')}`;
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
    schedule(now() + 4 * MINUTE, async () => {
      await submitting(
        `${partner.name} rates the pairing 4 – Very useful, would recommend it, and presses “Send feedback”`,
        partner,
        feedbackValues(4, true, 'We met four times. I now use two new tools every week.'),
      );
    });
  }

  return { react, pairs: pairOrder };
}
