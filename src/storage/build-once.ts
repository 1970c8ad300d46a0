/**
 * Builds a value on first use and keeps it: for statements prepared once per connection, lazily so that a
 * repository can be created before its database is migrated.
 */
export function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}
