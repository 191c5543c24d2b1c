/**
 * The dashboard webview's entry point (bundled to dist/webview.js): wires the app to VS Code's
 * webview API, the Chart.js layer and the theme.
 */
import type { DashboardSavedState, HostToWebview, WebviewToHost } from '../protocol';
import { DashboardApp } from './app';
import { createCharts } from './charts/chartJs';
import { observeTheme } from './theme';
import { registerToolkit } from './toolkit';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): DashboardSavedState | undefined;
  setState(state: DashboardSavedState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
registerToolkit();

const root = document.getElementById('app');
if (root === null) throw new Error('the dashboard page has no #app element');

const app = new DashboardApp(root, {
  host: { post: (message) => vscode.postMessage(message), saveState: (saved) => vscode.setState(saved) },
  saved: vscode.getState(),
  charts: createCharts,
});

window.addEventListener('message', (event: MessageEvent<HostToWebview>) => app.receive(event.data));
window.addEventListener('resize', () => app.relayout());
observeTheme(() => app.retheme());

// A blocked script, style or image would mean the page and its CSP disagree: count them where a test can read them.
let violations = 0;
document.addEventListener('securitypolicyviolation', (event) => {
  violations++;
  document.body.dataset.cspViolations = String(violations);
  const where = event.sourceFile === '' ? '' : ` at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`;
  const target = event.target instanceof Element ? ` on <${event.target.localName}>` : '';
  const description = `CSP blocked ${event.blockedURI || 'inline code'} (${event.violatedDirective})${target}${where}: ${event.sample}`;
  document.body.dataset.cspLastViolation = description;
  console.warn(`Log Anomaly dashboard: ${description}`);
});

app.start();
