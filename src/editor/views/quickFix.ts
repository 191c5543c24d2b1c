/**
 * The quick fix on each anomaly in Problems: "Mark this pattern as expected". It remembers the
 * line's template for the workspace, so its lines are no longer flagged (now and in later runs).
 */
import * as vscode from 'vscode';
import { COMMANDS } from '../commands';
import type { ResultStore } from '../state/results';
import { DIAGNOSTIC_SOURCE } from './diagnostics';

export class MarkExpectedQuickFix implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly store: ResultStore) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const result = this.store.get(document.uri);
    if (result === undefined) return [];
    const { report } = result;
    const actions = new Map<string, vscode.CodeAction>();
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const line = diagnostic.range.start.line;
      const v = line < report.lines.count ? report.lines.vectorIds[line] : -1;
      if (v < 0) continue;
      const template = report.templates[report.vectors.templateIds[v]]?.text;
      if (template === undefined) continue;
      const existing = actions.get(template);
      if (existing !== undefined) {
        existing.diagnostics?.push(diagnostic);
        continue;
      }
      const action = new vscode.CodeAction('Mark this pattern as expected', vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.command = { command: COMMANDS.markExpected, title: 'Mark this pattern as expected', arguments: [template] };
      actions.set(template, action);
    }
    return [...actions.values()];
  }
}
