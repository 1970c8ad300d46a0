// Checks a message, modal or Home view against the documented Block Kit limits (Slack's reference, §5 of our
// platform notes). The fake Slack server refuses what breaks them, as Slack does, and view builder tests check
// against the same rules. Returns the problems found.

type Json = Record<string, unknown>;
export type Surface = 'message' | 'modal' | 'home';

const MAX_BLOCKS: Record<Surface, number> = { message: 50, modal: 100, home: 100 };

export function blockKitProblems(surface: Surface, payload: Json): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, message: string) => {
    if (!ok) problems.push(message);
  };
  if (!Array.isArray(payload.blocks ?? [])) return ['blocks must be an array'];
  const blocks = (payload.blocks ?? []) as Json[];
  check(
    blocks.length <= MAX_BLOCKS[surface],
    `${blocks.length} blocks > ${MAX_BLOCKS[surface]} for a ${surface}`,
  );

  if (surface === 'modal') {
    for (const key of ['title', 'submit', 'close'] as const) {
      const text = (payload[key] as Json | undefined)?.text;
      if (text !== undefined)
        check(String(text).length <= 24, `modal ${key} "${String(text)}" > 24 characters`);
    }
    check(payload.title !== undefined, 'modal has no title');
    if (blocks.some((b) => b.type === 'input'))
      check(payload.submit !== undefined, 'modal with inputs has no submit');
  }
  if (surface !== 'message') {
    check(String(payload.private_metadata ?? '').length <= 3000, 'private_metadata > 3000 characters');
    check(String(payload.callback_id ?? '').length <= 255, 'callback_id > 255 characters');
  }

  const blockIds = new Set<string>();
  blocks.forEach((block, index) => {
    if (typeof block !== 'object' || block === null) return check(false, `block ${index} is not an object`);
    const where = `block ${index} (${String(block.type)})`;
    if (typeof block.block_id === 'string') {
      check(block.block_id.length <= 255, `${where}: block_id > 255`);
      check(!blockIds.has(block.block_id), `${where}: duplicate block_id ${block.block_id}`);
      blockIds.add(block.block_id);
    }
    switch (block.type) {
      case 'section': {
        const text = (block.text as Json | undefined)?.text;
        const fields = (block.fields ?? []) as Json[];
        check(text !== undefined || fields.length > 0, `${where}: section needs text or fields`);
        if (text !== undefined) check(String(text).length <= 3000, `${where}: text > 3000`);
        check(fields.length <= 10, `${where}: ${fields.length} fields > 10`);
        fields.forEach((f) => check(String(f.text).length <= 2000, `${where}: field > 2000`));
        if (block.accessory !== undefined) checkElement(block.accessory as Json, where, check);
        break;
      }
      case 'header':
        check(String((block.text as Json | undefined)?.text ?? '').length <= 150, `${where}: header > 150`);
        check((block.text as Json | undefined)?.type === 'plain_text', `${where}: header must be plain_text`);
        break;
      case 'context': {
        const elements = (block.elements ?? []) as Json[];
        check(elements.length >= 1 && elements.length <= 10, `${where}: context needs 1–10 elements`);
        elements.forEach((e) => check(String(e.text ?? '').length <= 3000, `${where}: context text > 3000`));
        break;
      }
      case 'actions': {
        const elements = (block.elements ?? []) as Json[];
        check(elements.length >= 1 && elements.length <= 25, `${where}: actions needs 1–25 elements`);
        elements.forEach((e) => checkElement(e, where, check));
        break;
      }
      case 'input': {
        check(surface !== 'message', `${where}: input blocks only belong in modals and Home`);
        const label = String((block.label as Json | undefined)?.text ?? '');
        check(label.length > 0 && label.length <= 2000, `${where}: input label missing or > 2000`);
        checkElement(block.element as Json, where, check);
        break;
      }
      case 'divider':
      case 'image':
      case 'rich_text':
      case 'file':
      case 'video':
        break;
      default:
        problems.push(`${where}: unexpected block type`);
    }
  });
  return problems;
}

function checkElement(element: Json, where: string, check: (ok: boolean, message: string) => void): void {
  if (typeof element !== 'object' || element === null) return check(false, `${where}: element missing`);
  if (typeof element.action_id === 'string')
    check(element.action_id.length <= 255, `${where}: action_id > 255`);
  switch (element.type) {
    case 'button':
      check(
        String((element.text as Json | undefined)?.text ?? '').length <= 75,
        `${where}: button text > 75`,
      );
      check(String(element.value ?? '').length <= 2000, `${where}: button value > 2000`);
      break;
    case 'static_select':
    case 'multi_static_select': {
      const options = (element.options ?? []) as Json[];
      const groups = (element.option_groups ?? []) as Json[];
      check(options.length <= 100, `${where}: ${options.length} options > 100`);
      check(groups.length <= 100, `${where}: ${groups.length} option groups > 100`);
      check(options.length > 0 || groups.length > 0, `${where}: select has no options`);
      groups.forEach((g) => {
        check(
          String((g.label as Json | undefined)?.text ?? '').length <= 75,
          `${where}: option group label > 75`,
        );
        checkOptions((g.options ?? []) as Json[], where, check);
      });
      checkOptions(options, where, check);
      break;
    }
    case 'radio_buttons':
    case 'checkboxes': {
      const options = (element.options ?? []) as Json[];
      check(options.length <= 10, `${where}: ${options.length} options > 10`);
      checkOptions(options, where, check);
      break;
    }
    case 'plain_text_input': {
      const max = element.max_length;
      if (max !== undefined) check(Number(max) <= 3000, `${where}: max_length > 3000`);
      break;
    }
    default:
      break;
  }
}

function checkOptions(options: Json[], where: string, check: (ok: boolean, message: string) => void): void {
  options.forEach((o) => {
    check(String((o.text as Json | undefined)?.text ?? '').length <= 75, `${where}: option text > 75`);
    check(String(o.value).length <= 150, `${where}: option value > 150`);
  });
}
