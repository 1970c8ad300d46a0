import type { ReportFigures } from '../../src/domain/report-figures';
import { computeReportFigures } from '../../src/domain/report-figures';
import type { MemberPair, ParticipationSnapshot } from '../../src/domain/participation';
import { parseRowId, SELF_SERVICE_ACTIONS } from '../../src/views/self-service-ids';
import { homeView, leftHomeView } from '../../src/views/home-view';
import {
  leftConfirmationMessage,
  pairingEndedMessage,
  partnerLeftMessage,
  partnerPausedMessage,
  partnerResumedMessage,
  pauseEndedMessage,
  proposalWithdrawnMessage,
} from '../../src/views/participation-messages';
import {
  chooseEndModal,
  feedbackModal,
  leaveModal,
  noticeModal,
  parseFeedbackMetadata,
  pauseModal,
} from '../../src/views/self-service-modals';
import { statusMessage } from '../../src/views/status-view';
import { blockKitProblems } from '../support/block-kit-limits';

const NOW = new Date('2026-11-23T09:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

function pair(id: number, overrides: Partial<MemberPair> = {}): MemberPair {
  return {
    id,
    role: 'mentor',
    partnerId: `UP${id}`,
    partnerName: `Partner ${id}`,
    status: 'active',
    partnerPaused: false,
    startedAt: new Date(NOW.getTime() - 30 * DAY),
    endedAt: null,
    sharedTopics: ['Social media'],
    promptsSent: 4,
    promptsAnswered: 3,
    feedbackGiven: false,
    termEndsAt: new Date(NOW.getTime() + 152 * DAY),
    goals: ['Social media'],
    ...overrides,
  };
}

const newcomer: ParticipationSnapshot = {
  member: null,
  offer: null,
  request: null,
  proposals: [],
  pairs: [],
};

const busy: ParticipationSnapshot = {
  member: { name: 'Ada', pausedAt: null, pausedUntil: null },
  offer: {
    id: 1,
    capacity: 3,
    topics: ['Generative AI tools', 'Social <media> & more'],
    pairsTaken: 1,
    proposalsPending: 1,
    createdAt: new Date(NOW.getTime() - 40 * DAY),
  },
  request: { id: 2, topics: ['Accessibility'], createdAt: new Date(NOW.getTime() - 3 * DAY) },
  proposals: [
    {
      id: 5,
      role: 'mentor',
      otherUserId: 'UBEN',
      otherName: 'Ben',
      createdAt: NOW,
      expiresAt: new Date(NOW.getTime() + 3 * DAY),
    },
  ],
  pairs: [pair(7), pair(8, { role: 'mentee', status: 'paused', partnerPaused: true })],
};

// Someone the Block Kit limits would hurt: the most pairs, proposals and the longest topic names possible.
const crowded: ParticipationSnapshot = {
  ...busy,
  offer: { ...busy.offer!, topics: Array.from({ length: 100 }, (_, i) => `${'Topic '.repeat(6)}${i}`) },
  proposals: Array.from({ length: 30 }, (_, i) => ({ ...busy.proposals[0]!, id: 100 + i })),
  pairs: Array.from({ length: 40 }, (_, i) => pair(200 + i, { sharedTopics: ['x'.repeat(2000)] })),
};

const figures: ReportFigures = computeReportFigures(
  {
    offers: [{ status: 'open', topicNames: ['AI'], capacity: 1, activePairs: 0 }],
    requests: [
      { status: 'open', topicNames: ['Data'], createdAt: NOW, matchedAt: null },
      { status: 'open', topicNames: ['Data'], createdAt: NOW, matchedAt: null },
    ],
    proposals: [{ status: 'pending' }],
    pairs: [],
    deliveries: [],
    feedback: [{ rating: 4, wouldRecommend: true }],
  },
  NOW,
);

describe('the status message', () => {
  it('is titled with the workspace’s programme name', () => {
    const message = statusMessage(newcomer, NOW, 'Learn Forward');
    expect(message.text).toBe('Your Learn Forward status');
    expect(JSON.stringify(message.blocks)).toContain('*Your Learn Forward status*');
  });

  it('tells a newcomer how to join', () => {
    const text = JSON.stringify(statusMessage(newcomer, NOW, 'Mentor Circles').blocks);
    expect(text).toContain("You're not taking part yet");
    expect(text).toContain('/mentor offer');
  });

  it('shows offer (with places free), request, proposals and pairs with prompt counts', () => {
    const text = JSON.stringify(statusMessage(busy, NOW, 'Mentor Circles').blocks);
    expect(text).toContain('Generative AI tools');
    expect(text).toContain('Social &lt;media&gt; &amp; more');
    expect(text).toContain('Capacity: 3 · *1 place free* (1 pairing, 1 proposal awaiting your answer)');
    expect(text).toContain('Waiting since <!date^');
    expect(text).toContain('You were asked to mentor <@UBEN>');
    expect(text).toContain('<@UP7> — you mentor them');
    expect(text).toContain('prompts: 4 sent, 3 answered · active');
    expect(text).toContain('<@UP8> — they mentor you');
    expect(text).toContain('paused: your partner is taking a break');
  });

  it('does not name a mentor who has not accepted yet', () => {
    const waiting = {
      ...newcomer,
      request: busy.request,
      proposals: [{ ...busy.proposals[0]!, role: 'mentee' as const, otherUserId: 'UMENTOR' }],
    };
    const text = JSON.stringify(statusMessage(waiting, NOW, 'Mentor Circles').blocks);
    expect(text).toContain('A mentor who shares your topics has been asked to confirm');
    expect(text).not.toContain('UMENTOR');
  });

  it('says when the person is on a break and until when', () => {
    const paused = {
      ...busy,
      member: { name: 'Ada', pausedAt: NOW, pausedUntil: new Date(NOW.getTime() + 14 * DAY) },
    };
    const text = JSON.stringify(statusMessage(paused, NOW, 'Mentor Circles').blocks);
    expect(text).toContain('You are taking a break');
    expect(text).toContain('/mentor resume');
    expect(text).toContain('paused while you take a break');
  });

  it.each([
    ['a newcomer', newcomer],
    ['a busy person', busy],
    ['someone with far too much', crowded],
  ])('stays within the message limits for %s', (_who, snapshot) => {
    expect(blockKitProblems('message', json(statusMessage(snapshot, NOW, 'Mentor Circles')))).toEqual([]);
  });
});

describe('the Home tab', () => {
  const actions = (view: unknown) =>
    JSON.stringify(view)
      .match(/"action_id":"([a-z_]+)"/g)
      ?.map((m) => m.slice(13, -1)) ?? [];

  it('offers a newcomer Offer and Find only', () => {
    const view = homeView({ snapshot: newcomer, now: NOW, adminFigures: null });
    expect(actions(view)).toEqual([SELF_SERVICE_ACTIONS.offer, SELF_SERVICE_ACTIONS.find]);
    expect(JSON.stringify(view)).not.toContain('Programme at a glance');
  });

  it('gives a participant Pause, End (per pair and overall) and Leave', () => {
    const view = homeView({ snapshot: busy, now: NOW, adminFigures: null });
    expect(actions(view)).toEqual([
      SELF_SERVICE_ACTIONS.endPair,
      SELF_SERVICE_ACTIONS.endPair,
      SELF_SERVICE_ACTIONS.offer,
      SELF_SERVICE_ACTIONS.find,
      SELF_SERVICE_ACTIONS.pause,
      SELF_SERVICE_ACTIONS.end,
      SELF_SERVICE_ACTIONS.leave,
    ]);
    expect(JSON.stringify(view)).toContain('Edit my offer');
  });

  it('shows Resume instead of Pause during a break', () => {
    const paused = { ...busy, member: { name: 'Ada', pausedAt: NOW, pausedUntil: null } };
    const found = actions(homeView({ snapshot: paused, now: NOW, adminFigures: null }));
    expect(found).toContain(SELF_SERVICE_ACTIONS.resume);
    expect(found).not.toContain(SELF_SERVICE_ACTIONS.pause);
  });

  it('shows admins the headline figures and a Full report button', () => {
    const view = homeView({ snapshot: newcomer, now: NOW, adminFigures: figures });
    const text = JSON.stringify(view);
    expect(text).toContain('Programme at a glance');
    expect(text).toContain('*Mentees waiting*\\n2');
    expect(text).toContain('4.0 / 5 (1)');
    expect(text).toContain('Data (2 more mentees than mentors)');
    expect(actions(view)).toContain(SELF_SERVICE_ACTIONS.fullReport);
  });

  it.each([
    ['a newcomer', newcomer, null],
    ['a busy admin', busy, figures],
    ['someone with far too much', crowded, figures],
  ])('stays within the Home tab limits for %s', (_who, snapshot, adminFigures) => {
    expect(blockKitProblems('home', json(homeView({ snapshot, now: NOW, adminFigures })))).toEqual([]);
  });

  it('shows someone who has left nothing about them', () => {
    expect(blockKitProblems('home', json(leftHomeView()))).toEqual([]);
    expect(JSON.stringify(leftHomeView())).toContain('erased');
  });
});

describe('the self-service modals and messages', () => {
  it.each([
    ['feedback (end)', feedbackModal({ pairId: 3, mode: 'end', partnerId: 'UB', role: 'mentor' })],
    ['feedback (after)', feedbackModal({ pairId: 3, mode: 'feedback', partnerId: null, role: 'mentee' })],
    [
      'choose a pair',
      chooseEndModal(
        Array.from({ length: 150 }, (_, i) => ({
          id: i,
          partnerName: 'N'.repeat(200),
          role: 'mentor' as const,
        })),
      ),
    ],
    ['pause', pauseModal()],
    ['leave', leaveModal()],
    ['notice', noticeModal('A title far longer than twenty-four characters', 'x'.repeat(5000))],
  ])('the %s modal stays within the limits', (_name, view) => {
    expect(blockKitProblems('modal', json(view))).toEqual([]);
  });

  it('carries the pair and mode through private metadata, and refuses tampered metadata', () => {
    const view = feedbackModal({ pairId: 42, mode: 'end', partnerId: 'UB', role: 'mentor' });
    expect(parseFeedbackMetadata(view.private_metadata ?? '')).toEqual({ pairId: 42, mode: 'end' });
    expect(parseFeedbackMetadata('{"pairId":"1; drop","mode":"end"}')).toBeNull();
    expect(parseFeedbackMetadata('not json')).toBeNull();
    expect(parseFeedbackMetadata('{"pairId":1,"mode":"delete"}')).toBeNull();
  });

  it('explains in the leave modal what is erased and what is kept', () => {
    const text = JSON.stringify(leaveModal());
    for (const part of [
      'profile',
      'offer',
      'request',
      'proposals',
      "don't match me with",
      'comments',
      'anonymous',
    ])
      expect(text).toContain(part);
  });

  it.each([
    ['partner paused', partnerPausedMessage('UA', new Date(NOW.getTime() + 7 * DAY), 'Mentor Circles')],
    ['partner paused, open-ended', partnerPausedMessage('UA', null, 'Mentor Circles')],
    ['partner resumed', partnerResumedMessage('UA')],
    ['pause ended', pauseEndedMessage('Mentor Circles')],
    ['pairing ended', pairingEndedMessage('UA', 9, 'Mentor Circles')],
    ['partner left', partnerLeftMessage('UA', 9, 'Mentor Circles')],
    ['left', leftConfirmationMessage('Mentor Circles')],
    ['withdrawn (self)', proposalWithdrawnMessage('self-paused')],
    ['withdrawn (paused)', proposalWithdrawnMessage('other-paused')],
    ['withdrawn (left)', proposalWithdrawnMessage('other-left')],
  ])('the "%s" message stays within the limits', (_name, message) => {
    expect(blockKitProblems('message', json(message))).toEqual([]);
  });

  it('offers feedback with a button naming the pair when a pairing ends', () => {
    const text = JSON.stringify(pairingEndedMessage('UA', 9, 'Mentor Circles'));
    expect(text).toContain(`"action_id":"${SELF_SERVICE_ACTIONS.giveFeedback}"`);
    expect(text).toContain('"value":"9"');
  });
});

describe('reading the id a button or option carries', () => {
  it.each([
    ['1', 1],
    ['42', 42],
    ['999999999999999', 999999999999999],
    ['0', null],
    ['01', null],
    ['1.0', null],
    [' 1', null],
    ['-1', null],
    ['0x1', null],
    ['1e3', null],
    ['', null],
    ['9999999999999999', null],
    [true, null],
    [[1], null],
    [null, null],
  ])('%p reads as %p', (value, id) => {
    expect(parseRowId(value as string)).toBe(id);
  });
});
