/**
 * The marks of each result (which vectors and lines are marked, in which grade), computed once per
 * result and minimum score and shared by every view, and its marked lines in rank order. A result object is replaced whenever its
 * threshold or report changes, so caching by object is safe.
 */
import { expectedTemplateIds, rankedLines } from '../../analysis';
import { lineMarks, markedVectors, type LineMarks, type MarkedVectors } from './marks';
import type { AnalysisResult } from './results';

interface Entry {
  readonly minimumScore: number;
  readonly marked: MarkedVectors;
  lines?: LineMarks;
}

export class MarkCache {
  private entries = new WeakMap<AnalysisResult, Entry>();

  constructor(private readonly minimumScore: () => number) {}

  marked(result: AnalysisResult): MarkedVectors {
    return this.entry(result).marked;
  }

  /** Marked lines (0-based), most anomalous first, at most `limit`: what Problems, the trees, the ruler and an export list. */
  ranked(result: AnalysisResult, limit = Infinity): Int32Array {
    return rankedLines(result.report.vectors, this.marked(result).cutoffs.mark, expectedTemplateIds(result.report.templates), limit);
  }

  /** Marked lines in file order. */
  lines(result: AnalysisResult): LineMarks {
    const entry = this.entry(result);
    entry.lines ??= lineMarks(result.report, entry.marked);
    return entry.lines;
  }

  private entry(result: AnalysisResult): Entry {
    const minimumScore = this.minimumScore();
    let entry = this.entries.get(result);
    if (entry === undefined || entry.minimumScore !== minimumScore) {
      entry = { minimumScore, marked: markedVectors(result.report, result.threshold, minimumScore) };
      this.entries.set(result, entry);
    }
    return entry;
  }
}
