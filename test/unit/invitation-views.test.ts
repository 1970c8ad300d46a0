import {
  INVITATION_ACTIONS,
  invitationMessage,
  invitationModal,
  invitationProblemText,
  type InvitationProblem,
} from '../../src/views/invitation-views';
import { blockKitProblems } from '../support/block-kit-limits';

const LONG_NAME = 'Reverse mentoring & <friends> '.repeat(10);

describe('the invitation message', () => {
  it('stays within Block Kit limits, even with a very long programme name, and escapes it in the text', () => {
    const message = invitationMessage({ programmeName: LONG_NAME, joinedSince: 1234 });
    expect(blockKitProblems('message', { blocks: message.blocks as unknown[] })).toEqual([]);
    expect(message.text).toContain('&amp; &lt;friends&gt;');
    expect(JSON.stringify(message.blocks)).toContain(
      '1234 colleagues have joined since the last invitation.',
    );
  });

  it('has the two buttons anyone may click, and counts one joiner in the singular', () => {
    const message = invitationMessage({ programmeName: 'Mentor Circles', joinedSince: 1 });
    const text = JSON.stringify(message.blocks);
    expect(text).toContain(INVITATION_ACTIONS.offer);
    expect(text).toContain(INVITATION_ACTIONS.find);
    expect(text).toContain('1 colleague has joined since the last invitation.');
  });
});

describe('the invitation modal', () => {
  it('stays within Block Kit limits, with or without an earlier invitation', () => {
    for (const history of [
      { previous: null, joinedSince: null },
      {
        previous: { channelId: 'C0LAUNCH', postedBy: 'U0ADMIN', postedAt: new Date('2026-11-23T09:00:00Z') },
        joinedSince: 100_000,
      },
    ]) {
      expect(
        blockKitProblems(
          'modal',
          invitationModal({ programmeName: LONG_NAME, history }) as unknown as Record<string, unknown>,
        ),
      ).toEqual([]);
    }
  });

  it('explains every problem in plain words, without Slack’s error codes', () => {
    const problems: InvitationProblem[] = [
      'not-in-channel',
      'not-found',
      'archived',
      'no-permission',
      'restricted',
    ];
    for (const problem of problems) {
      expect(invitationProblemText(problem)).not.toMatch(/_/);
    }
  });
});
