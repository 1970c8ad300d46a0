// npm start, the image and the app benchmarks run the app with the same node flags: package.json's start script
// holds them, the Dockerfile's CMD must repeat them, and the benchmarks read them from there.
import fs from 'node:fs';
import path from 'node:path';
import { deployedNodeFlags, nodeFlagsOf } from '../../bench/support/deployed';

const ROOT = path.join(__dirname, '..', '..');

describe('the node flags the app is deployed with', () => {
  it('are the same in package.json start script and in the Dockerfile CMD', () => {
    const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    const flags = deployedNodeFlags();
    expect(dockerfile).toContain(
      `CMD ${JSON.stringify(['node', ...flags, 'dist/src/cli.js', 'start']).replaceAll(',', ', ')}`,
    );
  });

  it('refuse a Dockerfile whose CMD runs node with other flags', () => {
    const start = 'node --max-semi-space-size=2 dist/src/cli.js start';
    expect(
      nodeFlagsOf(start, 'CMD ["node", "--max-semi-space-size=2", "dist/src/cli.js", "start"]\n'),
    ).toEqual(['--max-semi-space-size=2']);
    expect(() => nodeFlagsOf(start, 'CMD ["node", "dist/src/cli.js", "start"]\n')).toThrow(
      /does not run node/,
    );
    expect(() => nodeFlagsOf('tsx src/cli.ts start', 'CMD ["node", "dist/src/cli.js", "start"]\n')).toThrow(
      /start script/,
    );
  });
});
