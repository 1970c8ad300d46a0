// Where a person stands: their offer, their request, proposals waiting and their pairs. One builder for the
// /mentor status message and the Home tab, so both always say the same thing.
import type { Button, KnownBlock } from '@slack/types';
import type { MemberPair, ParticipationSnapshot } from '../domain/participation';
import { nextMilestone, pairTerm, type Milestone } from '../domain/journey-milestones';
import { isPaused } from '../domain/pause';
import { SELF_SERVICE_ACTIONS } from './self-service-ids';
import { escapeMrkdwn, mention, truncate } from './text';
import { section } from './blocks';

// A person mentors at most three and is rarely mentored twice; these caps only guard the Block Kit limits.
const MAX_PAIRS_SHOWN = 20;
const MAX_PROPOSALS_SHOWN = 10;

export interface StatusOptions {
  now: Date;
  /** On the Home tab each pair gets its own End button. */
  endButtons?: boolean;
}

/** True when the person has nothing in the programme yet. */
export function isNewcomer(snapshot: ParticipationSnapshot): boolean {
  return (
    snapshot.offer === null &&
    snapshot.request === null &&
    snapshot.proposals.length === 0 &&
    snapshot.pairs.length === 0
  );
}

export function statusBlocks(snapshot: ParticipationSnapshot, options: StatusOptions): KnownBlock[] {
  const { now } = options;
  const blocks: KnownBlock[] = [];
  const member = snapshot.member;
  if (member !== null && isPaused(member, now)) {
    const until =
      member.pausedUntil === null
        ? 'until you resume'
        : `until ${slackDate(member.pausedUntil)} (or until you resume)`;
    blocks.push(
      section(
        `:double_vertical_bar: *You are taking a break* ${until}. No prompts and no new matches meanwhile; \`/mentor resume\` brings you back.`,
      ),
    );
  }

  if (isNewcomer(snapshot)) {
    blocks.push(
      section(
        "*You're not taking part yet.* Offer to teach what you know with `/mentor offer`, or ask a less senior colleague to teach you with `/mentor find`.",
      ),
    );
    return blocks;
  }

  const offer = snapshot.offer;
  if (offer !== null) {
    const free = Math.max(0, offer.capacity - offer.pairsTaken - offer.proposalsPending);
    const held = [
      offer.pairsTaken > 0 ? plural(offer.pairsTaken, 'pairing') : null,
      offer.proposalsPending > 0
        ? `${plural(offer.proposalsPending, 'proposal')} awaiting your answer`
        : null,
    ].filter((part) => part !== null);
    blocks.push(
      section(
        [
          '*Your offer to mentor*',
          `Topics: ${topicList(offer.topics)}`,
          `Capacity: ${offer.capacity} · *${plural(free, 'place')} free*${held.length > 0 ? ` (${held.join(', ')})` : ''}`,
        ].join('\n'),
      ),
    );
  }

  const request = snapshot.request;
  if (request !== null) {
    blocks.push(
      section(
        [
          '*Your request for a mentor*',
          `Topics: ${topicList(request.topics)}`,
          `Waiting since ${slackDate(request.createdAt)}`,
        ].join('\n'),
      ),
    );
  }

  if (snapshot.proposals.length > 0) {
    const lines = snapshot.proposals.slice(0, MAX_PROPOSALS_SHOWN).map((proposal) => {
      if (proposal.role === 'mentee') {
        // Like the matcher's own notice, the mentor stays unnamed until they accept: a "no" should not sting.
        return `• A mentor who shares your topics has been asked to confirm, by ${slackDate(proposal.expiresAt)}`;
      }
      const other = proposal.otherUserId === null ? 'a former member' : mention(proposal.otherUserId);
      return `• You were asked to mentor ${other}: please answer by ${slackDate(proposal.expiresAt)}`;
    });
    const hidden = snapshot.proposals.length - MAX_PROPOSALS_SHOWN;
    if (hidden > 0) lines.push(`…and ${hidden} more`);
    blocks.push(section(['*Proposals waiting*', ...lines].join('\n')));
  }

  if (snapshot.pairs.length > 0) {
    blocks.push(section(`*Your pairings* (${snapshot.pairs.length})`));
    const selfPaused = member !== null && isPaused(member, now);
    for (const pair of snapshot.pairs.slice(0, MAX_PAIRS_SHOWN)) {
      blocks.push(pairBlock(pair, selfPaused, options));
    }
    const hidden = snapshot.pairs.length - MAX_PAIRS_SHOWN;
    if (hidden > 0) blocks.push(section(`…and ${hidden} more`));
  }
  return blocks;
}

