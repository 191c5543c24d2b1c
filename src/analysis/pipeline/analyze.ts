/**
 * The engine: a log (and optionally a known-good baseline) in, a report out. Reads and mines
 * the log in one streaming pass, builds line, session and time-window features, fits the chosen
 * model on distinct feature vectors, and turns scores into flags, ranks and reasons.
 */
import { collectLog, type CollectedLog } from '../reading/collect';
import type { LogSource } from '../reading/sources';
import { TemplateMiner } from '../mining/drain';
import { resolveOptions, type AnalysisOptions } from './options';
import { AnalysisError, CancelledError, CHECK_EVERY, type AnalysisHooks, type Checkpoint, type Stage } from './progress';
import { buildTemplateTfidf } from '../features/tfidf';
import { buildLineVectors, lineFeatureMatrix, templateStats, type LineVectors } from '../features/lineFeatures';
import {
  groupSessions,
  sessionFeatureMatrix,
  sessionNorms,
  SessionVectorBuilder,
  type SessionGroups,
  type SessionNorms,
  type SessionVectors,
} from '../sessions/sessionFeatures';
import { fitModel } from '../models';
import { createRng } from '../models/random';
import type { Dataset } from '../models/dataset';
import { AUTO_MAX_SHARE, ranksFor, scoreHistogram, thresholdFor } from '../scoring/thresholds';
import { Level } from '../formats/levels';
import { expectedTemplateIds, linesByVector, rankedLines } from '../scoring/ranking';
import { buildTimeline } from '../report/timeline';
import { explainSessionVector, explainVector } from '../report/explain';
import { matchesExpectedTemplate } from '../scoring/expected';
import type { Reason } from '../report/reasons';
import type { AnalysisReport, SessionTable, TemplateInfo, VectorTable } from '../report/report';

export interface AnalysisInput {
  readonly log: LogSource;
  /** A known-good log: the model learns from it and scores `log` against it. */
  readonly baseline?: LogSource | null;
}

/** Session behaviours explained beyond the flagged ones, most anomalous first. */
const EXPLAINED_SESSION_BEHAVIOURS = 1000;
const NO_REASONS: readonly Reason[] = [];

/** TF-IDF principal directions handed to the line model. */
const TFIDF_COMPONENTS = 4;

/** Where each stage ends on the overall progress scale. */
const STAGE_END: Readonly<Record<Stage, number>> = {
  reading: 0.85,
  features: 0.88,
  training: 0.91,
  scoring: 0.93,
  sessions: 0.97,
  explaining: 1,
};

class ProgressTracker {
  private last = -1;
  private stageStart = 0;
  private stageStarted: number;
  readonly stageMs: Partial<Record<Stage, number>> = {};

  constructor(private readonly hooks: AnalysisHooks, private readonly now: () => number) {
    this.stageStarted = now();
  }

  checkCancelled(): void {
    if (this.hooks.isCancelled?.()) throw new CancelledError();
  }

  /** Reports `fraction` of the way through `stage`. */
  report(stage: Stage, fraction: number): void {
    const end = STAGE_END[stage];
    const overall = this.stageStart + (end - this.stageStart) * Math.min(1, Math.max(0, fraction));
    // Report in steps of at least half a percent, so a fast pass does not flood the channel.
    if (overall - this.last >= 0.005 || (overall === 1 && this.last < 1)) {
      this.last = overall;
      this.hooks.onProgress?.({ stage, fraction: overall });
    }
  }

  /** Closes `stage`, recording its time. */
  finish(stage: Stage): void {
    this.checkCancelled();
    const time = this.now();
    this.stageMs[stage] = (this.stageMs[stage] ?? 0) + (time - this.stageStarted);
    this.stageStarted = time;
    this.stageStart = STAGE_END[stage];
    this.report(stage, 1);
  }
}

