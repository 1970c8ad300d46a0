// Small hand-written stand-ins for the ports a use case talks to: they record what was asked of them, so a
// test reads as "what happened", with no database and no Slack.
import pino from 'pino';
import type { Clock } from '../../../src/ports/clock';
import type { SlackMessage } from '../../../src/ports/messenger';
import { defaultSettings } from '../../../src/use-cases/programme-settings';

export const silentLogger = pino({ enabled: false });

export function fixedClock(iso = '2026-11-23T09:00:00Z'): Clock {
  return { now: () => new Date(iso) };
}

/** Everything the use case did that someone would notice, in order. */
export type Step =
  | { dm: string; text: string }
  | { updated: string }
  | { rematch: string }
  | { home: string }
  | { saved: string };

export function recorder() {
  const steps: Step[] = [];
  return {
    steps,
    messenger: {
      async sendDirectMessage(userId: string, message: SlackMessage) {
        steps.push({ dm: userId, text: message.text });
        return { channel: `D-${userId}`, ts: String(steps.length) };
      },
      async updateMessage(ref: { channel: string; ts: string }) {
        steps.push({ updated: ref.ts });
      },
      async publishHome() {},
      async fetchProfile(userId: string) {
        return {
          userId,
          name: `Name of ${userId}`,
          timeZone: 'UTC',
          isWorkspaceAdmin: false,
          deleted: false,
        };
      },
    },
    async rematch(teamId: string) {
      steps.push({ rematch: teamId });
    },
    async refreshHome(_teamId: string, userId: string) {
      steps.push({ home: userId });
    },
  };
}

/** The settings of a workspace that set nothing in Slack, with the environment's defaults. */
export const DEFAULT_SETTINGS = defaultSettings({
  prompt: { weekday: 'monday', hour: 10, nudgeEnabled: true, nudgeAfterHours: 72 },
  matching: { minLevelGap: 1, proposalTtlHours: 72 },
  term: { weeks: 26, extensionWeeks: 12 },
  report: { hideNames: false },
});
