// Block Kit blocks and views as indented text lines: how the terminal transcript shows what the app sent.
import { asObject, asObjects, asString, optionsOf, type Json } from './demo-block-kit-json';
import { emoji, mrkdwnToText } from './demo-mrkdwn';
import type { Names } from './demo-transcript';

/** A text object ({type: 'mrkdwn'|'plain_text', text}) as plain text. */
export function textObject(value: unknown, names: Names): string {
  const text = asObject(value);
  return text.type === 'mrkdwn' ? mrkdwnToText(asString(text.text), names) : emoji(asString(text.text));
}

export function optionText(option: Json, names: Names): string {
  return textObject(option.text, names);
}

const SHOWN_OPTIONS = 6;

function describeElement(element: Json, names: Names): string {
  const options = optionsOf(element);
  const initial = asObject(element.initial_option);
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
      const chosen = asObjects(element.initial_options).map((option) => optionText(option, names));
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
      return `[${asString(element.type)}]`;
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
  for (const block of asObjects(blocks)) {
    switch (block.type) {
      case 'header':
        push(`▌${textObject(block.text, names)}`);
        break;
      case 'section': {
        if (block.text !== undefined) push(textObject(block.text, names));
        for (const field of asObjects(block.fields)) push(textObject(field, names).replace(/\n/, ': '), '  ');
        const accessory = asObject(block.accessory);
        if (block.accessory !== undefined) push(buttonLabel(accessory, names), '  ');
        break;
      }
      case 'context':
        push(
          asObjects(block.elements)
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
          asObjects(block.elements)
            .map((element) => buttonLabel(element, names))
            .join(' '),
        );
        break;
      case 'input': {
        const optional = block.optional === true ? ' (optional)' : '';
        push(
          `${textObject(block.label, names)}${optional}: ${describeElement(asObject(block.element), names)}`,
        );
        if (block.hint !== undefined) push(textObject(block.hint, names), '    ');
        const error = errors[asString(block.block_id)];
        if (error !== undefined) push(`⚠ ${error}`, '    ');
        break;
      }
      case 'image':
        push(`[image: ${asString(block.alt_text)}]`);
        break;
      default:
        push(`[${asString(block.type)}]`);
    }
  }
  return lines;
}

export function viewTitle(view: Json, names: Names): string {
  return textObject(view.title, names);
}

export function viewToText(view: Json, names: Names, errors: Record<string, string> = {}): string[] {
  const buttons = [view.submit, view.close]
    .filter((text) => text !== undefined)
    .map((text) => `[ ${textObject(text, names)} ]`)
    .join(' ');
  return [
    ...(view.type === 'home' ? [] : [`▌${viewTitle(view, names)}`]),
    ...blocksToText(asObjects(view.blocks), names, errors),
    ...(buttons === '' ? [] : [buttons]),
  ];
}