export async function analyzeLog(input: AnalysisInput, optionsInput: Partial<AnalysisOptions> = {}, hooks: AnalysisHooks = {}): Promise<AnalysisReport> {
  let options: AnalysisOptions;
  try {
    options = resolveOptions(optionsInput);
  } catch (error) {
    throw new AnalysisError('invalidOption', (error as Error).message);
  }
  const now = hooks.now ?? (() => performance.now());
  const started = now();
  const progress = new ProgressTracker(hooks, now);
  const isCancelled = (): boolean => hooks.isCancelled?.() ?? false;

  // Reading: one streaming pass per log through a shared miner.
  const miner = new TemplateMiner();
  const totalBytes = (input.baseline?.size ?? 0) + (input.log.size ?? 0);
  const knownSize = input.log.size !== null && (!input.baseline || input.baseline.size !== null);
  const read = async (source: LogSource, bytesBefore: number, sample: readonly string[] | null): Promise<CollectedLog> => {
    try {
      return await collectLog(source.chunks(), source.size, options, sample, miner, {
        isCancelled,
        lanes: hooks.lanes,
        onBytes: (bytes) => knownSize && totalBytes > 0 && progress.report('reading', (bytesBefore + bytes) / totalBytes),
      });
    } catch (error) {
      // A user-given format or session regex that does not work is an option problem.
      if (error instanceof RangeError) throw new AnalysisError('invalidOption', error.message);
      throw error;
    }
  };
  const baseline = input.baseline ? await read(input.baseline, 0, null) : null;
  // The log under test is read as its baseline was (same format, same session key).
  const log = await read(input.log, baseline?.bytes ?? 0, baseline?.reading.sample ?? null);
  progress.finish('reading');

  // Templates.
  const mined = miner.snapshot();
  const templateOfCluster = mined.templates.length > 0 ? mined.templateOfCluster : new Int32Array(0);
  const templateCount = mined.templates.length;
  const texts = mined.templates.map((template) => template.text);
  const expected = texts.map((text) => matchesExpectedTemplate(text, options.expectedTemplates));
  const entryTemplates = new Int32Array(log.entryCount);
  for (let e = 0; e < log.entryCount; e++) entryTemplates[e] = templateOfCluster[log.entryClusters[e]];
  const targetCounts = new Float64Array(templateCount);
  const firstLines = new Int32Array(templateCount).fill(-1);
  for (let e = 0; e < log.entryCount; e++) {
    const template = entryTemplates[e];
    targetCounts[template]++;
    if (firstLines[template] < 0) firstLines[template] = log.entryFirstLine[e];
  }
  const baselineCounts = baseline ? countTemplates(baseline, templateOfCluster, templateCount) : null;

  // Line features.
  const referenceLogs = baseline ? [baseline] : [log];
  const checkpoint = (): void => progress.checkCancelled();
  const stats = templateStats(referenceLogs, templateOfCluster, templateCount, checkpoint);
  const tfidf = buildTemplateTfidf(texts, stats.counts, TFIDF_COMPONENTS, createRng(derivedSeed(options.seed, 1)));
  const tokenCounts = Int32Array.from(mined.templates, (template) => template.tokens.length);
  const { vectors, entryVectors } = buildLineVectors(baseline ? [baseline, log] : [log], templateOfCluster, stats, checkpoint);
  const matrix = lineFeatureMatrix(vectors, stats, tfidf, tokenCounts);
  const fitWeights = baseline ? vectorLineCounts(baseline, entryVectors[0], vectors.count) : vectors.counts;
  progress.finish('features');

  // The line model, trained on the reference data only (the file itself, or the baseline).
  const lineFit = standardized(rowsWithWeight(matrix, fitWeights), matrix);
  const lineModel = lineFit.fit.rows > 0 ? fitModel(options.model, lineFit.fit, createRng(derivedSeed(options.seed, 2))) : null;
  progress.finish('training');
  const vectorScores = lineModel ? lineModel.anomalyScores(lineFit.all) : new Float64Array(vectors.count);
  for (let v = 0; v < vectors.count; v++) if (expected[vectors.templateIds[v]]) vectorScores[v] = 0;
  const threshold = thresholdFor(vectorScores, vectors.counts, options.contamination, lineShareCap(vectors));
  const vectorFlagged = new Uint8Array(vectors.count);
  for (let v = 0; v < vectors.count; v++) vectorFlagged[v] = vectors.counts[v] > 0 && vectorScores[v] >= threshold && !expected[vectors.templateIds[v]] ? 1 : 0;
  const vectorRanks = ranksFor(vectorScores, vectors.counts);
  progress.finish('scoring');

  // Sessions: their events, length, duration and most anomalous line, with a model of their own.
  const sessionBuilder = new SessionVectorBuilder();
  const baselineGroups = baseline ? groupSessions(baseline, templateOfCluster, sessionBuilder, entryVectors[0], vectorScores, checkpoint) : null;
  const groups = groupSessions(log, templateOfCluster, sessionBuilder, entryVectors[entryVectors.length - 1], vectorScores, checkpoint);
  const referenceSessionVectors = sessionBuilder.build(baselineGroups ? [baselineGroups] : [groups]);
  const sessionWeights = baselineGroups ? sessionBuilder.build([groups]).weights : referenceSessionVectors.weights;
  const norms = sessionNorms(referenceSessionVectors, templateCount);
  const sessionMatrix = sessionFeatureMatrix(referenceSessionVectors, norms);
  const sessionFit = standardized(rowsWithWeight(sessionMatrix, referenceSessionVectors.weights), sessionMatrix);
  const sessionModel = sessionFit.fit.rows > 0 ? fitModel(options.model, sessionFit.fit, createRng(derivedSeed(options.seed, 3))) : null;
  const sessionVectorScores = sessionModel ? sessionModel.anomalyScores(sessionFit.all) : new Float64Array(0);
  const sessionThreshold = sessionModel ? thresholdFor(sessionVectorScores, sessionWeights, options.contamination, AUTO_MAX_SHARE.sessions) : 1;
  progress.finish('sessions');

  // Explaining and assembling the report.
  const explainContext = { vectors, stats, tfidf, targetCounts, targetLines: log.entryCount, baseline: baseline !== null };
  const vectorReasons: Reason[][] = [];
  for (let v = 0; v < vectors.count; v++) vectorReasons.push(explainVector(v, explainContext));
  const lineVectorIds = new Int32Array(log.lineCount);
  const lineFlagged = new Uint8Array(log.lineCount);
  const targetEntryVectors = entryVectors[entryVectors.length - 1];
  for (let line = 0; line < log.lineCount; line++) {
    if ((line & CHECK_EVERY) === 0) checkpoint();
    const entry = log.entryOfLine[line];
    const v = entry < 0 ? -1 : targetEntryVectors[entry];
    lineVectorIds[line] = v;
    lineFlagged[line] = v >= 0 ? vectorFlagged[v] : 0;
  }
  const vectorTable: VectorTable = {
    ...linesByVector(lineVectorIds, vectors.count, checkpoint),
    count: vectors.count,
    templateIds: vectors.templateIds,
    levels: vectors.levels,
    counts: vectors.counts,
    scores: vectorScores,
    ranks: vectorRanks,
    flagged: vectorFlagged,
    reasons: vectorReasons,
  };
  const sessions = sessionTable(log, groups, sessionVectorScores, sessionWeights, sessionThreshold, referenceSessionVectors, norms, checkpoint);
  const lineSessionIds = firstSessionOfLines(log, checkpoint);
  const { timeline, lineBuckets } = buildTimeline(log, entryTemplates, templateCount, lineFlagged, log.reading.hasYear, checkpoint);

  const templates: TemplateInfo[] = texts.map((text, id) => ({
    id,
    text,
    count: targetCounts[id],
    firstLine: firstLines[id],
    baselineCount: baselineCounts ? baselineCounts[id] : null,
    expected: expected[id],
  }));
  const anomalies = rankedLines(vectorTable, threshold, expectedTemplateIds(templates));
  progress.finish('explaining');

  return {
    options,
    stats: {
      bytes: log.bytes,
      lines: log.lineCount,
      entries: log.entryCount,
      templates: templates.filter((template) => template.count > 0).length,
      sessions: sessions.count,
      anomalies: anomalies.length,
      anomalousSessions: sessions.flagged.reduce((sum, flag) => sum + flag, 0),
      format: log.reading.format,
      sessionKind: sessions.count > 0 ? log.reading.sessionKind : null,
      hasTimestamps: timeline.kind === 'time',
      truncatedLines: log.truncatedLines,
      invalidUtf8Lines: log.invalidUtf8Lines,
      baselineLines: baseline ? baseline.lineCount : null,
      elapsedMs: now() - started,
      stageMs: progress.stageMs,
    },
    threshold,
    sessionThreshold,
    lines: { count: log.lineCount, starts: log.starts, vectorIds: lineVectorIds, sessionIds: lineSessionIds, buckets: lineBuckets },
    vectors: vectorTable,
    templates,
    sessions,
    anomalies,
    histogram: scoreHistogram(vectorScores, vectors.counts),
    timeline,
  };
}

