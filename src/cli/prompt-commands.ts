// `mentor-circles prompts …` (the install-wide prompt library) and `mentor-circles send-prompts [--at]`.
import pino from 'pino';
import type { Config } from '../config';
import { createPromptsRepository, INSTALL_WIDE, type Prompt } from '../storage/prompts-repository';
import { addPrompt, movePrompt, setPromptEnabled, type LibraryEdit } from '../use-cases/edit-prompt-library';
import { sendDuePrompts, type PairResult } from '../use-cases/send-due-prompts';
import { sendDuePromptsDeps } from '../composition/use-case-deps';
import { closeAppDatabase, closeContext, createContext, createDatabase } from '../composition/wiring';

export const PROMPTS_USAGE = 'prompts list|add|disable|enable|move';
const PROMPTS_DETAIL = [
  'Usage: mentor-circles prompts <action>',
  '  list                    the library in order, with ids and whether each is enabled',
  '  add "<question>"        add a question at the end',
  '  disable <id>            never send this prompt (deliveries already sent keep their text)',
  '  enable <id>             send it again',
  '  move <id> <position>    move it to that place in the order (1 = first)',
].join('\n');
/** Who changed the library, in the audit log, when it was the command line. */
export const CLI_ACTOR = 'cli';
export const SEND_PROMPTS_USAGE = 'send-prompts [--at ISO-8601]';

export async function runPromptsCommand(args: readonly string[], config: Config): Promise<number> {
  const [action, ...rest] = args;
  const id = Number(rest[0]);
  const validId = rest[0] !== undefined && /^\d+$/.test(rest[0]) && Number.isSafeInteger(id);
  const wellFormed =
    (action === 'list' && rest.length === 0) ||
    (action === 'add' && rest.length >= 1) ||
    ((action === 'disable' || action === 'enable') && rest.length === 1 && validId) ||
    (action === 'move' && rest.length === 2 && validId && /^\d+$/.test(rest[1] ?? ''));
  if (!wellFormed) {
    console.error(PROMPTS_DETAIL);
    return 2;
  }

  const db = await createDatabase(config);
  try {
    const prompts = createPromptsRepository(db);
    if (action === 'list') {
      printLibrary(await prompts.list(INSTALL_WIDE));
      return 0;
    }
    // The install-wide library; its audit entries name the command line as the one who changed it.
    const deps = { prompts, clock: { now: () => new Date() } };
    const library = { teamId: INSTALL_WIDE, actorId: CLI_ACTOR };
    let edit: LibraryEdit;
    if (action === 'add') edit = await addPrompt(deps, library, rest.join(' '));
    else if (action === 'move') edit = await movePrompt(deps, library, id, Number(rest[1]));
    else edit = await setPromptEnabled(deps, library, id, action === 'enable');
    if (!edit.ok) {
      console.error(edit.problem);
      return 1;
    }
    const done = { add: 'Added', move: 'Moved', enable: 'Enabled', disable: 'Disabled' }[action ?? 'add'];
    console.log(`${done} prompt ${edit.value.id} (position ${edit.value.position}): ${edit.value.text}`);
    return 0;
  } finally {
    await closeAppDatabase(db);
  }
}

function printLibrary(library: readonly Prompt[]): void {
  if (library.length === 0) {
    console.log('The prompt library is empty. Add one with: mentor-circles prompts add "<question>"');
    return;
  }
  console.log('pos  id  state     question');
  for (const prompt of library) {
    const state = prompt.enabled ? 'enabled ' : 'disabled';
    console.log(
      `${String(prompt.position).padStart(3)}  ${String(prompt.id).padStart(2)}  ${state}  ${prompt.text}`,
    );
  }
}

export async function runSendPromptsCommand(args: readonly string[], config: Config): Promise<number> {
  let at = new Date();
  if (args.length > 0) {
    const instant = args[0] === '--at' && args.length === 2 ? parseInstant(args[1] ?? '') : null;
    if (instant === null) {
      console.error(`Usage: mentor-circles ${SEND_PROMPTS_USAGE}  (for example --at 2026-11-23T10:00:00Z)`);
      return 2;
    }
    at = instant;
  }
  // Logs go to stderr so that stdout holds only the progress and the summary.
  const context = await createContext(config, { logDestination: pino.destination({ dest: 2, sync: true }) });
  try {
    console.log(`Sending the prompts due at ${at.toISOString()}…`);
    const summary = await sendDuePrompts(
      { ...sendDuePromptsDeps(context), onProgress: (result) => console.log(describe(result)) },
      at,
    );
    console.log(
      `Done: ${summary.sent} sent, ${summary.recovered} recovered, ${summary.skipped} skipped, ${summary.failed} failed, ${summary.attention} need attention.`,
    );
    return summary.failed + summary.attention > 0 ? 1 : 0;
  } finally {
    await closeContext(context);
  }
}

// ISO-8601 with an explicit offset or Z: an instant must not depend on the machine's time zone.
export function parseInstant(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) return null;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

function describe(result: PairResult): string {
  const what = {
    sent: 'sent',
    recovered: 'found already posted by an interrupted run; recorded',
    skipped: 'skipped',
    failed: 'failed',
    attention: 'NEEDS ATTENTION',
  }[result.outcome];
  const why = result.reason === undefined ? '' : ` (${result.reason})`;
  return `  pair ${result.pairId} [${result.teamId}] ${result.weekKey}: ${what}${why}`;
}
