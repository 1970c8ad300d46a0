// Runs the app until SIGTERM or SIGINT, then stops taking work, lets what is in flight finish (bounded) and
// closes the server and the database. A second signal exits at once.
import { constants } from 'node:os';
import { describeConfigProblems, hasNoSlackCredentials, loadConfig, SETUP_GUIDE } from './config';
import { startApp, type RunningApp, type StopOptions } from './composition/wiring';

const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

export interface SignalSource {
  once(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  off(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
}

export interface ServeOptions extends StopOptions {
  /** Where signals come from: the process, or an EventEmitter in tests. */
  signals?: SignalSource;
  /** What a second signal does; the process exits at once. */
  exitNow?: (code: number) => void;
}

export async function runServer(env: NodeJS.ProcessEnv): Promise<number> {
  if (hasNoSlackCredentials(env)) {
    console.error(SETUP_GUIDE);
    return 1;
  }
  const result = loadConfig(env);
  if (!result.ok) {
    console.error(describeConfigProblems(result.problems));
    return 1;
  }
  return serveUntilSignalled(await startApp(result.config));
}

/** Resolves to the exit code once a stop signal has been handled: 0 after a clean stop. */
export function serveUntilSignalled(running: RunningApp, options: ServeOptions = {}): Promise<number> {
  const { signals = process, exitNow = (code: number) => process.exit(code), ...stopOptions } = options;
  const logger = running.context.logger.child({ component: 'app' });
  return new Promise<number>((resolve) => {
    const onSecondSignal = (signal: NodeJS.Signals) => {
      logger.warn({ signal }, 'second stop signal: exiting now');
      // The shell's convention for "ended by this signal" (130 for SIGINT, 143 for SIGTERM).
      exitNow(128 + constants.signals[signal]);
    };
    const onSignal = (signal: NodeJS.Signals) => {
      for (const name of STOP_SIGNALS) {
        signals.off(name, onSignal);
        signals.once(name, onSecondSignal);
      }
      logger.info({ signal }, 'stopping');
      running.stop(stopOptions).then(
        () => {
          for (const name of STOP_SIGNALS) signals.off(name, onSecondSignal);
          resolve(0);
        },
        (error: unknown) => {
          logger.error({ err: error instanceof Error ? error.message : String(error) }, 'stop failed');
          resolve(1);
        },
      );
    };
    for (const name of STOP_SIGNALS) signals.once(name, onSignal);
  });
}
