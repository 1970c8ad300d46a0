// What people saw during the offline demo, as text for the terminal and as a Slack-like HTML page. Everything
// here renders what the fake Slack server recorded (Block Kit views and messages as the app sent them), so the
// transcript shows the app's real output; the demo only adds who did what, and when.

export type Names = (userId: string) => string;

type Json = Record<string, unknown>;

export type TranscriptItem =
  | { kind: 'modal'; audience: string; view: Json; errors?: Record<string, string> }
  | { kind: 'home'; audience: string; view: Json; full: boolean }
  | {
      kind: 'message';
      audience: string;
      text: string;
      blocks: unknown[];
      inThread: boolean;
      updated: boolean;
    }
  | { kind: 'ephemeral'; audience: string; text: string; blocks: unknown[] }
  | { kind: 'said'; audience: string; author: string; text: string }
  | { kind: 'files'; audience: string; comment: string; files: { filename: string; title: string }[] };

export interface TranscriptStep {
  at: Date;
  /** 0 for the sign-up week, 1..n for the programme weeks, n+1 for the wrap-up. */
  week: number;
  /** What happened, in words: "Asha Rao types /mentor offer", "Scheduler tick at 10:00 in London". */
  headline: string;
  /** The time as the person acting saw it, e.g. "14:30 in Kolkata"; empty for the scheduler. */
  localTime: string;
  items: TranscriptItem[];
}

export interface Transcript {
  title: string;
  intro: string[];
  weekTitles: ReadonlyMap<number, string>;
  steps: TranscriptStep[];
}

// --- mrkdwn -------------------------------------------------------------------------------------------------

const EMOJI: Record<string, string> = {
  wave: '👋',
  white_check_mark: '✅',
  speech_balloon: '💬',
  hourglass_flowing_sand: '⏳',
  pause_button: '⏸️',
  arrow_forward: '▶️',
  tada: '🎉',
  bar_chart: '📊',
  warning: '⚠️',
  seedling: '🌱',
  coffee: '☕',
};

function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function emoji(text: string): string {
  return text.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => EMOJI[name] ?? whole);
}

interface ControlToken {
  text: string;
  html: string;
}

// Slack's control sequences (<@U…>, <!date^…|fallback>, <url|label>): the only raw "<" in mrkdwn, because
// user text arrives escaped. They are swapped for placeholders while the rest is formatted.
function controlToken(inner: string, names: Names): ControlToken {
  if (inner.startsWith('@')) {
    const name = names(inner.slice(1).split('|')[0] ?? '');
    return { text: `@${name}`, html: `<span class="mention">@${escapeHtml(name)}</span>` };
  }
  if (inner.startsWith('#')) {
    const label = inner.split('|')[1] ?? inner.slice(1);
    return { text: `#${label}`, html: `<span class="mention">#${escapeHtml(label)}</span>` };
  }
  if (inner.startsWith('!date^')) {
    const [, seconds] = inner.split('^');
    const fallback = decodeEntities(inner.split('|')[1] ?? '');
    const shown = Number.isFinite(Number(seconds)) ? formatDay(new Date(Number(seconds) * 1000)) : fallback;
    return { text: shown, html: `<time>${escapeHtml(shown)}</time>` };
  }
  if (inner.startsWith('!')) {
    const label = inner.split('|')[1] ?? `@${inner.slice(1)}`;
    return { text: label, html: `<span class="mention">${escapeHtml(label)}</span>` };
  }
  const [url = '', label] = inner.split('|');
  const shown = decodeEntities(label ?? url);
  return {
    text: label === undefined ? shown : `${shown} (${decodeEntities(url)})`,
    html: `<a href="${escapeHtml(decodeEntities(url))}">${escapeHtml(shown)}</a>`,
  };
}

const PLACEHOLDER = /\uE000(\d+)\uE001/g;

function withPlaceholders(source: string, names: Names): { body: string; tokens: ControlToken[] } {
  const tokens: ControlToken[] = [];
  const body = source.replace(/<([^<>]+)>/g, (_whole, inner: string) => {
    tokens.push(controlToken(inner, names));
    return `\uE000${tokens.length - 1}\uE001`;
  });
  return { body, tokens };
}

