// What an admin can do to the prompt library from the command line. Changes apply to the next prompts only:
// a delivery keeps the text it was sent with, and a disabled prompt is never chosen again until re-enabled.
import type { Prompt, PromptsRepository } from '../storage/prompts-repository';

/** Room for the question in one Block Kit section, with the words around it. */
export const PROMPT_MAX_LENGTH = 2000;

export type LibraryEdit<T = Prompt> = { ok: true; value: T } | { ok: false; problem: string };

export async function addPrompt(
  prompts: Pick<PromptsRepository, 'add'>,
  teamId: string,
  text: string,
): Promise<LibraryEdit> {
  const question = text.trim().replace(/[ \t]+/g, ' ');
  if (question === '') return { ok: false, problem: 'The question is empty.' };
  if (question.length > PROMPT_MAX_LENGTH) {
    return { ok: false, problem: `The question is longer than ${PROMPT_MAX_LENGTH} characters.` };
  }
  return { ok: true, value: await prompts.add(teamId, question) };
}

export async function setPromptEnabled(
  prompts: Pick<PromptsRepository, 'setEnabled' | 'find'>,
  teamId: string,
  id: number,
  enabled: boolean,
): Promise<LibraryEdit> {
  if (!(await prompts.setEnabled(teamId, id, enabled)))
    return { ok: false, problem: `There is no prompt ${id}.` };
  const prompt = await prompts.find(teamId, id);
  return prompt === null ? { ok: false, problem: `There is no prompt ${id}.` } : { ok: true, value: prompt };
}

export async function movePrompt(
  prompts: Pick<PromptsRepository, 'move' | 'find'>,
  teamId: string,
  id: number,
  position: number,
): Promise<LibraryEdit> {
  if (!Number.isInteger(position) || position < 1) {
    return { ok: false, problem: 'The position must be a whole number from 1.' };
  }
  if (!(await prompts.move(teamId, id, position))) return { ok: false, problem: `There is no prompt ${id}.` };
  const prompt = await prompts.find(teamId, id);
  return prompt === null ? { ok: false, problem: `There is no prompt ${id}.` } : { ok: true, value: prompt };
}
