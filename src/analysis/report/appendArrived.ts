/**
 * A followed log's report, grown by the lines that arrived: what the run found stays as it was
 * (scores, ranks of its lines, sessions, threshold) and the arrived lines are added after it, with
 * their own vectors, so every view updates in place. Templates are matched by text (the arrived
 * batch numbers its own); a template first seen in the batch is added to the report's list.
 */
import type { ArrivedLines } from '../baseline/liveScorer';
import { Level } from '../formats/levels';
import { matchesExpectedTemplate } from '../scoring/expected';
import { expectedTemplateIds, rankedLines } from '../scoring/ranking';
import { ranksFor, scoreHistogram } from '../scoring/thresholds';
import type { Reason } from './reasons';
import type { LineOffsets } from '../reading/collect';
import type { AnalysisReport, LineBuckets, LineVectorIds, TemplateInfo, Timeline, VectorTable } from './report';
import { appendedColumn, extendedColumn } from './columns';
import { errorBursts } from './timeline';

/** Timeline buckets are Uint16 per line. */
const MAX_BUCKET = 0xffff;

/**
 * @param expected the user's expected patterns, as the run had them (lines of such templates are never flagged)
 * @throws RangeError when `arrived` does not start where the report ends (its line or its byte)
 */
export function appendArrived(report: AnalysisReport, arrived: ArrivedLines, expected: readonly string[]): AnalysisReport {
  const added = arrived.lineVectors.length;
  if (arrived.firstLine !== report.lines.count) {
    throw new RangeError(`Arrived lines start at line ${arrived.firstLine}, but the report has ${report.lines.count} lines: append batches in order.`);
  }
  if (arrived.starts[0] !== report.lines.starts[report.lines.count]) {
    throw new RangeError(`Arrived lines start at byte ${arrived.starts[0]}, but the report's lines end at byte ${report.lines.starts[report.lines.count]}: append batches in order.`);
  }
  if (added === 0) return report;
  const { templates, templateOf } = mergedTemplates(report, arrived, expected);
  const vectorBase = report.vectors.count;
  const lineVectors = Int32Array.from(arrived.lineVectors, (v) => (v < 0 ? -1 : vectorBase + v));
  const vectors = mergedVectors(report, arrived, templateOf, lineVectors);
  const lineCount = report.lines.count + added;
  const anomalies = rankedLines(vectors, report.threshold, expectedTemplateIds(templates));
  const { timeline, buckets } = grownTimeline(report, arrived, templateOf, Math.max(1, templates.length), lineVectors, vectors.flagged);

  const lines = report.lines;
  // Each batch grows the columns in place where they have room (./columns), so following a long log does not copy it at every batch.
  const starts = appendedColumn<LineOffsets>(lines.starts, arrived.starts.subarray(1), lines.starts instanceof Uint32Array && arrived.starts[added] <= 0xffffffff ? Uint32Array : Float64Array);
  const vectorIds = appendedColumn<LineVectorIds>(lines.vectorIds, lineVectors, lines.vectorIds instanceof Int16Array && vectors.count <= 0x8000 ? Int16Array : Int32Array);
  // Sessions are the run's: lines that arrive join them at the next refit.
  const sessionIds = appendedColumn(lines.sessionIds, new Int32Array(added).fill(-1), Int32Array);
  const lineBuckets = appendedColumn<LineBuckets>(lines.buckets, buckets, lines.buckets instanceof Uint8Array && buckets.every((bucket) => bucket <= 0xff) ? Uint8Array : Uint16Array);
  return {
    ...report,
    stats: {
      ...report.stats,
      bytes: starts[lineCount],
      lines: lineCount,
      entries: report.stats.entries + arrived.entryFirstLines.length,
      templates: templates.filter((template) => template.count > 0).length,
      anomalies: anomalies.length,
      hasTimestamps: timeline.kind === 'time',
    },
    lines: { count: lineCount, starts, vectorIds, sessionIds, buckets: lineBuckets, continued: grownContinued(report, arrived, lineCount) },
    vectors,
    templates,
    anomalies,
    histogram: scoreHistogram(vectors.scores, vectors.counts),
    timeline,
  };
}

