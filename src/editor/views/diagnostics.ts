/**
 * The Problems panel: the top anomalies of each result (setting `logAnomaly.maxDiagnostics`, at most
 * 1,000, about what VS Code lists per file), with source `log-anomaly`, a severity by grade and a
 * message with rank, score and the first reason.
 */
import * as vscode from 'vscode';
import { describeReason, explainLine, templateTextOf } from '../../analysis';
import type { MarkCache } from '../state/markCache';
import { Grade, gradeOf } from '../state/marks';
import { findOpenDocument, type AnalysisResult, type ResultStore } from '../state/results';
import type { Settings } from '../state/settings';
import { MAX_DIAGNOSTICS_CAP } from '../state/settingsSchema';
import { diagnosticMessage } from '../text/wording';

export const DIAGNOSTIC_SOURCE = 'log-anomaly';

const SEVERITIES: Readonly<Record<Grade, vscode.DiagnosticSeverity>> = {
  [Grade.anomaly]: vscode.DiagnosticSeverity.Information,
  [Grade.high]: vscode.DiagnosticSeverity.Warning,
  [Grade.critical]: vscode.DiagnosticSeverity.Error,
};

export class Diagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly store: ResultStore,
    private readonly marks: MarkCache,
    private readonly settings: Settings,
  ) {
    this.disposables.push(
      this.collection,
      store.onDidChange((change) => this.update(change.uri)),
      settings.onDidChange(() => {
        for (const result of store.all()) this.update(result.uri);
      }),
    );
    for (const result of store.all()) this.update(result.uri);
  }

  private update(uri: vscode.Uri): void {
    const result = this.store.get(uri);
    if (result === undefined) this.collection.delete(uri);
    else this.collection.set(uri, this.diagnosticsOf(result));
  }

  private diagnosticsOf(result: AnalysisResult): vscode.Diagnostic[] {
    const { report } = result;
    const { cutoffs } = this.marks.marked(result);
    const limit = Math.min(this.settings.current.maxDiagnostics, MAX_DIAGNOSTICS_CAP);
    const lines = this.marks.ranked(result, limit);
    const templateText = templateTextOf(report);
    const document = findOpenDocument(result.uri);
    return Array.from(lines, (line) => {
      const v = report.lines.vectorIds[line];
      const score = report.vectors.scores[v];
      const reasons = explainLine(report, line);
      const message = diagnosticMessage({ rank: report.vectors.ranks[v], score, reasonTexts: reasons.slice(0, 1).map((reason) => describeReason(reason, templateText)) });
      const diagnostic = new vscode.Diagnostic(lineRange(result, line, document), message, SEVERITIES[gradeOf(score, cutoffs)]);
      diagnostic.source = DIAGNOSTIC_SOURCE;
      return diagnostic;
    });
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** The whole line: its length from the open document, or from the byte offsets the analysis kept. */
function lineRange(result: AnalysisResult, line: number, document: vscode.TextDocument | undefined): vscode.Range {
  if (document !== undefined && line < document.lineCount) return document.lineAt(line).range;
  const { starts } = result.report.lines;
  // Bytes, not characters, and the line break included: VS Code clamps the end to the line.
  return new vscode.Range(line, 0, line, Math.max(0, starts[line + 1] - starts[line]));
}
