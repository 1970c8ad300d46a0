// The demo's Block Kit renderer: Slack mrkdwn and blocks as terminal text and as escaped, well-nested HTML.
import { blocksToHtml } from '../../dev/demo-block-kit-html';
import { blocksToText, viewToText } from '../../dev/demo-block-kit-text';
import { mrkdwnToHtml, mrkdwnToText } from '../../dev/demo-mrkdwn';

const names = (userId: string) => ({ U1: 'Ada Lovelace', U2: "Sam O'Brien" })[userId] ?? userId;

describe('mrkdwn', () => {
  it.each([
    ['mentions become names', 'Hi <@U1> and <@U2>', "Hi @Ada Lovelace and @Sam O'Brien"],
    ['escaped user text is shown as typed', 'R&amp;D &lt;fast&gt;', 'R&D <fast>'],
    ['bold markers go', '*Why you:* shared topics', 'Why you: shared topics'],
    ['quotes get a bar', 'Goals:\n>learn AI\n>soon', 'Goals:\n│ learn AI\n│ soon'],
    [
      'dates show their day',
      'until <!date^1780358400^{date_short_pretty}|2026-06-02>',
      'until Tue, 2 Jun 2026',
    ],
    ['known emoji become characters', ':wave: hello :unknown_thing:', '👋 hello :unknown_thing:'],
    [
      'links keep their address',
      'see <https://example.com|the guide>',
      'see the guide (https://example.com)',
    ],
  ])('%s', (_case, source, text) => {
    expect(mrkdwnToText(source, names)).toBe(text);
  });

  it.each([
    [
      'escapes text that was escaped for Slack',
      'R&amp;D &lt;b&gt;x&lt;/b&gt;',
      'R&amp;D &lt;b&gt;x&lt;/b&gt;',
    ],
    ['escapes quotes and apostrophes', 'say "hi" it\'s', 'say &quot;hi&quot; it&#39;s'],
    ['mentions are escaped names', 'ping <@U2>', 'ping <span class="mention">@Sam O&#39;Brien</span>'],
    [
      'formatting nests inside the escaping',
      '*bold* _it_ ~gone~ `code`',
      '<b>bold</b> <i>it</i> <s>gone</s> <code>code</code>',
    ],
    [
      'a bold name around a mention',
      '*Mentor:* <@U1>',
      '<b>Mentor:</b> <span class="mention">@Ada Lovelace</span>',
    ],
    ['quotes become one blockquote', 'Goals:\n>a\n>b\nend', 'Goals:<blockquote>a<br>b</blockquote>end'],
    ['unbalanced markers stay text', '*half _open', '*half _open'],
  ])('HTML: %s', (_case, source, html) => {
    expect(mrkdwnToHtml(source, names)).toBe(html);
  });
});

describe('blocks', () => {
  const modal = {
    type: 'modal',
    title: { type: 'plain_text', text: 'Find a mentor' },
    submit: { type: 'plain_text', text: 'Ask for a mentor' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: 'topics',
        optional: true,
        label: { type: 'plain_text', text: 'Topics I want to learn' },
        element: {
          type: 'multi_static_select',
          options: ['AI', 'Video'].map((text, i) => ({
            text: { type: 'plain_text', text },
            value: String(i),
          })),
        },
      },
      {
        type: 'input',
        block_id: 'level',
        label: { type: 'plain_text', text: 'My level' },
        element: {
          type: 'static_select',
          options: [{ text: { type: 'plain_text', text: 'Manager' }, value: '4' }],
        },
      },
    ],
  };

  it('shows a modal with its fields, buttons and the error under the right field', () => {
    expect(viewToText(modal, names, { topics: 'Choose at least one topic.' })).toEqual([
      '▌Find a mentor',
      'Topics I want to learn (optional): ▾ several of 2 options',
      '    ⚠ Choose at least one topic.',
      'My level: ▾ one of: Manager',
      '[ Ask for a mentor ] [ Cancel ]',
    ]);
    const html = blocksToHtml(modal.blocks, names, { topics: 'Choose <one>' });
    expect(html).toContain('<div class="error">⚠ Choose &lt;one&gt;</div>');
    expect(html).toContain('class="input has-error"');
  });

  it('shows sections with fields, context, dividers and buttons', () => {
    const blocks = [
      { type: 'header', text: { type: 'plain_text', text: 'Report' } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '*Participants*' },
        fields: [{ type: 'mrkdwn', text: '*Mentors*\n12' }],
      },
      { type: 'divider' },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'as of today' }] },
      {
        type: 'actions',
        elements: [
          { type: 'button', text: { type: 'plain_text', text: 'Accept' }, style: 'primary', value: '1' },
          { type: 'button', text: { type: 'plain_text', text: 'Decline' }, value: '1' },
        ],
      },
    ];
    expect(blocksToText(blocks, names)).toEqual([
      '▌Report',
      'Participants',
      '  Mentors: 12',
      '────────',
      '  › as of today',
      '[ Accept ] [ Decline ]',
    ]);
    expect(blocksToHtml(blocks, names)).toContain(
      '<div class="actions"><span class="button primary">Accept</span><span class="button">Decline</span></div>',
    );
  });
});
