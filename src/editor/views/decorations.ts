/**
 * Gutter icons, whole-line backgrounds and overview-ruler marks on anomalous lines, in three grades.
 * Colours are contributed theme colours; icons come in light and dark variants.
 *
 * Files with many marked lines are decorated around what is visible (a window of lines that moves
 * as the editor scrolls), and the ruler shows the highest-ranked lines of the whole file, so a
 * result with 100k marked lines never turns into 100k ranges at once.
 */
import * as vscode from 'vscode';
import type { MarkCache } from '../state/markCache';
import { GRADES, GRADE_NAMES, lowerBound, type Grade } from '../state/marks';
import { matchesDocument, type AnalysisResult, type ResultStore } from '../state/results';
import type { Settings } from '../state/settings';

/** Up to this many marked lines, every one is decorated at once. */
export const DECORATE_ALL_LIMIT = 5000;
/** Above it, lines within this distance of the visible ranges are decorated. */
export const WINDOW_MARGIN = 1000;
/** The overview ruler shows at most this many of the highest-ranked lines. */
export const RULER_LIMIT = 5000;

interface EditorWindow {
  readonly result: AnalysisResult;
  /** Decorated line range [from, to), or the whole file. */
  readonly from: number;
  readonly to: number;
}

export class Decorations implements vscode.Disposable {
  private readonly lineTypes: readonly vscode.TextEditorDecorationType[];
  private readonly rulerTypes: readonly vscode.TextEditorDecorationType[];
  private readonly windows = new WeakMap<vscode.TextEditor, EditorWindow>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    extensionUri: vscode.Uri,
    private readonly store: ResultStore,
    private readonly marks: MarkCache,
    settings: Settings,
  ) {
    this.lineTypes = GRADES.map((grade) => vscode.window.createTextEditorDecorationType(lineStyle(extensionUri, grade)));
    this.rulerTypes = GRADES.map((grade) => vscode.window.createTextEditorDecorationType(rulerStyle(grade)));
    this.disposables.push(
      ...this.lineTypes,
      ...this.rulerTypes,
      store.onDidChange((change) => this.refresh((editor) => editor.document.uri.toString() === change.uri.toString())),
      settings.onDidChange(() => this.refresh(() => true)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.refresh(() => true, false)),
      vscode.window.onDidChangeTextEditorVisibleRanges((event) => this.follow(event.textEditor)),
      // A followed log's document reloads with the lines the result may already have marked.
      vscode.workspace.onDidChangeTextDocument((event) => {
        const key = event.document.uri.toString();
        if (this.store.get(event.document.uri)?.origin.kind === 'followed') this.refresh((editor) => editor.document.uri.toString() === key);
      }),
    );
    this.refresh(() => true);
  }

  /** Lines (0-based) decorated in `editor` per grade, for tests and diagnostics of the extension itself. */
  decoratedLines(editor: vscode.TextEditor): number[][] {
    const window = this.windows.get(editor);
    if (window === undefined) return GRADES.map(() => []);
    const { lines, grades } = this.marks.lines(window.result);
    const byGrade: number[][] = GRADES.map(() => []);
    for (let i = lowerBound(lines, window.from); i < lines.length && lines[i] < window.to; i++) byGrade[grades[i]].push(lines[i]);
    return byGrade;
  }

  /** Re-decorates the visible editors `which` accepts; `force` also redoes those already showing the same result. */
  private refresh(which: (editor: vscode.TextEditor) => boolean, force = true): void {
    for (const editor of vscode.window.visibleTextEditors) {
      if (!which(editor)) continue;
      const result = this.store.get(editor.document.uri);
      if (!force && result !== undefined && this.windows.get(editor)?.result === result) continue;
      this.decorate(editor, result);
    }
  }

  /** After scrolling: moves the window when the visible lines come close to its edge. */
  private follow(editor: vscode.TextEditor): void {
    const window = this.windows.get(editor);
    if (window === undefined || window.to === Infinity) return;
    const visible = visibleSpan(editor);
    const nearStart = window.from > 0 && visible.from - window.from < WINDOW_MARGIN / 2;
    if (nearStart || window.to - visible.to < WINDOW_MARGIN / 2) this.decorateWindow(editor, window.result);
  }

  private decorate(editor: vscode.TextEditor, result: AnalysisResult | undefined): void {
    if (result === undefined || !matchesDocument(result, editor.document)) {
      this.windows.delete(editor);
      for (const type of [...this.lineTypes, ...this.rulerTypes]) editor.setDecorations(type, []);
      return;
    }
    const windowed = this.decorateWindow(editor, result);
    // The ruler covers the whole file: with a window, its highest-ranked lines stand for the rest.
    const ruler: vscode.Range[][] = GRADES.map(() => []);
    if (windowed) {
      const { lines, grades } = this.marks.lines(result);
      for (const line of this.marks.ranked(result, RULER_LIMIT)) {
        if (line >= editor.document.lineCount) continue;
        ruler[grades[lowerBound(lines, line)]].push(new vscode.Range(line, 0, line, 0));
      }
    }
    GRADES.forEach((grade) => editor.setDecorations(this.rulerTypes[grade], ruler[grade]));
  }

  /** Decorates the marked lines around the visible ones (all of them when there are few); true when windowed. */
  private decorateWindow(editor: vscode.TextEditor, result: AnalysisResult): boolean {
    const { lines, grades } = this.marks.lines(result);
    const all = lines.length <= DECORATE_ALL_LIMIT;
    const visible = visibleSpan(editor);
    const from = all ? 0 : Math.max(0, visible.from - WINDOW_MARGIN);
    const to = all ? Infinity : visible.to + WINDOW_MARGIN;
    // A followed log's result may be ahead of its document: lines it does not have yet are marked once it does.
    const end = Math.min(to, editor.document.lineCount);
    const ranges: vscode.Range[][] = GRADES.map(() => []);
    for (let i = lowerBound(lines, from); i < lines.length && lines[i] < end; i++) ranges[grades[i]].push(new vscode.Range(lines[i], 0, lines[i], 0));
    GRADES.forEach((grade) => editor.setDecorations(this.lineTypes[grade], ranges[grade]));
    this.windows.set(editor, { result, from, to });
    return !all;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function visibleSpan(editor: vscode.TextEditor): { from: number; to: number } {
  const ranges = editor.visibleRanges;
  if (ranges.length === 0) return { from: 0, to: 0 };
  return { from: ranges[0].start.line, to: ranges[ranges.length - 1].end.line + 1 };
}

const COLOR_IDS: Readonly<Record<Grade, { background: string; ruler: string }>> = {
  0: { background: 'logAnomaly.anomalyBackground', ruler: 'logAnomaly.anomalyRuler' },
  1: { background: 'logAnomaly.highBackground', ruler: 'logAnomaly.highRuler' },
  2: { background: 'logAnomaly.criticalBackground', ruler: 'logAnomaly.criticalRuler' },
};

function lineStyle(extensionUri: vscode.Uri, grade: Grade): vscode.DecorationRenderOptions {
  const icon = (theme: 'light' | 'dark') => vscode.Uri.joinPath(extensionUri, 'media', 'gutter', `${GRADE_NAMES[grade]}-${theme}.svg`);
  return {
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor(COLOR_IDS[grade].background),
    gutterIconSize: 'contain',
    light: { gutterIconPath: icon('light') },
    dark: { gutterIconPath: icon('dark') },
    ...rulerStyle(grade),
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  };
}

function rulerStyle(grade: Grade): vscode.DecorationRenderOptions {
  return { overviewRulerColor: new vscode.ThemeColor(COLOR_IDS[grade].ruler), overviewRulerLane: vscode.OverviewRulerLane.Right };
}
