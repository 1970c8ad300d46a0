import {
  inactivityAnswered,
  inactivityQuestion,
  nudgeMessage,
  promptMessage,
  promptMetadata,
  PROMPT_ACTIONS,
} from '../../src/views/prompt-message';
import { blockKitProblems } from '../support/block-kit-limits';

type Json = Record<string, unknown>;
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as Json;
const buttons = (message: Json) =>
  ((message.blocks as Json[]).find((block) => block.type === 'actions')?.elements ?? []) as Json[];

describe('the weekly question message', () => {
  const question = 'What are some examples of reverse mentoring and who’s doing it well?';

  it('shows the question, invites both to answer in the thread and bring it to their next meeting', () => {
    const message = asJson(promptMessage({ deliveryId: 42, question }));
    const shown = JSON.stringify(message.blocks);
    expect(shown).toContain(question);
    expect(shown).toMatch(/answer in this thread/i);
    expect(shown).toMatch(/next meeting/i);
    expect(message.text).toContain(question);
    expect(blockKitProblems('message', message)).toEqual([]);
  });

  it('offers "We discussed it" and "Skip this week", both naming the delivery', () => {
    const elements = buttons(asJson(promptMessage({ deliveryId: 42, question })));
    expect(elements.map((b) => (b.text as Json).text)).toEqual(['We discussed it', 'Skip this week']);
    expect(elements.map((b) => b.action_id)).toEqual([PROMPT_ACTIONS.discussed, PROMPT_ACTIONS.skipped]);
    expect(elements.map((b) => b.value)).toEqual(['42', '42']);
  });

  it.each([
    ['a very long question', 'Why? '.repeat(2000)],
    ['a question full of characters Slack escapes', '<&>'.repeat(1500)],
    ['a question of many lines', 'line\n'.repeat(1500)],
  ])('stays within Block Kit limits for %s', (_label, text) => {
    const message = asJson(promptMessage({ deliveryId: 1, question: text }));
    expect(blockKitProblems('message', message)).toEqual([]);
    expect(JSON.stringify(message.blocks)).toContain('…');
  });

  it('escapes mrkdwn control characters from the library', () => {
    const shown = JSON.stringify(
      promptMessage({ deliveryId: 1, question: 'Is <!channel> & co fine?' }).blocks,
    );
    expect(shown).toContain('&lt;!channel&gt; &amp; co');
    expect(shown).not.toContain('<!channel>');
  });

  it('names the delivery in Slack message metadata', () => {
    expect(promptMetadata(7)).toEqual({ event_type: 'mentor_prompt', event_payload: { delivery_id: 7 } });
  });
});

describe('the reminder and the pause question', () => {
  it('keeps the reminder short and within limits', () => {
    expect(blockKitProblems('message', asJson(nudgeMessage()))).toEqual([]);
  });

  it('asks whether to pause with Pause / Keep going buttons naming the pair', () => {
    const message = asJson(inactivityQuestion({ pairId: 9, unanswered: 3 }));
    expect(blockKitProblems('message', message)).toEqual([]);
    expect(message.text).toContain('last 3 questions');
    expect(buttons(message).map((b) => [(b.text as Json).text, b.value])).toEqual([
      ['Pause', '9'],
      ['Keep going', '9'],
    ]);
  });

  it.each(['pause', 'keep_going', 'resume'] as const)('shows the decision "%s" within limits', (choice) => {
    const message = asJson(inactivityAnswered({ pairId: 9, userId: 'U1', choice }));
    expect(blockKitProblems('message', message)).toEqual([]);
    expect(message.text).toContain('<@U1>');
  });

  it('tells a paused pair how to resume, with a button and the command', () => {
    const message = asJson(inactivityAnswered({ pairId: 9, userId: 'U1', choice: 'pause' }));
    expect(message.text).toContain('/mentor resume');
    expect(buttons(message).map((b) => [b.action_id, b.value])).toEqual([[PROMPT_ACTIONS.resume, '9']]);
  });
});
