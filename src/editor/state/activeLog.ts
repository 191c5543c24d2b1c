/**
 * The log the sidebar and the status bar show, and the dashboard follows: the active editor's, or
 * the active tab's (files too large for VS Code to hand to extensions still have a tab). When the
 * user looks at something that is not a log (a webview, the output panel), the last log stays. A
 * result for a log that no editor shows (run from the explorer) becomes the active log, so its
 * results are visible at once.
 */
import * as vscode from 'vscode';
import type { AnalysisResult, ResultStore } from './results';

const IGNORED_SCHEMES = new Set(['output', 'debug', 'vscode-settings', 'comment']);

export class ActiveLog implements vscode.Disposable {
  private current: vscode.Uri | undefined;
  /** The active tab's log when it was last followed: tab events that leave it unchanged change nothing. */
  private followedTab: string | undefined;
  private readonly changed = new vscode.EventEmitter<vscode.Uri | undefined>();
  /** Fires when the active log changes to another URI. */
  readonly onDidChange = this.changed.event;
  private readonly resultChanged = new vscode.EventEmitter<void>();
  /** Fires when what `result` gives may have changed: the active log moved, or its result was set, re-thresholded or cleared. */
  readonly onDidChangeResult = this.resultChanged.event;
  private readonly disposables: vscode.Disposable[] = [this.changed, this.resultChanged];

  constructor(private readonly store: ResultStore) {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.followEditor()),
      vscode.window.tabGroups.onDidChangeTabs(() => this.followTab()),
      vscode.window.tabGroups.onDidChangeTabGroups(() => this.followTab()),
      store.onDidChange((change) => {
        const isActive = change.uri.toString() === this.current?.toString();
        if (change.kind === 'set' && !isActive && !this.isShown(change.uri)) this.set(change.uri);
        else if (isActive) this.resultChanged.fire();
      }),
    );
    this.followEditor();
  }

  get uri(): vscode.Uri | undefined {
    return this.current;
  }

  /** The active log's result, if it has one. */
  get result(): AnalysisResult | undefined {
    return this.current === undefined ? undefined : this.store.get(this.current);
  }

  /** The user focused an editor: its log becomes the active one. */
  private followEditor(): void {
    const editor = vscode.window.activeTextEditor;
    if (editor === undefined) {
      this.followTab();
    } else if (!IGNORED_SCHEMES.has(editor.document.uri.scheme)) {
      this.followedTab = editor.document.uri.toString();
      this.set(editor.document.uri);
    }
  }

  /**
   * Tabs change for many reasons (a title, a dirty mark); only a different active text tab moves
   * the active log, so a result shown for a log without an editor stays until the user moves.
   */
  private followTab(): void {
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    if (!(input instanceof vscode.TabInputText) || input.uri.toString() === this.followedTab) return;
    this.followedTab = input.uri.toString();
    this.set(input.uri);
  }

  private isShown(uri: vscode.Uri): boolean {
    const key = uri.toString();
    return vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === key));
  }

  private set(uri: vscode.Uri): void {
    if (this.current?.toString() === uri.toString()) return;
    this.current = uri;
    this.changed.fire(uri);
    this.resultChanged.fire();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/**
 * The log the user is looking at this moment: the active text editor's, or the active tab's (files
 * too large to open still have a tab). Unlike `ActiveLog`, nothing is remembered: the commands that
 * act on "this log" use it.
 */
export function activeLogUri(): vscode.Uri | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor !== undefined) return editor.document.uri;
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom) return input.uri;
  return undefined;
}
