/**
 * The settings snapshot the editor adapters read: parsed once, rebuilt when a `logAnomaly.*`
 * setting changes. Invalid values fall back to their defaults with one warning naming the setting.
 */
import * as vscode from 'vscode';
import { DEFAULT_SETTINGS, parseSettings, type EditorSettings } from './settingsSchema';

export const SECTION = 'logAnomaly';

export class Settings implements vscode.Disposable {
  private snapshot: EditorSettings = DEFAULT_SETTINGS;
  private readonly changed = new vscode.EventEmitter<EditorSettings>();
  /** Fires with the new snapshot after a `logAnomaly.*` setting changed. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly warn: (message: string) => void) {
    this.snapshot = this.read();
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SECTION)) return;
      this.snapshot = this.read();
      this.changed.fire(this.snapshot);
    });
  }

  get current(): EditorSettings {
    return this.snapshot;
  }

  private read(): EditorSettings {
    const configuration = vscode.workspace.getConfiguration(SECTION);
    const { settings, problems } = parseSettings((key) => configuration.get(key));
    for (const problem of problems) this.warn(`Log Anomaly Detector setting ${problem}`);
    return settings;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
