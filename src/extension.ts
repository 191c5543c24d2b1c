/**
 * Wires the editor adapters together. Activation only builds the adapters and registers commands:
 * nothing is analysed until the user asks. Each adapter owns its disposables; all of them end up in
 * `context.subscriptions`.
 */
import * as vscode from 'vscode';
import { type AnalysisReport, plural, shorten } from './analysis';
import { COMMANDS, type CommandName } from './editor/commands';
import { DashboardPanel } from './editor/dashboard/dashboardPanel';
import { AnalysisRunner } from './editor/runs/analysisRunner';
import { Detection } from './editor/runs/detection';
import { exportAnomalies } from './editor/runs/exportAnomalies';
import { LogFollowing } from './editor/runs/following';
import { AnomalyTreeProvider, createAnomalyView, templateOfNode, type AnomalyNode } from './editor/sidebar/anomalyTree';
import { GROUP_BY_VALUES } from './editor/sidebar/grouping';
import { TEMPLATES_VIEW, TemplateTreeProvider, type TemplateNode } from './editor/sidebar/templateTree';
import { ActiveLog, activeLogUri } from './editor/state/activeLog';
import { DocumentSync } from './editor/state/documentSync';
import { ExpectedPatterns } from './editor/state/expectedPatterns';
import { MarkCache } from './editor/state/markCache';
import { withExpectedTemplates } from './editor/state/marks';
import { ResultStore, type ResultChange } from './editor/state/results';
import { Settings } from './editor/state/settings';
import { displayName } from './editor/text/wording';
import { Decorations } from './editor/views/decorations';
import { Diagnostics } from './editor/views/diagnostics';
import { AnomalyHover } from './editor/views/hover';
import { Messages, type ShownMessage } from './editor/views/messages';
import { MarkExpectedQuickFix } from './editor/views/quickFix';
import { revealLine } from './editor/views/revealLine';
import { AnomalyStatusBar } from './editor/views/statusBar';

/** What `activate` returns: for other extensions and for the integration tests. */
export interface LogAnomalyApi {
  /** Scores a log (a document's text when it is open and unsaved, the file otherwise); undefined when it could not be scored. */
  detect(uri: vscode.Uri, options?: { baseline?: vscode.Uri }): Promise<AnalysisReport | undefined>;
  /** Cancels the run for a log, if one is in progress (its `detect` then resolves with undefined). */
  cancel(uri: vscode.Uri): void;
  /** The report shown for a log, if any. */
  getReport(uri: vscode.Uri): AnalysisReport | undefined;
  readonly onDidChangeResults: vscode.Event<ResultChange>;
  /** The last message shown to the user, and an event for each one. */
  readonly lastMessage: ShownMessage | undefined;
  readonly onDidShowMessage: vscode.Event<ShownMessage>;
  /** Decorated lines (0-based) of a visible editor, per grade: anomaly, high, critical. */
  decoratedLines(editor: vscode.TextEditor): number[][];
  /** The items a sidebar view shows, as VS Code renders them: the top level, or with `expand` each group followed by its items. */
  viewItems(view: 'anomalies' | 'templates', options?: { expand?: boolean }): Promise<vscode.TreeItem[]>;
}

const LOG_DOCUMENTS: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }, { scheme: 'vscode-vfs' }];

