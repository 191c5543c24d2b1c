/**
 * The hover on a marked line: rank, score, grade, model, level, time, session, the reasons in plain
 * words and the line's template. Log text reaches the Markdown only escaped (`hoverMarkdown` in
 * text/wording.ts), and the Markdown is untrusted, without HTML or theme icons: nothing in a log can
 * run a command or inject markup.
 */
import * as vscode from 'vscode';
import { describeReason, lineDetail, templateTextOf } from '../../analysis';
import type { MarkCache } from '../state/markCache';
import { lineGrade } from '../state/marks';
import { matchesDocument, type ResultStore } from '../state/results';
import { formatOf } from '../text/lineFormat';
import { displayName, hoverMarkdown } from '../text/wording';

export class AnomalyHover implements vscode.HoverProvider {
  constructor(
    private readonly store: ResultStore,
    private readonly marks: MarkCache,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const result = this.store.get(document.uri);
    if (result === undefined || !matchesDocument(result, document)) return undefined;
    const { report } = result;
    const line = position.line;
    const marked = this.marks.marked(result);
    const grade = lineGrade(report, marked, line);
    if (grade === -1) return undefined;

    const detail = lineDetail(report, line, document.lineAt(line).text, formatOf(report));
    const session = report.lines.sessionIds[line];
    const markdown = new vscode.MarkdownString(
      hoverMarkdown({
        detail,
        grade,
        markedLines: marked.lineCount,
        model: report.options.model,
        hasYear: report.timeline.hasYear,
        session:
          session < 0
            ? null
            : {
                id: report.sessions.ids[session],
                score: report.sessions.scores[session],
                flagged: report.sessions.flagged[session] === 1,
                reasons: report.sessions.reasons[session].map((reason) => describeReason(reason, templateTextOf(report))),
              },
        baselineName: result.baselineUri === null ? null : displayName(result.baselineUri),
      }),
    );
    markdown.isTrusted = false;
    markdown.supportHtml = false;
    markdown.supportThemeIcons = false;
    return new vscode.Hover(markdown, document.lineAt(line).range);
  }
}