/** Slack mrkdwn as plain text: mentions become names, markers go, quotes get a bar. */
export function mrkdwnToText(source: string, names: Names): string {
  const { body, tokens } = withPlaceholders(source, names);
  return emoji(decodeEntities(body))
    .split('\n')
    .map((line) => (line.startsWith('>') ? `│ ${line.slice(1)}` : line))
    .join('\n')
    .replace(/(^|[\s(])\*([^*\n]+)\*(?=$|[\s).,!?:;…])/gm, '$1$2')
    .replace(/(^|[\s(])~([^~\n]+)~(?=$|[\s).,!?:;])/gm, '$1$2')
    .replace(PLACEHOLDER, (_whole, index: string) => tokens[Number(index)]?.text ?? '');
}

function inlineHtml(escaped: string): string {
  // The contents exclude "<" and ">", so every tag made here closes before the next one opens.
  return escaped
    .replace(/`([^`\n<>]+)`/g, '<code>$1</code>')
    .replace(/(^|[\s(])\*([^*\n<>]+)\*(?=$|[\s).,!?:;…])/gm, '$1<b>$2</b>')
    .replace(/(^|[\s(])_([^_\n<>]+)_(?=$|[\s).,!?:;])/gm, '$1<i>$2</i>')
    .replace(/(^|[\s(])~([^~\n<>]+)~(?=$|[\s).,!?:;])/gm, '$1<s>$2</s>');
}

/** Slack mrkdwn as HTML: every character of the text is escaped before the formatting tags go in. */
export function mrkdwnToHtml(source: string, names: Names): string {
  const { body, tokens } = withPlaceholders(source, names);
  const parts: string[] = [];
  let quote: string[] = [];
  const flushQuote = () => {
    if (quote.length > 0) parts.push(`<blockquote>${quote.join('<br>')}</blockquote>`);
    quote = [];
  };
  const lines: string[] = [];
  for (const raw of body.split('\n')) {
    const line = inlineHtml(escapeHtml(emoji(decodeEntities(raw.startsWith('>') ? raw.slice(1) : raw))));
    if (raw.startsWith('>')) {
      if (lines.length > 0) parts.push(lines.splice(0).join('<br>'));
      quote.push(line);
    } else {
      flushQuote();
      lines.push(line);
    }
  }
  flushQuote();
  if (lines.length > 0) parts.push(lines.join('<br>'));
  return parts.join('').replace(PLACEHOLDER, (_whole, index: string) => tokens[Number(index)]?.html ?? '');
}

// --- Block Kit ----------------------------------------------------------------------------------------------

function obj(value: unknown): Json {
  return typeof value === 'object' && value !== null ? (value as Json) : {};
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.map(obj) : [];
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A text object ({type: 'mrkdwn'|'plain_text', text}) as plain text. */
function textObject(value: unknown, names: Names): string {
  const text = obj(value);
  return text.type === 'mrkdwn' ? mrkdwnToText(str(text.text), names) : emoji(str(text.text));
}

function textObjectHtml(value: unknown, names: Names): string {
  const text = obj(value);
  return text.type === 'mrkdwn' ? mrkdwnToHtml(str(text.text), names) : escapeHtml(emoji(str(text.text)));
}

function optionsOf(element: Json): Json[] {
  const groups = list(element.option_groups);
  return groups.length > 0 ? groups.flatMap((group) => list(group.options)) : list(element.options);
}

function optionText(option: Json, names: Names): string {
  return textObject(option.text, names);
}

const SHOWN_OPTIONS = 6;

function describeElement(element: Json, names: Names): string {
  const options = optionsOf(element);
  const initial = obj(element.initial_option);
  const initialText = element.initial_option === undefined ? '' : ` (set to "${optionText(initial, names)}")`;
  const some = (all: Json[]) => {
    const shown = all.slice(0, SHOWN_OPTIONS).map((option) => optionText(option, names));
    return all.length > SHOWN_OPTIONS ? `${shown.join(' · ')} · … ${all.length} in all` : shown.join(' · ');
  };
  switch (element.type) {
    case 'button':
      return `[ ${textObject(element.text, names)} ]`;
    case 'static_select':
      return `▾ one of: ${some(options)}${initialText}`;
    case 'multi_static_select': {
      const chosen = list(element.initial_options).map((option) => optionText(option, names));
      return `▾ several of ${options.length} options${chosen.length > 0 ? ` (set to ${chosen.join(', ')})` : ''}`;
    }
    case 'radio_buttons':
      return options.map((option) => `◯ ${optionText(option, names)}`).join('  ');
    case 'plain_text_input':
      return `[${element.multiline === true ? 'text area' : 'text box'}]${typeof element.initial_value === 'string' ? ` "${element.initial_value}"` : ''}`;
    case 'multi_users_select':
      return `[choose people]${Array.isArray(element.initial_users) ? ` (${element.initial_users.length} chosen)` : ''}`;
    case 'users_select':
      return '[choose a person]';
    default:
      return `[${str(element.type)}]`;
  }
}

function buttonLabel(element: Json, names: Names): string {
  return element.type === 'button'
    ? `[ ${textObject(element.text, names)} ]`
    : describeElement(element, names);
}

/** Block Kit blocks as indented text lines. `errors` are shown under the input whose block id they name. */
export function blocksToText(blocks: unknown[], names: Names, errors: Record<string, string> = {}): string[] {
  const lines: string[] = [];
  const push = (text: string, prefix = '') => {
    for (const line of text.split('\n')) lines.push(`${prefix}${line}`);
  };
  for (const block of list(blocks)) {
    switch (block.type) {
      case 'header':
        push(`▌${textObject(block.text, names)}`);
        break;
      case 'section': {
        if (block.text !== undefined) push(textObject(block.text, names));
        for (const field of list(block.fields)) push(textObject(field, names).replace(/\n/, ': '), '  ');
        const accessory = obj(block.accessory);
        if (block.accessory !== undefined) push(buttonLabel(accessory, names), '  ');
        break;
      }
      case 'context':
        push(
          list(block.elements)
            .map((element) => textObject(element, names))
            .join(' · '),
          '  › ',
        );
        break;
      case 'divider':
        lines.push('────────');
        break;
      case 'actions':
        push(
          list(block.elements)
            .map((element) => buttonLabel(element, names))
            .join(' '),
        );
        break;
      case 'input': {
        const optional = block.optional === true ? ' (optional)' : '';
        push(`${textObject(block.label, names)}${optional}: ${describeElement(obj(block.element), names)}`);
        if (block.hint !== undefined) push(textObject(block.hint, names), '    ');
        const error = errors[str(block.block_id)];
        if (error !== undefined) push(`⚠ ${error}`, '    ');
        break;
      }
      case 'image':
        push(`[image: ${str(block.alt_text)}]`);
        break;
      default:
        push(`[${str(block.type)}]`);
    }
  }
  return lines;
}

function elementHtml(element: Json, names: Names): string {
  const options = optionsOf(element);
  switch (element.type) {
    case 'button': {
      const style = element.style === 'primary' ? ' primary' : element.style === 'danger' ? ' danger' : '';
      return `<span class="button${style}">${textObjectHtml(element.text, names)}</span>`;
    }
    case 'static_select':
    case 'multi_static_select': {
      const chosen = [
        ...(element.initial_option === undefined ? [] : [obj(element.initial_option)]),
        ...list(element.initial_options),
      ];
      const shown =
        chosen.length > 0
          ? chosen.map((option) => escapeHtml(optionText(option, names))).join(', ')
          : textObjectHtml(element.placeholder ?? { type: 'plain_text', text: 'Choose an option' }, names);
      const all = options.map((option) => escapeHtml(optionText(option, names))).join(' · ');
      return `<div class="select"${chosen.length === 0 ? ' data-empty="true"' : ''}>${shown} <span class="caret">▾</span></div><div class="options">${options.length} options: ${all}</div>`;
    }
    case 'radio_buttons':
      return `<div class="radios">${options
        .map((option) => `<span class="radio">◯ ${escapeHtml(optionText(option, names))}</span>`)
        .join('')}</div>`;
    case 'plain_text_input': {
      const value = typeof element.initial_value === 'string' ? escapeHtml(element.initial_value) : '';
      return `<div class="textbox${element.multiline === true ? ' multiline' : ''}">${value}</div>`;
    }
    case 'multi_users_select':
    case 'users_select':
      return '<div class="select" data-empty="true">Choose people <span class="caret">▾</span></div>';
    default:
      return `<span class="unknown">[${escapeHtml(str(element.type))}]</span>`;
  }
}

/** Block Kit blocks as Slack-like HTML. */
export function blocksToHtml(blocks: unknown[], names: Names, errors: Record<string, string> = {}): string {
  const parts: string[] = [];
  for (const block of list(blocks)) {
    switch (block.type) {
      case 'header':
        parts.push(`<div class="header">${textObjectHtml(block.text, names)}</div>`);
        break;
      case 'section': {
        const text =
          block.text === undefined ? '' : `<div class="text">${textObjectHtml(block.text, names)}</div>`;
        const fields = list(block.fields);
        const fieldHtml =
          fields.length === 0
            ? ''
            : `<div class="fields">${fields.map((field) => `<div class="field">${textObjectHtml(field, names)}</div>`).join('')}</div>`;
        const accessory =
          block.accessory === undefined
            ? ''
            : `<div class="accessory">${elementHtml(obj(block.accessory), names)}</div>`;
        parts.push(`<div class="section">${text}${fieldHtml}${accessory}</div>`);
        break;
      }
      case 'context':
        parts.push(
          `<div class="context">${list(block.elements)
            .map((element) => `<span>${textObjectHtml(element, names)}</span>`)
            .join('')}</div>`,
        );
        break;
      case 'divider':
        parts.push('<hr>');
        break;
      case 'actions':
        parts.push(
          `<div class="actions">${list(block.elements)
            .map((element) => elementHtml(element, names))
            .join('')}</div>`,
        );
        break;
      case 'input': {
        const optional = block.optional === true ? ' <span class="optional">(optional)</span>' : '';
        const hint =
          block.hint === undefined ? '' : `<div class="hint">${textObjectHtml(block.hint, names)}</div>`;
        const error = errors[str(block.block_id)];
        const errorHtml = error === undefined ? '' : `<div class="error">⚠ ${escapeHtml(error)}</div>`;
        parts.push(
          `<div class="input${error === undefined ? '' : ' has-error'}"><label>${textObjectHtml(block.label, names)}${optional}</label>${elementHtml(obj(block.element), names)}${errorHtml}${hint}</div>`,
        );
        break;
      }
      case 'image':
        parts.push(`<div class="image">[image: ${escapeHtml(str(block.alt_text))}]</div>`);
        break;
      default:
        parts.push(`<div class="unknown">[${escapeHtml(str(block.type))}]</div>`);
    }
  }
  return parts.join('');
}

function viewTitle(view: Json, names: Names): string {
  return textObject(view.title, names);
}

export function viewToText(view: Json, names: Names, errors: Record<string, string> = {}): string[] {
  const buttons = [view.submit, view.close]
    .filter((text) => text !== undefined)
    .map((text) => `[ ${textObject(text, names)} ]`)
    .join(' ');
  return [
    ...(view.type === 'home' ? [] : [`▌${viewTitle(view, names)}`]),
    ...blocksToText(list(view.blocks), names, errors),
    ...(buttons === '' ? [] : [buttons]),
  ];
}

export function viewToHtml(view: Json, names: Names, errors: Record<string, string> = {}): string {
  const footer = [
    view.close === undefined ? '' : `<span class="button">${textObjectHtml(view.close, names)}</span>`,
    view.submit === undefined
      ? ''
      : `<span class="button primary">${textObjectHtml(view.submit, names)}</span>`,
  ].join('');
  if (view.type === 'home') return `<div class="home">${blocksToHtml(list(view.blocks), names)}</div>`;
  return `<div class="modal"><div class="modal-title">${escapeHtml(viewTitle(view, names))}</div><div class="modal-body">${blocksToHtml(list(view.blocks), names, errors)}</div>${footer === '' ? '' : `<div class="modal-footer">${footer}</div>`}</div>`;
}

// --- The transcript -----------------------------------------------------------------------------------------

const DAY_FORMAT = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const TIME_FORMAT = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

export function formatDay(date: Date): string {
  return DAY_FORMAT.format(date);
}

export function formatUtcTime(date: Date): string {
  return `${TIME_FORMAT.format(date)} UTC`;
}

function itemBody(item: TranscriptItem, names: Names): string[] {
  switch (item.kind) {
    case 'modal':
    case 'home':
      return viewToText(item.view, names, item.kind === 'modal' ? item.errors : {});
    case 'message':
    case 'ephemeral':
      return item.blocks.length > 0 ? blocksToText(item.blocks, names) : [mrkdwnToText(item.text, names)];
    case 'said':
      return [item.text];
    case 'files':
      return [item.comment, ...item.files.map((file) => `📎 ${file.filename} — ${file.title}`)];
  }
}

function itemHeading(item: TranscriptItem): string {
  switch (item.kind) {
    case 'modal':
      return item.errors === undefined
        ? `Modal for ${item.audience}`
        : `Modal for ${item.audience}, with an error under the field`;
    case 'home':
      return `Home tab of ${item.audience}`;
    case 'message':
      return `${item.updated ? 'Message updated in' : item.inThread ? 'Thread reply in' : 'Message in'} ${item.audience}`;
    case 'ephemeral':
      return `Only visible to ${item.audience}`;
    case 'said':
      return `${item.author} writes in the thread (${item.audience})`;
    case 'files':
      return `Files in ${item.audience}`;
  }
}

/**
 * A short key for "the same kind of thing again": the terminal shows the first two of each kind in full and
 * then only their notification text; the HTML page always shows everything.
 */
function shapeKey(item: TranscriptItem, names: Names, knownNames: readonly string[]): string | null {
  const strip = (text: string) => knownNames.reduce((acc, name) => acc.split(name).join('@'), text);
  switch (item.kind) {
    case 'modal':
      return `modal:${item.errors === undefined ? '' : 'errors'}:${viewToText(item.view, names).join('\n')}`;
    case 'message':
      return `message:${item.updated}:${strip(mrkdwnToText(item.text, names)).slice(0, 60)}`;
    default:
      return null;
  }
}

function summaryLine(item: TranscriptItem, names: Names): string {
  if (item.kind === 'modal') return `▌${viewTitle(item.view, names)} (the same form as shown above)`;
  if (item.kind === 'message') return `${mrkdwnToText(item.text, names).split('\n')[0] ?? ''}  (as above)`;
  return '';
}

const FULL_SHOWINGS = 2;

function mergeSameBodies(
  items: TranscriptItem[],
  names: Names,
): { item: TranscriptItem; audiences: string[] }[] {
  const merged: { item: TranscriptItem; audiences: string[]; key: string }[] = [];
  for (const item of items) {
    const key = `${item.kind}|${itemHeading({ ...item, audience: '' } as TranscriptItem)}|${itemBody(item, names).join('\n')}`;
    const same = merged.find((entry) => entry.key === key);
    if (same !== undefined && item.kind !== 'said') same.audiences.push(item.audience);
    else merged.push({ item, audiences: [item.audience], key });
  }
  return merged;
}

/** "the group DM of A & B" three times over becomes "3 group DMs: A & B; C & D; E & F". */
function audienceList(audiences: string[]): string {
  if (audiences.length === 1) return audiences[0] ?? '';
  for (const kind of ['group DM', 'DM']) {
    const prefix = `the ${kind} of `;
    if (audiences.every((audience) => audience.startsWith(prefix))) {
      return `${audiences.length} ${kind}s: ${audiences.map((audience) => audience.slice(prefix.length)).join('; ')}`;
    }
  }
  return audiences.join('; ');
}

export function transcriptToText(
  transcript: Transcript,
  names: Names,
  knownNames: readonly string[],
): string {
  const out: string[] = [transcript.title, '='.repeat(transcript.title.length), ...transcript.intro, ''];
  const seen = new Map<string, number>();
  let week: number | null = null;
  let day = '';
  for (const step of transcript.steps) {
    if (step.week !== week) {
      week = step.week;
      day = '';
      const title = transcript.weekTitles.get(week) ?? `Week ${week}`;
      out.push('', `━━━━ ${title} ${'━'.repeat(Math.max(4, 100 - title.length))}`);
    }
    const stepDay = formatDay(step.at);
    if (stepDay !== day) {
      day = stepDay;
      out.push('', `  ${stepDay}`);
    }
    const local = step.localTime === '' ? '' : ` (${step.localTime})`;
    out.push(`  ${formatUtcTime(step.at).padEnd(9)} ▶ ${step.headline}${local}`);
    for (const { item, audiences } of mergeSameBodies(step.items, names)) {
      const heading = itemHeading({ ...item, audience: audienceList(audiences) } as TranscriptItem);
      if (item.kind === 'home' && !item.full) {
        out.push(`            ⌂ ${heading} refreshed`);
        continue;
      }
      const key = shapeKey(item, names, knownNames);
      const count = key === null ? 0 : (seen.get(key) ?? 0);
      if (key !== null) seen.set(key, count + 1);
      out.push(`            ┌ ${heading}`);
      const body = count >= FULL_SHOWINGS ? [summaryLine(item, names)] : itemBody(item, names);
      for (const line of body) out.push(`            │ ${line}`);
    }
  }
  return `${out.join('\n')}\n`;
}

// --- HTML ---------------------------------------------------------------------------------------------------

const STYLE = `
body{font-family:Lato,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1d1c1d;background:#f8f8f8;margin:0}
main{max-width:980px;margin:0 auto;padding:24px}
h1{font-size:28px;margin:0 0 8px}h2{margin:40px 0 8px;padding:8px 12px;background:#4a154b;color:#fff;border-radius:6px;font-size:20px}
h3{font-size:14px;color:#616061;margin:24px 0 4px;text-transform:uppercase;letter-spacing:.05em}
.intro{color:#454245;line-height:1.5}
nav{display:flex;flex-wrap:wrap;gap:8px;margin:12px 0}
nav a{background:#fff;border:1px solid #ddd;border-radius:12px;padding:2px 10px;color:#1264a3;text-decoration:none;font-size:13px}
.step{background:#fff;border:1px solid #e8e8e8;border-radius:8px;margin:10px 0;padding:10px 14px}
.when{font-size:12px;color:#616061}.headline{font-weight:700;margin:2px 0 8px}
.item{border-left:3px solid #e8e8e8;margin:8px 0 8px 8px;padding:4px 0 4px 12px}
.item-heading{font-size:12px;color:#616061;margin-bottom:4px}
.app{font-weight:900}.badge{font-size:10px;background:#e8e8e8;color:#616061;border-radius:3px;padding:1px 3px;margin-left:4px}
.message{line-height:1.46}.section{margin:6px 0;display:flex;gap:12px;justify-content:space-between}
.section .text{flex:1}.fields{display:grid;grid-template-columns:1fr 1fr;gap:8px;margin-top:6px;flex-basis:100%}
.header{font-size:18px;font-weight:900;margin:6px 0}.context{font-size:12px;color:#616061;margin:6px 0}
.context span+span::before{content:" · "}hr{border:none;border-top:1px solid #e8e8e8}
.actions{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}
.button{display:inline-block;border:1px solid #bbbabb;border-radius:4px;padding:3px 12px;font-weight:700;font-size:13px;background:#fff}
.button.primary{background:#007a5a;border-color:#007a5a;color:#fff}.button.danger{background:#e01e5a;border-color:#e01e5a;color:#fff}
blockquote{border-left:4px solid #dddddd;margin:4px 0;padding:0 10px;color:#454245}
code{background:#f6f6f6;border:1px solid #e8e8e8;border-radius:3px;padding:0 3px;color:#e01e5a;font-size:12px}
.mention{background:#e8f5fa;color:#1264a3;border-radius:3px;padding:0 2px}
.modal{max-width:520px;border:1px solid #d0d0d0;border-radius:8px;box-shadow:0 4px 12px rgba(0,0,0,.12);background:#fff}
.modal-title{font-weight:900;font-size:18px;padding:14px 18px;border-bottom:1px solid #e8e8e8}
.modal-body{padding:8px 18px}.modal-footer{display:flex;justify-content:flex-end;gap:8px;padding:12px 18px;border-top:1px solid #e8e8e8}
.input{margin:12px 0}.input label{display:block;font-weight:700;margin-bottom:4px}.optional{font-weight:400;color:#616061}
.select,.textbox{border:1px solid #bbbabb;border-radius:4px;padding:6px 8px;min-height:18px;background:#fff}
.select[data-empty="true"]{color:#868686}.caret{float:right}.textbox.multiline{min-height:54px}
.options{font-size:11px;color:#868686;margin-top:2px}.hint{font-size:12px;color:#616061;margin-top:4px}
.has-error .select,.has-error .textbox{border-color:#e01e5a}.error{color:#e01e5a;font-size:13px;margin-top:4px}
.radios{display:flex;flex-direction:column;gap:2px}.said{background:#f4ede4;border-radius:6px;padding:6px 10px;display:inline-block}
.ephemeral .item-heading::after{content:" (only you can see this)"}
.home{border:1px dashed #bbbabb;border-radius:6px;padding:4px 12px;background:#fcfcfc}
img.chart{max-width:100%;border:1px solid #e8e8e8;border-radius:6px;margin:6px 0}
details summary{cursor:pointer;color:#1264a3;font-size:12px}
`;

function itemHtml(item: TranscriptItem, names: Names, fileHref: (name: string) => string): string {
  const heading = `<div class="item-heading">${escapeHtml(itemHeading(item))}</div>`;
  const app = '<div><span class="app">Mentor Circles</span><span class="badge">APP</span></div>';
  switch (item.kind) {
    case 'modal':
      return `<div class="item">${heading}${viewToHtml(item.view, names, item.errors)}</div>`;
    case 'home':
      return item.full
        ? `<div class="item">${heading}${viewToHtml(item.view, names)}</div>`
        : `<div class="item">${heading}<details><summary>Show the refreshed Home tab</summary>${viewToHtml(item.view, names)}</details></div>`;
    case 'message':
    case 'ephemeral': {
      const body =
        item.blocks.length > 0
          ? blocksToHtml(item.blocks, names)
          : `<div class="text">${mrkdwnToHtml(item.text, names)}</div>`;
      return `<div class="item ${item.kind}">${heading}<div class="message">${app}${body}</div></div>`;
    }
    case 'said':
      return `<div class="item">${heading}<div class="said">${escapeHtml(item.text)}</div></div>`;
    case 'files':
      return `<div class="item">${heading}<div class="message">${app}<div class="text">${escapeHtml(item.comment)}</div>${item.files
        .map((file) =>
          file.filename.endsWith('.png')
            ? `<figure><img class="chart" src="${escapeHtml(fileHref(file.filename))}" alt="${escapeHtml(file.title)}"><figcaption>${escapeHtml(file.filename)}</figcaption></figure>`
            : `<div>📎 <a href="${escapeHtml(fileHref(file.filename))}">${escapeHtml(file.filename)}</a> — ${escapeHtml(file.title)}</div>`,
        )
        .join('')}</div></div>`;
  }
}

export function transcriptToHtml(
  transcript: Transcript,
  names: Names,
  fileHref: (name: string) => string = (name) => name,
): string {
  const body: string[] = [
    `<h1>${escapeHtml(transcript.title)}</h1>`,
    ...transcript.intro.map((line) => `<p class="intro">${escapeHtml(line)}</p>`),
  ];
  const weeks = [...new Set(transcript.steps.map((step) => step.week))];
  const shortTitle = (n: number) => transcript.weekTitles.get(n)?.split(' · ')[0] ?? `Week ${n}`;
  body.push(
    `<nav>${weeks.map((n) => `<a href="#week-${n}">${escapeHtml(shortTitle(n))}</a>`).join('')}</nav>`,
  );
  let week: number | null = null;
  let day = '';
  for (const step of transcript.steps) {
    if (step.week !== week) {
      week = step.week;
      day = '';
      body.push(
        `<h2 id="week-${week}">${escapeHtml(transcript.weekTitles.get(week) ?? `Week ${week}`)}</h2>`,
      );
    }
    const stepDay = formatDay(step.at);
    if (stepDay !== day) {
      day = stepDay;
      body.push(`<h3>${escapeHtml(stepDay)}</h3>`);
    }
    const local = step.localTime === '' ? '' : ` · ${step.localTime}`;
    body.push(
      `<div class="step"><div class="when">${escapeHtml(formatUtcTime(step.at) + local)}</div><div class="headline">${escapeHtml(step.headline)}</div>${step.items
        .map((item) => itemHtml(item, names, fileHref))
        .join('')}</div>`,
    );
  }
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(transcript.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body.join('\n')}
</main>
</body>
</html>
`;
}