export function activate(context: vscode.ExtensionContext): LogAnomalyApi {
  const messages = new Messages();
  const settings = new Settings((problem) => void messages.warn(problem));
  const store = new ResultStore();
  const expected = new ExpectedPatterns(context.workspaceState);
  const marks = new MarkCache(() => settings.current.minimumScore);
  const workerScript = vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').fsPath;
  const runner = new AnalysisRunner(workerScript, messages.log);
  const detection = new Detection(store, runner, settings, expected, marks, messages);
  const activeLog = new ActiveLog(store);
  const following = new LogFollowing(workerScript, store, expected, messages, () => detection.analysisOptions(), activeLog);
  const decorations = new Decorations(context.extensionUri, store, marks, settings);

  const anomalyTree = new AnomalyTreeProvider(marks, activeLog, settings, context.workspaceState);
  const templateTree = new TemplateTreeProvider(marks, activeLog, settings);

  const dashboard = DashboardPanel.register(context, store, activeLog);
  context.subscriptions.push(
    messages,
    settings,
    store,
    expected,
    runner,
    activeLog,
    following,
    decorations,
    new Diagnostics(store, marks, settings),
    new AnomalyStatusBar(marks, activeLog, settings, following),
    new DocumentSync(store, settings, (uri) => detection.detect(uri, { quiet: true })),
    anomalyTree,
    templateTree,
    createAnomalyView(anomalyTree, marks, activeLog),
    vscode.window.createTreeView(TEMPLATES_VIEW, { treeDataProvider: templateTree }),
    vscode.languages.registerHoverProvider(LOG_DOCUMENTS, new AnomalyHover(store, marks)),
    vscode.languages.registerCodeActionsProvider(LOG_DOCUMENTS, new MarkExpectedQuickFix(store), {
      providedCodeActionKinds: MarkExpectedQuickFix.providedCodeActionKinds,
    }),
    // When patterns change, results already shown are filtered at once.
    expected.onDidChange((templates) => {
      for (const result of store.all()) {
        const report = withExpectedTemplates(result.report, templates);
        if (report !== result.report) store.set({ ...result, report });
      }
    }),
  );

  // One handler per command of the table: the type makes sure none is missing.
  const commands: Readonly<Record<CommandName, (...args: never[]) => unknown>> = {
    detect: async (uri?: unknown) => {
      await detection.detect(uriArgument(uri));
    },
    detectFile: async (uri?: unknown) => {
      await detection.detectFile(uriArgument(uri));
    },
    detectAgainstBaseline: async (uri?: unknown) => {
      await detection.detectAgainstBaseline(uriArgument(uri));
    },
    follow: async (uri?: unknown) => {
      await following.follow(uriArgument(uri));
    },
    stopFollowing: (uri?: unknown) => following.stop(uriArgument(uri)),
    clear: (uri?: unknown) => {
      const target = uriArgument(uri) ?? activeLogUri();
      if (target !== undefined && store.get(target) !== undefined) store.delete(target);
      else store.clear();
    },
    // Arguments for scripts and keybindings: the log, and the file to write (no save dialog then).
    export: async (uri?: unknown, destination?: unknown) => {
      const log = uriArgument(uri) ?? activeLog.uri ?? activeLogUri();
      const result = log === undefined ? undefined : store.get(log);
      if (result === undefined) {
        void messages.info(`There are no anomalies to export${log === undefined ? '' : ` for ${displayName(log)}`}: run Detect Anomalies first.`);
        return;
      }
      await exportAnomalies(result, marks, messages, uriArgument(destination));
    },
    showDashboard: (uri?: unknown) => dashboard.show(uriArgument(uri), { preserveFocus: uri instanceof vscode.Uri }),
    markExpected: async (what?: string | AnomalyNode | TemplateNode) => {
      const template = templateOfNode(what);
      if (template === undefined) return;
      await expected.add(template);
      void messages.info(`Lines like "${shorten(template, 100)}" are now expected in this workspace and are no longer flagged. "Reset Expected Patterns" undoes this.`);
    },
    resetExpected: async () => {
      const count = expected.templates.length;
      await expected.reset();
      // Runs that knew the patterns scored their lines as 0: score those logs again.
      const rerun = store.all().filter((result) => result.report.options.expectedTemplates.length > 0);
      void messages.info(count === 0 ? 'No patterns were marked as expected.' : `Forgot ${plural(count, 'expected pattern')}.`);
      await Promise.all(rerun.map((result) => detection.rerun(result)));
    },
    // The grouping may come as an argument (keybindings, scripts); otherwise the user picks it.
    groupAnomalies: async (groupBy?: unknown) => {
      const chosen = GROUP_BY_VALUES.find((value) => value === groupBy) ?? (await anomalyTree.pickGrouping());
      if (chosen !== undefined) await anomalyTree.setGrouping(chosen);
    },
    revealLine: async (uri: vscode.Uri, line: number) => {
      await revealLine(uri, line, { preview: true });
    },
  };
  for (const name of Object.keys(commands) as CommandName[]) context.subscriptions.push(vscode.commands.registerCommand(COMMANDS[name], commands[name]));

  return {
    detect: (uri, options) => detection.detect(uri, { quiet: true, baseline: options?.baseline }),
    cancel: (uri) => runner.cancel(uri),
    getReport: (uri) => store.get(uri)?.report,
    onDidChangeResults: store.onDidChange,
    get lastMessage() {
      return messages.lastMessage;
    },
    onDidShowMessage: messages.onDidShow,
    decoratedLines: (editor) => decorations.decoratedLines(editor),
    viewItems: async (view, options) => {
      if (view === 'templates') return templateTree.getChildren().map((node) => templateTree.getTreeItem(node));
      const items: vscode.TreeItem[] = [];
      for (const node of await anomalyTree.getChildren()) {
        items.push(anomalyTree.getTreeItem(node));
        if (options?.expand) for (const child of await anomalyTree.getChildren(node)) items.push(anomalyTree.getTreeItem(child));
      }
      return items;
    },
  };
}

export function deactivate(): void {}

function uriArgument(value: unknown): vscode.Uri | undefined {
  return value instanceof vscode.Uri ? value : undefined;
}
