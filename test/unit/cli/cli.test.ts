import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hdfsLog, HDFS_ERROR_LINE } from '../pipeline/syntheticLogs';
import { parseCommandLine } from '../../../src/cli/args';

const CLI = join(__dirname, '../../../src/cli/main.ts');

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('log-anomaly CLI', function () {
  this.timeout(120_000);
  let dir: string;
  let logPath: string;
  let goodPath: string;
  const planted = hdfsLog({ blocks: 300, seed: 5, truncatedBlocks: [42] });
  const lines = [...planted.lines.slice(0, 1500), HDFS_ERROR_LINE, ...planted.lines.slice(1500)];

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'log-anomaly-cli-'));
    logPath = join(dir, 'hdfs.log');
    writeFileSync(logPath, lines.join('\n') + '\n');
    goodPath = join(dir, 'good.log');
    writeFileSync(goodPath, hdfsLog({ blocks: 200, seed: 9 }).lines.join('\n') + '\n');
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a summary and the top anomalies, the planted error first', () => {
    const { status, stdout, stderr } = run(['detect', logPath, '--top', '3']);
    assert.equal(status, 0, stderr);
    assert.match(stdout, new RegExp(`hdfs\\.log: ${lines.length.toLocaleString('en-US')} lines, \\d+ templates, 301 sessions \\(hdfs-block\\), format hdfs`));
    // Only the planted error stands apart under the automatic threshold.
    assert.match(stdout, /1 anomalous line \(0\.03%\)/);
    assert.match(stdout, /Top 1 anomaly\n/);
    const firstRow = stdout.split('\n').find((line) => /^\s+1\s+\d+\s+0\.\d{3}/.test(line));
    assert.ok(firstRow, stdout);
    assert.match(firstRow, /^\s+1\s+1501\s/);
    assert.match(stdout, /081109 203518 143 WARN dfs.DataNode\$DataXceiver: 10.250.19.102:50010:Got exception/);
    assert.match(stdout, /Top \d+ anomalous sessions/);
  });

  it('prints the same as JSON with --json', () => {
    const { status, stdout } = run(['detect', logPath, '--json', '--top', '5', '--contamination', '0.01']);
    assert.equal(status, 0);
    const result = JSON.parse(stdout);
    assert.equal(result.stats.lines, lines.length);
    assert.equal(result.contamination, '0.01');
    assert.equal(result.anomalies.length, 5);
    assert.equal(result.anomalies[0].line, 1501);
    assert.equal(result.anomalies[0].text, HDFS_ERROR_LINE);
    // The same time, level, component and entry as lines.csv.
    assert.deepEqual(
      (({ time, level, component, entry }) => ({ time, level, component, entry }))(result.anomalies[0]),
      { time: '2008-11-09T20:35:18', level: 'WARN', component: 'dfs.DataNode$DataXceiver', entry: 1501 },
    );
    assert.ok(result.anomalies[0].reasons.length > 0);
    assert.ok(result.sessions.some((session: { session: string }) => session.session === planted.blockIds[42]));
  });

  it('gives each anomaly of a stack trace its entry, time, level and component in --json (a CRLF log)', () => {
    const logLines = Array.from({ length: 600 }, (_, i) => `2023-01-02 03:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},250 INFO [main] com.example.Worker - processed item ${i}`);
    logLines.splice(300, 0, '2023-01-02 03:25:00,500 ERROR [main] com.example.Db - connection lost', 'java.sql.SQLException: timeout', '\tat com.example.Db.query(Db.java:42)');
    const path = join(dir, 'java.log');
    writeFileSync(path, logLines.join('\r\n') + '\r\n');
    const { status, stdout, stderr } = run(['detect', path, '--json', '--top', '5']);
    assert.equal(status, 0, stderr);
    const anomalies = (JSON.parse(stdout) as { anomalies: Array<{ line: number; time: string | null; level: string; component: string; entry: number }> }).anomalies;
    const trace = anomalies.filter((record) => record.line >= 301 && record.line <= 303).sort((a, b) => a.line - b.line);
    // The entry is scored as one: its three lines are flagged together, all pointing at its first line.
    assert.deepEqual(
      trace.map(({ line, time, level, component, entry }) => ({ line, time, level, component, entry })),
      [301, 302, 303].map((line) => ({ line, time: '2023-01-02T03:25:00.500', level: 'ERROR', component: 'com.example.Db', entry: 301 })),
    );
  });

  it('writes lines.csv, templates.csv and sessions.csv with --out, identical on a second run', () => {
    const out = join(dir, 'out');
    assert.equal(run(['detect', logPath, '--out', out, '--seed', '7']).status, 0);
    assert.deepEqual(readdirSync(out).sort(), ['lines.csv', 'sessions.csv', 'templates.csv']);
    const linesCsv = readFileSync(join(out, 'lines.csv'), 'utf8').trim().split('\n');
    assert.equal(linesCsv[0], 'line,score,anomalous,template_id,session,time,level,component,entry');
    assert.equal(linesCsv.length, lines.length + 1);
    assert.match(linesCsv[1501], /^1501,0\.\d{6},1,\d+,blk_-1608999687919862906,2008-11-09T20:35:18,WARN,dfs\.DataNode\$DataXceiver,1501$/);
    const sessions = readFileSync(join(out, 'sessions.csv'), 'utf8').trim().split('\n');
    assert.equal(sessions[0], 'session,first_line,lines,score,anomalous,reason');
    assert.ok(sessions.some((row) => row.startsWith(`${planted.blockIds[42]},`) && /,1,[^,]+/.test(row)));
    assert.equal(readFileSync(join(out, 'templates.csv'), 'utf8').split('\n')[0], 'template_id,count,template');

    const again = join(dir, 'again');
    assert.equal(run(['detect', logPath, '--out', again, '--seed', '7']).status, 0);
    for (const file of ['lines.csv', 'templates.csv', 'sessions.csv']) {
      assert.equal(readFileSync(join(again, file), 'utf8'), readFileSync(join(out, file), 'utf8'), file);
    }
  });

  it('compares against a baseline with --baseline', () => {
    const { status, stdout } = run(['detect', logPath, '--baseline', goodPath, '--json', '--top', '1']);
    assert.equal(status, 0);
    const result = JSON.parse(stdout);
    assert.equal(result.stats.baselineLines, 2000);
    assert.equal(result.anomalies[0].line, 1501);
    assert.match(result.anomalies[0].reasons.join(' '), /never seen in the baseline/);
  });

  it('answers a missing file, a folder and a binary file with one sentence and exit code 2', () => {
    const missing = run(['detect', join(dir, 'nope.log')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /nope\.log does not exist\./);
    assert.equal(missing.stderr.trim().split('\n').length, 1);

    const folder = join(dir, 'folder');
    mkdirSync(folder);
    const folderRun = run(['detect', folder]);
    assert.equal(folderRun.status, 2);
    assert.match(folderRun.stderr, /is a folder, not a log file/);

    const binary = join(dir, 'image.bin');
    writeFileSync(binary, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31) % 256)));
    const binaryRun = run(['detect', binary]);
    assert.equal(binaryRun.status, 2);
    assert.match(binaryRun.stderr, /binary file/);
    assert.doesNotMatch(binaryRun.stderr, /\n\s+at /, 'no stack trace');
  });

  it('rejects bad options with exit code 2 and says what to fix', () => {
    const badModel = run(['detect', logPath, '--model', 'forest']);
    assert.equal(badModel.status, 2);
    assert.match(badModel.stderr, /--model must be one of iforest, ocsvm, ensemble/);
    const badContamination = run(['detect', logPath, '--contamination', '2']);
    assert.equal(badContamination.status, 2);
    assert.match(badContamination.stderr, /contamination must be "auto" or a fraction/);
    const badThreads = run(['detect', logPath, '--threads', '0']);
    assert.equal(badThreads.status, 2);
    assert.match(badThreads.stderr, /--threads/);
    const threads = parseCommandLine(['detect', 'x.log', '--threads', '3']);
    assert.equal(threads.kind === 'run' ? threads.command.threads : null, 3);
    assert.equal(run(['frobnicate']).status, 2);
    assert.equal(run(['--help']).status, 0);
  });

  it('says an empty file has nothing to analyse and exits 0', () => {
    const empty = join(dir, 'empty.log');
    writeFileSync(empty, '');
    const result = run(['detect', empty]);
    assert.equal(result.status, 0);
    assert.match(result.stderr, /empty\.log is empty: nothing to analyse/);
  });

  it('counts in the singular where there is one: one line, with invalid UTF-8 and no final newline', () => {
    const one = join(dir, 'one.log');
    writeFileSync(one, Buffer.from('081109 203615 149 ERROR dfs.DataNode: bad \xff\xfe thing for blk_38865049064139660', 'latin1'));
    const result = run(['detect', one]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^one\.log: 1 line, 1 template, 1 session \(hdfs-block\), format hdfs$/m);
    assert.match(result.stdout, /^Note: 1 line had bytes that are not valid UTF-8/m);
  });
});
