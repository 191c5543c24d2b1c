/**
 * Keeps results true to their documents. An edit makes a document's result stale (its line numbers
 * no longer hold), so the result is cleared; with `logAnomaly.rerunOnSave` the log is scored again
 * when it is saved, or when it reloads from disk unchanged by the user (a log that grew). Results
 * of closed untitled documents are dropped: nothing can show them again.
 */
import * as vscode from 'vscode';
import type { ResultStore } from './results';
import type { Settings } from './settings';

/** A log reloaded from disk is re-scored once it has been quiet this long. */
const RELOAD_DEBOUNCE_MS = 1500;

export class DocumentSync implements vscode.Disposable {
  /** Logs that had a result before an edit, to score again on save. */
  private readonly pending = new Set<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly store: ResultStore,
    private readonly settings: Settings,
    private readonly rerun: (uri: vscode.Uri) => Promise<unknown>,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((event) => this.changed(event)),
      vscode.workspace.onDidSaveTextDocument((document) => this.saved(document)),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.isUntitled) {
          this.store.delete(document.uri);
          this.pending.delete(document.uri.toString());
        }
      }),
    );
  }

  private changed(event: vscode.TextDocumentChangeEvent): void {
    if (event.contentChanges.length === 0) return;
    const { uri } = event.document;
    const key = uri.toString();
    const result = this.store.get(uri);
    if (result === undefined && !this.pending.has(key)) return;
    if (result !== undefined && result.origin.kind === 'document' && result.origin.version === event.document.version) return;
    // A followed log that reloads from disk grew: the follower appends its lines.
    if (result?.origin.kind === 'followed' && !event.document.isDirty) return;
    this.store.delete(uri);
    if (!this.settings.current.rerunOnSave) return;
    this.pending.add(key);
    // Not dirty after a change: VS Code reloaded the file from disk.
    if (!event.document.isDirty) this.schedule(event.document);
  }

  private saved(document: vscode.TextDocument): void {
    if (!this.settings.current.rerunOnSave || !this.pending.has(document.uri.toString())) return;
    this.schedule(document, 0);
  }

  private schedule(document: vscode.TextDocument, delay = RELOAD_DEBOUNCE_MS): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (document.isClosed || document.isDirty) return;
        this.pending.delete(key);
        void this.rerun(document.uri);
      }, delay),
    );
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
