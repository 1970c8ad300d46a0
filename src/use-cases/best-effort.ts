import { errorSummary } from '../errors';
import type { Logger } from '../logger';

/**
 * Runs one follow-up (a DM, a Home refresh, a matching run) and logs instead of throwing: the change itself is
 * already stored, and one person's closed DM must not keep the others from being told.
 */
export async function bestEffort(
  logger: Logger,
  what: string,
  fields: Record<string, unknown>,
  work: () => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    logger.warn({ ...fields, err: errorSummary(error) }, `could not ${what}`);
  }
}
