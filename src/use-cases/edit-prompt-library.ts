// What an admin can do to the prompt library, from the command line (the install-wide library) or in Slack (the
// workspace's library). Changes apply to the next prompts only: a delivery keeps the text it was sent with, a
// prompt keeps its id when edited (a pair that had it never gets it again), and a disabled prompt is never
// chosen until re-enabled. Every change is audited in the transaction that makes it.
import type { Clock } from '../ports/clock';
import type { Prompt, PromptsRepository } from '../storage/prompts-repository';

/** Room for the question in one Block Kit section, with the words around it. */
export const PROMPT_MAX_LENGTH = 2000;

export type LibraryEdit<T = Prompt> = { ok: true; value: T } | { ok: false; problem: string };

export interface EditPromptLibraryDeps {
  prompts: Pick<PromptsRepository, 'add' | 'change' | 'find' | 'list'>;
  clock: Clock;
}

/** Who asked, in which library: a workspace's team id, or '' for the install-wide one (the CLI). */
export interface LibraryRequest {
  teamId: string;
  actorId: string;
}

type QuestionCheck = { ok: true; question: string } | { ok: false; problem: string };

export function checkQuestion(text: string): QuestionCheck {
  const question = text.trim().replace(/[ \t]+/g, ' ');
  if (question === '') return { ok: false, problem: 'The question is empty.' };
  if (question.length > PROMPT_MAX_LENGTH)
    return { ok: false, problem: `The question is longer than ${PROMPT_MAX_LENGTH} characters.` };
  return { ok: true, question };
}

export async function addPrompt(
  deps: EditPromptLibraryDeps,
  request: LibraryRequest,
  text: string,
): Promise<LibraryEdit> {
  const checked = checkQuestion(text);
  if (!checked.ok) return checked;
  const by = { actorId: request.actorId, at: deps.clock.now() };
  return { ok: true, value: await deps.prompts.add(request.teamId, checked.question, by) };
}

export function setPromptEnabled(
  deps: EditPromptLibraryDeps,
  request: LibraryRequest,
  id: number,
  enabled: boolean,
): Promise<LibraryEdit> {
  return changePrompt(deps, request, id, { enabled });
}

export function movePrompt(
  deps: EditPromptLibraryDeps,
  request: LibraryRequest,
  id: number,
  position: number,
): Promise<LibraryEdit> {
  return changePrompt(deps, request, id, { position });
}

/** The wording, place and on/off of one prompt together: anything invalid changes nothing. */
export async function changePrompt(
  deps: EditPromptLibraryDeps,
  request: LibraryRequest,
  id: number,
  change: { text?: string; position?: number; enabled?: boolean },
): Promise<LibraryEdit> {
  if (change.position !== undefined && (!Number.isSafeInteger(change.position) || change.position < 1))
    return { ok: false, problem: 'The position must be a whole number from 1.' };
  let text: string | undefined;
  if (change.text !== undefined) {
    const checked = checkQuestion(change.text);
    if (!checked.ok) return checked;
    text = checked.question;
  }
  const by = { actorId: request.actorId, at: deps.clock.now() };
  const changed = await deps.prompts.change(
    request.teamId,
    id,
    {
      ...(text === undefined ? {} : { text }),
      ...(change.position === undefined ? {} : { position: change.position }),
      ...(change.enabled === undefined ? {} : { enabled: change.enabled }),
    },
    by,
  );
  return changed === null
    ? { ok: false, problem: `There is no prompt ${id}.` }
    : { ok: true, value: changed };
}

/** Prompts per page of the admin modal: one block each, well within Slack's 100 blocks per modal. */
export const PROMPTS_PER_PAGE = 25;

export interface LibraryPage {
  prompts: Prompt[];
  page: number;
  pageCount: number;
  total: number;
}

/** One page of the library in order; a page past the end shows the last one. */
export async function libraryPage(
  deps: Pick<EditPromptLibraryDeps, 'prompts'>,
  teamId: string,
  page: number,
): Promise<LibraryPage> {
  const all = await deps.prompts.list(teamId);
  const pageCount = Math.max(1, Math.ceil(all.length / PROMPTS_PER_PAGE));
  const shown = Math.min(Math.max(0, page), pageCount - 1);
  return {
    prompts: all.slice(shown * PROMPTS_PER_PAGE, (shown + 1) * PROMPTS_PER_PAGE),
    page: shown,
    pageCount,
    total: all.length,
  };
}
