// `npm run demo` in a reduced size: the whole programme runs through signed requests against the real app, the
// transcript shows every stage (a pairing's whole journey from goals to close included), and the HTML page is
// well-formed and shows every message the app sent.
import fs from 'node:fs';
import path from 'node:path';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { DateTime } from 'luxon';
import { runDemo, type DemoResult } from '../../dev/demo';
import { COMPANY_PROMPT, PROGRAMME_NAME } from '../../dev/demo-admin';
import { demoCompany } from '../../dev/demo-company';
import { makeTempDir } from '../support/test-database';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

// runDemo's default seed: the same company the demo ran with.
const DEMO_SEED = 20260504;
// Weeks enough for the demo's 6-week term, a follow-up 30 days after it and the report.
const DEMO_WEEKS = 11;
const VOID_ELEMENTS = new Set(['br', 'hr', 'img', 'meta', 'link', 'input']);

let temp: { dir: string; cleanup: () => void };
let result: DemoResult;
let printed: string[];

beforeAll(async () => {
  temp = makeTempDir('mentor-circles-demo-test-');
  printed = [];
  result = await runDemo({
    people: 16,
    weeks: DEMO_WEEKS,
    outputDir: temp.dir,
    log: (text) => printed.push(text),
  });
}, 120_000);

afterAll(() => {
  temp.cleanup();
});

const stepsWith = (headline: RegExp) =>
  result.transcript.steps.filter((step) => headline.test(step.headline));
const messageTexts = (step: DemoResult['transcript']['steps'][number]) =>
  step.items.flatMap((item) => (item.kind === 'message' ? [item.text] : []));

