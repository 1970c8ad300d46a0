// Slack's posting limits for the fake Web API server (off unless asked for): about one message per second per
// channel and a workspace-wide cap per minute, both as token buckets (Slack allows short bursts), and an
// over-limit call answered with HTTP 429 and Retry-After in whole seconds, as Slack does.

export interface RateLimits {
  /** chat.postMessage calls per channel per second (Slack: about 1). */
  perChannelPerSecond: number;
  /** chat.postMessage calls per minute across the workspace. */
  workspacePerMinute: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export interface RateLimiter {
  /** Takes a token for one message to this channel: 0 when allowed, else the seconds to send in Retry-After. */
  take(channel: string, now: number): number;
}

export function createRateLimiter(limits: RateLimits): RateLimiter {
  const workspaceRate = limits.workspacePerMinute / 60;
  // Bursts of up to one second's worth, so a client that waits out Retry-After loses no capacity.
  const workspaceBurst = Math.max(1, workspaceRate);
  const channelRate = limits.perChannelPerSecond;
  const channelBurst = Math.max(1, channelRate);
  let workspace: Bucket | null = null;
  const channels = new Map<string, Bucket>();
  const refill = (bucket: Bucket, rate: number, burst: number, now: number) => {
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
  };
  return {
    take(channelId, now) {
      let channel = channels.get(channelId);
      if (channel === undefined) {
        channel = { tokens: channelBurst, at: now };
        channels.set(channelId, channel);
      }
      workspace ??= { tokens: workspaceBurst, at: now };
      refill(workspace, workspaceRate, workspaceBurst, now);
      refill(channel, channelRate, channelBurst, now);
      if (workspace.tokens >= 1 && channel.tokens >= 1) {
        workspace.tokens -= 1;
        channel.tokens -= 1;
        return 0;
      }
      const wait = Math.max(
        workspace.tokens >= 1 ? 0 : (1 - workspace.tokens) / workspaceRate,
        channel.tokens >= 1 ? 0 : (1 - channel.tokens) / channelRate,
      );
      return Math.max(1, Math.ceil(wait));
    },
  };
}
