/**
 * Which lines the editor marks, and how strongly: every view (gutter, Problems, sidebar, status bar)
 * agrees on this. A line is marked when its score reaches the threshold in effect (the report's, or
 * where the dashboard moved it) and the `minimumScore` setting, and its template is not expected.
 * Marked lines come in three grades splitting the marked score range into thirds.
 *
 * Everything here works per distinct feature vector or with typed arrays, so it stays cheap on the
 * extension host for files with millions of lines. Pure: no `vscode`.
 */
import { type AnalysisReport, expectedTemplateIds, matchesExpectedTemplate } from '../../analysis';

export const Grade = { anomaly: 0, high: 1, critical: 2 } as const;
export type Grade = (typeof Grade)[keyof typeof Grade];
export const GRADES: readonly Grade[] = [Grade.anomaly, Grade.high, Grade.critical];
export const GRADE_NAMES: Readonly<Record<Grade, string>> = { 0: 'anomaly', 1: 'high', 2: 'critical' };

export interface MarkCutoffs {
  /** Lines scoring at least this are marked. */
  readonly mark: number;
  readonly high: number;
  readonly critical: number;
}

/** Vectors a view marks, with their grades. */
export interface MarkedVectors {
  readonly cutoffs: MarkCutoffs;
  /** Per vector: 1 + grade when marked, 0 otherwise. */
  readonly vectorMarks: Uint8Array;
  /** Lines marked in all, and per grade. */
  readonly lineCount: number;
  readonly gradeLines: readonly [number, number, number];
}

export function markedVectors(report: AnalysisReport, threshold: number, minimumScore: number): MarkedVectors {
  const { vectors } = report;
  const mark = Math.max(threshold, minimumScore);
  const expected = expectedTemplateIds(report.templates);
  const isMarked = (v: number): boolean => vectors.scores[v] >= mark && vectors.counts[v] > 0 && !expected.has(vectors.templateIds[v]);
  let top = mark;
  for (let v = 0; v < vectors.count; v++) if (isMarked(v) && vectors.scores[v] > top) top = vectors.scores[v];
  const third = (top - mark) / 3;
  const cutoffs: MarkCutoffs = { mark, high: mark + third, critical: mark + 2 * third };

  const vectorMarks = new Uint8Array(vectors.count);
  const gradeLines: [number, number, number] = [0, 0, 0];
  for (let v = 0; v < vectors.count; v++) {
    if (!isMarked(v)) continue;
    const grade = gradeOf(vectors.scores[v], cutoffs);
    vectorMarks[v] = 1 + grade;
    gradeLines[grade] += vectors.counts[v];
  }
  return { cutoffs, vectorMarks, lineCount: gradeLines[0] + gradeLines[1] + gradeLines[2], gradeLines };
}

export function gradeOf(score: number, cutoffs: MarkCutoffs): Grade {
  // With a single marked score the range is empty: that score is the file's worst.
  if (cutoffs.critical === cutoffs.mark) return Grade.critical;
  if (score >= cutoffs.critical) return Grade.critical;
  if (score >= cutoffs.high) return Grade.high;
  return Grade.anomaly;
}

/** Marked lines in file order with their grades; ranges of them are found by binary search. */
export interface LineMarks {
  readonly lines: Int32Array;
  readonly grades: Uint8Array;
}

/**
 * Collects the marked lines in file order. Few marked lines (the usual case): each marked vector's
 * lines are gathered and sorted. Many: one pass over the per-line vector ids, already in order.
 */
export function lineMarks(report: AnalysisReport, marked: MarkedVectors): LineMarks {
  const { vectors } = report;
  const lines = new Int32Array(marked.lineCount);
  if (marked.lineCount * 8 < report.lines.count) {
    let filled = 0;
    for (let v = 0; v < vectors.count; v++) {
      if (marked.vectorMarks[v] === 0) continue;
      lines.set(vectors.lines.subarray(vectors.lineStarts[v], vectors.lineStarts[v + 1]), filled);
      filled += vectors.lineStarts[v + 1] - vectors.lineStarts[v];
    }
    lines.sort();
  } else {
    const vectorIds = report.lines.vectorIds;
    let filled = 0;
    for (let line = 0; line < vectorIds.length; line++) {
      const v = vectorIds[line];
      if (v >= 0 && marked.vectorMarks[v] !== 0) lines[filled++] = line;
    }
  }
  const grades = new Uint8Array(lines.length);
  const vectorIds = report.lines.vectorIds;
  for (let i = 0; i < lines.length; i++) grades[i] = marked.vectorMarks[vectorIds[lines[i]]] - 1;
  return { lines, grades };
}

/** Index of the first entry of the sorted `lines` that is at least `line`. */
export function lowerBound(lines: Int32Array, line: number): number {
  let low = 0;
  let high = lines.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (lines[middle] < line) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The grade of a line (0-based), or -1 when it is not marked. O(1). */
export function lineGrade(report: AnalysisReport, marked: MarkedVectors, line: number): Grade | -1 {
  if (line < 0 || line >= report.lines.count) return -1;
  const v = report.lines.vectorIds[line];
  return v < 0 || marked.vectorMarks[v] === 0 ? -1 : ((marked.vectorMarks[v] - 1) as Grade);
}

/**
 * The report with each template's `expected` flag set from `expected`, or the report itself when
 * nothing changes. Only the template list is copied; the per-line arrays are shared.
 */
export function withExpectedTemplates(report: AnalysisReport, expected: readonly string[]): AnalysisReport {
  const marked = report.templates.map((template) => matchesExpectedTemplate(template.text, expected));
  if (marked.every((isExpected, id) => isExpected === report.templates[id].expected)) return report;
  return { ...report, templates: report.templates.map((template, id) => (marked[id] === template.expected ? template : { ...template, expected: marked[id] })) };
}
