import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../integration/build';
import { vsixProblems, type ZipEntry } from '../../e2e/packaging';

/** What a good .vsix of this repository holds: the bundles, the manifest, and what media/ (but the README's screenshots) and syntaxes/ have. */
function goodEntries(): ZipEntry[] {
  const names = ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/worker.js', 'extension/dist/parser.js', 'extension/dist/webview.js', 'extension/dist/cli.js'];
  for (const folder of ['media', 'syntaxes']) {
    const dir = path.join(REPO_ROOT, folder);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
      const file = `${folder}/${name.split(path.sep).join('/')}`;
      if (fs.statSync(path.join(dir, name)).isFile() && !file.startsWith('media/screenshots/')) names.push(`extension/${file}`);
    }
  }
  // vsce's own name for the README.
  if (fs.existsSync(path.join(REPO_ROOT, 'README.md'))) names.push('extension/readme.md');
  if (fs.existsSync(path.join(REPO_ROOT, 'LICENSE'))) names.push('extension/LICENSE.txt');
  return names.map((name) => ({ name, size: 100 }));
}

describe('vsix content check', () => {
  it('accepts the bundles, manifest, media and documents', () => {
    assert.deepEqual(vsixProblems(goodEntries(), 100_000), []);
  });

  it('names a missing runtime bundle', () => {
    const entries = goodEntries().filter((entry) => entry.name !== 'extension/dist/worker.js');
    assert.deepEqual(vsixProblems(entries, 100_000), ['missing extension/dist/worker.js']);
  });

  it('rejects node_modules, sources, tests, source maps, results and the README screenshots', () => {
    const junk = ['extension/node_modules/chart.js/package.json', 'extension/src/extension.ts', 'extension/test/e2e/run.ts', 'extension/dist/extension.js.map', 'extension/.e2e-results/workspace/big.log', 'extension/media/screenshots/dashboard-dark.png'];
    const problems = vsixProblems([...goodEntries(), ...junk.map((name) => ({ name, size: 1 }))], 100_000);
    assert.deepEqual(problems, junk.map((name) => `must not ship ${name}`));
  });

  it('rejects a package grown past the size limit', () => {
    assert.match(vsixProblems(goodEntries(), 40 * 1024 * 1024).join('\n'), /40\.0 MB is more than 15 MB/);
  });
});
