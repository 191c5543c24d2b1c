// `npm run package`: the .vsix users install, packaged by vsce from this repository (extra arguments,
// such as `--out FILE`, go to vsce). The README's screenshots (media/screenshots/) stay out of the
// .vsix to keep it small, so the README packed with it is this one without its screenshots section,
// rather than one showing broken images in the Extensions view.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SECTION = /<!-- screenshots -->[\s\S]*?<!-- \/screenshots -->\n*/g;
/** Inside dist/ (the build output) because vsce only packs a README from within the extension folder. */
const PACKED_README = path.join('dist', 'README.md');

const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
fs.mkdirSync(path.join(ROOT, 'dist'), { recursive: true });
fs.writeFileSync(path.join(ROOT, PACKED_README), readme.replace(SECTION, ''));
const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
try {
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--readme-path', PACKED_README, ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' });
} catch {
  process.exit(1); // vsce has said why.
} finally {
  fs.rmSync(path.join(ROOT, PACKED_README), { force: true });
}
