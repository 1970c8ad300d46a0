// The layer rule of docs/architecture.md, as ESLint applies it in `npm test`: a file that imports against it
// fails the lint. Each row lints a one-line file placed in a layer's folder.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

// ESLint loads its flat config with a dynamic import, which Jest's module sandbox cannot do: the rows are linted
// by ESLint's own API in one child process, each as a one-line file at its path.
const LINT_ROWS = `
const { ESLint } = require('eslint');
const rows = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
const eslint = new ESLint({ cwd: process.cwd() });
Promise.all(rows.map(async ([file, line]) => {
  const [result] = await eslint.lintText(line + '\\nexport const used = probe;\\n', { filePath: file });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
})).then((out) => process.stdout.write(JSON.stringify(out)));
`;

function layerErrors(rows: [string, string][]): string[][] {
  const run = spawnSync(process.execPath, ['-e', LINT_ROWS], {
    cwd: ROOT,
    input: JSON.stringify(rows.map(([file, line]) => [path.join(ROOT, file), line])),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as string[][];
}

const refused: [string, string][] = [
  ['src/domain/probe.ts', "import { probe } from '../storage/database';"],
  ['src/domain/probe.ts', "import { probe } from '../views/blocks';"],
  ['src/domain/probe.ts', "import { probe } from '../config';"],
  ['src/domain/probe.ts', "import { probe } from '@slack/bolt';"],
  ['src/domain/probe.ts', "import { probe } from 'drizzle-orm';"],
  ['src/views/probe.ts', "import { probe } from '../storage/schema';"],
  ['src/views/probe.ts', "import { probe } from '../use-cases/publish-home';"],
  ['src/views/probe.ts', "import { probe } from '../slack/slack-app';"],
  ['src/views/probe.ts', "import { probe } from '@slack/web-api';"],
  ['src/report/probe.ts', "import { probe } from '../storage/report-repository';"],
  ['src/ports/probe.ts', "import { probe } from '../slack-api/slack-messenger';"],
  ['src/use-cases/probe.ts', "import { probe } from '../slack/slack-app';"],
  ['src/use-cases/probe.ts', "import { probe } from '../slack/listeners/commands';"],
  ['src/use-cases/probe.ts', "import { probe } from '../slack-api/slack-messenger';"],
  ['src/use-cases/probe.ts', "import { probe } from '../composition/app-context';"],
  ['src/use-cases/probe.ts', "import { probe } from '@slack/bolt';"],
  ['src/use-cases/probe.ts', "import { probe } from '@slack/web-api';"],
  ['src/storage/probe.ts', "import { probe } from '../slack/slack-app';"],
  ['src/storage/probe.ts', "import { probe } from '../views/home-view';"],
  ['src/storage/probe.ts', "import { probe } from '../use-cases/run-matching';"],
  ['src/storage/probe.ts', "import { probe } from '@slack/web-api';"],
  ['src/slack-api/probe.ts', "import { probe } from '../storage/database';"],
  ['src/slack-api/probe.ts', "import { probe } from '@slack/bolt';"],
];

const allowed: [string, string][] = [
  ['src/domain/probe.ts', "import { probe } from './matching';"],
  ['src/domain/probe.ts', "import { probe } from 'luxon';"],
  ['src/views/probe.ts', "import { probe } from '../domain/catalogue';"],
  ['src/views/probe.ts', "import type { probe } from '../ports/messenger';"],
  ['src/use-cases/probe.ts', "import { probe } from '../views/home-view';"],
  ['src/use-cases/probe.ts', "import type { probe } from '../ports/messenger';"],
  ['src/use-cases/probe.ts', "import { probe } from '../errors';"],
  ['src/storage/probe.ts', "import { probe } from '../domain/pause';"],
  ['src/slack/listeners/probe.ts', "import { probe } from '../../use-cases/publish-home';"],
  ['src/composition/probe.ts', "import { probe } from '../slack-api/slack-messenger';"],
];

describe('the layer rule', () => {
  const refusedErrors = layerErrors(refused);
  const allowedErrors = layerErrors(allowed);

  it.each(refused.map((row, index) => [...row, index] as const))(
    'refuses in %s: %s',
    (_file, _line, index) => {
      expect(refusedErrors[index]).toHaveLength(1);
    },
  );

  it.each(allowed.map((row, index) => [...row, index] as const))(
    'allows in %s: %s',
    (_file, _line, index) => {
      expect(allowedErrors[index]).toEqual([]);
    },
  );
});