/**
 * The most `auto` may flag of a log's lines: few (1%), unless the log itself reports more errors,
 * which may then all be flagged if the model finds them unusual (up to 10% of lines).
 */
function lineShareCap(vectors: LineVectors): number {
  let lines = 0;
  let errors = 0;
  for (let v = 0; v < vectors.count; v++) {
    lines += vectors.counts[v];
    if (vectors.levels[v] >= Level.error) errors += vectors.counts[v];
  }
  return Math.min(AUTO_MAX_SHARE.errors, Math.max(AUTO_MAX_SHARE.lines, lines > 0 ? (1.25 * errors) / lines : 0));
}

/** Independent generator seeds for each use of randomness, all from the one user seed. */
function derivedSeed(seed: number, stream: number): number {
  let h = (seed ^ Math.imul(stream, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Columns scaled to weighted mean 0 and standard deviation 1 over the rows the model learns from,
 * so that no feature dominates a kernel's distances by its units (trees do not care).
 */
function standardized(fit: Dataset, all: { rows: number; cols: number; values: Float64Array }): { fit: Dataset; all: Dataset } {
  const { cols } = all;
  const mean = new Float64Array(cols);
  const spread = new Float64Array(cols);
  const weights = fit.weights as Float64Array;
  let total = 0;
  for (let r = 0; r < fit.rows; r++) {
    total += weights[r];
    for (let c = 0; c < cols; c++) mean[c] += weights[r] * fit.values[r * cols + c];
  }
  for (let c = 0; c < cols; c++) mean[c] /= Math.max(1, total);
  for (let r = 0; r < fit.rows; r++) {
    for (let c = 0; c < cols; c++) spread[c] += weights[r] * (fit.values[r * cols + c] - mean[c]) ** 2;
  }
  for (let c = 0; c < cols; c++) spread[c] = Math.sqrt(spread[c] / Math.max(1, total)) || 1;
  const scale = (values: Float64Array): Float64Array => values.map((value, i) => (value - mean[i % cols]) / spread[i % cols]);
  return { fit: { ...fit, values: scale(fit.values) }, all: { rows: all.rows, cols, values: scale(all.values) } };
}

/** The rows that occur in the data a model learns from (a baseline lacks the new log's novelties). */
function rowsWithWeight(matrix: { rows: number; cols: number; values: Float64Array }, weights: Float64Array): Dataset {
  const kept: number[] = [];
  for (let r = 0; r < matrix.rows; r++) if (weights[r] > 0) kept.push(r);
  const values = new Float64Array(kept.length * matrix.cols);
  kept.forEach((r, i) => values.set(matrix.values.subarray(r * matrix.cols, (r + 1) * matrix.cols), i * matrix.cols));
  return { rows: kept.length, cols: matrix.cols, values, weights: Float64Array.from(kept, (r) => weights[r]) };
}

function countTemplates(log: CollectedLog, templateOfCluster: Int32Array, templateCount: number): Float64Array {
  const counts = new Float64Array(templateCount);
  for (let e = 0; e < log.entryCount; e++) counts[templateOfCluster[log.entryClusters[e]]]++;
  return counts;
}

/** Lines (entries with their continuation lines) per vector in `log`. */
function vectorLineCounts(log: CollectedLog, entryVectors: Int32Array, vectorCount: number): Float64Array {
  const counts = new Float64Array(vectorCount);
  for (let e = 0; e < log.entryCount; e++) counts[entryVectors[e]] += 1 + log.entryContinuations[e];
  return counts;
}

/** The first session each line belongs to (through its entry), or -1. */
function firstSessionOfLines(log: CollectedLog, checkpoint: Checkpoint): Int32Array {
  const entrySession = new Int32Array(log.entryCount).fill(-1);
  for (let i = 0; i < log.pairEntries.length; i++) {
    const entry = log.pairEntries[i];
    if (entrySession[entry] < 0) entrySession[entry] = log.pairSessions[i];
  }
  const sessions = new Int32Array(log.lineCount);
  for (let line = 0; line < log.lineCount; line++) {
    if ((line & CHECK_EVERY) === 0) checkpoint();
    const entry = log.entryOfLine[line];
    sessions[line] = entry < 0 ? -1 : entrySession[entry];
  }
  return sessions;
}

function sessionTable(
  log: CollectedLog,
  groups: SessionGroups,
  vectorScores: Float64Array,
  vectorWeights: Float64Array,
  threshold: number,
  vectors: SessionVectors,
  norms: SessionNorms,
  checkpoint: Checkpoint,
): SessionTable {
  const count = groups.count;
  const scores = new Float64Array(count);
  const flagged = new Uint8Array(count);
  const vectorRanks = ranksFor(vectorScores, vectorWeights);
  const ranks = new Float64Array(count);
  // Reasons for the flagged behaviours and the next most anomalous ones; none for the tens of
  // thousands of ordinary behaviours nobody will look at.
  const explained = new Set(
    Array.from(vectorScores.keys())
      .sort((a, b) => vectorScores[b] - vectorScores[a] || a - b)
      .filter((v, position) => vectorScores[v] >= threshold || position < EXPLAINED_SESSION_BEHAVIOURS),
  );
  const reasonsByVector = new Map<number, readonly Reason[]>();
  const reasons: (readonly Reason[])[] = [];
  const memberStarts = new Int32Array(count + 1);
  const firstLines = new Int32Array(count);
  for (let s = 0; s < count; s++) {
    if ((s & (CHECK_EVERY >> 4)) === 0) checkpoint();
    const v = groups.vectorOf[s];
    scores[s] = vectorScores[v];
    ranks[s] = vectorRanks[v];
    flagged[s] = vectorScores[v] >= threshold ? 1 : 0;
    let vectorReasons = reasonsByVector.get(v);
    if (vectorReasons === undefined) {
      vectorReasons = explained.has(v) ? explainSessionVector(v, vectors, norms) : NO_REASONS;
      reasonsByVector.set(v, vectorReasons);
    }
    reasons.push(vectorReasons);
    let lines = 0;
    for (let i = groups.entryStarts[s]; i < groups.entryStarts[s + 1]; i++) lines += 1 + log.entryContinuations[groups.entries[i]];
    memberStarts[s + 1] = memberStarts[s] + lines;
    firstLines[s] = log.entryFirstLine[groups.entries[groups.entryStarts[s]]];
  }
  const members = new Int32Array(memberStarts[count]);
  let k = 0;
  for (let s = 0; s < count; s++) {
    for (let i = groups.entryStarts[s]; i < groups.entryStarts[s + 1]; i++) {
      const entry = groups.entries[i];
      const first = log.entryFirstLine[entry];
      for (let line = first; line <= first + log.entryContinuations[entry]; line++) members[k++] = line;
    }
  }
  const lineCounts = new Int32Array(count);
  for (let s = 0; s < count; s++) lineCounts[s] = memberStarts[s + 1] - memberStarts[s];
  return { count, ids: groups.names, firstLines, lineCounts, durationsMs: groups.durationsMs, scores, ranks, flagged, reasons, memberStarts, members };
}
