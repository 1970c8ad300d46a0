// How the demo's people answer the pairing journey's private DMs: mentees set goals (one only after the
// reminder) and re-rate them halfway and at the close; both answer the fit check (one is still deciding, and in
// exactly one pair someone says it is not a good fit: that mentee goes back into the pool and is matched anew);
// mentors answer their private question (one asks to be contacted); one pair extends its term while the others
// wrap up (some by choosing to, some by not answering); both answer the close survey, one senior writes down a
// commitment and answers the follow-up 30 days later.
import { GOAL_FIELDS, GOAL_SLOTS } from '../src/domain/goals-form';
import { JOURNEY_ACTIONS, JOURNEY_FIELDS } from '../src/views/journey-ids';
import { asObject, asObjects, buttonValue, optionsOf } from './demo-block-kit-json';
import { MINUTE } from './demo-calendar';
import { pick, type DemoPerson, type Random } from './demo-company';
import { formValues, signupValues } from './demo-forms';
import type { PairPlan } from './demo-reactions';
import type { DemoStage } from './demo-stage';
import type { RecordedCall } from './fake-slack-server';

/** Which pair (in the order they were introduced) plays each part of the journey. */
const PARTS = {
  /** Its mentee sets goals only after the reminder. */
  goalsAfterReminder: 3,
  /** Its mentee answers "Not a good fit", then goes back into the pool. */
  notAFit: 5,
  /** Its mentee is still deciding at first, then finds it a good fit; later both extend. */
  extends: 4,
  /** Its mentor asks the programme team to get in touch. */
  mentorAsksForContact: 2,
} as const;

const GOAL_NOTES = [
  'Use it every week without asking my team how.',
  'Understand what our youngest customers actually expect.',
  'Stop feeling lost when the graduates talk about it.',
  'Try three new habits and keep the one that works.',
];

const COMMITMENT = 'Ask a junior colleague for their view before I decide, every week.';

export interface JourneyReactions {
  /** Reacts to a journey DM; false when the call was not one. */
  react(call: RecordedCall, person: DemoPerson | undefined, pairChannel: PairPlan | undefined): boolean;
}

