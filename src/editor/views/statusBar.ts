/**
 * The status bar item: how many anomalous lines the active log has, and whether it is followed; a
 * click opens the dashboard. Hidden while the active log has no result.
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
    private readonly following: { isFollowed(uri: vscode.Uri): boolean; readonly onDidChange: vscode.Event<vscode.Uri> },
  ) {
    this.item.name = 'Log Anomalies';
    this.disposables.push(
      activeLog.onDidChangeResult(() => this.update()),
      following.onDidChange(() => this.update()),
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
    const followed = this.following.isFollowed(uri);
    const icon = followed ? '$(eye)' : lineCount === 0 ? '$(pass)' : '$(warning)';
    this.item.text = `${icon} ${lineCount === 0 ? 'No anomalies' : plural(lineCount, 'anomaly', 'anomalies')}${where}`;
    const grades = lineCount === 0 ? '' : ` (${gradeLines[2]} critical, ${gradeLines[1]} high, ${gradeLines[0]} other)`;
    const live = followed ? ' Followed: new lines are scored as they are written.' : '';
    this.item.tooltip = `${name}: ${plural(lineCount, 'anomalous line')}${grades} of ${plural(result.report.stats.lines, 'line')}.${live} Click to open the dashboard.`;
    this.item.accessibilityInformation = { label: `Log anomalies in ${name}: ${lineCount}. Open the dashboard.` };
    this.item.command = { command: COMMANDS.showDashboard, title: 'Show Dashboard', arguments: [uri] };
    this.item.show();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
