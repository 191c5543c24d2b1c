/**
 * Templates the user marked as expected ("Mark this pattern as expected"), remembered per
 * workspace. New runs pass them to the engine; results already shown are filtered at once by
 * flagging the matching templates as expected in their reports.
 */
import * as vscode from 'vscode';

const STATE_KEY = 'logAnomaly.expectedTemplates';

export class ExpectedPatterns implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<readonly string[]>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  get templates(): readonly string[] {
    return this.state.get<string[]>(STATE_KEY, []);
  }

  async add(template: string): Promise<boolean> {
    const templates = this.templates;
    if (templates.includes(template)) return false;
    await this.state.update(STATE_KEY, [...templates, template]);
    this.changed.fire(this.templates);
    return true;
  }

  async reset(): Promise<void> {
    await this.state.update(STATE_KEY, undefined);
    this.changed.fire([]);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