/** The report's continuation bits, and the batch's: a line with a vector that is not an entry's first line continues it. */
function grownContinued(report: AnalysisReport, arrived: ArrivedLines, lineCount: number): Uint8Array {
  // The last byte may be shared with the report's column: its bits past the report's lines are read by no one there.
  const before = report.lines.continued.subarray(0, (report.lines.count + 7) >> 3);
  const continued = extendedColumn(before, ((lineCount + 7) >> 3) - before.length, Uint8Array);
  const firstLines = new Set(arrived.entryFirstLines);
  arrived.lineVectors.forEach((v, i) => {
    const line = report.lines.count + i;
    if (v >= 0 && !firstLines.has(i)) continued[line >> 3] |= 1 << (line & 7);
  });
  return continued;
}

/** The report's templates with the batch's counts added, and the report id of each batch template. */
function mergedTemplates(report: AnalysisReport, arrived: ArrivedLines, expected: readonly string[]): { templates: TemplateInfo[]; templateOf: Int32Array } {
  const idOfText = new Map(report.templates.map((template) => [template.text, template.id]));
  const templates = [...report.templates];
  const templateOf = new Int32Array(arrived.templates.length);
  const entries = new Float64Array(arrived.templates.length);
  const firstLines = new Int32Array(arrived.templates.length).fill(-1);
  for (let e = 0; e < arrived.entryFirstLines.length; e++) {
    const line = arrived.entryFirstLines[e];
    const template = arrived.vectors.templateIds[arrived.lineVectors[line]];
    entries[template]++;
    if (firstLines[template] < 0) firstLines[template] = line;
  }
  arrived.templates.forEach((text, t) => {
    let id = idOfText.get(text);
    if (id === undefined) {
      if (entries[t] === 0) {
        templateOf[t] = -1;
        return;
      }
      id = templates.length;
      idOfText.set(text, id);
      templates.push({
        id,
        text,
        count: 0,
        firstLine: arrived.firstLine + firstLines[t],
        baselineCount: report.stats.baselineLines === null ? null : 0,
        expected: matchesExpectedTemplate(text, expected),
      });
    }
    templateOf[t] = id;
    if (entries[t] > 0) templates[id] = { ...templates[id], count: templates[id].count + entries[t] };
  });
  return { templates, templateOf };
}

function mergedVectors(report: AnalysisReport, arrived: ArrivedLines, templateOf: Int32Array, lineVectors: Int32Array): VectorTable {
  const before = report.vectors;
  const batch = arrived.vectors;
  const count = before.count + batch.count;
  const scores = appendedColumn(before.scores, batch.scores, Float64Array);
  const counts = appendedColumn(before.counts, batch.counts, Float64Array);
  const flagged = appendedColumn(before.flagged, Uint8Array.from(batch.scores, (score) => (score >= report.threshold ? 1 : 0)), Uint8Array);
  // The arrived lines come after every line of the report: each new vector's lines follow the old ones.
  const lineStarts = extendedColumn(before.lineStarts.subarray(0, before.count + 1), batch.count, Int32Array);
  for (const v of lineVectors) if (v >= 0) lineStarts[v + 1]++;
  for (let v = before.count; v < count; v++) lineStarts[v + 1] += lineStarts[v];
  const lines = extendedColumn(before.lines.subarray(0, before.lineStarts[before.count]), lineStarts[count] - before.lineStarts[before.count], Int32Array);
  const fill = lineStarts.slice(before.count, count);
  lineVectors.forEach((v, i) => {
    if (v >= 0) lines[fill[v - before.count]++] = arrived.firstLine + i;
  });
  return {
    count,
    templateIds: appendedColumn(before.templateIds, Int32Array.from(batch.templateIds, (t) => templateOf[t]), Int32Array),
    levels: appendedColumn(before.levels, batch.levels, Uint8Array),
    counts,
    lineStarts,
    lines,
    scores,
    ranks: ranksFor(scores, counts),
    flagged,
    reasons: [...before.reasons, ...batch.reasons.map((reasons) => reasons.map((reason) => withReportTemplate(reason, templateOf)))],
  };
}

