// The linter keeps the engine pure at any folder depth: these snippets are linted as if they were
// files deep inside src/analysis, and each must be refused (and the same import from an adapter allowed).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function problems(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return result.messages.map((message) => `${message.ruleId}: ${message.message}`);
}

describe('engine purity (lint rule)', function () {
  this.timeout(60_000);
  const deep = 'src/analysis/formats/named/example.ts';
  const refused: [string, string][] = [
    ['an adapter two levels up', "import { COMMANDS } from '../../../editor/commands';\nexport const c = COMMANDS;\n"],
    ['an adapter three levels up', "import { x } from '../../../../src/editor/state/results';\nexport const y = x;\n"],
    ['the node adapters', "import { fileSource } from '../../../node/files';\nexport const f = fileSource;\n"],
    ['the message protocol', "import type { HostToWorker } from '../../../protocol';\nexport type T = HostToWorker;\n"],
    ['the webview', "import { h } from '../../../webview/dom';\nexport const d = h;\n"],
    ['vscode', "import * as vscode from 'vscode';\nexport const v = vscode;\n"],
    ['a Node built-in', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n"],
  ];
  for (const [what, code] of refused) {
    it(`refuses ${what} from a file deep in src/analysis`, async () => {
      const found = await problems(code, deep);
      assert.ok(found.some((text) => text.startsWith('no-restricted-imports')), found.join('\n'));
    });
  }

  it('allows the engine its own rooms, and adapters their imports of it', async () => {
    assert.deepEqual(await problems("import { Level } from '../levels';\nexport const l = Level;\n", deep), []);
    assert.deepEqual(await problems("import { analyzeLog } from '../analysis';\nexport const a = analyzeLog;\n", 'src/cli/example.ts'), []);
  });
});
