// npm start's prestart: compiles src/ into dist/ only when the sources or the compiler settings changed since the
// last build, so a start after the first one does not wait for the compiler. A fingerprint of the inputs (every
// path and its content) is kept in dist/; content rather than modification times, because a checkout, a copy or
// a clock may change times without changing a file. Exits non-zero when the compiler reports an error.
/* global console, process */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const stampFile = path.join(root, 'dist', '.build-fingerprint');
const INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json'];

function filesUnder(entry) {
  const full = path.join(root, entry);
  if (!fs.statSync(full).isDirectory()) return [entry];
  return fs
    .readdirSync(full)
    .sort()
    .flatMap((name) => filesUnder(path.join(entry, name)));
}

function fingerprint() {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap(filesUnder)) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

const current = fingerprint();
const built = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8').trim() : null;
if (built === current && fs.existsSync(path.join(root, 'dist', 'src', 'cli.js'))) process.exit(0);

let tsc;
try {
  tsc = createRequire(path.join(root, 'package.json')).resolve('typescript/bin/tsc');
} catch {
  console.error(
    'dist/ is missing or older than src/, and the TypeScript compiler is not installed: run npm install.',
  );
  process.exit(1);
}
console.error('Compiling src/ into dist/ (the sources changed since the last build)…');
// A clean dist/src, so that a file deleted or renamed in src/ leaves nothing behind.
fs.rmSync(path.join(root, 'dist', 'src'), { recursive: true, force: true });
fs.rmSync(stampFile, { force: true });
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
if (result.status !== 0) process.exit(result.status ?? 1);
fs.writeFileSync(stampFile, `${current}\n`);
