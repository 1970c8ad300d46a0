// SQLite caps the number of bound parameters per statement; large runs are read and written in slices.
const CHUNK = 500;

export function inChunks<T, R>(items: readonly T[], run: (chunk: T[]) => R[]): R[] {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += CHUNK) {
    results.push(...run(items.slice(start, start + CHUNK)));
  }
  return results;
}
