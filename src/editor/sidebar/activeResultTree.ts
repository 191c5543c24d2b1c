/**
 * What the sidebar's two trees share: both show the active log's result, so both refresh when the
 * active log moves, its result changes, or a setting (the minimum score) changes what is marked.
 */
import * as vscode from 'vscode';
import type { ActiveLog } from '../state/activeLog';
import type { MarkCache } from '../state/markCache';
import type { Settings } from '../state/settings';

export abstract class ActiveResultTree<Node> implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(
    protected readonly marks: MarkCache,
    protected readonly activeLog: ActiveLog,
    settings: Settings,
  ) {
    this.disposables.push(
      activeLog.onDidChangeResult(() => this.refresh()),
      settings.onDidChange(() => this.refresh()),
    );
  }

  abstract getChildren(node?: Node): Node[] | Promise<Node[]>;
  abstract getTreeItem(node: Node): vscode.TreeItem;

  refresh(): void {
    this.changed.fire(undefined);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
