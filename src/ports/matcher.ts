import type { MatchInput } from '../domain/match-rules';
import type { MatchResult } from '../domain/matching';

/** Runs the matcher; a large pool may run off the event loop, so the answer is a promise. */
export interface Matcher {
  proposeMatches(input: MatchInput): Promise<MatchResult>;
}
