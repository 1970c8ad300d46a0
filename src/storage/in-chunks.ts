// SQLite caps the number of bound parameters per statement; large runs are read and written in slices.
const CHUNK = 500;

/** Runs `run` on each slice in turn (never two at once: they share the caller's connection or transaction). */
export async function inChunks<T, R>(items: readonly T[], run: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += CHUNK) {
    results.push(...(await run(items.slice(start, start + CHUNK))));
  }
  return results;
}
