// The demo's simulated time: every action and scheduler run is put on the agenda at the instant it happens, and
// the agenda runs them in order, moving the app's clock forward as it goes. Nothing waits for real time.

export interface Agenda {
  /** Runs `task` at `at` (ms since the epoch); tasks at the same instant run in the order they were added. */
  schedule(at: number, task: () => Promise<void>): void;
  /** Runs every task due up to `until`, including those scheduled meanwhile, telling `moveTo` each instant. */
  run(until: number, moveTo: (at: number) => void): Promise<void>;
}

export function createAgenda(): Agenda {
  const tasks: { at: number; order: number; task: () => Promise<void> }[] = [];
  let added = 0;
  return {
    schedule(at, task) {
      added += 1;
      tasks.push({ at, order: added, task });
    },
    async run(until, moveTo) {
      for (;;) {
        tasks.sort((a, b) => a.at - b.at || a.order - b.order);
        const next = tasks[0];
        if (next === undefined || next.at > until) return;
        tasks.shift();
        moveTo(next.at);
        await next.task();
      }
    },
  };
}
