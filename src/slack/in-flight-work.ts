// Listeners ack Slack first and keep working after. This keeps count of that work so a shutdown can wait for
// it and tests can wait until the app is quiet instead of sleeping.
export interface InFlightWork {
  track<T>(work: Promise<T>): Promise<T>;
  /** Resolves once nothing is in flight, including work started while waiting. */
  settle(): Promise<void>;
  readonly size: number;
}

export function createInFlightWork(): InFlightWork {
  const pending = new Set<Promise<unknown>>();
  return {
    track(work) {
      pending.add(work);
      const forget = () => pending.delete(work);
      work.then(forget, forget);
      return work;
    },
    async settle() {
      while (pending.size > 0) {
        await Promise.allSettled([...pending]);
      }
    },
    get size() {
      return pending.size;
    },
  };
}
