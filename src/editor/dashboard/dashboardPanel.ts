/**
 * The dashboard panel, host side: one webview panel beside the log, created or revealed, never
 * duplicated. It shows the active log's result (following the user from log to log), sends the
 * webview its state once the webview says it is ready, turns the webview's messages into threshold
 * moves and line reveals, and comes back after a window reload through the panel serializer —
 * showing what the webview saved, refreshed when the store has a result for that log.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { DashboardSavedState, HostToWebview } from '../../protocol';
import type { ActiveLog } from '../state/activeLog';
import { readLineTexts, type AnalysisResult, type ResultStore } from '../state/results';
import { displayName } from '../text/wording';
import { revealLine } from '../views/revealLine';
import { buildDashboardState, parseWebviewMessage, sessionLines, type ReadLines } from './dashboardState';

export const DASHBOARD_VIEW_TYPE = 'logAnomaly.dashboard';

/** Line texts kept per log between refreshes (moving the threshold re-reads little). */
const TEXT_CACHE_LINES = 50_000;

export class DashboardPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** The log the panel shows. */
  private uri: vscode.Uri | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private panelDisposables: vscode.Disposable[] = [];
  /** A refresh is running; `stale` asks for one more when it ends. */
  private refreshing: Promise<void> | undefined;
  private stale = false;
  private texts: { report: AnalysisResult['report']; lines: Map<number, string> } | undefined;

  /**
   * Registers the panel serializer and follows the store and the active log. Everything is
   * disposed with the extension.
   */
  static register(context: vscode.ExtensionContext, store: ResultStore, activeLog: ActiveLog): DashboardPanel {
    const dashboard = new DashboardPanel(context.extensionUri, store, activeLog);
    context.subscriptions.push(
      dashboard,
      vscode.window.registerWebviewPanelSerializer(DASHBOARD_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, saved: unknown) => dashboard.restore(panel, saved as DashboardSavedState | undefined),
      }),
    );
    return dashboard;
  }

  private constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: ResultStore,
    private readonly activeLog: ActiveLog,
  ) {
    this.disposables.push(
      store.onDidChange((change) => {
        if (this.panel === undefined || this.uri?.toString() !== change.uri.toString()) return;
        if (change.kind === 'delete') this.post({ type: 'noResult', uri: change.uri.toString(), fileName: displayName(change.uri) });
        else this.refresh();
      }),
      activeLog.onDidChange((uri) => {
        // Follow the user to another log that has a result; anything else keeps what is shown.
        if (this.panel !== undefined && uri !== undefined && uri.toString() !== this.uri?.toString() && store.get(uri) !== undefined) this.showLog(uri);
      }),
    );
  }

  /** Opens the panel beside the log (or reveals it) showing `uri`, the active log, or the last log shown. */
  show(uri?: vscode.Uri, options: { preserveFocus?: boolean } = {}): void {
    const target = uri ?? this.pickLog();
    if (this.panel === undefined) {
      const panel = vscode.window.createWebviewPanel(DASHBOARD_VIEW_TYPE, 'Log Anomalies', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: options.preserveFocus ?? false }, this.webviewOptions());
      this.adopt(panel, target);
      return;
    }
    this.panel.reveal(undefined, options.preserveFocus ?? false);
    if (target !== undefined && target.toString() !== this.uri?.toString()) this.showLog(target);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }

  /** The serializer's panel after a window reload: the webview shows its saved state and asks for a fresh one. */
  private async restore(panel: vscode.WebviewPanel, saved: DashboardSavedState | undefined): Promise<void> {
    if (this.panel !== undefined) {
      // Only one dashboard: a second restored panel is closed rather than duplicated.
      panel.dispose();
      return;
    }
    const uri = saved?.state?.uri;
    this.adopt(panel, uri !== undefined ? vscode.Uri.parse(uri) : this.pickLog());
  }

  private pickLog(): vscode.Uri | undefined {
    const active = this.activeLog.uri;
    if (active !== undefined && this.store.get(active) !== undefined) return active;
    if (this.uri !== undefined) return this.uri;
    return this.store.all().at(-1)?.uri ?? active;
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
  }

  private adopt(panel: vscode.WebviewPanel, uri: vscode.Uri | undefined): void {
    this.panel = panel;
    this.uri = uri;
    this.texts = undefined;
    panel.webview.options = this.webviewOptions();
    panel.iconPath = { light: vscode.Uri.joinPath(this.extensionUri, 'media', 'dashboard-light.svg'), dark: vscode.Uri.joinPath(this.extensionUri, 'media', 'dashboard-dark.svg') };
    this.setTitle();
    this.panelDisposables = [
      panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      panel.onDidDispose(() => {
        for (const disposable of this.panelDisposables) disposable.dispose();
        this.panelDisposables = [];
        this.panel = undefined;
      }),
    ];
    panel.webview.html = this.html(panel.webview);
  }

  private showLog(uri: vscode.Uri): void {
    this.uri = uri;
    this.texts = undefined;
    this.setTitle();
    this.refresh();
  }

  private setTitle(): void {
    if (this.panel === undefined) return;
    this.panel.title = this.uri === undefined ? 'Log Anomalies' : `Log Anomalies: ${displayName(this.uri)}`;
  }

  private post(message: HostToWebview): void {
    void this.panel?.webview.postMessage(message);
  }

  private async receive(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (message === undefined) return;
    switch (message.type) {
      case 'ready':
        if (this.uri === undefined && message.uri !== null) this.uri = vscode.Uri.parse(message.uri);
        this.setTitle();
        this.refresh();
        break;
      case 'setThreshold': {
        const uri = vscode.Uri.parse(message.uri);
        if (this.store.get(uri) === undefined) this.post({ type: 'noResult', uri: message.uri, fileName: displayName(uri) });
        else this.store.setThreshold(uri, message.threshold);
        break;
      }
      case 'reveal':
        await this.reveal(vscode.Uri.parse(message.uri), message.line);
        break;
      case 'sessionLines': {
        const result = this.store.get(vscode.Uri.parse(message.uri));
        if (result === undefined) return;
        const answer = await sessionLines(result.report, message.session, result.threshold, this.reader(result));
        this.post({ type: 'sessionLines', uri: message.uri, session: message.session, ...answer });
        break;
      }
    }
  }

  /** Opens the log at `line` (0-based) in the log's editor group, or in another group than the panel's. */
  private async reveal(uri: vscode.Uri, line: number): Promise<void> {
    const shown = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri.toString());
    const viewColumn = shown?.viewColumn ?? (this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    await revealLine(uri, line, { viewColumn, preview: false });
  }

  /** Sends the state of the log shown; while one is being built, one more follows with the latest result. */
  private refresh(): void {
    if (this.refreshing !== undefined) {
      this.stale = true;
      return;
    }
    this.refreshing = this.sendState().finally(() => {
      this.refreshing = undefined;
      if (this.stale) {
        this.stale = false;
        this.refresh();
      }
    });
  }

  private async sendState(): Promise<void> {
    const uri = this.uri;
    if (this.panel === undefined) return;
    if (uri === undefined) {
      this.post({ type: 'noResult', uri: '', fileName: '' });
      return;
    }
    const result = this.store.get(uri);
    if (result === undefined) {
      this.post({ type: 'noResult', uri: uri.toString(), fileName: displayName(uri) });
      return;
    }
    const state = await buildDashboardState(
      { uri: uri.toString(), fileName: displayName(uri), location: uri.scheme === 'file' ? uri.fsPath : uri.toString(), report: result.report, threshold: result.threshold },
      this.reader(result),
    );
    // The user may have switched logs meanwhile; that log's refresh follows.
    if (this.uri?.toString() === state.uri) this.post({ type: 'state', state });
  }

  /** Reads line texts through a per-report cache, so moving the threshold reads only new lines. */
  private reader(result: AnalysisResult): ReadLines {
    return async (lines) => {
      if (this.texts?.report !== result.report || this.texts.lines.size > TEXT_CACHE_LINES) this.texts = { report: result.report, lines: new Map() };
      const cache = this.texts.lines;
      const missing = Array.from(lines).filter((line) => !cache.has(line));
      if (missing.length > 0) {
        const texts = await readLineTexts(result, missing);
        missing.forEach((line, i) => cache.set(line, texts[i]));
      }
      return Array.from(lines, (line) => cache.get(line) ?? '');
    };
  }

  private html(webview: vscode.Webview): string {
    const nonce = randomBytes(18).toString('base64');
    const asset = (...segments: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...segments)).toString();
    const csp = [
      "default-src 'none'",
      `img-src ${webview.cspSource} data:`,
      `style-src ${webview.cspSource} 'nonce-${nonce}'`,
      `script-src 'nonce-${nonce}'`,
      `font-src ${webview.cspSource}`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta property="csp-nonce" content="${nonce}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${nonce}" href="${asset('media', 'dashboard.css')}">
<title>Log Anomalies</title>
</head>
<body>
<div id="app"></div>
<script nonce="${nonce}" src="${asset('dist', 'webview.js')}"></script>
</body>
</html>`;
  }
}
