// The transcript as a Slack-like HTML page (transcript.html): every step in full, messages and modals drawn
// from the Block Kit the app sent.
import { blocksToHtml, viewToHtml } from './demo-block-kit-html';
import { escapeHtml, mrkdwnToHtml } from './demo-mrkdwn';
import {
  formatUtcTime,
  itemHeading,
  stepsUnderHeadings,
  type Names,
  type Transcript,
  type TranscriptItem,
} from './demo-transcript';

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
  for (const { step, weekTitle, day } of stepsUnderHeadings(transcript)) {
    if (weekTitle !== null) body.push(`<h2 id="week-${step.week}">${escapeHtml(weekTitle)}</h2>`);
    if (day !== null) body.push(`<h3>${escapeHtml(day)}</h3>`);
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