function withReportTemplate(reason: Reason, templateOf: Int32Array): Reason {
  return 'templateId' in reason ? { ...reason, templateId: templateOf[reason.templateId] } : reason;
}

/**
 * The timeline with the arrived lines in their buckets: new buckets open at its right edge. An
 * entry without a timestamp is in the bucket of the last one before it.
 */
/**
 * @param lineVectors the report's vector of each arrived line
 * @param flagged the grown vector table's flags
 */
function grownTimeline(
  report: AnalysisReport,
  arrived: ArrivedLines,
  templateOf: Int32Array,
  templateSlots: number,
  lineVectors: Int32Array,
  flagged: Uint8Array,
): { timeline: Timeline; buckets: Uint16Array } {
  const before = report.timeline;
  const added = arrived.lineVectors.length;
  const buckets = new Uint16Array(added);
  let current = report.lines.count > 0 ? report.lines.buckets[report.lines.count - 1] : 0;
  let entry = 0;
  for (let line = 0; line < added; line++) {
    const startsEntry = entry < arrived.entryFirstLines.length && arrived.entryFirstLines[entry] === line;
    const time = startsEntry ? arrived.entryTimes[entry++] : NaN;
    if (before.kind === 'lines') current = Math.floor((arrived.firstLine + line) / before.bucketSize);
    else if (time === time) current = Math.floor((time - before.start) / before.bucketSize);
    buckets[line] = Math.min(MAX_BUCKET, Math.max(0, current));
  }
  let bucketCount = before.lines.length;
  for (const bucket of buckets) bucketCount = Math.max(bucketCount, bucket + 1);
  const grow = (counts: readonly number[]): number[] => [...counts, ...new Array<number>(bucketCount - counts.length).fill(0)];
  const lines = grow(before.lines);
  const anomalies = grow(before.anomalies);
  const errors = grow(before.errors);
  const counts = new Map<number, number>();
  for (let line = 0; line < added; line++) {
    lines[buckets[line]]++;
    const v = lineVectors[line];
    if (v >= 0 && flagged[v] === 1) anomalies[buckets[line]]++;
  }
  for (let e = 0; e < arrived.entryFirstLines.length; e++) {
    const line = arrived.entryFirstLines[e];
    const bucket = buckets[line];
    if (arrived.entryLevels[e] >= Level.error) errors[bucket]++;
    const key = bucket * templateSlots + templateOf[arrived.vectors.templateIds[arrived.lineVectors[line]]];
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return {
    buckets,
    timeline: {
      ...before,
      lines,
      anomalies,
      errors,
      templateCounts: withTemplateCounts(before.templateCounts, counts, templateSlots),
      bursts: errorBursts(errors, before.typicalErrors),
    },
  };
}

/** The triplets (bucket, template, count), sorted by bucket then template, with `added` (keyed bucket × slots + template) summed in. */
function withTemplateCounts(triplets: Int32Array, added: Map<number, number>, templateSlots: number): Int32Array {
  const all = new Map(added);
  for (let i = 0; i < triplets.length; i += 3) {
    const key = triplets[i] * templateSlots + triplets[i + 1];
    all.set(key, (all.get(key) ?? 0) + triplets[i + 2]);
  }
  const keys = [...all.keys()].sort((a, b) => a - b);
  const merged = new Int32Array(keys.length * 3);
  keys.forEach((key, i) => {
    merged[i * 3] = Math.floor(key / templateSlots);
    merged[i * 3 + 1] = key % templateSlots;
    merged[i * 3 + 2] = all.get(key) as number;
  });
  return merged;
}
