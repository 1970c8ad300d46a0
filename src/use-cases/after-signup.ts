// Runs after someone stores an offer or a request, once they have been told it is saved.
import type { AppContext } from '../composition/app-context';
import { matchingDeps, runMatching } from './run-matching';

export async function afterSignup(context: AppContext, teamId: string): Promise<void> {
  // A new offer or request may complete a pair right away, so the workspace is matched at once.
  await runMatching(matchingDeps(context), teamId);
}
