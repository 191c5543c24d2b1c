/**
 * Lines in rank order at any threshold, without sorting every line: vectors are ranked, and each
 * vector lists its lines in file order. Used for the report's own anomalies and whenever the user
 * moves the threshold in the dashboard.
 */
import type { LineVectorIds, TemplateInfo } from '../report/report';
import { CHECK_EVERY, noCheckpoint, type Checkpoint } from '../pipeline/progress';
import { SpareBuffers } from '../util/spareBuffers';

export interface RankableVectors {
  readonly count: number;
  readonly scores: Float64Array;
  readonly templateIds: Int32Array;
  /** Lines of vector v are lines[lineStarts[v] .. lineStarts[v + 1]), in file order. */
  readonly lineStarts: Int32Array;
  readonly lines: Int32Array;
}

/**
 * Lines whose score is at least `threshold`, most anomalous first, ties by line number; lines of
 * templates in `excludedTemplates` (marked as expected) never appear. At most `limit` lines.
 */
export function rankedLines(vectors: RankableVectors, threshold: number, excludedTemplates: ReadonlySet<number>, limit = Infinity): Int32Array {
  const order: number[] = [];
  let total = 0;
  for (let v = 0; v < vectors.count; v++) {
    if (vectors.scores[v] < threshold || excludedTemplates.has(vectors.templateIds[v])) continue;
    const lines = vectors.lineStarts[v + 1] - vectors.lineStarts[v];
    if (lines === 0) continue;
    order.push(v);
    total += lines;
  }
  order.sort((a, b) => vectors.scores[b] - vectors.scores[a] || a - b);
  const result = new Int32Array(Math.min(total, limit));
  let filled = 0;
  for (let i = 0; i < order.length && filled < result.length; ) {
    // Vectors with the same score form one group, whose lines merge by line number.
    let j = i + 1;
    while (j < order.length && vectors.scores[order[j]] === vectors.scores[order[i]]) j++;
    const group = order.slice(i, j);
    const lines = group.length === 1
      ? vectors.lines.subarray(vectors.lineStarts[group[0]], vectors.lineStarts[group[0] + 1])
      : Int32Array.from(group.flatMap((v) => Array.from(vectors.lines.subarray(vectors.lineStarts[v], vectors.lineStarts[v + 1])))).sort();
    const take = Math.min(lines.length, result.length - filled);
    result.set(lines.subarray(0, take), filled);
    filled += take;
    i = j;
  }
  return result;
}

/** Groups lines by vector (counting sort, so each vector's lines stay in file order), in a spare buffer if one fits. */
export function linesByVector(
  lineVectorIds: LineVectorIds,
  vectorCount: number,
  checkpoint: Checkpoint = noCheckpoint,
  spares = new SpareBuffers(),
): { lineStarts: Int32Array; lines: Int32Array } {
  const lineStarts = new Int32Array(vectorCount + 1);
  for (const v of lineVectorIds) if (v >= 0) lineStarts[v + 1]++;
  for (let v = 0; v < vectorCount; v++) lineStarts[v + 1] += lineStarts[v];
  const lines = spares.take(Int32Array, lineStarts[vectorCount]);
  const fill = lineStarts.slice(0, vectorCount);
  for (let line = 0; line < lineVectorIds.length; line++) {
    if ((line & CHECK_EVERY) === 0) checkpoint();
    const v = lineVectorIds[line];
    if (v >= 0) lines[fill[v]++] = line;
  }
  return { lineStarts, lines };
}

/** Templates the user marked as expected: their lines are never ranked. */
export function expectedTemplateIds(templates: readonly TemplateInfo[]): Set<number> {
  return new Set(templates.filter((template) => template.expected).map((template) => template.id));
}
