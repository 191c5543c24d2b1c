import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateHdfsLogText } from '../../../scripts/hdfs-generator';

const CLI = join(__dirname, '../../../src/cli/main.ts');

/** A line no normal HDFS run writes: a new template at ERROR level. */
const ANOMALOUS_LINE = '081110 101010 99 ERROR dfs.DataNode: 10.251.71.16:50010:DataXceiver: java.io.IOException: No space left on device while writing blk_-1234567890123456789';

/** A running `detect --follow`, its output gathered as it comes. */
class Follow {
  readonly child: ChildProcessWithoutNullStreams;
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;

  constructor(args: string[], input?: string) {
    this.child = spawn(process.execPath, ['--import', 'tsx', CLI, 'detect', ...args, '--follow'], { stdio: 'pipe' });
    this.child.stdout.on('data', (chunk: Buffer) => (this.stdout += chunk.toString('utf8')));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.exited = new Promise((resolve) => this.child.once('exit', resolve));
    if (input !== undefined) this.child.stdin.write(input);
  }

  /** Resolves once `test` holds, polling; fails after `ms`. */
  async until(test: () => boolean, ms: number, what: string): Promise<number> {
    const started = Date.now();
    while (!test()) {
      if (Date.now() - started > ms) assert.fail(`${what} within ${ms} ms; stderr: ${this.stderr.slice(-500)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return Date.now() - started;
  }

  records(): { line: number; score: number; level: string; time: string | null; template: string; new: boolean; reasons: string[]; text: string }[] {
    // Complete lines only: a record may be read while it is still being written.
    return this.stdout
      .split('\n')
      .slice(0, -1)
      .map((line) => JSON.parse(line));
  }
}

/**
 * How long an arriving line may take to be printed before a test gives up: generous, since a loaded
 * machine is slow; how long it takes is measured by `npm run bench:follow`, not here.
 */
const ARRIVAL_MS = 20_000;

describe('log-anomaly detect --follow', function () {
  this.timeout(180_000);
  let dir: string;
  // The first 20,000 lines of a run as the log, and the 5,000 normal lines the same cluster writes next.
  const longer = generateHdfsLogText({ lines: 25_000, seed: 2, anomalyRate: 0 }).text.trimEnd().split('\n');
  const initial = generateHdfsLogText({ lines: 20_000, seed: 2, anomalyRate: 0 }).text;
  const next = longer.slice(20_000);

  const running: Follow[] = [];
  const start = (args: string[], input?: string): Follow => {
    const follow = new Follow(args, input);
    running.push(follow);
    return follow;
  };

  before(() => (dir = mkdtempSync(join(tmpdir(), 'log-anomaly-follow-'))));
  after(() => {
    for (const follow of running) follow.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints an anomalous line appended among 5,000 normal ones, and no normal line', async () => {
    const path = join(dir, 'hdfs.log');
    writeFileSync(path, initial);
    const follow = start([path, '--json']);
    await follow.until(() => follow.stderr.includes('Following'), 60_000, 'the first run');
    assert.match(follow.stderr, /hdfs\.log: 20,000 lines/);
    // Appended in pieces as a service writes them, the anomalous line in the middle.
    for (let piece = 0; piece < 10; piece++) {
      const lines = next.slice(piece * 500, (piece + 1) * 500);
      if (piece === 5) appendFileSync(path, `${ANOMALOUS_LINE}\n`);
      appendFileSync(path, lines.join('\n') + '\n');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await follow.until(() => follow.stdout.includes('No space left'), ARRIVAL_MS, 'the anomaly printed');
    // The rest scored too; a partial line (a new template of its own) waits for its line break.
    appendFileSync(path, ANOMALOUS_LINE.replace('No space', 'Partial: no space'));
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const records = follow.records();
    assert.equal(records.length, 1, `printed: ${follow.stdout}`);
    const [record] = records;
    assert.equal(record.line, 20_000 + 2500 + 1);
    assert.equal(record.text, ANOMALOUS_LINE);
    assert.equal(record.level, 'ERROR');
    assert.equal(record.new, true);
    assert.ok(record.reasons.length > 0 && record.score > 0 && record.template.includes('No space left'));
    assert.match(record.reasons[0], /^New template: not in the [\d.,k]+ lines before \(/);
    appendFileSync(path, '\n');
    await follow.until(() => follow.records().length === 2, ARRIVAL_MS, 'the completed line printed');
    assert.equal(follow.records()[1].line, 20_000 + 5001 + 1);

    // Truncated: starts over with a message, then follows the new content.
    writeFileSync(path, initial);
    await follow.until(() => /hdfs\.log was truncated: starting over\./.test(follow.stderr), ARRIVAL_MS, 'the truncation noticed');
    await follow.until(() => (follow.stderr.match(/Following/g) ?? []).length === 2, 30_000, 'the second start');
    appendFileSync(path, `${ANOMALOUS_LINE}\n`);
    await follow.until(() => follow.records().length === 3, ARRIVAL_MS, 'an anomaly after starting over');
    assert.equal(follow.records()[2].line, 20_001);

    follow.child.kill('SIGINT');
    assert.equal(await follow.exited, 0);
    assert.match(follow.stderr, /Followed .*hdfs\.log: [\d,]+ lines arrived, 3 anomalous lines, 2 new templates\.\n$/);
  });

  it('follows standard input as it arrives, and ends with it', async () => {
    const follow = start(['-', '--json'], initial);
    await follow.until(() => follow.stderr.includes('Following'), 60_000, 'the first part scored');
    assert.match(follow.stderr, /\(stdin\): 20,000 lines/);
    follow.child.stdin.write(`${next.slice(0, 100).join('\n')}\n${ANOMALOUS_LINE}\n`);
    await follow.until(() => follow.records().length === 1, ARRIVAL_MS, 'the anomaly printed');
    assert.equal(follow.records()[0].line, 20_101);
    follow.child.stdin.end();
    assert.equal(await follow.exited, 0);
    assert.match(follow.stderr, /Followed \(stdin\): 101 lines arrived, 1 anomalous line, 1 new template\.\n$/);
  });
});
