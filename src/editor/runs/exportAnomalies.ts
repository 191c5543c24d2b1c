/**
 * Export Anomalies...: the marked lines of a result, most anomalous first, as CSV or JSON (picked
 * by the file name's extension in the save dialog). Lines are read and described in batches that
 * yield to the event loop, so a large export never blocks the extension host.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { anomaliesCsv, anomalyRecord, type AnomalyRecord, entryLineOf, lineDetail, lineFields, plural } from '../../analysis';
import type { MarkCache } from '../state/markCache';
import { readLineTexts, type AnalysisResult } from '../state/results';
import { formatOf } from '../text/lineFormat';
import { displayName, MODEL_LABELS } from '../text/wording';
import type { Messages } from '../views/messages';

const BATCH = 2000;

/** Writes the anomalies of `result` to `target`, or to a file the user picks in a save dialog. */
export async function exportAnomalies(result: AnalysisResult, marks: MarkCache, messages: Messages, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const name = displayName(result.uri);
  target ??= await pickTarget(result, name);
  if (target === undefined) return undefined;
  const chosen = target;
  if ([result.uri, result.baselineUri].some((log) => log !== null && log.toString() === chosen.toString())) {
    void messages.warn(`Choose another file name: exporting over ${displayName(target)} would replace the log itself.`);
    return undefined;
  }

  const { cutoffs } = marks.marked(result);
  const lines = marks.ranked(result);
  const records = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Exporting ${plural(lines.length, 'anomaly', 'anomalies')}`, cancellable: true },
    async (progress, token) => {
      const format = formatOf(result.report);
      const done: AnomalyRecord[] = [];
      for (let start = 0; start < lines.length; start += BATCH) {
        if (token.isCancellationRequested) return undefined;
        const batch = lines.subarray(start, start + BATCH);
        const texts = await readLineTexts(result, batch);
        const entryTexts = await entryTextsOf(result, batch, texts);
        batch.forEach((line, i) => done.push(anomalyRecord(lineDetail(result.report, line, texts[i], format), texts[i], lineFields(result.report, line, entryTexts[i], format))));
        progress.report({ increment: (batch.length / Math.max(1, lines.length)) * 100 });
        await new Promise((resolve) => setImmediate(resolve));
      }
      return done;
    },
  );
  if (records === undefined) return undefined;

  const asJson = target.path.toLowerCase().endsWith('.json');
  const content = asJson
    ? `${JSON.stringify({ log: name, lines: result.report.stats.lines, model: MODEL_LABELS[result.report.options.model], threshold: cutoffs.mark, anomalies: records }, null, 2)}\n`
    : anomaliesCsv(records);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
  void messages.info(`Exported ${plural(records.length, 'anomaly', 'anomalies')} of ${name} to ${displayName(target)}.`, 'Open').then((choice) => {
    if (choice === 'Open') void vscode.commands.executeCommand('vscode.open', target);
  });
  return target;
}

/**
 * The texts of the first lines of the entries of `lines` (`texts` being theirs): a stack trace line takes its
 * time and component from its entry's first line, which is read only when it is another line.
 */
async function entryTextsOf(result: AnalysisResult, lines: Int32Array, texts: readonly string[]): Promise<string[]> {
  const entries = Array.from(lines, (line) => entryLineOf(result.report.lines, line));
  const others = entries.filter((entry, i) => entry !== lines[i]);
  const read = others.length > 0 ? await readLineTexts(result, others) : [];
  let next = 0;
  return entries.map((entry, i) => (entry === lines[i] ? texts[i] : read[next++]));
}

function pickTarget(result: AnalysisResult, name: string): Thenable<vscode.Uri | undefined> {
  const folder = result.uri.scheme === 'file' ? vscode.Uri.file(path.dirname(result.uri.fsPath)) : vscode.workspace.workspaceFolders?.[0]?.uri;
  const fileName = `${name.replace(/\.[^.]*$/, '')}.anomalies.csv`;
  return vscode.window.showSaveDialog({
    title: `Export the anomalies of ${name}`,
    saveLabel: 'Export',
    defaultUri: folder === undefined ? undefined : vscode.Uri.joinPath(folder, fileName),
    filters: { 'CSV (spreadsheets)': ['csv'], JSON: ['json'] },
  });
}
