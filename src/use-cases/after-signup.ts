// Runs after someone stores an offer or a request, once they have been told it is saved.
import type { AppContext } from '../slack/app-context';

export async function afterSignup(_context: AppContext, _teamId: string): Promise<void> {
  // Matching (issue 4) runs here: a new offer or request may complete a pair right away.
}
