// Workflows around a run: grouping the sidebar, comparing with a known-good baseline, and scoring
// again on save. Edits happen on a copy of the fixture log, never on the fixture itself.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LogAnomalyApi } from '../../../src/extension';
import { fixtureWorkspace } from '../fixture';
import { anomalyDiagnostics, closeAllEditors, extensionApi, showLog, until, withSettings } from './helpers';

describe('workflows around a run', () => {
  const fixture = fixtureWorkspace();
  const log = vscode.Uri.file(fixture.hdfsLog.file);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'log-anomaly-workflows-'));
  let api: LogAnomalyApi;

  before(async () => {
    api = await extensionApi();
    await closeAllEditors();
  });

  after(async () => {
    await vscode.commands.executeCommand('logAnomaly.groupAnomalies', 'none');
    await closeAllEditors();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('groups the sidebar by template and by session', async () => {
    await showLog(log);
    const report = await api.detect(log);
    assert.ok(report);
    const flat = await api.viewItems('anomalies');

    await vscode.commands.executeCommand('logAnomaly.groupAnomalies', 'template');
    const byTemplate = await api.viewItems('anomalies', { expand: true });
    const groups = byTemplate.filter((item) => item.collapsibleState === vscode.TreeItemCollapsibleState.Collapsed);
    const lines = byTemplate.filter((item) => item.collapsibleState !== vscode.TreeItemCollapsibleState.Collapsed);
    const templates = new Set(Array.from(report.anomalies, (line) => report.vectors.templateIds[report.lines.vectorIds[line]]));
    assert.ok(groups.length > 1 && groups.length === templates.size, `${groups.length} template groups for the ${templates.size} templates of ${flat.length} lines`);
    assert.equal(lines.length, flat.length, 'every line is in one group');
    for (const group of groups) assert.ok(report.templates.some((template) => template.text.startsWith(String(group.label).replace(/…$/, ''))));

    await vscode.commands.executeCommand('logAnomaly.groupAnomalies', 'session');
    const bySession = await api.viewItems('anomalies');
    const planted = fixture.hdfsLog.anomalousBlocks;
    assert.ok(planted.some((block) => bySession.some((item) => item.label === block)), `no group for the planted sessions ${planted.join(', ')}`);
  });

  it('compares with a known-good baseline: what is new stands out', async () => {
    // The fixture log without its planted lines is a known-good log of the same system.
    const planted = new Set(fixture.hdfsLog.anomalousLines);
    const good = fs.readFileSync(log.fsPath, 'utf8').split('\n').filter((_, index) => !planted.has(index + 1));
    const baseline = vscode.Uri.file(path.join(scratch, 'known-good.log'));
    fs.writeFileSync(baseline.fsPath, good.join('\n'));
    const report = await api.detect(log, { baseline });
    assert.ok(report);
    assert.equal(report.stats.baselineLines, good.length - 1);
    const payloadLine = fixture.hdfsLog.payloadLine - 1;
    const diagnostic = anomalyDiagnostics(log).find((d) => d.range.start.line === payloadLine);
    assert.match(diagnostic?.message ?? '', /never seen in the baseline/);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', log, new vscode.Position(payloadLine, 3));
    const text = hovers.flatMap((hover) => hover.contents).map((content) => (content instanceof vscode.MarkdownString ? content.value : '')).join('\n');
    assert.match(text, /baseline: known\\-good\\\.log/);
  });

  it('scores the log again when it is saved, with logAnomaly.rerunOnSave', async () => {
    const copy = vscode.Uri.file(path.join(scratch, 'copy.log'));
    fs.copyFileSync(log.fsPath, copy.fsPath);
    const editor = await showLog(copy);
    const first = await api.detect(copy);
    assert.ok(first);
    await withSettings({ rerunOnSave: true }, async () => {
      await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '081109 200000 1 ERROR dfs.DataNode: Disk failure on /mnt/disk7: read-only file system\n'));
      await until('the edit clears the result', () => api.getReport(copy) === undefined);
      await editor.document.save();
      await until('the saved log is scored again', () => api.getReport(copy)?.stats.lines === first.stats.lines + 1, 60_000);
    });
    assert.ok(anomalyDiagnostics(copy).some((d) => d.range.start.line === 0), 'the new error line is flagged');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('only clears the result on save without logAnomaly.rerunOnSave', async () => {
    const copy = vscode.Uri.file(path.join(scratch, 'copy2.log'));
    fs.copyFileSync(log.fsPath, copy.fsPath);
    const editor = await showLog(copy);
    assert.ok(await api.detect(copy));
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'x\n'));
    await editor.document.save();
    await new Promise((resolve) => setTimeout(resolve, 2500));
    assert.equal(api.getReport(copy), undefined);
    assert.deepEqual(anomalyDiagnostics(copy), []);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
