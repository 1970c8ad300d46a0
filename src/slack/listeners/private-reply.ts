import type { RespondFn } from '@slack/bolt';

/**
 * Answers only the person who clicked a message button. Slack sends a response_url with every click on a
 * message; a click without one (forged, or a message button copied into a view) has nowhere to be answered,
 * so it gets no answer instead of an error.
 */
export async function replyPrivately(respond: RespondFn | undefined, text: string): Promise<void> {
  if (typeof respond !== 'function') return;
  await respond({ response_type: 'ephemeral', replace_original: false, text });
}
