/**
 * Opens a log at a line with the cursor on it: the trees' items and the dashboard's rows both come
 * here. `vscode.open` (not `showTextDocument`) so that files too large to be documents for
 * extensions (over 50 MB) open too; the editor centres the line.
 */
import * as vscode from 'vscode';

export interface RevealOptions {
  /** The editor group to open it in; the active one when absent. */
  readonly viewColumn?: vscode.ViewColumn;
  /** A preview editor (replaced by the next one opened), as a click in a tree opens. */
  readonly preview: boolean;
}

export async function revealLine(uri: vscode.Uri, line: number, options: RevealOptions): Promise<void> {
  const selection = new vscode.Range(line, 0, line, 0);
  const show: vscode.TextDocumentShowOptions = { selection, viewColumn: options.viewColumn, preserveFocus: false, preview: options.preview };
  await vscode.commands.executeCommand('vscode.open', uri, show);
}
