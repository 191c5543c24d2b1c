// Packages the extension into a .vsix with @vscode/vsce exactly as it is published (production build
// through `vscode:prepublish`, `.vscodeignore` applied), checks what went in, and packages the
// test-only companion extension that runs the integration suite.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildIntegrationBundle, REPO_ROOT } from '../integration/build';
import { log, SetupError } from './log';

const VSCE = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
/** Well above the bundles, chart.js and the media; far below a node_modules folder. */
const MAX_VSIX_BYTES = 15 * 1024 * 1024;

/** `npm run package`'s script: vsce with the README as users get it (without the screenshots section). */
const PACKAGE_SCRIPT = path.join(REPO_ROOT, 'scripts', 'package.mjs');
/** The README's pictures: in the repository, never in the .vsix. */
const SCREENSHOTS = 'media/screenshots/';

function vscePackage(cwd: string, outFile: string, extraArgs: string[]): void {
  runPackager(cwd, [VSCE, 'package', '--no-dependencies', '--allow-missing-repository', '--out', outFile, ...extraArgs]);
}

function runPackager(cwd: string, args: string[]): void {
  log.detail(`$ node ${args.map((arg) => (path.isAbsolute(arg) ? path.relative(REPO_ROOT, arg) : arg)).join(' ')}   (in ${path.relative(REPO_ROOT, cwd) || '.'})`);
  try {
    execFileSync(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    throw new SetupError(`vsce package failed in ${cwd}:\n${failure.stdout ?? ''}${failure.stderr ?? failure.message}`);
  }
}

/** The .vsix users install: built and packaged from the repository by vsce. */
export function packageExtension(outFile: string): string {
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  runPackager(REPO_ROOT, [PACKAGE_SCRIPT, '--out', outFile]);
  const entries = listZipEntries(outFile);
  const problems = vsixProblems(entries, fs.statSync(outFile).size);
  if (problems.length > 0) throw new SetupError(`${path.basename(outFile)} is not what users should get:\n  ${problems.join('\n  ')}`);
  log.detail(`packaged ${path.relative(REPO_ROOT, outFile)}: ${entries.length} files, ${(fs.statSync(outFile).size / 1024).toFixed(0)} KB`);
  return outFile;
}

/** What is wrong with a product .vsix: missing runtime files, or things that must not ship. */
export function vsixProblems(entries: readonly ZipEntry[], bytes: number): string[] {
  // vsce files the documents under its own names (README.md becomes readme.md): compare without case.
  const names = new Set(entries.map((entry) => entry.name.toLowerCase()));
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { main: string };
  const required = ['extension/package.json', `extension/${path.posix.normalize(manifest.main)}`, 'extension/dist/worker.js', 'extension/dist/parser.js', 'extension/dist/webview.js'];
  // Whatever the repository has in these places must reach users.
  for (const folder of ['media', 'syntaxes']) {
    const dir = path.join(REPO_ROOT, folder);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
      const file = `${folder}/${name.split(path.sep).join('/')}`;
      if (fs.statSync(path.join(dir, name)).isFile() && !file.startsWith(SCREENSHOTS)) required.push(`extension/${file}`);
    }
  }
  for (const document of ['README.md', 'LICENSE']) {
    if (fs.existsSync(path.join(REPO_ROOT, document))) required.push(`extension/${document.toLowerCase() === 'license' ? 'LICENSE.txt' : document}`);
  }
  const present = (name: string): boolean => names.has(name.toLowerCase()) || names.has(name.replace(/\.txt$/, '').toLowerCase());
  const problems = required.filter((name) => !present(name)).map((name) => `missing ${name}`);
  const forbidden = /^extension\/(node_modules|src|test|scripts|media\/screenshots|\.e2e-results|\.vscode-test|out)\/|\.map$|\.ts$|\.vsix$/;
  problems.push(...entries.filter((entry) => forbidden.test(entry.name)).map((entry) => `must not ship ${entry.name}`));
  if (bytes > MAX_VSIX_BYTES) problems.push(`${(bytes / 1024 / 1024).toFixed(1)} MB is more than ${MAX_VSIX_BYTES / 1024 / 1024} MB`);
  return problems;
}

/** The companion extension, staged outside the source tree with the integration suite bundled in. */
export async function packageCompanion(stagingDir: string, outFile: string): Promise<string> {
  fs.rmSync(stagingDir, { recursive: true, force: true });
  fs.mkdirSync(stagingDir, { recursive: true });
  const source = path.join(REPO_ROOT, 'test', 'vscode-runner');
  fs.copyFileSync(path.join(source, 'package.json'), path.join(stagingDir, 'package.json'));
  await buildIntegrationBundle(path.join(source, 'extension.ts'), path.join(stagingDir, 'dist', 'extension.js'));
  vscePackage(stagingDir, outFile, ['--skip-license']);
  log.detail(`packaged the integration runner ${path.relative(REPO_ROOT, outFile)}`);
  return outFile;
}

export interface ZipEntry {
  readonly name: string;
  readonly size: number;
}

/** Lists a zip archive from its central directory (a .vsix is a zip). */
export function listZipEntries(file: string): ZipEntry[] {
  const data = fs.readFileSync(file);
  const endSignature = 0x06054b50;
  let end = data.length - 22;
  while (end >= 0 && data.readUInt32LE(end) !== endSignature) end -= 1;
  if (end < 0) throw new SetupError(`${file} is not a zip archive`);
  const count = data.readUInt16LE(end + 10);
  let offset = data.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    if (data.readUInt32LE(offset) !== 0x02014b50) throw new SetupError(`${file}: broken central directory`);
    const size = data.readUInt32LE(offset + 24);
    const nameLength = data.readUInt16LE(offset + 28);
    const extraLength = data.readUInt16LE(offset + 30);
    const commentLength = data.readUInt16LE(offset + 32);
    entries.push({ name: data.toString('utf8', offset + 46, offset + 46 + nameLength), size });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
