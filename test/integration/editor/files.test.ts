// Logs that are not open documents: a file over 50 MB read from disk, untitled text, files that
// cannot be scored (empty, binary, missing, a folder), which get a message and leave no result, and
// files that are hard to read right (lone-CR line ends, UTF-16, a session key that backtracks).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LogAnomalyApi } from '../../../src/extension';
import { fixtureWorkspace } from '../fixture';
import { anomalyDiagnostics, closeAllEditors, extensionApi, messageDuring, until, withSettings } from './helpers';

describe('Detect Anomalies in File', () => {
  const fixture = fixtureWorkspace();
  let api: LogAnomalyApi;

  before(async () => {
    api = await extensionApi();
    await closeAllEditors();
  });

  it('scores a file over 50 MB from disk and lists its anomalies in the sidebar', async () => {
    const big = vscode.Uri.file(fixture.bigLog);
    assert.ok(fs.statSync(big.fsPath).size > 50 * 1024 * 1024);
    await vscode.commands.executeCommand('logAnomaly.detectFile', big);
    const report = api.getReport(big);
    assert.ok(report, 'the big log has a report');
    assert.equal(report.stats.bytes, fs.statSync(big.fsPath).size);
    assert.ok(report.stats.lines > 300_000);
    // No editor shows it, so the sidebar switches to it.
    const items = await api.viewItems('anomalies');
    assert.equal(items.length > 0, report.stats.anomalies > 0);
    assert.equal(anomalyDiagnostics(big).length, Math.min(100, report.stats.anomalies));
    if (items.length > 0) {
      const [first] = items;
      await vscode.commands.executeCommand(first.command!.command, ...first.command!.arguments!);
      await until('the big log has the active tab', () => {
        const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
        return input instanceof vscode.TabInputText && input.uri.toString() === big.toString();
      });
    }
    await vscode.commands.executeCommand('logAnomaly.clear', big);
    assert.equal(api.getReport(big), undefined);
    assert.deepEqual(anomalyDiagnostics(big), []);
    await closeAllEditors();
  });

  it('says an empty file has nothing to analyse', async () => {
    const message = await messageDuring(api, () => vscode.commands.executeCommand('logAnomaly.detectFile', vscode.Uri.file(fixture.emptyLog)));
    assert.equal(message.severity, 'information');
    assert.match(message.text, /empty\.log is empty/);
    assert.equal(api.getReport(vscode.Uri.file(fixture.emptyLog)), undefined);
  });

  it('warns that a binary file is not a log', async () => {
    const message = await messageDuring(api, () => vscode.commands.executeCommand('logAnomaly.detectFile', vscode.Uri.file(fixture.binaryLog)));
    assert.equal(message.severity, 'warning');
    assert.match(message.text, /binary/i);
    assert.doesNotMatch(message.text, /\n\s+at /, 'no stack trace');
    assert.equal(api.getReport(vscode.Uri.file(fixture.binaryLog)), undefined);
  });

  it('warns about a whitespace-only, a missing file and a folder', async () => {
    const blank = path.join(path.dirname(fixture.emptyLog), 'blank.log');
    fs.writeFileSync(blank, '\n   \n\t\n');
    try {
      const blankMessage = await messageDuring(api, () => vscode.commands.executeCommand('logAnomaly.detectFile', vscode.Uri.file(blank)));
      assert.notEqual(blankMessage.severity, 'error');
      assert.match(blankMessage.text, /blank\.log|no log lines|empty/i);
    } finally {
      fs.rmSync(blank);
    }
    const missing = await messageDuring(api, () => vscode.commands.executeCommand('logAnomaly.detectFile', vscode.Uri.file(path.join(fixture.folder, 'missing.log'))));
    assert.deepEqual(missing, { severity: 'warning', text: 'missing.log does not exist.' });
    const folder = await messageDuring(api, () => vscode.commands.executeCommand('logAnomaly.detectFile', vscode.Uri.file(fixture.folder)));
    assert.equal(folder.severity, 'warning');
    assert.match(folder.text, /is a folder/);
  });

  it('scores an untitled document from its text', async () => {
    const text = fs.readFileSync(fixture.hdfsLog.file, 'utf8');
    const document = await vscode.workspace.openTextDocument({ content: text, language: 'log' });
    const editor = await vscode.window.showTextDocument(document);
    try {
      await vscode.commands.executeCommand('logAnomaly.detect');
      const report = api.getReport(document.uri);
      assert.ok(report);
      assert.equal(report.stats.lines, fixture.hdfsLog.lineCount);
      assert.ok(api.decoratedLines(editor)[2].includes(report.anomalies[0]));
      assert.ok(anomalyDiagnostics(document.uri).length > 0);
    } finally {
      // The dashboard may have opened beside it: close this document, not whatever is in front.
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await until('the closed untitled document has no result', () => api.getReport(document.uri) === undefined);
  });

  describe('files that are hard to read right', () => {
    const lines = fs.readFileSync(fixture.hdfsLog.file, 'utf8').split('\n').slice(0, 1500);
    const scratch = fs.mkdtempSync(path.join(path.dirname(fixture.emptyLog), 'hard-'));
    after(() => fs.rmSync(scratch, { recursive: true, force: true }));

    it('counts lone-CR line ends as VS Code does', async () => {
      const file = vscode.Uri.file(path.join(scratch, 'cr.log'));
      fs.writeFileSync(file.fsPath, lines.join('\r'));
      await vscode.commands.executeCommand('logAnomaly.detectFile', file);
      const document = await vscode.workspace.openTextDocument(file);
      assert.equal(api.getReport(file)?.stats.lines, document.lineCount);
      assert.equal(document.lineCount, lines.length);
      await vscode.commands.executeCommand('logAnomaly.clear', file);
    });

    it('reads a UTF-16 log as its text', async () => {
      const file = vscode.Uri.file(path.join(scratch, 'utf16.log'));
      fs.writeFileSync(file.fsPath, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${lines.join('\n')}\n`, 'utf16le')]));
      await vscode.commands.executeCommand('logAnomaly.detectFile', file);
      const report = api.getReport(file);
      assert.ok(report, 'the UTF-16 log has a report');
      assert.equal(report.stats.lines, lines.length);
      await vscode.commands.executeCommand('logAnomaly.clear', file);
    });

    it('says so when a log grows while it is scored, and offers to run again', async () => {
      const file = vscode.Uri.file(path.join(scratch, 'growing.log'));
      fs.copyFileSync(fixture.bigLog, file.fsPath);
      const size = fs.statSync(file.fsPath).size;
      const message = await messageDuring(api, async () => {
        const run = vscode.commands.executeCommand('logAnomaly.detectFile', file);
        await new Promise((resolve) => setTimeout(resolve, 1000));
        fs.appendFileSync(file.fsPath, `${lines.slice(0, 100).join('\n')}\n`);
        await run;
      });
      assert.equal(message.severity, 'warning');
      assert.match(message.text, /growing\.log/);
      assert.equal(api.getReport(file)?.stats.bytes, size, 'the log is scored as it was when the run began');
      await vscode.commands.executeCommand('logAnomaly.clear', file);
    });

    it('stops a session key setting that backtracks without end, naming the setting', async () => {
      const file = vscode.Uri.file(path.join(scratch, 'backtrack.log'));
      fs.writeFileSync(file.fsPath, `${'a'.repeat(40)}b\n`.repeat(20));
      const started = Date.now();
      const message = await withSettings({ sessionKey: '(a+)+$' }, () => messageDuring(api, () => vscode.commands.executeCommand('logAnomaly.detectFile', file)));
      assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
      assert.match(message.text, /logAnomaly\.sessionKey/);
      assert.doesNotMatch(message.text, /\n\s+at /, 'no stack trace');
      assert.equal(api.getReport(file), undefined);
    });
  });
});
