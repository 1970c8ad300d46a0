// `mentor-circles tick [--at ISO-8601]`: what one scheduler tick does, once, at that instant (default now):
// every job runs and decides for itself what is due. For an operator who runs the app without its timer (a
// cron job beside it) or wants to catch up after downtime, and for trying the schedule at a chosen instant.
import pino from 'pino';
import type { Config } from '../config';
import { closeContext, createContext } from '../composition/wiring';
import { buildJobs } from '../scheduling/jobs';
import { createScheduler } from '../scheduling/scheduler';
import { withJobClaim } from '../storage/job-claims';
import { recordJobRun } from '../storage/job-runs';
import { parseInstant } from './prompt-commands';

export const TICK_USAGE = 'tick [--at ISO-8601]';

export async function runTickCommand(args: readonly string[], config: Config): Promise<number> {
  let at = new Date();
  if (args.length > 0) {
    const instant = args[0] === '--at' && args.length === 2 ? parseInstant(args[1] ?? '') : null;
    if (instant === null) {
      console.error(`Usage: mentor-circles ${TICK_USAGE}  (for example --at 2026-11-23T10:00:00Z)`);
      return 2;
    }
    at = instant;
  }
  // Logs go to stderr so that stdout holds only what each job did.
  const context = await createContext(config, { logDestination: pino.destination({ dest: 2, sync: true }) });
  try {
    console.log(`Running every job due at ${at.toISOString()}…`);
    const scheduler = createScheduler(buildJobs(context), {
      clock: context.clock,
      logger: context.logger,
      async recordRun(job, ranAt, summary) {
        await recordJobRun(context.db, job, ranAt, summary);
        console.log(`  ${job}: ${describeSummary(summary)}`);
      },
      // Beside running replicas, a job one of them is running is left to it.
      claim: (job, ranAt, work) => withJobClaim(context.db, job, ranAt, work),
    });
    await scheduler.runDueJobs(at);
    // The scheduler records the instant only when every job succeeded; a failed job is in the log on stderr.
    const allSucceeded = scheduler.lastSuccessAt()?.getTime() === at.getTime();
    console.log(allSucceeded ? 'Done.' : 'Done, but a job failed: see the log on stderr.');
    return allSucceeded ? 0 : 1;
  } finally {
    await closeContext(context);
  }
}

/** A job's summary in words: `{ sent: 2, wrappedUp: 1 }` reads "sent 2, wrapped up 1". */
function describeSummary(summary: Record<string, unknown>): string {
  const words = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  const parts = Object.entries(summary).map(([key, value]) => `${words(key)} ${String(value)}`);
  return parts.length === 0 ? 'done' : parts.join(', ');
}
