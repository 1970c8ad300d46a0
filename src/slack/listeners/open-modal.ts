import type { View } from '@slack/types';
import type { AppContext } from '../../composition/app-context';
import { errorSummary } from '../../errors';

/** Opens a modal; when Slack refuses (the trigger id lives 3 seconds), logs it and runs `onFailure`. */
export async function openOrSay(
  context: Pick<AppContext, 'messenger' | 'logger'>,
  triggerId: string,
  view: View,
  onFailure: () => Promise<unknown>,
): Promise<void> {
  // A click without a trigger (forged, or from a client that sent none) cannot open anything.
  if (typeof triggerId !== 'string' || triggerId === '') {
    await onFailure();
    return;
  }
  try {
    await context.messenger.openModal(triggerId, view);
  } catch (error) {
    context.logger.warn({ component: 'self-service', err: errorSummary(error) }, 'could not open a modal');
    await onFailure();
  }
}
