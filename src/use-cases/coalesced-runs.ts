// At most one run per key at a time, plus one queued to follow. A launch-day burst of sign-ups each asks for
// a matching run of the whole workspace; one run already covers everyone who signed up before it started, so
// the asks that arrive while it runs share a single follow-up run instead of piling up overlapping ones.
// (Across replicas on PostgreSQL, serialiseMatchingWrites in storage/job-claims.ts orders the writes.)

export interface CoalescedRuns {
  /**
   * Runs `work` for `key`, or joins a run that has not started yet. Resolves (or rejects) with the first run
   * that starts after this call, so the caller's change is always seen by the run it waits for.
   */
  run(key: string, work: () => Promise<void>): Promise<void>;
}

export function createCoalescedRuns(): CoalescedRuns {
  const running = new Map<string, Promise<void>>();
  const queued = new Map<string, Promise<void>>();

  const start = (key: string, work: () => Promise<void>): Promise<void> => {
    const current = (async () => work())().finally(() => {
      if (running.get(key) === current) running.delete(key);
    });
    running.set(key, current);
    return current;
  };

  return {
    run(key, work) {
      const waiting = queued.get(key);
      if (waiting !== undefined) return waiting;
      const current = running.get(key);
      if (current === undefined) return start(key, work);
      // Whatever the current run's outcome, the follow-up runs once it is over.
      const next = current
        .catch(() => undefined)
        .then(() => {
          queued.delete(key);
          return start(key, work);
        });
      queued.set(key, next);
      return next;
    },
  };
}