describe('the demo programme', () => {
  it('runs cleanly: the app logged no warning or error', () => {
    expect(result.problems).toEqual([]);
  });

  it('prints a transcript with every stage, grouped by week, ending with the report', () => {
    const text = printed.join('\n');
    const stages: [string, string[]][] = [
      [
        'admin set-up',
        [
          "(programme admin) opens the app's Home tab",
          'clicks “Levels and departments”',
          '1. Graduate or apprentice',
          'Renamed People/HR to People & Culture',
          'Added Data & AI.',
          'keeps the weekly question on Monday but moves it from 9:00 to 10:00, sets a 6-week term with 4-week extensions and saves',
          'Saved: Programme name, Welcome text, Prompt hour (local time, 0–23), Term of a new pairing (weeks), An extension adds (weeks).',
          'Added Podcasting.',
          'merges it into “Generative AI tools”',
        ],
      ],
      [
        'prompt library',
        [
          'clicks “Prompts” in the Home tab',
          "adds a question of the company's own",
          `12. ${COMPANY_PROMPT}`,
          'moves it to the top of the list, so that pairs start with it, and saves',
          'Saved prompt 1.',
          `1. ${COMPANY_PROMPT}`,
        ],
      ],
      [
        'weekly digest',
        [
          'clicks “Weekly digest” in the Home tab',
          'asks for the weekly digest on Mondays at 10:00 and saves',
          'You will get the weekly digest on Mondays at 10:00 your time.',
          'Your weekly programme digest',
          'Quiet for 14 days or more: 1',
          '[ Open pair health ]',
          'chooses “No” under “Send me the weekly digest” and saves',
          'You will no longer get the weekly digest.',
        ],
      ],
      [
        'acting on pair health',
        [
          "reads this week's digest and clicks “Open pair health” under it",
          '[ Nudge ] [ End pairing ]',
          'clicks “Nudge” under the quiet pair',
          'Hello from the programme team! It has been a little while since you two last talked here.',
          'The pair has been sent a friendly note.',
        ],
      ],
      [
        'invitation',
        ['picks #general and presses “Post”', 'Message in #general', '[ I can teach ] [ I want to learn ]'],
      ],
      [
        'joining from the invitation',
        [
          'clicks “I can teach” under the invitation in #general',
          'clicks “I want to learn” under the invitation in #general',
        ],
      ],
      ['offer', ['types /mentor offer', 'Thank you for offering to mentor!']],
      ['find', ['types /mentor find', 'You have asked for a mentor.']],
      ['invalid submission', ['with an error under the field', 'Choose at least one topic']],
      ['proposal', ['Would you mentor', '[ Accept ] [ Decline ]']],
      ['accept', ['clicks “Accept” on the proposal', 'You accepted.']],
      ['decline', ['clicks “Decline” on the proposal', 'You declined mentoring']],
      ['intro', ['Meet your reverse-mentoring partner']],
      ['prompts', ["This week's question", '(10:00 in Kolkata)', '(10:00 in London)', '(10:00 in New York)']],
      ['reply', ['writes in the thread']],
      ['nudge', ['A gentle reminder']],
      ['inactivity question', ['questions went unanswered', 'clicks “Pause” under the question']],
      ['pause', ['types /mentor pause 2', 'You are on a break', 'is taking a short break']],
      ['end', ['types /mentor end', 'Your pairing has ended', 'clicks “Share feedback”']],
      ['leave', ['types /mentor leave', 'your data has been erased', 'is no longer taking part']],
      [
        'goals',
        [
          'What would you like to get out of your pairing',
          'clicks “Set my goals”',
          'presses “Save my goals”',
          'has set their goals for this pairing:',
          "A gentle reminder: you haven't set goals",
        ],
      ],
      [
        'fit check',
        [
          'is it a good fit?',
          'answers “Good fit”, privately',
          'answers “Still deciding”, privately',
          'you were still deciding about your pairing',
          'answers “Not a good fit”, privately',
          'Sometimes two people are simply not the right match',
          'clicks “Go back into the pool”',
        ],
      ],
      [
        "mentor's private voice",
        [
          'clicks “Answer privately”',
          'ticks “I’d like the programme team to contact me”',
          'clicks “Pair health” in the Home tab',
          'Mentors who asked to be contacted',
        ],
      ],
      ['midpoint', ["You're halfway through your pairing", 'rates each goal again, privately']],
      [
        'term choice',
        [
          'Would you like to carry on for another 4 weeks, or wrap up?',
          'chooses “Extend”, privately',
          'You both chose to carry on',
          'chooses “Wrap up”, privately',
        ],
      ],
      [
        'close',
        [
          'Your pairing has reached the end of its term',
          'clicks “Answer the close survey”',
          'writes down one thing they will do differently',
          'clicks “Re-rate my goals”',
        ],
      ],
      ['follow-up', ['Did you do it?', 'clicks “Show what I wrote”', 'You wrote: “', 'answers “Yes”']],
      ['report', ['types /mentor report', `${PROGRAMME_NAME} programme report`, 'report as CSV files']],
      [
        'outcomes',
        [
          'Outcomes of the pairing journey, all pairs',
          'Early exits (ended as not a good fit): 1 pair',
          'Extended: 1 pair',
          'fewer than 5 answers',
        ],
      ],
    ];
    for (const [stage, markers] of stages) {
      for (const marker of markers)
        expect({ stage, found: text.includes(marker) }).toEqual({ stage, found: true });
    }
    const weekHeadings = [...text.matchAll(/^━━━━ (Week \d+|After the programme)/gm)].map(
      (match) => match[1],
    );
    expect(weekHeadings).toEqual([
      ...Array.from({ length: DEMO_WEEKS }, (_, week) => `Week ${week}`),
      'After the programme',
    ]);
    expect(text.indexOf(`${PROGRAMME_NAME} programme report`)).toBeGreaterThan(
      text.indexOf('━━━━ After the programme'),
    );
  });

  it('shows one blameless re-match: the same neutral words for both, and the mentee matched with someone new', () => {
    const notAFit = stepsWith(/answers “Not a good fit”/);
    expect(notAFit).toHaveLength(1);
    const mentee = notAFit[0]!.headline.replace(/ answers “Not a good fit”.*$/, '');
    const closes = result.transcript.steps.flatMap((step) =>
      step.items.flatMap((item) =>
        item.kind === 'message' && item.text.includes('Sometimes two people are simply not the right match')
          ? [item]
          : [],
      ),
    );
    // Both people, each in their own DM, read the same words: never who answered, never why.
    expect(closes).toHaveLength(2);
    expect(closes[0]!.text).toBe(closes[1]!.text);
    expect(closes.map((item) => item.audience)).toContain(`the DM of ${mentee}`);
    const intros = result.transcript.steps.flatMap((step) =>
      step.items.flatMap((item) =>
        item.kind === 'message' &&
        item.text.startsWith('Meet your reverse-mentoring partner') &&
        item.audience.includes(mentee)
          ? [{ at: step.at.getTime(), audience: item.audience }]
          : [],
      ),
    );
    const endedAt = notAFit[0]!.at.getTime();
    const before = intros.filter((intro) => intro.at < endedAt);
    const after = intros.filter((intro) => intro.at > endedAt);
    expect(before).toHaveLength(1);
    expect(after).toHaveLength(1);
    const formerPartner = before[0]!.audience.replace('the group DM of ', '').replace(mentee, '');
    const formerName = formerPartner.replace(/^ & | & $/g, '');
    expect(stepsWith(/clicks “Go back into the pool”/).map((step) => step.headline)).toEqual([
      `${mentee} clicks “Go back into the pool”`,
    ]);
    expect(after[0]!.audience).not.toContain(formerName);
  });

  it('proposes the next candidate as soon as a mentor declines', () => {
    const [decline] = stepsWith(/clicks “Decline”/);
    expect(decline).toBeDefined();
    expect(messageTexts(decline!).some((text) => text.startsWith('Would you mentor'))).toBe(true);
  });

  it('starts every pair with the question the admin put first, and nudges a quiet pair in its own group DM', () => {
    const firstQuestions = new Map<string, string>();
    for (const step of result.transcript.steps)
      for (const item of step.items)
        if (item.kind === 'message' && !item.inThread && item.text.startsWith("This week's question"))
          if (!firstQuestions.has(item.audience)) firstQuestions.set(item.audience, item.text);
    expect(firstQuestions.size).toBeGreaterThanOrEqual(4);
    for (const [audience, question] of firstQuestions)
      expect({ audience, first: question.includes(COMPANY_PROMPT) }).toEqual({ audience, first: true });

    const [nudge] = stepsWith(/clicks “Nudge” under the quiet pair/);
    const note = nudge?.items.find(
      (item) => item.kind === 'message' && item.text.startsWith('Hello from the programme team!'),
    );
    expect(note?.kind === 'message' && note.audience.startsWith('the group DM of')).toBe(true);
    expect(nudge?.week).toBe(3);
  });

  it('sends the admin a weekly digest every Monday until they turn it off', () => {
    const digestWeeks = result.transcript.steps.flatMap((step) =>
      messageTexts(step).some((text) => text.startsWith('Weekly digest:')) ? [step.week] : [],
    );
    const [off] = stepsWith(/chooses “No” under “Send me the weekly digest”/);
    expect(off?.week).toBe(6);
    expect(digestWeeks.length).toBeGreaterThanOrEqual(3);
    expect(new Set(digestWeeks).size).toBe(digestWeeks.length);
    expect(digestWeeks.filter((week) => week > 6)).toEqual([]);
  });

  it('sends each week’s question at Monday 10:00 in the mentee’s time zone, in all three time zones', () => {
    const promptTicks = result.transcript.steps.filter((step) =>
      messageTexts(step).some((text) => text.startsWith("This week's question")),
    );
    const weeks = new Set(promptTicks.map((step) => step.week));
    // Every week until the first terms wrap up has its questions (the extended pair's come later).
    for (let week = 1; week <= 6; week += 1)
      expect({ week, prompts: weeks.has(week) }).toEqual({ week, prompts: true });
    // Every question, read in its mentee's time zone, came at Monday 10:00; the one exception is a week whose
    // slot passed while the pair was on a break: its question comes when the break ends, later that week.
    const people = demoCompany(16, DEMO_SEED);
    const menteeIn = (audience: string) => {
      const inPair = people.filter((person) => audience.includes(person.name));
      const mentee = inPair.find((person) => person.role === 'mentee');
      if (inPair.length !== 2 || mentee === undefined) throw new Error(`no pair in "${audience}"`);
      return mentee;
    };
    const sent = promptTicks.flatMap((step) =>
      step.items.flatMap((item) =>
        item.kind === 'message' && !item.inThread && item.text.startsWith("This week's question")
          ? [{ step, mentee: menteeIn(item.audience) }]
          : [],
      ),
    );
    expect(sent.length).toBeGreaterThanOrEqual(4);
    for (const { step, mentee } of sent) {
      const local = DateTime.fromJSDate(step.at, { zone: mentee.timeZone });
      const breakEnded = step.items.some(
        (item) => item.kind === 'message' && item.text.includes('is back from their break'),
      );
      const slot = local.startOf('week').set({ hour: 10 });
      const when = breakEnded
        ? { mentee: mentee.name, afterThisWeeksSlot: local >= slot }
        : { mentee: mentee.name, local: local.toFormat('ccc HH:mm') };
      expect(when).toEqual(
        breakEnded
          ? { mentee: mentee.name, afterThisWeeksSlot: true }
          : { mentee: mentee.name, local: 'Mon 10:00' },
      );
    }
    // All three time zones had their questions.
    expect(new Set(sent.map(({ mentee }) => mentee.timeZone)).size).toBe(3);
  });

  it('writes the transcript, the CSV files and the chart images into the output folder', () => {
    const names = fs.readdirSync(temp.dir).sort();
    expect(names).toEqual(expect.arrayContaining(['transcript.html', 'transcript.txt']));
    expect(names.filter((name) => name.endsWith('.csv'))).toHaveLength(4);
    const charts = names.filter((name) => name.endsWith('.png'));
    expect(charts.length).toBeGreaterThanOrEqual(1);
    for (const chart of charts) {
      expect(fs.readFileSync(path.join(temp.dir, chart)).subarray(0, 8)).toEqual(
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      );
    }
    const pairsCsv = fs.readFileSync(
      path.join(
        temp.dir,
        names.find((name) => name.endsWith('pairs.csv'))!,
      ),
      'utf8',
    );
    expect(pairsCsv.split('\n').length).toBeGreaterThan(3);
    expect(fs.readFileSync(path.join(temp.dir, 'transcript.txt'), 'utf8')).toBe(`${result.text}`);
  });
});

