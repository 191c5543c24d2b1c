// Bundles the integration suite with esbuild into one CommonJS file that VS Code's extension host
// loads: mocha is inside, `vscode` stays external, and every test/integration/**/*.test.ts is listed
// in the virtual module 'integration-tests' so that new test files need no registration.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const TESTS_DIR = path.join(REPO_ROOT, 'test', 'integration');

export function integrationTestFiles(): string[] {
  return fs
    .readdirSync(TESTS_DIR, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => path.join(TESTS_DIR, name))
    .sort();
}

const testsModule: esbuild.Plugin = {
  name: 'integration-tests',
  setup(build) {
    build.onResolve({ filter: /^integration-tests$/ }, () => ({ path: 'integration-tests', namespace: 'integration-tests' }));
    build.onLoad({ filter: /.*/, namespace: 'integration-tests' }, () => {
      const entries = integrationTestFiles().map(
        (file) => `{ file: ${JSON.stringify(path.relative(REPO_ROOT, file))}, load: () => require(${JSON.stringify(file)}) }`,
      );
      return { contents: `export const tests = [\n${entries.join(',\n')}\n];\n`, resolveDir: TESTS_DIR, loader: 'js' };
    });
  },
};

/** Builds `entry` (a file that imports ./suite) into `outfile`. */
export async function buildIntegrationBundle(entry: string, outfile: string): Promise<void> {
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'es2022',
    sourcemap: 'inline',
    external: ['vscode'],
    plugins: [testsModule],
    logLevel: 'warning',
    // mocha's parallel mode resolves its worker files at run time; the suite runs serially and never loads them.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
}
