/** Collects what a CLI command prints, so tests can read it; restore() puts the console back. */
export function captureConsole() {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest
    .spyOn(console, 'log')
    .mockImplementation((...args: unknown[]) => void out.push(args.join(' ')));
  const error = jest
    .spyOn(console, 'error')
    .mockImplementation((...args: unknown[]) => void err.push(args.join(' ')));
  return {
    out,
    err,
    restore: () => {
      log.mockRestore();
      error.mockRestore();
    },
  };
}
