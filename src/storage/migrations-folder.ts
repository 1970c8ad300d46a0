import fs from 'node:fs';
import path from 'node:path';

// The migrations sit at the package root, which is two levels above src/storage under ts-jest and three
// above dist/src/storage once built: look upwards rather than hard-code either.
export function findMigrationsFolder(dialect: 'sqlite' | 'postgres', start: string = __dirname): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'migrations', dialect);
    if (fs.existsSync(path.join(candidate, 'meta', '_journal.json'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`No migrations/${dialect} folder found above ${start}`);
  }
}
