// Detect Anomalies on the generated HDFS log: Problems, gutter marks, hovers, the sidebar, the
// quick fix, export, and what happens when the document changes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { groupDigits } from '../../../src/analysis';
import type { LogAnomalyApi } from '../../../src/extension';
import { PAYLOAD } from '../../e2e/fixtures';
import { fixtureWorkspace } from '../fixture';
import { anomalyDiagnostics, closeAllEditors, extensionApi, messageDuring, showLog, until, withSettings, zeroBased } from './helpers';

describe('Detect Anomalies on a log with planted anomalies', () => {
  const fixture = fixtureWorkspace();
  const log = vscode.Uri.file(fixture.hdfsLog.file);
  const planted = zeroBased(fixture.hdfsLog.anomalousLines);
  const payloadLine = fixture.hdfsLog.payloadLine - 1;
  let api: LogAnomalyApi;
  let editor: vscode.TextEditor;

  before(async () => {
    api = await extensionApi();
    await closeAllEditors();
    editor = await showLog(log);
    await vscode.commands.executeCommand('logAnomaly.detect');
    await until('the log has a report', () => api.getReport(log) !== undefined, 60_000);
  });

  after(async () => {
    await vscode.commands.executeCommand('logAnomaly.clear', log);
    await closeAllEditors();
  });

  it('reports every planted line in Problems, with rank, score and a reason', () => {
    const diagnostics = anomalyDiagnostics(log);
    const lines = new Set(diagnostics.map((diagnostic) => diagnostic.range.start.line));
    assert.deepEqual(planted.filter((line) => !lines.has(line)), [], 'planted lines without a diagnostic');
    for (const diagnostic of diagnostics) {
      assert.match(diagnostic.message, /^#\d+ score (0|1)\.\d\d: \S/);
      assert.equal(diagnostic.range.start.character, 0);
      assert.equal(diagnostic.range.end.character, editor.document.lineAt(diagnostic.range.start.line).text.length);
    }
    const payload = diagnostics.find((diagnostic) => diagnostic.range.start.line === payloadLine);
    assert.ok(payload);
    assert.ok(payload.message.includes('<img src=x'), 'the message quotes the log as plain text');
  });

  it('grades Problems by score: the most anomalous line is an error', () => {
    const report = api.getReport(log)!;
    const top = report.anomalies[0];
    const diagnostic = anomalyDiagnostics(log).find((d) => d.range.start.line === top);
    assert.equal(diagnostic?.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostic!.message, /^#1 score/);
  });

  it('marks the planted lines in the gutter, the top one as critical', () => {
    const [anomaly, high, critical] = api.decoratedLines(editor);
    const decorated = new Set([...anomaly, ...high, ...critical]);
    assert.deepEqual(planted.filter((line) => !decorated.has(line)), [], 'planted lines without a mark');
    assert.ok(critical.includes(api.getReport(log)!.anomalies[0]));
    assert.equal(decorated.size, api.getReport(log)!.stats.anomalies);
  });

  it('puts the marks back when the editor is shown again', async () => {
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    editor = await showLog(log);
    await until('the new editor is decorated', () => api.decoratedLines(editor).flat().length > 0);
    assert.ok(api.decoratedLines(editor)[2].includes(api.getReport(log)!.anomalies[0]));
  });

  it('explains a marked line in its hover, with the log text escaped', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', log, new vscode.Position(payloadLine, 10));
    const ours = hovers.flatMap((hover) => hover.contents).filter((content): content is vscode.MarkdownString => content instanceof vscode.MarkdownString && content.value.includes('Log anomaly'));
    assert.equal(ours.length, 1);
    const [markdown] = ours;
    assert.ok(!markdown.isTrusted, 'the hover must not be trusted');
    assert.ok(!markdown.supportHtml, 'the hover must not render HTML');
    assert.match(markdown.value, /\*\*Log anomaly #\d+\*\* of \d+ · score \*\*0\.\d\d\*\*/);
    assert.match(markdown.value, /model: Isolation Forest/);
    assert.match(markdown.value, /Why it stands out:/);
    assert.match(markdown.value, /Template:\n\n```log\n/);
    // Outside the code block, the payload only appears escaped.
    const prose = markdown.value.replace(/```log\n[\s\S]*?\n```/g, '');
    assert.doesNotMatch(prose, /(^|[^\\])</, 'every < outside the code block is escaped');
    assert.ok(prose.includes('\\<img src\\=x'), 'the reason quoting the payload is escaped');
  });

  it('shows no hover on an ordinary line', async () => {
    const report = api.getReport(log)!;
    const ordinary = Array.from({ length: report.lines.count }, (_, line) => line).find((line) => !report.vectors.flagged[report.lines.vectorIds[line]])!;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', log, new vscode.Position(ordinary, 5));
    const ours = hovers.flatMap((hover) => hover.contents).filter((content) => content instanceof vscode.MarkdownString && content.value.includes('Log anomaly'));
    assert.deepEqual(ours, []);
  });

  it('lists the anomalies in the sidebar, most anomalous first, and reveals their line', async () => {
    const items = await api.viewItems('anomalies');
    const report = api.getReport(log)!;
    assert.equal(items.length, report.stats.anomalies);
    assert.ok(String(items[0].label).startsWith(`${groupDigits(report.anomalies[0] + 1)}: `), String(items[0].label));
    assert.match(String(items[0].description), /^0\.\d\d$/);
    const payloadItem = items.find((item) => String(item.label).includes('Unexpected client name'));
    assert.ok(payloadItem, 'the payload line is listed');
    assert.ok(String(payloadItem.label).includes(PAYLOAD), 'labels are the log text, as is');
    await closeAllEditors();
    await vscode.commands.executeCommand(payloadItem.command!.command, ...payloadItem.command!.arguments!);
    await until('the log is open at the line', () => vscode.window.activeTextEditor?.document.uri.toString() === log.toString());
    assert.equal(vscode.window.activeTextEditor!.selection.active.line, payloadLine);
    editor = vscode.window.activeTextEditor!;
  });

  it('lists the templates rarest first and reveals their first line', async () => {
    const items = await api.viewItems('templates');
    const counts = items.map((item) => Number(String(item.description).replace(/^×([\d,]+).*$/, '$1').replace(/,/g, '')));
    assert.ok(counts.length > 3);
    assert.deepEqual(counts, [...counts].sort((a, b) => a - b));
    const report = api.getReport(log)!;
    assert.equal(counts.reduce((sum, count) => sum + count, 0), report.templates.reduce((sum, template) => sum + template.count, 0));
    const common = items.at(-1)!;
    const [, line] = common.command!.arguments as [vscode.Uri, number];
    const template = report.templates[report.vectors.templateIds[report.lines.vectorIds[line]]];
    assert.equal(template.count, Math.max(...counts));
    assert.equal(template.firstLine, line);
    await vscode.commands.executeCommand(common.command!.command, ...common.command!.arguments!);
    await until('the first line of the most common template is selected', () => vscode.window.activeTextEditor?.selection.active.line === line);
  });

  it('offers "Mark this pattern as expected", which unflags the template and can be undone', async () => {
    const report = api.getReport(log)!;
    const template = report.templates[report.vectors.templateIds[report.lines.vectorIds[payloadLine]]].text;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', log, new vscode.Range(payloadLine, 0, payloadLine, 5));
    const fix = actions.find((action) => action.title === 'Mark this pattern as expected');
    assert.ok(fix, `actions: ${actions.map((action) => action.title).join(', ')}`);
    assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    await vscode.commands.executeCommand(fix.command!.command, ...fix.command!.arguments!);
    await until('the payload line has no diagnostic', () => !anomalyDiagnostics(log).some((d) => d.range.start.line === payloadLine));
    assert.equal(api.getReport(log)!.templates.find((t) => t.text === template)?.expected, true);
    assert.ok(!api.decoratedLines(editor).flat().includes(payloadLine));

    // A new run passes the pattern to the engine: the line stays unflagged.
    await api.detect(log);
    assert.ok(!anomalyDiagnostics(log).some((d) => d.range.start.line === payloadLine));

    await vscode.commands.executeCommand('logAnomaly.resetExpected');
    await until('the payload line is flagged again', () => anomalyDiagnostics(log).some((d) => d.range.start.line === payloadLine), 60_000);
  });

  it('exports the anomalies as CSV and JSON', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'log-anomaly-export-'));
    const report = api.getReport(log)!;
    const csv = vscode.Uri.file(path.join(folder, 'anomalies.csv'));
    const json = vscode.Uri.file(path.join(folder, 'anomalies.json'));
    await vscode.commands.executeCommand('logAnomaly.export', log, csv);
    await vscode.commands.executeCommand('logAnomaly.export', log, json);
    const rows = fs.readFileSync(csv.fsPath, 'utf8').trimEnd().split('\n');
    assert.equal(rows[0], 'rank,line,score,level,time,component,entry,template_id,template,reasons,text');
    assert.equal(rows.length, 1 + report.stats.anomalies);
    const exported = JSON.parse(fs.readFileSync(json.fsPath, 'utf8')) as { anomalies: Array<{ line: number; text: string; reasons: string[] }> };
    assert.equal(exported.anomalies.length, report.stats.anomalies);
    assert.equal(exported.anomalies[0].line, report.anomalies[0] + 1);
    const payload = exported.anomalies.find((record) => record.line === payloadLine + 1);
    assert.ok(payload, 'the payload line is exported');
    assert.ok(payload.text.includes(PAYLOAD));
    assert.ok(payload.reasons.length > 0);
  });

  it('follows the settings: the number of problems and the minimum score', async () => {
    await withSettings({ maxDiagnostics: 3 }, async () => {
      await until('three problems are listed', () => anomalyDiagnostics(log).length === 3);
    });
    await until('the default 100 applies again', () => anomalyDiagnostics(log).length === Math.min(100, api.getReport(log)!.stats.anomalies));
    await withSettings({ minimumScore: 1 }, async () => {
      await until('nothing is marked', () => anomalyDiagnostics(log).length === 0 && api.decoratedLines(editor).flat().length === 0);
    });
  });

  it('warns about an invalid setting by name and keeps working with the default', async () => {
    const message = await messageDuring(api, () => withSettings({ model: 'randomForest' }, () => api.detect(log)));
    assert.equal(message.severity, 'warning');
    assert.match(message.text, /logAnomaly\.model/);
    assert.equal(api.getReport(log)?.options.model, 'iforest');
  });

  it('clears the results of a document that is edited, and scores the unsaved text', async () => {
    editor = await showLog(log);
    await api.detect(log);
    assert.ok(anomalyDiagnostics(log).length > 0);
    const lines = api.getReport(log)!.stats.lines;
    try {
      await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '081109 200000 1 ERROR dfs.DataNode: Disk failure on /mnt/disk7: read-only file system\n'));
      await until('the stale result is gone', () => api.getReport(log) === undefined && anomalyDiagnostics(log).length === 0);
      assert.deepEqual(api.decoratedLines(editor).flat(), []);
      const report = await api.detect(log);
      assert.equal(report?.stats.lines, lines + 1, 'the unsaved text was scored');
      assert.ok(anomalyDiagnostics(log).some((d) => d.range.start.line === 0), 'the new error line is flagged');
    } finally {
      // The dashboard may be in front: revert this document, not whatever is active.
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    assert.equal(fs.readFileSync(log.fsPath, 'utf8').split('\n').length - 1, lines, 'the file on disk was never touched');
  });
});
