// The documentation's relative links lead somewhere: every linked file exists, and every #anchor into a markdown
// file names one of its headings. Files move during refactors; this catches the links they leave behind.
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
// A newcomer reads the README first: the detail lives in docs/.
const README_MAX_BYTES = 12_288;

function documentationFiles(): string[] {
  const docs = fs
    .readdirSync(path.join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => path.join('docs', name));
  return ['README.md', 'CONTRIBUTING.md', 'BENCHMARKS.md', ...docs];
}

/** Fenced code blocks hold neither links nor headings. */
function withoutCodeBlocks(markdown: string): string {
  return markdown.replace(/^[ \t]*(```|~~~)[^\n]*\n[\s\S]*?^[ \t]*\1[ \t]*$/gm, '');
}

function linkTargets(markdown: string): string[] {
  // Inside an inline code span, [x](y) is text, not a link.
  const prose = withoutCodeBlocks(markdown).replace(/`[^`\n]*`/g, '');
  const inline = [...prose.matchAll(/\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
  const definitions = [...prose.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1]);
  return [...inline, ...definitions].filter((target): target is string => target !== undefined);
}

/** GitHub's heading anchor: lowercase, punctuation removed, spaces to hyphens, repeats numbered. */
function headingSlugs(markdown: string): Set<string> {
  const slugs = new Set<string>();
  const seen = new Map<string, number>();
  for (const match of withoutCodeBlocks(markdown).matchAll(/^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$/gm)) {
    const text = (match[1] ?? '').replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1');
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    slugs.add(count === 0 ? base : `${base}-${count}`);
  }
  return slugs;
}

function isExternal(target: string): boolean {
  return /^(https?:|mailto:)/i.test(target);
}

function brokenLinks(file: string): string[] {
  const markdown = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const problems: string[] = [];
  for (const target of linkTargets(markdown)) {
    if (isExternal(target)) continue;
    const hashAt = target.indexOf('#');
    const filePart = decodeURIComponent(hashAt === -1 ? target : target.slice(0, hashAt));
    const anchor = hashAt === -1 ? null : decodeURIComponent(target.slice(hashAt + 1));
    const resolved =
      filePart === '' ? path.join(ROOT, file) : path.resolve(ROOT, path.dirname(file), filePart);
    if (!resolved.startsWith(ROOT + path.sep) || !fs.existsSync(resolved)) {
      problems.push(`${target}: no such file`);
      continue;
    }
    if (anchor !== null && resolved.endsWith('.md')) {
      const slugs = headingSlugs(fs.readFileSync(resolved, 'utf8'));
      if (!slugs.has(anchor))
        problems.push(`${target}: no heading #${anchor} in ${path.relative(ROOT, resolved)}`);
    }
  }
  return problems;
}

describe('documentation links', () => {
  it.each(documentationFiles())(
    'every relative link in %s leads to a file and heading that exist',
    (file) => {
      expect(brokenLinks(file)).toEqual([]);
    },
  );

  it('reads links in prose, and neither links nor headings inside code', () => {
    const markdown = [
      '# Top',
      'See [the guide](docs/guide.md#set-up), [a site](https://example.com) and [here](#top).',
      '[ref]: CONTRIBUTING.md',
      '```sh',
      '# not a heading',
      'echo "[not](a-link.md)"',
      '```',
      'and `[code](not-a-link.md)`.',
    ].join('\n');
    expect(linkTargets(markdown)).toEqual([
      'docs/guide.md#set-up',
      'https://example.com',
      '#top',
      'CONTRIBUTING.md',
    ]);
    expect([...headingSlugs(markdown)]).toEqual(['top']);
  });

  it('slugs headings as GitHub does', () => {
    const markdown = [
      '## Try it without Slack: `npm run demo`',
      '### Add a /mentor subcommand',
      '## How to add …',
      '## Logs',
      '## Logs',
    ].join('\n');
    expect([...headingSlugs(markdown)]).toEqual([
      'try-it-without-slack-npm-run-demo',
      'add-a-mentor-subcommand',
      'how-to-add-',
      'logs',
      'logs-1',
    ]);
  });

  it('keeps the README short enough to read first', () => {
    expect(fs.statSync(path.join(ROOT, 'README.md')).size).toBeLessThanOrEqual(README_MAX_BYTES);
  });
});
