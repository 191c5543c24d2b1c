import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BIG_LOG_BYTES, copyFixtureWorkspace, createFixtureWorkspace, generateHdfsLog, PAYLOAD } from '../../e2e/fixtures';
import { generateHdfsLogText } from '../../../scripts/hdfs-generator';

const HDFS_LINE = /^\d{6} \d{6} \d+ (INFO|WARN|ERROR) [\w.$]+: .+$/;

describe('e2e fixture HDFS log', () => {
  const options = { seed: 7, lines: 1_500, anomalousSessions: 3 };

  it('is the same for the same seed and differs for another', () => {
    assert.equal(generateHdfsLog(options).text, generateHdfsLog(options).text);
    assert.notEqual(generateHdfsLog(options).text, generateHdfsLog({ ...options, seed: 8 }).text);
  });

  it('writes only HDFS-format lines and counts them', () => {
    const log = generateHdfsLog(options);
    const lines = log.text.trimEnd().split('\n');
    assert.equal(lines.length, log.lineCount);
    for (const line of lines) assert.match(line, HDFS_LINE);
  });

  it('plants its lines into the shared generator\'s traffic and says where the WARN/ERROR ones are', () => {
    const log = generateHdfsLog(options);
    const lines = log.text.trimEnd().split('\n');
    const traffic = new Set(generateHdfsLogText({ lines: options.lines, seed: options.seed, anomalyRate: 0 }).text.trimEnd().split('\n'));
    const planted = lines.flatMap((line, index) => (traffic.has(line) ? [] : [index + 1]));
    assert.equal(lines.length - planted.length, options.lines, 'every line of the traffic is kept');
    const flagged = planted.filter((number) => / (WARN|ERROR) /.test(lines[number - 1]!));
    assert.deepEqual(log.anomalousLines, flagged);
    assert.equal(log.anomalousLines.length, 3 + 4, 'three lone lines and one or two per failed session');
  });

  it('puts the payload on exactly one line, which is a planted one', () => {
    const log = generateHdfsLog(options);
    const lines = log.text.split('\n');
    assert.ok(log.anomalousLines.includes(log.payloadLine));
    assert.ok(lines[log.payloadLine - 1]!.includes(PAYLOAD));
    assert.equal(lines.filter((line) => line.includes(PAYLOAD)).length, 1);
  });

  it('names the blocks of its anomalous sessions, each present in the log', () => {
    const log = generateHdfsLog(options);
    assert.equal(log.anomalousBlocks.length, 3);
    for (const block of log.anomalousBlocks) assert.ok(log.text.includes(`${block} `) || log.text.includes(`${block}.`), block);
  });
});

describe('e2e fixture workspace', () => {
  it('holds the HDFS log, an empty file, a binary file and a file over 50 MB, and copies for each run', function () {
    this.timeout(60_000);
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-fixture-'));
    try {
      const workspace = createFixtureWorkspace(path.join(folder, 'workspace'));
      assert.equal(fs.readFileSync(workspace.hdfsLog.file, 'utf8').split('\n').length - 1, workspace.hdfsLog.lineCount);
      assert.equal(fs.statSync(workspace.emptyLog).size, 0);
      assert.ok(fs.readFileSync(workspace.binaryLog).includes(0), 'the binary file has NUL bytes');
      assert.ok(fs.statSync(workspace.bigLog).size > BIG_LOG_BYTES);
      assert.ok(BIG_LOG_BYTES > 50 * 1024 * 1024);

      // Each run gets a copy: what a run changes stays in its copy.
      const copy = copyFixtureWorkspace(workspace, path.join(folder, 'copy'));
      for (const file of [copy.hdfsLog.file, copy.emptyLog, copy.binaryLog, copy.bigLog]) assert.ok(file.startsWith(copy.folder) && fs.existsSync(file), file);
      fs.appendFileSync(copy.hdfsLog.file, 'changed by a test\n');
      assert.equal(fs.readFileSync(workspace.hdfsLog.file, 'utf8').split('\n').length - 1, workspace.hdfsLog.lineCount);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
