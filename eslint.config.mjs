import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layer rule (docs/architecture.md): each folder of src/ imports only the layers below it.
//   inbound (slack/, cli/, scheduling/, main.ts, cli.ts) → composition/ → use-cases/
//   → ports/ and views/ (report/ renders like a view) → domain/
// The outbound adapters (storage/, slack-api/) implement ports and are wired in composition/.
function appFolders(...folders) {
  return { regex: `^(\\.\\./)+(${folders.join('|')})(/|$)` };
}

function forbid(files, message, { folders = [], packages = [], anyParent = false }) {
  const patterns = [];
  if (anyParent) patterns.push({ regex: '^\\.\\./', message });
  if (folders.length > 0) patterns.push({ ...appFolders(...folders), message });
  if (packages.length > 0) patterns.push({ group: packages, message });
  return { files, rules: { 'no-restricted-imports': ['error', { patterns }] } };
}

const BOLT = ['@slack/bolt', '@slack/bolt/*', '@slack/socket-mode', '@slack/oauth'];
const WEB_API = ['@slack/web-api', '@slack/web-api/*'];
const DATABASE = ['drizzle-orm', 'drizzle-orm/*', 'better-sqlite3', 'pg'];
const INBOUND = ['slack', 'cli', 'cli\\.ts', 'main', 'scheduling'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'migrations/**', 'demo-output/**', 'coverage/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  forbid(['src/domain/**/*.ts'], 'The domain is pure: it imports no app code, Slack or database.', {
    anyParent: true,
    packages: [...BOLT, ...WEB_API, '@slack/types', ...DATABASE],
  }),
  forbid(
    ['src/views/**/*.ts', 'src/report/**/*.ts', 'src/ports/**/*.ts'],
    'Views and ports import only the domain, ports and types: no storage, use case or Slack runtime.',
    {
      folders: [...INBOUND, 'composition', 'use-cases', 'storage', 'slack-api'],
      packages: [...BOLT, ...WEB_API, ...DATABASE],
    },
  ),
  forbid(
    ['src/use-cases/**/*.ts'],
    'Use cases talk to the outside through ports: no Bolt, receiver, Slack adapter or composition root.',
    { folders: [...INBOUND, 'composition', 'slack-api'], packages: [...BOLT, ...WEB_API] },
  ),
  forbid(['src/storage/**/*.ts'], 'Storage knows nothing of Slack, views or use cases.', {
    folders: [...INBOUND, 'composition', 'use-cases', 'views', 'slack-api'],
    packages: [...BOLT, ...WEB_API, '@slack/types'],
  }),
  forbid(
    ['src/slack-api/**/*.ts'],
    'The Slack adapter implements ports; it knows nothing of the layers above.',
    {
      folders: [...INBOUND, 'composition', 'use-cases', 'storage', 'views'],
      packages: BOLT,
    },
  ),
  forbid(
    ['src/workers/**/*.ts'],
    'Workers run the domain off the event loop; they know nothing of the layers above.',
    {
      folders: [...INBOUND, 'composition', 'use-cases', 'storage', 'views', 'slack-api'],
      packages: [...BOLT, ...WEB_API, ...DATABASE],
    },
  ),
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
