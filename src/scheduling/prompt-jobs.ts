// Weekly prompts on the scheduler: every tick sends the questions whose local slot has come (each pair's
// week is claimed once, so ticking often costs nothing), asks quiet pairs whether to pause, then sends the
// mid-week reminders. The pause question goes first so a pair gets it instead of, not besides, a reminder.
import type { AppContext } from '../composition/app-context';
import { inactivityDeps, nudgeDeps, sendDuePromptsDeps } from '../composition/use-case-deps';
import { askInactivePairs } from '../use-cases/ask-inactive-pairs';
import { sendDuePrompts } from '../use-cases/send-due-prompts';
import { sendPromptNudges } from '../use-cases/send-prompt-nudges';
import type { Job } from './scheduler';

export const SEND_PROMPTS_JOB = 'send-prompts';
export const ASK_INACTIVE_PAIRS_JOB = 'ask-inactive-pairs';
export const PROMPT_NUDGES_JOB = 'prompt-nudges';

export function promptJobs(context: AppContext): Job[] {
  return [
    {
      name: SEND_PROMPTS_JOB,
      run: async (now) => ({ ...(await sendDuePrompts(sendDuePromptsDeps(context), now)) }),
    },
    {
      name: ASK_INACTIVE_PAIRS_JOB,
      run: async (now) => ({ ...(await askInactivePairs(inactivityDeps(context), now)) }),
    },
    {
      name: PROMPT_NUDGES_JOB,
      run: async (now) => ({ ...(await sendPromptNudges(nudgeDeps(context), now)) }),
    },
  ];
}