/** The /mentor status answer: an ephemeral message. */
export function statusMessage(
  snapshot: ParticipationSnapshot,
  now: Date,
  programmeName: string,
): { text: string; blocks: KnownBlock[] } {
  return {
    text: `Your ${programmeName} status`,
    blocks: [
      section(`*Your ${programmeName} status*`),
      ...statusBlocks(snapshot, { now }),
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: '`/mentor pause [weeks]` · `/mentor resume` · `/mentor end` · `/mentor leave` — or open the app’s Home tab.',
          },
        ],
      },
    ],
  };
}

function pairBlock(pair: MemberPair, selfPaused: boolean, options: StatusOptions): KnownBlock {
  const partner = pair.partnerId === null ? 'A former member' : mention(pair.partnerId);
  const role = pair.role === 'mentor' ? 'you mentor them' : 'they mentor you';
  const state =
    pair.status === 'paused'
      ? selfPaused
        ? ':double_vertical_bar: paused while you take a break'
        : pair.partnerPaused
          ? ':double_vertical_bar: paused: your partner is taking a break'
          : ':double_vertical_bar: paused'
      : 'active';
  const text = [
    `${partner} — ${role}`,
    `Since ${slackDate(pair.startedAt)} · prompts: ${pair.promptsSent} sent, ${pair.promptsAnswered} answered · ${state}`,
    ...(pair.sharedTopics.length > 0 ? [`Topics: ${topicList(pair.sharedTopics)}`] : []),
    ...journeyLines(pair, options.now),
  ].join('\n');
  const block: KnownBlock = section(text);
  if (options.endButtons === true && block.type === 'section') {
    const button: Button = {
      type: 'button',
      action_id: SELF_SERVICE_ACTIONS.endPair,
      text: { type: 'plain_text', text: 'End pairing' },
      value: String(pair.id),
    };
    block.accessory = button;
  }
  return block;
}

/** Where the pairing is in its term, its goals, and what comes next for this person. */
function journeyLines(pair: MemberPair, now: Date): string[] {
  const term = pairTerm(pair.startedAt, pair.termEndsAt, now);
  const goals =
    pair.goals.length > 0
      ? `Goals: ${topicList(pair.goals)}`
      : pair.role === 'mentee'
        ? 'Goals: none yet'
        : 'Goals: not set yet by your partner';
  return [
    `Week ${term.week} of ${term.weeks} · the term ends ${slackDate(term.endsAt)}`,
    goals,
    `Next: ${milestoneText(nextMilestone({ ...pair, goalCount: pair.goals.length }, now))}`,
  ];
}

function milestoneText(milestone: Milestone): string {
  switch (milestone.kind) {
    case 'set-goals':
      return 'set your goals with the *Set my goals* button in the DM the app sent you';
    case 'fit-check':
      return `a short private question, from ${slackDate(milestone.from)}, on whether the pairing is a good fit`;
    case 'midpoint':
      return `at the midpoint, ${slackDate(milestone.from)}, you re-rate your goals privately`;
    case 'term-choice':
      return `from ${slackDate(milestone.from)} you each choose privately to extend or wrap up`;
    case 'term-end':
      return `the term ends ${slackDate(milestone.at)}`;
  }
}

function topicList(names: readonly string[]): string {
  return names.length === 0 ? '—' : truncate(names.map(escapeMrkdwn).join(', '), 1500);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** A date Slack shows in the reader's own time zone, with a UTC fallback for clients that cannot. */
export function slackDate(date: Date): string {
  const seconds = Math.floor(date.getTime() / 1000);
  return `<!date^${seconds}^{date_short_pretty}|${date.toISOString().slice(0, 10)}>`;
}
