// `npm run test:vscode`: the integration suite in VS Code desktop through @vscode/test-electron, for
// machines that can download VS Code (this project's CI cannot; it runs the same suite in
// code-server through `npm run test:integration`). Builds the extension and the suite bundle,
// generates the fixture workspace and runs VS Code on it with only this extension enabled.
import { runTests } from '@vscode/test-electron';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createFixtureWorkspace } from '../e2e/fixtures';
import { buildIntegrationBundle, REPO_ROOT } from './build';
import { FIXTURE_VARIABLE } from './fixture';

async function main(): Promise<void> {
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'esbuild.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });
  const out = path.join(REPO_ROOT, 'out', 'integration');
  const entry = path.join(out, 'index.js');
  await buildIntegrationBundle(path.join(REPO_ROOT, 'test', 'integration', 'index.ts'), entry);
  const fixture = createFixtureWorkspace(path.join(out, 'workspace'));
  const fixtureFile = path.join(out, 'fixture.json');
  fs.writeFileSync(fixtureFile, `${JSON.stringify(fixture, null, 2)}\n`);
  await runTests({
    version: process.env.VSCODE_TEST_VERSION ?? 'stable',
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath: entry,
    extensionTestsEnv: { [FIXTURE_VARIABLE]: fixtureFile, LOG_ANOMALY_INTEGRATION_GREP: process.env.LOG_ANOMALY_INTEGRATION_GREP },
    launchArgs: [fixture.folder, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