export function createJourneyReactions(
  stage: DemoStage,
  options: {
    random: Random;
    pairs: readonly PairPlan[];
    /** `hours` later, moved into the person's waking hours. */
    later: (person: DemoPerson, from: number, hours: number) => number;
  },
): JourneyReactions {
  const { now, schedule, step, opening, submitting, slack, fake } = stage;
  const { random, pairs, later } = options;
  const part = (plan: PairPlan, name: keyof typeof PARTS) => pairs.indexOf(plan) === PARTS[name];
  let committed = false;

  /** The person's pairing the DM is about: the latest with the partner it names (or, unnamed, the latest). */
  function pairOf(person: DemoPerson, text: string): PairPlan | undefined {
    return [...pairs].reverse().find((plan) => {
      const partner = plan.mentor === person ? plan.mentee : plan.mentee === person ? plan.mentor : null;
      return partner !== null && text.includes(partner.name);
    });
  }

  /** Clicks a button in the person's DM, if the message still carries it. */
  async function click(
    headline: string,
    person: DemoPerson,
    channel: string,
    actionId: string,
    value: string,
  ) {
    const message = fake
      .messages(channel)
      .filter((candidate) => buttonValue(candidate.blocks, actionId) === value)
      .at(-1);
    if (message === undefined) return null;
    return step(headline, person, () => slack.click(person, message, actionId, value));
  }

  /** Clicks a button that opens a form, then fills it in a few minutes later. */
  function openAndSubmit(
    person: DemoPerson,
    at: number,
    opened: { headline: string; channel: string; actionId: string; value: string },
    submitted: () => { headline: string; changes: Parameters<typeof formValues>[1] },
  ) {
    schedule(at, async () => {
      const message = fake
        .messages(opened.channel)
        .filter((candidate) => buttonValue(candidate.blocks, opened.actionId) === opened.value)
        .at(-1);
      if (message === undefined) return;
      const shown = await opening(opened.headline, person, () =>
        slack.click(person, message, opened.actionId, opened.value),
      );
      if (!shown) return;
      schedule(now() + (2 + Math.floor(random() * 4)) * MINUTE, async () => {
        const { headline, changes } = submitted();
        await submitting(headline, person, formValues(slack.modalOf(person.id) ?? {}, changes));
      });
    });
  }

  function setGoals(person: DemoPerson, channel: string, value: string, at: number) {
    openAndSubmit(
      person,
      at,
      {
        headline: `${person.name} clicks “Set my goals”`,
        channel,
        actionId: JOURNEY_ACTIONS.openGoals,
        value,
      },
      () => {
        const topicBlock = asObjects(slack.modalOf(person.id)?.blocks).find(
          (block) => block.block_id === GOAL_FIELDS.topic(1),
        );
        const topics = optionsOf(asObject(topicBlock?.element)).map((option) => String(option.value));
        const count = Math.min(topics.length, topics.length > 1 && random() < 0.5 ? 2 : 1);
        const changes: Record<string, string> = {};
        for (const slot of GOAL_SLOTS.slice(0, count)) {
          changes[GOAL_FIELDS.topic(slot)] = topics[slot - 1] ?? '';
          changes[GOAL_FIELDS.confidence(slot)] = String(1 + Math.floor(random() * 3));
          if (slot === 1) changes[GOAL_FIELDS.note(slot)] = pick(random, GOAL_NOTES);
        }
        const chosen = GOAL_SLOTS.slice(0, count).map((slot) => changes[GOAL_FIELDS.topic(slot)]);
        return {
          headline: `${person.name} sets ${count === 1 ? 'a goal' : `${count} goals`} (${chosen.join(', ')}), says how confident they feel today and presses “Save my goals”`,
          changes,
        };
      },
    );
  }

  function rateGoals(person: DemoPerson, channel: string, value: string, at: number, when: string) {
    openAndSubmit(
      person,
      at,
      { headline: `${person.name} clicks “${when}”`, channel, actionId: JOURNEY_ACTIONS.rateGoals, value },
      () => {
        const changes: Record<string, string> = {};
        for (const block of asObjects(slack.modalOf(person.id)?.blocks)) {
          const id = String(block.block_id ?? '');
          if (id.startsWith('goal_rating_')) changes[id] = String(3 + Math.floor(random() * 3));
        }
        return { headline: `${person.name} rates each goal again, privately, and presses “Save”`, changes };
      },
    );
  }

  function react(call: RecordedCall, person: DemoPerson | undefined, plan: PairPlan | undefined): boolean {
    const channel = String(call.params.channel);
    const blocks = call.params.blocks;
    const text = String(call.params.text ?? '');

    // In the pair's group DM: once the term is over, nobody writes there any more.
    if (plan !== undefined) {
      if (text.startsWith('Your pairing has reached the end of its term')) plan.ended = true;
      return false;
    }
    if (person === undefined) return false;

    const goals = buttonValue(blocks, JOURNEY_ACTIONS.openGoals);
    if (goals !== null) {
      const pair = pairOf(person, text);
      const reminder = text.startsWith('A gentle reminder');
      const waitsForReminder = pair !== undefined && part(pair, 'goalsAfterReminder');
      if (reminder === waitsForReminder)
        setGoals(person, channel, goals, later(person, now(), 2 + random() * 20));
      return true;
    }

    const rating = buttonValue(blocks, JOURNEY_ACTIONS.rateGoals);
    const survey = buttonValue(blocks, JOURNEY_ACTIONS.openCloseSurvey);
    if (rating !== null && survey === null) {
      if (random() < 0.75)
        rateGoals(person, channel, rating, later(person, now(), 3 + random() * 30), 'Rate my goals');
      return true;
    }

    const fit = buttonValue(blocks, JOURNEY_ACTIONS.fitGood);
    if (fit !== null) {
      const pair = pairOf(person, text);
      if (pair === undefined) return true;
      const round = Number(fit.split(':')[1]);
      const answer =
        part(pair, 'notAFit') && person === pair.mentee
          ? { actionId: JOURNEY_ACTIONS.fitNot, label: 'Not a good fit' }
          : part(pair, 'extends') && person === pair.mentee && round === 1
            ? { actionId: JOURNEY_ACTIONS.fitDeciding, label: 'Still deciding' }
            : { actionId: JOURNEY_ACTIONS.fitGood, label: 'Good fit' };
      // The one who says "not a good fit" does so at once; the partner would have answered later.
      const hours = answer.actionId === JOURNEY_ACTIONS.fitNot ? 2 : 4 + random() * 30;
      schedule(later(person, now(), hours), async () => {
        if (pair.ended) return;
        if (answer.actionId === JOURNEY_ACTIONS.fitNot) pair.ended = true;
        await click(
          `${person.name} answers “${answer.label}”, privately`,
          person,
          channel,
          answer.actionId,
          fit,
        );
      });
      return true;
    }

    const rejoin = buttonValue(blocks, JOURNEY_ACTIONS.fitRejoin);
    if (rejoin !== null) {
      // The mentee asks for someone new; the mentor's offer is open again anyway.
      if (person.role !== 'mentee') return true;
      schedule(later(person, now(), 20 + random() * 4), async () => {
        const message = fake
          .messages(channel)
          .filter((candidate) => buttonValue(candidate.blocks, JOURNEY_ACTIONS.fitRejoin) === rejoin)
          .at(-1);
        if (message === undefined) return;
        const shown = await opening(`${person.name} clicks “Go back into the pool”`, person, () =>
          slack.click(person, message, JOURNEY_ACTIONS.fitRejoin, rejoin),
        );
        if (!shown) return;
        schedule(now() + 3 * MINUTE, async () => {
          const label = String(asObject(slack.modalOf(person.id)?.submit).text ?? 'Submit');
          await submitting(
            `${person.name} keeps the same topics and presses “${label}”`,
            person,
            signupValues(slack.modalOf(person.id) ?? {}, person),
          );
        });
      });
      return true;
    }

    const voice = buttonValue(blocks, JOURNEY_ACTIONS.openMentorVoice);
    if (voice !== null) {
      const pair = pairOf(person, text);
      const asks = pair !== undefined && part(pair, 'mentorAsksForContact');
      if (!asks && random() < 0.2) return true;
      const candour = asks ? '2' : String(4 + Math.floor(random() * 2));
      openAndSubmit(
        person,
        later(person, now(), 3 + random() * 20),
        {
          headline: `${person.name} clicks “Answer privately”`,
          channel,
          actionId: JOURNEY_ACTIONS.openMentorVoice,
          value: voice,
        },
        () => ({
          headline: asks
            ? `${person.name} answers ${candour} of 5, ticks “I’d like the programme team to contact me” and presses “Send”`
            : `${person.name} answers ${candour} of 5 and presses “Send”`,
          changes: { [JOURNEY_FIELDS.candour]: candour, [JOURNEY_FIELDS.contact]: asks },
        }),
      );
      return true;
    }

    const term = buttonValue(blocks, JOURNEY_ACTIONS.termExtend);
    if (term !== null) {
      const pair = pairOf(person, text);
      if (pair === undefined) return true;
      const round = Number(term.split(':')[1]);
      const extend = part(pair, 'extends') && round === 1;
      // The others wrap up: the mentees of every other pair say so, the rest simply let the term run out.
      const wrapUp = !extend && person === pair.mentee && pairs.indexOf(pair) % 2 === 0;
      if (!extend && !wrapUp) return true;
      schedule(later(person, now(), 2 + random() * 30), async () => {
        await click(
          `${person.name} chooses “${extend ? 'Extend' : 'Wrap up'}”, privately`,
          person,
          channel,
          extend ? JOURNEY_ACTIONS.termExtend : JOURNEY_ACTIONS.termWrapUp,
          term,
        );
      });
      return true;
    }

    if (survey !== null) {
      const pair = pairOf(person, text);
      const commits = !committed && person.role === 'mentee';
      if (commits) committed = true;
      if (!commits && random() < 0.15) return true;
      const usefulness = commits ? '5' : pick(random, ['3', '4', '4', '5', '5']);
      const recommend = usefulness === '3' ? 'no' : 'yes';
      const at = later(person, now(), 2 + random() * 24);
      openAndSubmit(
        person,
        at,
        {
          headline: `${person.name} clicks “Answer the close survey”`,
          channel,
          actionId: JOURNEY_ACTIONS.openCloseSurvey,
          value: survey,
        },
        () => ({
          headline: `${person.name} rates the pairing ${usefulness} of 5, ${recommend === 'yes' ? 'would' : 'would not'} recommend it${commits ? ', writes down one thing they will do differently' : ''} and presses “Send”`,
          changes: {
            [JOURNEY_FIELDS.closeUsefulness]: usefulness,
            [JOURNEY_FIELDS.closeRecommend]: recommend,
            ...(commits ? { [JOURNEY_FIELDS.closeCommitment]: COMMITMENT } : {}),
          },
        }),
      );
      if (rating !== null && pair !== undefined && random() < 0.8)
        rateGoals(person, channel, rating, at + 20 * MINUTE, 'Re-rate my goals');
      return true;
    }

    const followUp = buttonValue(blocks, JOURNEY_ACTIONS.followUpYes);
    if (followUp !== null) {
      const pairId = buttonValue(blocks, JOURNEY_ACTIONS.showCommitment) ?? '';
      const at = later(person, now(), 3 + random() * 6);
      schedule(at, async () => {
        await click(
          `${person.name} clicks “Show what I wrote”`,
          person,
          channel,
          JOURNEY_ACTIONS.showCommitment,
          pairId,
        );
      });
      schedule(at + 2 * MINUTE, async () => {
        await click(`${person.name} answers “Yes”`, person, channel, JOURNEY_ACTIONS.followUpYes, followUp);
      });
      return true;
    }
    return false;
  }

  return { react };
}
