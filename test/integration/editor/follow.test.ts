// Follow This Log: a scored log followed as it is written, its new lines scored against what the run
// fitted and shown in place (marks, Problems, status), a truncated log started over, and stopping.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { generateHdfsLogText } from '../../../scripts/hdfs-generator';
import type { LogAnomalyApi } from '../../../src/extension';
import { fixtureWorkspace } from '../fixture';
import { anomalyDiagnostics, closeAllEditors, extensionApi, messageDuring, showLog, until } from './helpers';

/** A line no normal HDFS run writes: a new template at ERROR level. */
const ANOMALOUS_LINE = '081110 101010 99 ERROR dfs.DataNode: 10.251.71.16:50010:DataXceiver: java.io.IOException: No space left on device while writing blk_-1234567890123456789';

describe('Follow This Log', function () {
  this.timeout(180_000);
  const fixture = fixtureWorkspace();
  const scratch = fs.mkdtempSync(path.join(path.dirname(fixture.emptyLog), 'follow-'));
  // A cluster's log of 20,000 lines, and the 5,000 normal lines the same cluster writes next (as the CLI's follow test).
  const initial = generateHdfsLogText({ lines: 20_000, seed: 2, anomalyRate: 0 }).text;
  const longer = generateHdfsLogText({ lines: 25_000, seed: 2, anomalyRate: 0 }).text.trimEnd().split('\n');
  const next = longer.slice(20_000);
  const file = vscode.Uri.file(path.join(scratch, 'live.log'));
  let api: LogAnomalyApi;

  before(async () => {
    api = await extensionApi();
    await closeAllEditors();
    fs.writeFileSync(file.fsPath, initial);
  });
  after(async () => {
    await vscode.commands.executeCommand('logAnomaly.stopFollowing', file);
    await vscode.commands.executeCommand('logAnomaly.clear', file);
    await closeAllEditors();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('marks an anomalous line written among 5,000 normal ones, without a new run, and no normal line', async () => {
    const editor = await showLog(file);
    await vscode.commands.executeCommand('logAnomaly.detect', file);
    const scored = api.getReport(file);
    assert.ok(scored, 'the log is scored');
    assert.equal(scored.lines.count, 20_000);

    await vscode.commands.executeCommand('logAnomaly.follow', file);
    const followed = api.getReport(file)!;
    assert.equal(followed.lines.count, 20_000);
    assert.deepEqual(Array.from(followed.anomalies), Array.from(scored.anomalies), 'following starts from the same answer');

    fs.appendFileSync(file.fsPath, `${next.slice(0, 2_500).join('\n')}\n`);
    await until('the first 2,500 lines arrive', () => (api.getReport(file)?.lines.count ?? 0) >= 22_500, 30_000);
    const written = Date.now();
    fs.appendFileSync(file.fsPath, `${ANOMALOUS_LINE}\n${next.slice(2_500).join('\n')}\n`);
    const planted = 22_500;
    await until('the anomalous line is in Problems', () => anomalyDiagnostics(file).some((diagnostic) => diagnostic.range.start.line === planted), 30_000);
    const shownAfter = Date.now() - written;
    await until('every line arrived', () => api.getReport(file)?.lines.count === 25_001, 30_000);
    const report = api.getReport(file)!;
    const arrivedFlagged = Array.from(report.anomalies).filter((line) => line >= 20_000);
    assert.deepEqual(arrivedFlagged, [planted], 'the planted line, and no normal line that arrived, is flagged');
    assert.equal(report.anomalies[0], planted, 'the new ERROR ranks first');
    await until('the editor marks it', () => api.decoratedLines(editor).flat().includes(planted), 30_000);
    assert.ok(report.vectors.reasons[report.lines.vectorIds[planted]].some((reason) => reason.kind === 'newTemplate'));
    console.log(`      the anomalous line was in Problems ${shownAfter} ms after it was written`);
    assert.ok(shownAfter < 10_000, `took ${shownAfter} ms`);
  });

  it('starts over, with a message, when the log is truncated', async () => {
    // The lines that arrived ran past the first run's timeline: a refit may be reading the log still,
    // and a refit that reads the rewritten file takes it in without a truncation to tell.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const message = await messageDuring(
      api,
      async () => {
        fs.writeFileSync(file.fsPath, `${longer.slice(0, 3_000).join('\n')}\n`);
        await until('the truncated log is scored from its start', () => api.getReport(file)?.lines.count === 3_000, 30_000);
      },
      30_000,
    );
    assert.match(message.text, /live\.log was truncated: following it from its start/);
  });

  it('waits when the log is emptied, then starts over from what is written next (the next test goes on following it)', async () => {
    fs.truncateSync(file.fsPath, 0);
    // Past the follower's size check (every 2 s), so it finds the file empty.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    // Fewer lines than it had: lines appended after the old result would show as its lines 3,001 on.
    fs.appendFileSync(file.fsPath, `${longer.slice(0, 1_000).join('\n')}\n`);
    await until('the emptied log is scored from what was written', () => api.getReport(file)?.lines.count === 1_000 && api.getReport(file)?.stats.bytes === fs.statSync(file.fsPath).size, 30_000);
  });

  it('refits once the log has doubled, giving the arrived lines their sessions, and waits for a line to end', async () => {
    const before = api.getReport(file)!;
    assert.equal(before.lines.count, 1_000);
    fs.appendFileSync(file.fsPath, `${longer.slice(1_000, 6_500).join('\n')}\n`);
    // Arrived lines join sessions only when the log is scored again from its start.
    await until('the doubled log is refitted', () => {
      const report = api.getReport(file);
      return report?.lines.count === 6_500 && report.lines.sessionIds[6_000] >= 0;
    }, 60_000);
    fs.appendFileSync(file.fsPath, ANOMALOUS_LINE.slice(0, 40));
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    assert.equal(api.getReport(file)?.lines.count, 6_500, 'a line without its line break waits');
    fs.appendFileSync(file.fsPath, `${ANOMALOUS_LINE.slice(40)}\n`);
    await until('the completed line arrives', () => api.getReport(file)?.lines.count === 6_501, 30_000);
    assert.ok(Array.from(api.getReport(file)!.anomalies).includes(6_500), 'the completed line is scored whole');
  });

  it('stops following, keeping the result', async () => {
    await vscode.commands.executeCommand('logAnomaly.stopFollowing', file);
    fs.appendFileSync(file.fsPath, `${ANOMALOUS_LINE}\n`);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    assert.equal(api.getReport(file)?.lines.count, 6_501, 'nothing more is read');
  });
});
