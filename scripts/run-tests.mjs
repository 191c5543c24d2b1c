// `npm test`: every test layer, one after the other, then one closing line counting all of them.
//   static       the type check (every tsconfig) and the linter, one test each
//   unit         mocha over test/unit/**/*.test.ts (.mocharc.json)
//   reliability  mocha over test/reliability/**/*.test.ts (.mocharc.reliability.json): bad input,
//                files that move, hangs, signals, run against the built CLI (built first)
//   integration  the mocha integration suite inside a real VS Code (code-server)   } test/e2e/run.ts all
//   e2e          the user scenario in a real VS Code, light and dark theme           }
// A layer that could not run counts as one failed test, so nothing is hidden. Exits non-zero on any
// failure. The last line is exactly `N passed, N failed`.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const resultsDir = path.resolve(process.env.LOG_ANOMALY_E2E_RESULTS ?? path.join(root, '.e2e-results'));

/** Runs a command with its output shown as it comes; resolves with the exit code and the output. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    child.on('error', (error) => resolve({ code: 127, output: `${output}\n${error.message}` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

function banner(text) {
  console.log(`\n==== ${text} ${'='.repeat(Math.max(0, 70 - text.length))}`);
}

async function staticLayer() {
  banner('static checks (type check, lint)');
  const started = Date.now();
  const checks = [
    ['type check', 'npm', ['run', '--silent', 'typecheck']],
    ['lint', bin('eslint'), ['.']],
  ];
  let passed = 0;
  const failures = [];
  for (const [name, command, args] of checks) {
    const { code } = await run(command, args);
    if (code === 0) passed++;
    else failures.push(`${name} failed`);
  }
  return { name: 'static', passed, failed: failures.length, seconds: (Date.now() - started) / 1000, ...(failures.length ? { error: failures.join(', ') } : {}) };
}

/** A mocha layer: its passing, failing and pending counts from the spec reporter's epilogue. */
async function mochaLayer(name, title, args) {
  banner(title);
  const started = Date.now();
  const { code, output } = await run(bin('mocha'), ['--reporter', 'spec', '--no-color', ...args]);
  // The spec reporter's epilogue: "N passing (…)", "N failing", "N pending".
  const count = (word) => {
    const matches = [...output.matchAll(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'gm'))];
    return matches.length > 0 ? Number(matches.at(-1)[1]) : undefined;
  };
  const passing = count('passing');
  const failing = count('failing') ?? 0;
  const pending = count('pending') ?? 0;
  const seconds = (Date.now() - started) / 1000;
  if (passing === undefined) return { name, passed: 0, failed: 1, seconds, error: `mocha exited with ${code} before reporting results` };
  // A skipped test did not run: count it as failed rather than let it vanish from the total.
  const layer = { name, passed: passing, failed: failing + pending, seconds };
  if (code !== 0 && failing === 0) return { ...layer, failed: layer.failed + 1, error: `mocha exited with ${code} although no test failed` };
  return layer;
}

const unitLayer = () => mochaLayer('unit', 'unit tests (mocha)', []);

/** The reliability tests run the built CLI: the build comes first, and a failed build fails the layer. */
async function reliabilityLayer() {
  banner('build for the reliability tests');
  const { code } = await run(process.execPath, ['esbuild.mjs']);
  if (code !== 0) return { name: 'reliability', passed: 0, failed: 1, seconds: 0, error: `the build exited with ${code}` };
  return mochaLayer('reliability', 'reliability tests (mocha, built CLI)', ['--config', '.mocharc.reliability.json']);
}

async function realVsCodeLayers() {
  banner('integration suite and end-to-end scenario in a real VS Code (code-server)');
  const summaryFile = path.join(resultsDir, 'summary.json');
  fs.rmSync(summaryFile, { force: true });
  const { code } = await run(bin('tsx'), [path.join('test', 'e2e', 'run.ts'), 'all']);
  const couldNotRun = (error) =>
    ['integration', 'e2e'].map((name) => ({ name, passed: 0, failed: 1, seconds: 0, error }));
  if (!fs.existsSync(summaryFile)) return couldNotRun(`the harness exited with ${code} without writing ${summaryFile}`);
  const summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
  const layers = ['integration', 'e2e'].map((name) => ({ name, ...(summary.layers[name] ?? { passed: 0, failed: 1, seconds: 0, error: 'did not run' }) }));
  const failedCount = layers.reduce((sum, layer) => sum + layer.failed, 0);
  if (code !== 0 && failedCount === 0) {
    layers.push({ name: 'harness', passed: 0, failed: 1, seconds: 0, error: `test/e2e/run.ts exited with ${code} although no test failed` });
  }
  return layers;
}

const layers = [await staticLayer(), await unitLayer(), await reliabilityLayer(), ...(await realVsCodeLayers())];

banner('summary');
for (const layer of layers) {
  const note = layer.error ? `  (${layer.error.split('\n')[0]})` : '';
  console.log(`${layer.name.padEnd(12)} ${String(layer.passed).padStart(4)} passed ${String(layer.failed).padStart(4)} failed  ${layer.seconds.toFixed(1).padStart(6)}s${note}`);
}
const passed = layers.reduce((sum, layer) => sum + layer.passed, 0);
const failed = layers.reduce((sum, layer) => sum + layer.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
