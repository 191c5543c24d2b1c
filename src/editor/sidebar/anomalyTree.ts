/**
 * The sidebar's "Log Anomalies" view: the active log's anomalous lines, most anomalous first, as
 * a flat list or grouped by template or session (the user's choice, kept per workspace). Clicking a
 * line opens the log at that line.
 */
import * as vscode from 'vscode';
import { describeReason, explainLine, formatScore, groupDigits, plural, shorten, templateTextOf } from '../../analysis';
import { COMMANDS } from '../commands';
import type { ActiveLog } from '../state/activeLog';
import type { MarkCache } from '../state/markCache';
import { Grade, gradeOf } from '../state/marks';
import { readLineTexts, type AnalysisResult } from '../state/results';
import type { Settings } from '../state/settings';
import { messageOf } from '../text/lineFormat';
import { anomalyLabel, displayName } from '../text/wording';
import { ActiveResultTree } from './activeResultTree';
import { GROUP_BY_VALUES, groupRankedLines, type GroupBy } from './grouping';
import type { TemplateNode } from './templateTree';

export const ANOMALIES_VIEW = 'logAnomaly.anomalies';

/** Lines listed per level of the tree; the rest are summed up in one item. */
export const TREE_LINE_LIMIT = 500;
/** Grouping looks at this many of the highest-ranked lines. */
export const GROUP_SCAN_LIMIT = 100_000;

export type AnomalyNode =
  | { readonly kind: 'line'; readonly result: AnalysisResult; readonly line: number; readonly text: string }
  | { readonly kind: 'group'; readonly result: AnalysisResult; readonly groupBy: 'template' | 'session'; readonly key: number; readonly lines: Int32Array }
  | { readonly kind: 'more'; readonly hidden: number };

const GRADE_ICONS: Readonly<Record<Grade, vscode.ThemeIcon>> = {
  [Grade.critical]: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  [Grade.high]: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  [Grade.anomaly]: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
};

/** Where the grouping the user chose is kept, per workspace. */
const GROUP_BY_KEY = 'logAnomaly.groupBy';

const GROUP_BY_LABELS: Readonly<Record<GroupBy, string>> = { none: 'No Grouping', template: 'Group by Template', session: 'Group by Session' };

export class AnomalyTreeProvider extends ActiveResultTree<AnomalyNode> {
  private groupBy: GroupBy;

  constructor(
    marks: MarkCache,
    activeLog: ActiveLog,
    settings: Settings,
    private readonly workspaceState: vscode.Memento,
  ) {
    super(marks, activeLog, settings);
    const saved = workspaceState.get<GroupBy>(GROUP_BY_KEY, 'none');
    this.groupBy = GROUP_BY_VALUES.includes(saved) ? saved : 'none';
  }

  get grouping(): GroupBy {
    return this.groupBy;
  }

  /** Regroups the tree and remembers the grouping for the workspace. */
  async setGrouping(groupBy: GroupBy): Promise<void> {
    this.groupBy = groupBy;
    this.refresh();
    await this.workspaceState.update(GROUP_BY_KEY, groupBy);
  }

  /** Asks the user for a grouping, the current one marked; undefined when they dismiss the pick. */
  async pickGrouping(): Promise<GroupBy | undefined> {
    const picked = await vscode.window.showQuickPick(
      GROUP_BY_VALUES.map((value) => ({ label: GROUP_BY_LABELS[value], value, description: value === this.groupBy ? 'current' : undefined })),
      { title: 'Group Log Anomalies' },
    );
    return picked?.value;
  }

  async getChildren(node?: AnomalyNode): Promise<AnomalyNode[]> {
    if (node === undefined) {
      const result = this.activeLog.result;
      if (result === undefined) return [];
      if (this.groupBy === 'none') return this.lineNodes(result, this.marks.ranked(result, TREE_LINE_LIMIT), this.marks.marked(result).lineCount);
      return this.groups(result, this.marks.ranked(result, GROUP_SCAN_LIMIT), this.groupBy);
    }
    if (node.kind === 'group') return this.lineNodes(node.result, node.lines.subarray(0, TREE_LINE_LIMIT), node.lines.length);
    return [];
  }

  getTreeItem(node: AnomalyNode): vscode.TreeItem {
    switch (node.kind) {
      case 'line':
        return this.lineItem(node);
      case 'group':
        return this.groupItem(node);
      case 'more': {
        const item = new vscode.TreeItem(`${plural(node.hidden, 'more line')} not listed`);
        item.description = 'see the dashboard or export them';
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        return item;
      }
    }
  }

  getParent(): undefined {
    return undefined;
  }

  private async lineNodes(result: AnalysisResult, lines: Int32Array, total: number): Promise<AnomalyNode[]> {
    const texts = await readLineTexts(result, lines);
    const nodes: AnomalyNode[] = Array.from(lines, (line, i) => ({ kind: 'line', result, line, text: texts[i] ?? '' }));
    if (total > lines.length) nodes.push({ kind: 'more', hidden: total - lines.length });
    return nodes;
  }

