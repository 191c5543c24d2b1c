/**
 * The analysis results the editor shows, one per log URI, and the threshold in effect for each
 * (the report's own, or where the user moved it in the dashboard). Every view — decorations,
 * diagnostics, trees, status bar, dashboard — reads from here and listens to `onDidChange`.
 */
import * as vscode from 'vscode';
import type { AnalysisReport } from '../../analysis';
import { readFileLines } from '../../node/files';
import type { FileStamp } from '../../protocol';

export type ResultOrigin =
  /** Scored from an editor's text at this document version (read from disk when saved: `stamp`). */
  | { readonly kind: 'document'; readonly version: number; readonly stamp?: FileStamp | null }
  /** Read from disk (files too big to open as documents, or chosen in the explorer); `stamp`: the file as read. */
  | { readonly kind: 'file'; readonly stamp?: FileStamp | null }
  /** Followed as it grows (editor/runs/following): its lines up to the report's count are as they were read. */
  | { readonly kind: 'followed'; readonly stamp: FileStamp | null };

export interface AnalysisResult {
  readonly uri: vscode.Uri;
  readonly report: AnalysisReport;
  readonly origin: ResultOrigin;
  readonly baselineUri: vscode.Uri | null;
  /** Score at or above which lines are flagged now. */
  readonly threshold: number;
}

export interface ResultChange {
  readonly uri: vscode.Uri;
  readonly kind: 'set' | 'threshold' | 'delete';
}

export class ResultStore implements vscode.Disposable {
  private readonly results = new Map<string, AnalysisResult>();
  private readonly changed = new vscode.EventEmitter<ResultChange>();
  readonly onDidChange = this.changed.event;

  get(uri: vscode.Uri): AnalysisResult | undefined {
    return this.results.get(uri.toString());
  }

  all(): AnalysisResult[] {
    return [...this.results.values()];
  }

  set(result: AnalysisResult): void {
    this.results.set(result.uri.toString(), result);
    this.changed.fire({ uri: result.uri, kind: 'set' });
  }

  setThreshold(uri: vscode.Uri, threshold: number): void {
    const result = this.get(uri);
    if (result === undefined || result.threshold === threshold) return;
    this.results.set(uri.toString(), { ...result, threshold });
    this.changed.fire({ uri, kind: 'threshold' });
  }

  delete(uri: vscode.Uri): void {
    if (this.results.delete(uri.toString())) this.changed.fire({ uri, kind: 'delete' });
  }

  clear(): void {
    for (const result of this.all()) this.delete(result.uri);
  }

  dispose(): void {
    this.results.clear();
    this.changed.dispose();
  }
}

/** The open document of `uri`, if VS Code has one (it does not for files over 50 MB). */
export function findOpenDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
}

/** Whether the result's line numbers still describe the document (unchanged since it was scored). */
export function matchesDocument(result: AnalysisResult, document: vscode.TextDocument): boolean {
  if (result.origin.kind === 'document') return document.version === result.origin.version;
  // A followed log only grows (a truncated one starts over): the document and the report catch up with each other.
  if (result.origin.kind === 'followed') return !document.isDirty;
  // A document counts the empty line after a final line break; the report does not.
  return !document.isDirty && Math.abs(document.lineCount - result.report.lines.count) <= 1;
}

/**
 * The text of lines (0-based): from the open document when the result came from one and it is
 * unchanged, otherwise from disk by the byte offsets the analysis kept, unless the file is no longer
 * the one scored (then each line says so). Never modifies anything.
 */
export async function readLineTexts(result: AnalysisResult, lines: ArrayLike<number>): Promise<string[]> {
  const document = findOpenDocument(result.uri);
  const { origin } = result;
  if (document !== undefined && (origin.kind !== 'document' || document.version === origin.version)) {
    const inDocument = Array.from(lines).every((line) => line < document.lineCount);
    if (inDocument || result.uri.scheme !== 'file') return Array.from({ length: lines.length }, (_, i) => (lines[i] < document.lineCount ? document.lineAt(lines[i]).text : ''));
  }
  // A followed file has grown since it was stamped: its scored lines are still as they were.
  if (result.uri.scheme === 'file') return readFileLines(result.uri.fsPath, result.report.lines.starts, lines, undefined, origin.kind === 'followed' ? undefined : (origin.stamp ?? undefined));
  return Array.from({ length: lines.length }, () => '');
}
