import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SAVED_MODEL_VERSION } from '../../../src/analysis';
import { readFileLines } from '../../../src/node/files';
import { hdfsLog, HDFS_ERROR_LINE } from '../pipeline/syntheticLogs';

const CLI = join(__dirname, '../../../src/cli/main.ts');

function run(args: string[], input?: Buffer): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', timeout: 60_000, input });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('log-anomaly CLI inputs: gzip, standard input, saved baseline models', function () {
  this.timeout(120_000);
  let dir: string;
  let logPath: string;
  let text: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'log-anomaly-inputs-'));
    const lines = hdfsLog({ blocks: 150, seed: 3 }).lines;
    text = [...lines.slice(0, 700), HDFS_ERROR_LINE, ...lines.slice(700)].join('\n') + '\n';
    logPath = join(dir, 'hdfs.log');
    writeFileSync(logPath, text);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  function linesCsvOf(args: string[], input?: Buffer): string {
    const out = join(dir, `out-${Math.random().toString(36).slice(2)}`);
    const result = run(['detect', ...args, '--out', out], input);
    assert.equal(result.status, 0, result.stderr);
    return readFileSync(join(out, 'lines.csv'), 'utf8');
  }

  it('reads a .gz log, and gzip content under any name, as its text: the same lines.csv and top lines', () => {
    const compressed = gzipSync(Buffer.from(text));
    writeFileSync(join(dir, 'hdfs.log.gz'), compressed);
    writeFileSync(join(dir, 'rotated.1'), compressed);
    const plain = linesCsvOf([logPath]);
    assert.equal(linesCsvOf([join(dir, 'hdfs.log.gz')]), plain);
    assert.equal(linesCsvOf([join(dir, 'rotated.1')]), plain);
    const shown = JSON.parse(run(['detect', join(dir, 'hdfs.log.gz'), '--json', '--top', '1']).stdout);
    assert.equal(shown.anomalies[0].text, HDFS_ERROR_LINE);
  });

  it('refuses to follow a gzip-compressed or UTF-16 log, in one sentence with exit code 2', () => {
    const compressed = join(dir, 'followed.log.gz');
    writeFileSync(compressed, gzipSync(Buffer.from(text)));
    const utf16 = join(dir, 'followed-utf16.log');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    for (const [path, stored] of [[compressed, 'gzip-compressed'], [utf16, 'UTF-16 text']]) {
      const result = run(['detect', path, '--follow']);
      assert.equal(result.status, 2, result.stderr);
      assert.equal(result.stderr.trim(), `log-anomaly: ${path} is ${stored}: --follow reads a log that is being written as UTF-8 text.`);
    }
  });

  it('answers a damaged gzip file with one sentence and exit code 2', () => {
    const damaged = join(dir, 'damaged.gz');
    const compressed = gzipSync(Buffer.from(text));
    writeFileSync(damaged, compressed.subarray(0, compressed.length >> 1));
    const result = run(['detect', damaged]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /damaged\.gz is not a readable gzip file/);
    assert.equal(result.stderr.trim().split('\n').length, 1);
  });

  it('reads standard input with "-": the same lines.csv as the file, and the top line\'s text', () => {
    assert.equal(linesCsvOf(['-'], Buffer.from(text)), linesCsvOf([logPath]));
    const result = run(['detect', '-', '--top', '1'], Buffer.from(text));
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^\(stdin\): /);
    assert.ok(result.stdout.includes(HDFS_ERROR_LINE.slice(0, 60)), result.stdout);
  });

  it('trains a model on a good log and scores against it as against the log; a wrong model file is one sentence', () => {
    const good = join(dir, 'good.log');
    writeFileSync(good, hdfsLog({ blocks: 120, seed: 8 }).lines.join('\n') + '\n');
    const model = join(dir, 'model.json');
    const trained = run(['train', good, '--save', model]);
    assert.equal(trained.status, 0, trained.stderr);
    assert.match(trained.stdout, /^Saved the iforest model of .*good\.log \(1,200 lines, \d+ templates\) to .*model\.json$/m);
    assert.equal(linesCsvOf([logPath, '--baseline', model]), linesCsvOf([logPath, '--baseline', good]));
    const other = join(dir, 'other.json');
    writeFileSync(other, '{"kind":"log-anomaly-baseline","version":999}');
    const refused = run(['detect', logPath, '--baseline', other]);
    assert.equal(refused.status, 2);
    assert.match(
      refused.stderr,
      new RegExp(`^log-anomaly: .*other\\.json cannot be used as a baseline model: it was saved in model format 999 and this version reads format ${SAVED_MODEL_VERSION}: train it again\\.\n$`),
    );
    assert.equal(run(['train', good]).status, 2, 'train needs --save');
  });

  it('reads lines back from a gzip file by their offsets in the text, across inflated chunks', async () => {
    // Big enough for several decompressed chunks: lines on both sides of chunk boundaries.
    const many = Array.from({ length: 40_000 }, (_, i) => `line ${i} ${'x'.repeat(i % 97)}`);
    const path = join(dir, 'many.gz');
    writeFileSync(path, gzipSync(Buffer.from(many.join('\n') + '\n')));
    const starts = new Float64Array(many.length + 1);
    for (let i = 0; i < many.length; i++) starts[i + 1] = starts[i] + Buffer.byteLength(many[i]) + 1;
    const wanted = [39_999, 0, 12_345, 20_000, 31_000];
    assert.deepEqual(await readFileLines(path, starts, wanted), wanted.map((i) => many[i]));
    assert.deepEqual(await readFileLines(path, starts, [12_345], 8), [many[12_345].slice(0, 8)]);
  });
});
