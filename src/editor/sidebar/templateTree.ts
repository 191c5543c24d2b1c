/**
 * The sidebar's "Templates" view: the active log's mined templates with their counts, rarest first.
 * Clicking one reveals its first line; templates with anomalous lines carry a warning icon.
 */
import * as vscode from 'vscode';
import { groupDigits, percent, plural, shorten, type TemplateInfo } from '../../analysis';
import { COMMANDS } from '../commands';
import type { AnalysisResult } from '../state/results';
import { displayName } from '../text/wording';
import { ActiveResultTree } from './activeResultTree';

export const TEMPLATES_VIEW = 'logAnomaly.templates';
/** Templates listed; logs with more have the rarest ones shown and the rest summed up. */
export const TEMPLATE_LIMIT = 2000;

export type TemplateNode =
  | { readonly kind: 'template'; readonly result: AnalysisResult; readonly template: TemplateInfo; readonly anomalous: boolean }
  | { readonly kind: 'more'; readonly hidden: number };

export class TemplateTreeProvider extends ActiveResultTree<TemplateNode> {

  getChildren(node?: TemplateNode): TemplateNode[] {
    if (node !== undefined) return [];
    const result = this.activeLog.result;
    if (result === undefined) return [];
    const { report } = result;
    const { vectorMarks } = this.marks.marked(result);
    const anomalous = new Uint8Array(report.templates.length);
    for (let v = 0; v < report.vectors.count; v++) if (vectorMarks[v] !== 0) anomalous[report.vectors.templateIds[v]] = 1;
    const present = report.templates.filter((template) => template.count > 0);
    const rarest = present.sort((a, b) => a.count - b.count || a.firstLine - b.firstLine).slice(0, TEMPLATE_LIMIT);
    const nodes: TemplateNode[] = rarest.map((template) => ({ kind: 'template', result, template, anomalous: anomalous[template.id] === 1 }));
    if (present.length > rarest.length) nodes.push({ kind: 'more', hidden: present.length - rarest.length });
    return nodes;
  }

  getTreeItem(node: TemplateNode): vscode.TreeItem {
    if (node.kind === 'more') {
      const item = new vscode.TreeItem(`${plural(node.hidden, 'more common template')} not listed`);
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      return item;
    }
    const { template, result } = node;
    const total = result.report.stats.lines;
    const item = new vscode.TreeItem(shorten(template.text, 120));
    const tags = [template.expected ? 'expected' : '', template.baselineCount === 0 ? 'new' : ''].filter((tag) => tag !== '');
    item.description = `×${groupDigits(template.count)}${tags.length > 0 ? ` · ${tags.join(' · ')}` : ''}`;
    const baseline = template.baselineCount === null ? '' : `\n${plural(template.baselineCount, 'time')} in the baseline ${result.baselineUri === null ? '' : displayName(result.baselineUri)}`;
    item.tooltip = `${template.text}\n${plural(template.count, 'line')} (${percent(template.count / Math.max(1, total))} of the file), first on line ${groupDigits(template.firstLine + 1)}${baseline}${template.expected ? '\nMarked as expected: never flagged.' : ''}`;
    item.iconPath = node.anomalous
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
      : new vscode.ThemeIcon(template.expected ? 'pass' : 'symbol-string');
    item.contextValue = template.expected ? 'expectedTemplate' : 'template';
    item.command = { command: COMMANDS.revealLine, title: 'Reveal First Line', arguments: [result.uri, template.firstLine] };
    return item;
  }
}
