// Slack mrkdwn, as the app writes it, turned into plain text for the terminal and into escaped HTML for the
// transcript page.
import { formatDay, type Names } from './demo-transcript';

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

export function emoji(text: string): string {
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
    // Slack shows a channel by its name; the demo's names know the channels the story uses.
    const label = inner.split('|')[1] ?? names(inner.slice(1));
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
