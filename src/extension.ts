import * as vscode from 'vscode';

// Scaffold: replaced by the real wiring (issue 4).
export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('logAnomaly.detect', () => {
      void vscode.window.showInformationMessage('Log Anomaly Detector: not wired yet.');
    }),
  );
}

export function deactivate(): void {}
