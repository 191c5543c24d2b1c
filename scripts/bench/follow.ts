/**
 * `npm run bench:follow`: how long `log-anomaly detect --follow` takes to print an anomalous line after
 * it is written. A generated HDFS log of --lines normal lines is scored, then --arrivals times a batch of
 * normal lines is appended with one ERROR line no run has seen in its middle, and the time from that
 * write to the line's record on stdout is taken. Prints the median, 90th percentile and slowest.
 * Claims about following in the README come from here, not from timed tests.
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateHdfsLogText } from '../hdfs-generator';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
const ANOMALOUS_LINE = '081110 101010 99 ERROR dfs.DataNode: 10.251.71.16:50010:DataXceiver: java.io.IOException: No space left on device while writing blk_-1234567890123456789';
/** A run that prints nothing for this long has stopped. */
const GIVE_UP_MS = 60_000;

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '100000' },
    arrivals: { type: 'string', default: '20' },
    batch: { type: 'string', default: '200' },
    'no-build': { type: 'boolean', default: false },
  },
});
const lines = wholeNumber('lines', values.lines, 1000);
const arrivals = wholeNumber('arrivals', values.arrivals, 1);
const batch = wholeNumber('batch', values.batch, 2);

function wholeNumber(name: string, text: string, least: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < least) throw new RangeError(`--${name} must be a whole number of at least ${least}, not ${text}`);
  return value;
}

if (!values['no-build']) spawnSync(process.execPath, [join(ROOT, 'esbuild.mjs')], { stdio: 'inherit', cwd: ROOT });
const all = generateHdfsLogText({ lines: lines + arrivals * batch, seed: 3, anomalyRate: 0 }).text.trimEnd().split('\n');
const dir = mkdtempSync(join(tmpdir(), 'log-anomaly-bench-follow-'));
const path = join(dir, 'hdfs.log');
writeFileSync(path, all.slice(0, lines).join('\n') + '\n');

const child = spawn(process.execPath, [CLI, 'detect', path, '--follow', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
let stdout = '';
let stderr = '';
child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));

async function until(test: () => boolean, what: string): Promise<void> {
  const started = Date.now();
  while (!test()) {
    if (Date.now() - started > GIVE_UP_MS || child.exitCode !== null) throw new Error(`No ${what} after ${Date.now() - started} ms; stderr: ${stderr.slice(-500)}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

const printed = (): number => stdout.split('\n').filter((line) => line.includes('No space left')).length;

async function main(): Promise<void> {
  const started = Date.now();
  await until(() => stderr.includes('Following'), 'first run');
  console.log(`${lines.toLocaleString('en-US')} lines scored and followed in ${Date.now() - started} ms (node start-up included)`);
  const latencies: number[] = [];
  for (let arrival = 0; arrival < arrivals; arrival++) {
    const normal = all.slice(lines + arrival * batch, lines + (arrival + 1) * batch);
    appendFileSync(path, normal.slice(0, batch / 2).join('\n') + '\n');
    appendFileSync(path, `${ANOMALOUS_LINE}\n`);
    const written = performance.now();
    appendFileSync(path, normal.slice(batch / 2).join('\n') + '\n');
    await until(() => printed() === arrival + 1, `record of arrival ${arrival + 1}`);
    latencies.push(performance.now() - written);
    // Writes a second apart, as a service logs: each arrival is a change of its own.
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  latencies.sort((a, b) => a - b);
  const at = (share: number): string => latencies[Math.min(latencies.length - 1, Math.floor(share * latencies.length))].toFixed(0);
  console.log(`From writing an anomalous line to its record on stdout, ${arrivals} arrivals of ${batch + 1} lines each:`);
  console.log(`  median ${at(0.5)} ms, 90th percentile ${at(0.9)} ms, slowest ${at(1)} ms`);
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => {
    child.kill('SIGINT');
    rmSync(dir, { recursive: true, force: true });
  });