  private groups(result: AnalysisResult, ranked: Int32Array, groupBy: 'template' | 'session'): AnomalyNode[] {
    const { report } = result;
    const keyOf = groupBy === 'template'
      ? (line: number) => report.vectors.templateIds[report.lines.vectorIds[line]]
      : (line: number) => report.lines.sessionIds[line];
    const groups = groupRankedLines(ranked, keyOf);
    // Lines without a session go last.
    groups.sort((a, b) => Number(a.key < 0) - Number(b.key < 0));
    return groups.map((group) => ({ kind: 'group', result, groupBy, key: group.key, lines: group.lines }));
  }

  private lineItem(node: Extract<AnomalyNode, { kind: 'line' }>): vscode.TreeItem {
    const { report } = node.result;
    const v = report.lines.vectorIds[node.line];
    const score = report.vectors.scores[v];
    const { label, description } = anomalyLabel(node.line, score, messageOf(report, node.text));
    const item = new vscode.TreeItem(label);
    item.description = description;
    item.iconPath = GRADE_ICONS[gradeOf(score, this.marks.marked(node.result).cutoffs)];
    const reasons = explainLine(report, node.line).slice(0, 3).map((reason) => `• ${describeReason(reason, templateTextOf(report))}`);
    item.tooltip = [`Line ${groupDigits(node.line + 1)} · score ${formatScore(score, 'label')} · rank #${groupDigits(report.vectors.ranks[v])}`, shorten(node.text, 500), ...reasons].join('\n');
    item.accessibilityInformation = { label: `Line ${node.line + 1}, score ${formatScore(score, 'label')}: ${shorten(node.text, 200)}` };
    item.contextValue = 'anomalyLine';
    item.command = { command: COMMANDS.revealLine, title: 'Go to Line', arguments: [node.result.uri, node.line] };
    return item;
  }

  private groupItem(node: Extract<AnomalyNode, { kind: 'group' }>): vscode.TreeItem {
    const { report } = node.result;
    const lines = plural(node.lines.length, 'line');
    let item: vscode.TreeItem;
    if (node.groupBy === 'template') {
      const text = report.templates[node.key]?.text ?? '';
      item = new vscode.TreeItem(shorten(text, 120), vscode.TreeItemCollapsibleState.Collapsed);
      item.description = lines;
      item.tooltip = `${text}\n${lines} flagged; the template occurs ${plural(report.templates[node.key]?.count ?? 0, 'time')} in the file.`;
      item.iconPath = new vscode.ThemeIcon('symbol-string');
      item.contextValue = 'anomalyTemplate';
    } else if (node.key < 0) {
      item = new vscode.TreeItem('Lines outside any session', vscode.TreeItemCollapsibleState.Collapsed);
      item.description = lines;
      item.iconPath = new vscode.ThemeIcon('symbol-misc');
    } else {
      const id = report.sessions.ids[node.key];
      const flagged = report.sessions.flagged[node.key] === 1;
      item = new vscode.TreeItem(shorten(id, 120), vscode.TreeItemCollapsibleState.Collapsed);
      item.description = `${lines}${flagged ? ` · session score ${formatScore(report.sessions.scores[node.key], 'label')}` : ''}`;
      item.tooltip = `Session ${id}: ${plural(report.sessions.lineCounts[node.key], 'line')}, ${lines} flagged${flagged ? '; the session itself is anomalous' : ''}.`;
      item.iconPath = new vscode.ThemeIcon(flagged ? 'warning' : 'symbol-event');
    }
    // Stable across refreshes, so expanded groups stay expanded when the threshold moves.
    item.id = `${node.result.uri.toString()}#${node.groupBy}#${node.key}`;
    return item;
  }
}

/** Owns the view: its title description (the log's name), its badge, and its empty-state message. */
export function createAnomalyView(provider: AnomalyTreeProvider, marks: MarkCache, activeLog: ActiveLog): vscode.Disposable {
  const view = vscode.window.createTreeView(ANOMALIES_VIEW, { treeDataProvider: provider, showCollapseAll: true });
  const update = (): void => {
    const uri = activeLog.uri;
    const result = activeLog.result;
    void vscode.commands.executeCommand('setContext', 'logAnomaly.activeLogHasResult', result !== undefined);
    view.description = result === undefined || uri === undefined ? undefined : displayName(uri);
    if (result === undefined) {
      view.badge = undefined;
      view.message = undefined;
      return;
    }
    const { lineCount, cutoffs } = marks.marked(result);
    view.badge = lineCount === 0 ? undefined : { value: lineCount, tooltip: `${plural(lineCount, 'anomalous line')} in ${displayName(result.uri)}` };
    view.message = lineCount === 0 ? `No line scores ${formatScore(cutoffs.mark, 'label')} or more in ${displayName(result.uri)}.` : undefined;
  };
  update();
  // The tree refreshes whenever the active log's result or the settings change: so does its frame.
  return vscode.Disposable.from(view, provider.onDidChangeTreeData(update));
}

/** The template an item stands for, for Mark This Pattern as Expected from its context menu (or the quick fix's template). */
export function templateOfNode(what: string | AnomalyNode | TemplateNode | undefined): string | undefined {
  if (typeof what === 'string') return what;
  if (what === undefined) return undefined;
  if (what.kind === 'template') return what.template.text;
  if (what.kind === 'line') {
    const { report } = what.result;
    return report.templates[report.vectors.templateIds[report.lines.vectorIds[what.line]]]?.text;
  }
  if (what.kind === 'group' && what.groupBy === 'template') return what.result.report.templates[what.key]?.text;
  return undefined;
}
