/**
 * The status bar item: how many anomalous lines the active log has; a click opens the dashboard.
 * Hidden while the active log has no result.
 */
import * as vscode from 'vscode';
import { plural } from '../../analysis';
import { COMMANDS } from '../commands';
import type { ActiveLog } from '../state/activeLog';
import type { MarkCache } from '../state/markCache';
import type { Settings } from '../state/settings';
import { displayName } from '../text/wording';

export class AnomalyStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('logAnomaly.status', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(
    private readonly marks: MarkCache,
    private readonly activeLog: ActiveLog,
    settings: Settings,
  ) {
    this.item.name = 'Log Anomalies';
    this.disposables.push(
      activeLog.onDidChangeResult(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      settings.onDidChange(() => this.update()),
    );
    this.update();
  }

  private update(): void {
    const uri = this.activeLog.uri;
    const result = this.activeLog.result;
    if (uri === undefined || result === undefined) {
      this.item.hide();
      return;
    }
    const { lineCount, gradeLines } = this.marks.marked(result);
    const name = displayName(uri);
    // Named when the editor in front shows another file (the log was scored from the explorer).
    const where = vscode.window.activeTextEditor?.document.uri.toString() === uri.toString() ? '' : ` in ${name}`;
    this.item.text = lineCount === 0 ? `$(pass) No anomalies${where}` : `$(warning) ${plural(lineCount, 'anomaly', 'anomalies')}${where}`;
    const grades = lineCount === 0 ? '' : ` (${gradeLines[2]} critical, ${gradeLines[1]} high, ${gradeLines[0]} other)`;
    this.item.tooltip = `${name}: ${plural(lineCount, 'anomalous line')}${grades} of ${plural(result.report.stats.lines, 'line')}. Click to open the dashboard.`;
    this.item.accessibilityInformation = { label: `Log anomalies in ${name}: ${lineCount}. Open the dashboard.` };
    this.item.command = { command: COMMANDS.showDashboard, title: 'Show Dashboard', arguments: [uri] };
    this.item.show();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
