// An install on SQLite never loads the PostgreSQL driver: `mentor-circles start` on a SQLite file, run as a
// real process, serves /healthz and stops with no module of `pg` (or drizzle's node-postgres driver) loaded.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';
import { startFakeSlack } from '../../dev/fake-slack-server';
import { makeTempDir } from '../support/test-database';

const root = path.resolve(__dirname, '../..');
const inPackage = (name: string) => (file: string) =>
  file.split(path.sep).join('/').includes(`/node_modules/${name}/`);

it('mentor-circles start on SQLite loads better-sqlite3 and never pg', async () => {
  const fake = await startFakeSlack();
  const temp = makeTempDir();
  const loadedList = path.join(temp.dir, 'loaded-modules.json');
  // Preloaded into the child: at exit, every CommonJS module it loaded (tsx loads the app's .ts files as such).
  const preload = path.join(temp.dir, 'list-loaded-modules.cjs');
  fs.writeFileSync(
    preload,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(loadedList)}, JSON.stringify(Object.keys(require.cache))));\n`,
  );
  const child = spawn(
    process.execPath,
    [
      '--import',
      pathToFileURL(require.resolve('tsx')).href,
      '--require',
      preload,
      path.join(root, 'src/cli.ts'),
      'start',
    ],
    {
      cwd: temp.dir,
      env: {
        PATH: process.env.PATH,
        SLACK_BOT_TOKEN: 'xoxb-child',
        SLACK_SIGNING_SECRET: 'child-secret',
        SLACK_API_URL: fake.apiUrl,
        PORT: '0',
        DATABASE_PATH: path.join(temp.dir, 'child.db'),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    const port = await new Promise<number>((resolve) => {
      readline.createInterface({ input: child.stdout }).on('line', (line) => {
        const entry = JSON.parse(line) as Record<string, unknown>;
        if (entry.msg === 'Mentor Circles is running') resolve(entry.port as number);
      });
    });
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    expect((await exited)[0]).toBe(0);

    const loaded = JSON.parse(fs.readFileSync(loadedList, 'utf8')) as string[];
    expect(loaded.some(inPackage('better-sqlite3'))).toBe(true);
    expect(loaded.filter(inPackage('pg'))).toEqual([]);
    expect(loaded.filter((file) => file.includes('drizzle-orm/node-postgres'))).toEqual([]);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await fake.close();
    temp.cleanup();
  }
  // Compiling the app in the child takes a few seconds on a busy machine.
}, 60_000);
