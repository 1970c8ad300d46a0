import { introductionMessage } from '../../src/views/introduction-message';
import {
  decisionRefusalText,
  menteeProposalNotice,
  proposalClosedMessage,
  proposalGoneMessage,
  proposalRequestMessage,
  waitlistMessage,
  type ProposalClosing,
  type ProposalView,
} from '../../src/views/proposal-messages';
import { blockKitProblems } from '../support/block-kit-limits';

const asJson = (message: object) => message as Record<string, unknown>;
const shown = (message: { text: string; blocks?: unknown[] }) =>
  JSON.stringify(message.blocks) + message.text;

function view(overrides: Partial<ProposalView> = {}): ProposalView {
  return {
    id: 42,
    mentor: {
      userId: 'U0JUNIOR',
      name: 'June Junior',
      levelName: 'Intern or graduate',
      department: 'Engineering',
    },
    mentee: {
      userId: 'U0SENIOR',
      name: 'Sam Senior',
      levelName: 'Executive (VP and above)',
      department: 'Sales',
    },
    menteeTopics: ['Social media', 'Short-form video'],
    goals: 'Learn what to post',
    menteeWasWaitlisted: false,
    reasons: { sharedTopics: ['Social media'], levelGap: 5, crossDepartment: true, waitingDays: 3 },
    ...overrides,
  };
}

function mrkdwnTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(mrkdwnTexts);
  if (value === null || typeof value !== 'object') return [];
  const node = value as Record<string, unknown>;
  const own = node.type === 'mrkdwn' && typeof node.text === 'string' ? [node.text] : [];
  return [...own, ...Object.values(node).flatMap(mrkdwnTexts)];
}

// Everything a person can type, at lengths no real form allows, to prove the limits hold anyway.
const huge = view({
  mentee: {
    userId: 'U0SENIOR',
    name: `<!channel> ${'N'.repeat(400)}`,
    levelName: 'Executive (VP and above)',
    department: 'D'.repeat(3000),
  },
  mentor: {
    userId: 'U0JUNIOR',
    name: 'M'.repeat(400),
    levelName: 'Intern or graduate',
    department: 'E'.repeat(3000),
  },
  menteeTopics: Array.from({ length: 200 }, (_, i) => `Topic number ${i} ${'x'.repeat(30)}`),
  goals: `<script>&\n${'g'.repeat(5000)}`,
  reasons: {
    sharedTopics: Array.from({ length: 200 }, (_, i) => `Shared ${i} ${'y'.repeat(30)}`),
    levelGap: 5,
    crossDepartment: true,
    waitingDays: 400,
  },
});

describe('proposal messages', () => {
  it('asks the mentor with the facts, the reasons and Accept / Decline carrying the proposal id', () => {
    const message = proposalRequestMessage(view(), 72);
    expect(blockKitProblems('message', asJson(message))).toEqual([]);
    const text = shown(message);
    for (const fact of [
      'Sam Senior',
      'Executive (VP and above)',
      'Sales',
      'Short-form video',
      'Learn what to post',
      'You both picked Social media',
      'different departments',
      'waiting for 3 days',
      '72 hours',
    ])
      expect(text).toContain(fact);
    const actions = message.blocks?.find((block) => block.type === 'actions') as {
      elements: { action_id: string; value: string }[];
    };
    expect(actions.elements.map((e) => [e.action_id, e.value])).toEqual([
      ['proposal_accept', '42'],
      ['proposal_decline', '42'],
    ]);
  });

  it('stays within Block Kit limits and escapes what people typed, however long', () => {
    const messages = [
      proposalRequestMessage(huge, 72),
      menteeProposalNotice(huge, 72),
      waitlistMessage(huge.menteeTopics),
      proposalGoneMessage(),
      introductionMessage({ ...huge, sharedTopics: huge.reasons.sharedTopics }),
      ...(['accepted', 'declined', 'expired', 'mentor_full', 'request_gone', 'offer_gone'] as const).map(
        (c) => proposalClosedMessage(huge, c),
      ),
    ];
    for (const message of messages) {
      expect(blockKitProblems('message', asJson(message))).toEqual([]);
      // Plain-text headers show text as typed; everything Slack reads as mrkdwn must be escaped.
      for (const text of [message.text, ...mrkdwnTexts(message.blocks ?? [])]) {
        expect(text).not.toContain('<!channel>');
        expect(text).not.toContain('<script>');
        // Cut before escaping: no half entity such as "&l…" at the end of a shortened text.
        expect(text).not.toMatch(/&[a-z]{0,3}…/);
      }
    }
  });

  it.each<[ProposalClosing, string]>([
    ['accepted', 'You accepted'],
    ['declined', 'You declined'],
    ['expired', 'expired without an answer'],
    ['mentor_full', 'as many people as your offer allows'],
    ['request_gone', 'no longer needs a mentor'],
    ['offer_gone', 'Your offer to mentor is closed'],
  ])('closes a proposal as %s without buttons', (closing, words) => {
    const message = proposalClosedMessage(view(), closing);
    expect(message.blocks?.some((block) => block.type === 'actions')).toBe(false);
    expect(shown(message)).toContain(words);
    expect(shown(message)).toContain('Sam Senior');
  });

  it('tells the mentor to say hello directly when the group DM could not be opened', () => {
    const message = proposalClosedMessage(view(), 'accepted', { introduced: false });
    expect(shown(message)).toContain("couldn't open your group DM");
    expect(shown(message)).toContain('<@U0SENIOR>');
  });

  it('tells the mentee a mentor is being asked, without naming them before they accept', () => {
    const first = shown(menteeProposalNotice(view(), 72));
    expect(first).toContain('we found a mentor for you');
    expect(first).not.toContain('June Junior');
    expect(first).not.toContain('U0JUNIOR');
    expect(shown(menteeProposalNotice(view({ menteeWasWaitlisted: true }), 72))).toContain(
      'a mentor has become available',
    );
  });

  it('introduces the pair with roles, levels, departments, topics and ground rules', () => {
    const message = introductionMessage({
      mentor: view().mentor,
      mentee: view().mentee,
      sharedTopics: ['Social media'],
      goals: null,
    });
    expect(blockKitProblems('message', asJson(message))).toEqual([]);
    const text = shown(message);
    for (const fact of [
      '*Mentor:* <@U0JUNIOR> · Intern or graduate, Engineering',
      '*Mentee:* <@U0SENIOR> · Executive (VP and above), Sales',
      'Social media',
      'Confidentiality',
      'you book the first meeting',
      '45–60 minutes every two to four weeks',
      'Both sides learn',
    ])
      expect(text).toContain(fact);
  });

  it('answers every refused click with its own polite sentence', () => {
    const texts = [
      decisionRefusalText({ kind: 'not_found' }),
      decisionRefusalText({ kind: 'not_yours' }),
      decisionRefusalText({ kind: 'expired' }),
      decisionRefusalText({ kind: 'unavailable', reason: 'mentor_full' }),
      decisionRefusalText({ kind: 'unavailable', reason: 'request_gone' }),
      decisionRefusalText({ kind: 'unavailable', reason: 'offer_gone' }),
      decisionRefusalText({ kind: 'already_decided', status: 'accepted' }),
      decisionRefusalText({ kind: 'already_decided', status: 'declined' }),
      decisionRefusalText({ kind: 'already_decided', status: 'expired' }),
      decisionRefusalText({ kind: 'already_decided', status: 'cancelled' }),
    ];
    expect(new Set(texts).size).toBe(texts.length);
    for (const text of texts) expect(text).toMatch(/^[A-Z"].{20,}/);
  });
});
