// Block Kit blocks and views as Slack-like HTML for the transcript page. Every text is escaped; option labels
// and titles are shown as their plain text.
import { asObject, asObjects, asString, optionsOf, type Json } from './demo-block-kit-json';
import { optionText, viewTitle } from './demo-block-kit-text';
import { emoji, escapeHtml, mrkdwnToHtml } from './demo-mrkdwn';
import type { Names } from './demo-transcript';

function textObjectHtml(value: unknown, names: Names): string {
  const text = asObject(value);
  return text.type === 'mrkdwn'
    ? mrkdwnToHtml(asString(text.text), names)
    : escapeHtml(emoji(asString(text.text)));
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
        ...(element.initial_option === undefined ? [] : [asObject(element.initial_option)]),
        ...asObjects(element.initial_options),
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
      return `<span class="unknown">[${escapeHtml(asString(element.type))}]</span>`;
  }
}

/** Block Kit blocks as Slack-like HTML. */
export function blocksToHtml(blocks: unknown[], names: Names, errors: Record<string, string> = {}): string {
  const parts: string[] = [];
  for (const block of asObjects(blocks)) {
    switch (block.type) {
      case 'header':
        parts.push(`<div class="header">${textObjectHtml(block.text, names)}</div>`);
        break;
      case 'section': {
        const text =
          block.text === undefined ? '' : `<div class="text">${textObjectHtml(block.text, names)}</div>`;
        const fields = asObjects(block.fields);
        const fieldHtml =
          fields.length === 0
            ? ''
            : `<div class="fields">${fields.map((field) => `<div class="field">${textObjectHtml(field, names)}</div>`).join('')}</div>`;
        const accessory =
          block.accessory === undefined
            ? ''
            : `<div class="accessory">${elementHtml(asObject(block.accessory), names)}</div>`;
        parts.push(`<div class="section">${text}${fieldHtml}${accessory}</div>`);
        break;
      }
      case 'context':
        parts.push(
          `<div class="context">${asObjects(block.elements)
            .map((element) => `<span>${textObjectHtml(element, names)}</span>`)
            .join('')}</div>`,
        );
        break;
      case 'divider':
        parts.push('<hr>');
        break;
      case 'actions':
        parts.push(
          `<div class="actions">${asObjects(block.elements)
            .map((element) => elementHtml(element, names))
            .join('')}</div>`,
        );
        break;
      case 'input': {
        const optional = block.optional === true ? ' <span class="optional">(optional)</span>' : '';
        const hint =
          block.hint === undefined ? '' : `<div class="hint">${textObjectHtml(block.hint, names)}</div>`;
        const error = errors[asString(block.block_id)];
        const errorHtml = error === undefined ? '' : `<div class="error">⚠ ${escapeHtml(error)}</div>`;
        parts.push(
          `<div class="input${error === undefined ? '' : ' has-error'}"><label>${textObjectHtml(block.label, names)}${optional}</label>${elementHtml(asObject(block.element), names)}${errorHtml}${hint}</div>`,
        );
        break;
      }
      case 'image':
        parts.push(`<div class="image">[image: ${escapeHtml(asString(block.alt_text))}]</div>`);
        break;
      default:
        parts.push(`<div class="unknown">[${escapeHtml(asString(block.type))}]</div>`);
    }
  }
  return parts.join('');
}

export function viewToHtml(view: Json, names: Names, errors: Record<string, string> = {}): string {
  const footer = [
    view.close === undefined ? '' : `<span class="button">${textObjectHtml(view.close, names)}</span>`,
    view.submit === undefined
      ? ''
      : `<span class="button primary">${textObjectHtml(view.submit, names)}</span>`,
  ].join('');
  if (view.type === 'home') return `<div class="home">${blocksToHtml(asObjects(view.blocks), names)}</div>`;
  return `<div class="modal"><div class="modal-title">${escapeHtml(viewTitle(view, names))}</div><div class="modal-body">${blocksToHtml(asObjects(view.blocks), names, errors)}</div>${footer === '' ? '' : `<div class="modal-footer">${footer}</div>`}</div>`;
}
