// Runs what the app benchmarks measure as it is deployed: the app compiled by `npm run build` and started with
// plain node (`node dist/src/cli.js …`), the bare Bolt app compiled the same way (bench/app/deployed/), no tsx
// loader in either. The app gets the node flags it is deployed with (deployedNodeFlags: package.json's start
// script, which the Dockerfile's CMD repeats), the bare app Node's defaults. Both carry the same preloaded probe
// (bench/app/deployed/probe.ts), through which the benchmark reads memory and checks that only production
// dependencies were loaded. The matching benchmark's timed child is compiled beside them and runs with plain node
// too, so the matcher is timed as the app runs it.
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { ProbeAnswer } from '../app/deployed/probe-messages';
import { REPO_ROOT } from './child';

export const DIST = path.join(REPO_ROOT, 'dist');
export const APP_CLI = path.join(DIST, 'src', 'cli.js');
const BARE_APP = path.join(DIST, 'bench', 'app', 'deployed', 'bare-bolt-app.js');
const PROBE = path.join(DIST, 'bench', 'app', 'deployed', 'probe.js');
export const MATCHING_CHILD = path.join(DIST, 'bench', 'matching', 'perf-child.js');

const START_SCRIPT = /^node((?:\s+-\S+)*)\s+dist\/src\/cli\.js start$/;

/**
 * The flags between `node` and `dist/src/cli.js start` in package.json's start script and in the Dockerfile's
 * CMD (its exec form); throws unless both are written that way with the same flags, so the two cannot drift apart.
 */
export function nodeFlagsOf(startScript: string, dockerfile: string): string[] {
  const script = START_SCRIPT.exec(startScript.trim());
  if (script === null)
    throw new Error(
      `package.json's start script is not \`node [flags] dist/src/cli.js start\`: ${startScript}`,
    );
  const flags = (script[1] ?? '').trim().split(/\s+/).filter(Boolean);
  const cmdLines = dockerfile.split('\n').filter((line) => line.startsWith('CMD '));
  const cmd = JSON.parse(cmdLines.at(-1)?.slice('CMD '.length) ?? 'null') as unknown;
  const expected = ['node', ...flags, 'dist/src/cli.js', 'start'];
  if (JSON.stringify(cmd) !== JSON.stringify(expected))
    throw new Error(
      `the Dockerfile's CMD ${JSON.stringify(cmd)} does not run node as npm start does: ${JSON.stringify(expected)}`,
    );
  return flags;
}

/** The node flags the app is deployed with (see nodeFlagsOf). */
export function deployedNodeFlags(): string[] {
  const scripts = readJson(path.join(REPO_ROOT, 'package.json')).scripts ?? {};
  return nodeFlagsOf(scripts.start ?? '', fs.readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8'));
}

/**
 * `npm run build` (the app, as deployed) and the bench's own compiled entry points beside it (the bare app, the
 * probe, the matcher's timed child); `--no-build` among the arguments skips it (bench/run-all.ts builds once for
 * every benchmark).
 */
export function buildDeployed(log: (message: string) => void, args: readonly string[] = []): void {
  if (args.includes('--no-build')) {
    if (![APP_CLI, BARE_APP, MATCHING_CHILD].every((file) => fs.existsSync(file)))
      throw new Error('--no-build, but nothing is built');
    return;
  }
  const started = performance.now();
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT, stdio: 'inherit' });
  execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', path.join(REPO_ROOT, 'bench', 'app', 'deployed')],
    { cwd: REPO_ROOT, stdio: 'inherit' },
  );
  log(`built the app and the bare Bolt app in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Environment of a measured process: only what it needs (no SLACK_* or DATABASE_* leaking in from the shell). */
export function appEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'production', ...vars };
}

export interface Measured {
  child: ChildProcess;
  port: number;
  url: string;
}

export type DeployedKind = 'app' | 'bare';

/**
 * Starts `node [deployed flags] dist/src/cli.js start` (app) or the compiled bare Bolt app (Node's defaults) on a
 * free port, in `cwd` (a folder with no .env), stdout and stderr to `logFile`, and resolves once it answers HTTP.
 */
export async function startDeployed(
  kind: DeployedKind,
  vars: Record<string, string>,
  cwd: string,
  logFile: string,
): Promise<Measured> {
  const port = await freePort();
  const out = fs.openSync(logFile, 'a');
  const child = fork(kind === 'app' ? APP_CLI : BARE_APP, kind === 'app' ? ['start'] : [], {
    cwd,
    env: appEnv({ ...vars, PORT: String(port) }),
    execArgv: [...(kind === 'app' ? deployedNodeFlags() : []), '--expose-gc', '--require', PROBE],
    stdio: ['ignore', out, out, 'ipc'],
  });
  fs.closeSync(out);
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) =>
      reject(new Error(`${kind} exited with ${code ?? signal} while starting; see ${logFile}`)),
    ),
  );
  await Promise.race([untilAnswering(port), exited]);
  child.removeAllListeners('exit');
  return { child, port, url: `http://127.0.0.1:${port}/slack/events` };
}

