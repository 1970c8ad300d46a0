// Slack mrkdwn treats &, < and > as control characters; user-provided text must be escaped before display.
export function escapeMrkdwn(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts text to a Block Kit limit, marking the cut so nobody mistakes it for the whole. */
export function truncate(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, Math.max(0, max - 1))}…`;
}

export function mention(userId: string): string {
  return `<@${userId}>`;
}
