/**
 * Everything the extension tells the user goes through here: notifications with optional buttons,
 * and details (stacks, timings) to the "Log Anomaly Detector" output channel. The last messages are
 * kept so that tests and other extensions can see what the user was told.
 */
import * as vscode from 'vscode';

export type MessageSeverity = 'information' | 'warning' | 'error';

export interface ShownMessage {
  readonly severity: MessageSeverity;
  readonly text: string;
}

const SHOW_LOG = 'Show Log';

export class Messages implements vscode.Disposable {
  readonly log = vscode.window.createOutputChannel('Log Anomaly Detector', { log: true });
  private readonly shown = new vscode.EventEmitter<ShownMessage>();
  readonly onDidShow = this.shown.event;
  private last: ShownMessage | undefined;

  get lastMessage(): ShownMessage | undefined {
    return this.last;
  }

  async info<T extends string>(text: string, ...actions: T[]): Promise<T | undefined> {
    this.record('information', text);
    return vscode.window.showInformationMessage(text, ...actions);
  }

  async warn<T extends string>(text: string, ...actions: T[]): Promise<T | undefined> {
    this.record('warning', text);
    return vscode.window.showWarningMessage(text, ...actions);
  }

  /** An error the user should know about; `detail` (a stack) goes to the output channel only. */
  async error(text: string, detail?: string): Promise<void> {
    this.record('error', text);
    if (detail) this.log.error(detail);
    const choice = await vscode.window.showErrorMessage(text, SHOW_LOG);
    if (choice === SHOW_LOG) this.log.show(true);
  }

  private record(severity: MessageSeverity, text: string): void {
    this.last = { severity, text };
    if (severity === 'error') this.log.error(text);
    else if (severity === 'warning') this.log.warn(text);
    else this.log.info(text);
    this.shown.fire(this.last);
  }

  dispose(): void {
    this.log.dispose();
    this.shown.dispose();
  }
}
