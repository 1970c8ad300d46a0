import type { WebClient } from '@slack/web-api';
import type { Semaphore } from 'async-mutex';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Clock } from '../ports/clock';
import type { Db } from '../storage/database';
import type { Repositories } from '../storage/repositories';
import type { InFlightWork } from '../slack/in-flight-work';
import type { Messenger } from '../ports/messenger';
import type { CoalescedRuns } from '../use-cases/coalesced-runs';

/** What listeners need to reach use cases. Built once, in wiring.ts. */
export interface AppContext {
  readonly config: Config;
  readonly db: Db;
  readonly client: WebClient;
  readonly messenger: Messenger;
  readonly repos: Repositories;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly inFlight: InFlightWork;
  /** The after-change matching runs of this process: one per workspace at a time, one queued to follow. */
  readonly matchingRuns: CoalescedRuns;
  /**
   * The Home tabs redrawn after a change, a few at a time: a burst of sign-ups or a matching run would otherwise
   * hold hundreds of snapshots and Slack requests in flight at once.
   */
  readonly homeRedraws: Semaphore;
}
