// Runs the app until SIGTERM or SIGINT, then stops taking work, lets what is in flight finish and closes
// the database. A second signal exits at once.
import { describeConfigProblems, hasNoSlackCredentials, loadConfig, SETUP_GUIDE } from './config';
import { startApp } from './wiring';

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
  const running = await startApp(result.config);
  return new Promise<number>((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) process.exit(1);
      stopping = true;
      running.context.logger.info({ component: 'app', signal }, 'stopping');
      running.stop().then(
        () => resolve(0),
        (error: unknown) => {
          running.context.logger.error({ component: 'app', err: String(error) }, 'stop failed');
          resolve(1);
        },
      );
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}