/** Polls until anything answers HTTP on the port (the bare app has no /healthz: a 404 will do). */
export async function untilAnswering(port: number, path = '/healthz'): Promise<number> {
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}${path}`);
      await response.arrayBuffer();
      return response.status;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** Resolves once the app's first scheduler tick has run (its /healthz then names the instant). */
export async function untilFirstTick(port: number): Promise<void> {
  for (;;) {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    const body = (await response.json()) as { schedulerLastSuccessAt?: string | null };
    if (body.schedulerLastSuccessAt) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function ask<T extends ProbeAnswer['type']>(
  measured: Measured,
  question: T,
): Promise<Extract<ProbeAnswer, { type: T }>> {
  return new Promise((resolve) => {
    const onMessage = (message: ProbeAnswer) => {
      if (message.type !== question) return;
      measured.child.off('message', onMessage);
      resolve(message as Extract<ProbeAnswer, { type: T }>);
    };
    measured.child.on('message', onMessage);
    measured.child.send(question);
  });
}

/** Asks a measured process to write a V8 heap snapshot (after two full collections) to `file`. */
export function heapSnapshotOf(measured: Measured, file: string): Promise<string> {
  return new Promise((resolve) => {
    const onMessage = (message: ProbeAnswer) => {
      if (message.type !== 'heap-snapshot') return;
      measured.child.off('message', onMessage);
      resolve(message.file);
    };
    measured.child.on('message', onMessage);
    measured.child.send(`heap-snapshot:${file}`);
  });
}

export function stopDeployed(measured: Measured): Promise<void> {
  if (measured.child.exitCode !== null || measured.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    measured.child.once('exit', () => resolve());
    measured.child.kill('SIGTERM');
  });
}

export interface PackageCheck {
  /** Packages the process loaded. */
  loaded: number;
  modules: number;
  /** Loaded packages outside the production dependency tree (devDependencies, or anything not installed for production). */
  notProduction: string[];
  typeScriptFiles: string[];
}

/**
 * What `npm ci --omit=dev` would install: the package.json dependencies and, recursively, theirs (optional and
 * peer dependencies included), resolved as Node resolves them. Real paths, as require.cache holds them. An
 * optional peer (debug's supports-color) is counted too: its user loads it only when installed and works without.
 */
export function productionPackageFolders(): Set<string> {
  const seen = new Set<string>();
  const visit = (fromDir: string, name: string) => {
    const dir = findPackage(fromDir, name);
    if (dir === null || seen.has(dir)) return;
    seen.add(dir);
    const pkg = readJson(path.join(dir, 'package.json'));
    for (const dep of Object.keys({
      ...pkg.dependencies,
      ...pkg.optionalDependencies,
      ...pkg.peerDependencies,
      ...pkg.peerDependenciesMeta,
    }))
      visit(dir, dep);
  };
  for (const name of Object.keys(readJson(path.join(REPO_ROOT, 'package.json')).dependencies ?? {}))
    visit(REPO_ROOT, name);
  return seen;
}

interface PackageJson {
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, unknown>;
  devDependencies?: Record<string, string>;
}

function readJson(file: string): PackageJson {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as PackageJson;
}

function findPackage(fromDir: string, name: string): string | null {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return fs.realpathSync(candidate);
    if (path.dirname(dir) === dir) return null;
  }
}

/** Asks a measured process which packages it loaded; throws when one is not a production dependency. */
export async function checkProductionOnly(
  measured: Measured,
  label: string,
  production = productionPackageFolders(),
): Promise<PackageCheck> {
  const answer = await ask(measured, 'packages');
  const devNames = new Set(Object.keys(readJson(path.join(REPO_ROOT, 'package.json')).devDependencies ?? {}));
  const notProduction = answer.packages
    .filter((folder) => !production.has(folder))
    .map((folder) => {
      const name = folder.slice(folder.lastIndexOf('/node_modules/') + '/node_modules/'.length);
      return devNames.has(name) ? `${name} (devDependency)` : name;
    });
  const check = {
    loaded: answer.packages.length,
    modules: answer.modules,
    notProduction,
    typeScriptFiles: answer.typeScriptFiles,
  };
  if (notProduction.length > 0 || answer.typeScriptFiles.length > 0) {
    throw new Error(
      `${label} loaded what production does not install: ${[...notProduction, ...answer.typeScriptFiles].join(', ')}`,
    );
  }
  return check;
}

/** Runs `node dist/src/cli.js <args>` to completion (seeding, copying a database); throws on failure. */
export function runCli(args: readonly string[], vars: Record<string, string>, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [APP_CLI, ...args], {
      cwd,
      env: appEnv(vars),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`mentor-circles ${args[0]} exited with ${code}:\n${output.slice(-2000)}`)),
    );
  });
}