describe('the demo on PostgreSQL (npm run demo -- --postgres)', () => {
  let postgresTemp: { dir: string; cleanup: () => void };
  let onPostgres: DemoResult;

  beforeAll(async () => {
    postgresTemp = makeTempDir('mentor-circles-demo-postgres-test-');
    onPostgres = await runDemo({
      people: 16,
      weeks: DEMO_WEEKS,
      outputDir: postgresTemp.dir,
      postgres: true,
    });
  }, 240_000);

  afterAll(() => {
    postgresTemp.cleanup();
  });

  it('tells the same story as on SQLite, byte for byte, with no warning or error', () => {
    expect(onPostgres.problems).toEqual([]);
    expect(onPostgres.text).toBe(result.text);
    expect(fs.readFileSync(path.join(postgresTemp.dir, 'transcript.txt'))).toEqual(
      fs.readFileSync(path.join(temp.dir, 'transcript.txt')),
    );
  });
});

describe('the HTML transcript', () => {
  let html: string;
  let document: DefaultTreeAdapterMap['document'];
  let parseErrors: string[];

  beforeAll(() => {
    html = fs.readFileSync(path.join(temp.dir, 'transcript.html'), 'utf8');
    parseErrors = [];
    document = parse(html, {
      sourceCodeLocationInfo: true,
      onParseError: (error) => parseErrors.push(`${error.code} at ${error.startLine}:${error.startCol}`),
    });
  });

  function elements(node: Node): Element[] {
    const children = 'childNodes' in node ? node.childNodes : [];
    const own = 'tagName' in node ? [node] : [];
    return [...own, ...children.flatMap(elements)];
  }

  function textOf(node: Node): string {
    if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
    if ('tagName' in node && (node.tagName === 'style' || node.tagName === 'title')) return '';
    return 'childNodes' in node ? node.childNodes.map(textOf).join(' ') : '';
  }

  it('is well-formed: no parse error, every element opened and closed explicitly, nothing implied', () => {
    expect(parseErrors).toEqual([]);
    const all = elements(document);
    for (const element of all) {
      const location = element.sourceCodeLocation;
      expect({ tag: element.tagName, opened: location?.startTag !== undefined }).toEqual({
        tag: element.tagName,
        opened: true,
      });
      if (!VOID_ELEMENTS.has(element.tagName)) {
        // An end tag the parser had to imply means the tags were not nested as written.
        expect({
          tag: element.tagName,
          line: location?.startLine,
          closed: location?.endTag !== undefined,
        }).toEqual({
          tag: element.tagName,
          line: location?.startLine,
          closed: true,
        });
      }
    }
    // And no stray end tag the parser silently dropped.
    const endTags = html.match(/<\/[a-zA-Z][a-zA-Z0-9]*\s*>/g) ?? [];
    expect(endTags.length).toBe(
      all.filter((element) => element.sourceCodeLocation?.endTag !== undefined).length,
    );
  });

  it('escapes what people typed instead of letting it become markup', () => {
    expect(html).toContain('uses &amp; the habits behind them (&lt;30 s videos included)');
    expect(html).not.toContain('(<30 s');
  });

  it('shows every message the app posted or updated, in its words', () => {
    const page = letters(textOf(document));
    expect(result.sent.length).toBeGreaterThan(50);
    let missing = 0;
    for (const message of result.sent) {
      const segments = expectedSegments(
        message.blocks.length > 0 ? message.blocks : [message.text],
        result.names,
      );
      let from = 0;
      for (const segment of segments) {
        const found = page.indexOf(segment, from);
        if (found === -1) {
          missing += 1;
          break;
        }
        from = found + segment.length;
      }
    }
    expect(missing).toBe(0);
  });

  it('shows every ephemeral answer sent to response_url', () => {
    const page = letters(textOf(document));
    expect(result.responses.length).toBeGreaterThan(0);
    for (const response of result.responses) {
      const blocks = Array.isArray(response.blocks) ? (response.blocks as unknown[]) : [];
      for (const segment of expectedSegments(
        blocks.length > 0 ? blocks : [String(response.text ?? '')],
        result.names,
      )) {
        expect(page).toContain(segment);
      }
    }
  });
});

/** Letters and digits only: formatting, spacing and punctuation differ between Slack's mrkdwn and HTML. */
function letters(text: string): string {
  return text.replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Every piece of text in a message's blocks (or a bare mrkdwn string), mentions shown as names, split where
 * the page shows something else instead (an emoji code, a localised date), so each piece must appear in order.
 */
function expectedSegments(blocksOrText: unknown[], names: (userId: string) => string): string[] {
  const texts: string[] = [];
  // Only text objects' text is shown: ids, types, styles and button values are not.
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'text' && typeof child === 'string') texts.push(child);
        else collect(child);
      }
    }
  };
  for (const entry of blocksOrText) {
    if (typeof entry === 'string') texts.push(entry);
    else collect(entry);
  }
  return texts
    .flatMap((text) =>
      text
        .replace(/<@(\w+)>/g, (_whole, id: string) => names(id))
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&')
        .split(/<![^>]*>|:[a-z0-9_+-]+:/),
    )
    .map(letters)
    .filter((segment) => segment !== '');
}
