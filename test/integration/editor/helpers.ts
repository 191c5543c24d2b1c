// Shared steps of the editor's integration tests: the extension's API, opening fixture logs,
// reading what the extension produced, and changing settings for one test.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LogAnomalyApi } from '../../../src/extension';
import type { ShownMessage } from '../../../src/editor/views/messages';

export const EXTENSION_ID = 'log-anomaly.log-anomaly-detector';
export const SOURCE = 'log-anomaly';

export async function extensionApi(): Promise<LogAnomalyApi> {
  const extension = vscode.extensions.getExtension<LogAnomalyApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  return extension.activate();
}

export async function showLog(file: string | vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(typeof file === 'string' ? vscode.Uri.file(file) : file);
  return vscode.window.showTextDocument(document, { preview: false });
}

export function anomalyDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === SOURCE);
}

/** Polls `condition` until it holds. */
export async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs `action` and returns the first message the extension shows meanwhile. */
export async function messageDuring(api: LogAnomalyApi, action: () => Thenable<unknown>, timeoutMs = 20_000): Promise<ShownMessage> {
  let shown: ShownMessage | undefined;
  const subscription = api.onDidShowMessage((message) => (shown ??= message));
  try {
    await action();
    await until('a message is shown', () => shown !== undefined, timeoutMs);
    return shown!;
  } finally {
    subscription.dispose();
  }
}

/** Sets `logAnomaly.*` user settings for the duration of `body`, then restores them. */
export async function withSettings<T>(values: Record<string, unknown>, body: () => Promise<T>): Promise<T> {
  const configuration = vscode.workspace.getConfiguration('logAnomaly');
  const previous = Object.keys(values).map((key) => [key, configuration.inspect(key)?.globalValue] as const);
  for (const [key, value] of Object.entries(values)) await configuration.update(key, value, vscode.ConfigurationTarget.Global);
  try {
    return await body();
  } finally {
    for (const [key, value] of previous) await configuration.update(key, value, vscode.ConfigurationTarget.Global);
  }
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** 0-based line numbers from the fixture's 1-based ones. */
export function zeroBased(lines: readonly number[]): number[] {
  return lines.map((line) => line - 1);
}
