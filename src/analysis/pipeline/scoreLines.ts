/**
 * The line stages: features per distinct vector (features), the line model fitted on the
 * reference data, the file itself or its baseline (training), and every vector scored, thresholded
 * and ranked (scoring).
 */
import { buildLineVectors, lineFeatureMatrix, templateStats, type LineVectors, type TemplateStats } from '../features/lineFeatures';
import { buildTemplateTfidf, type TemplateTfidf } from '../features/tfidf';
import { Level } from '../formats/levels';
import { fitModel } from '../models';
import { createRng } from '../models/random';
import type { CollectedLog } from '../reading/collect';
import { AUTO_MAX_SHARE, ranksFor, thresholdFor } from '../scoring/thresholds';
import { raiseBySeverity } from '../scoring/severity';
import { derivedSeed, rowsWithWeight, SEED_STREAM, standardized } from './modelInput';
import type { AnalysisOptions } from './options';
import type { ProgressTracker } from './progress';
import type { ReadLogs } from './readLogs';

/** TF-IDF principal directions handed to the line model. */
const TFIDF_COMPONENTS = 4;

export interface ScoredLines {
  readonly stats: TemplateStats;
  readonly tfidf: TemplateTfidf;
  readonly vectors: LineVectors;
  /** Vector of each entry, per log read: the baseline's first in baseline mode, the log under test's last. */
  readonly entryVectors: readonly Int32Array[];
  /** Per vector. */
  readonly scores: Float64Array;
  readonly threshold: number;
  readonly flagged: Uint8Array;
  readonly ranks: Float64Array;
}

export function scoreLines({ log, baseline, templates }: ReadLogs, options: AnalysisOptions, progress: ProgressTracker): ScoredLines {
  const checkpoint = (): void => progress.checkCancelled();
  const referenceLogs = baseline ? [baseline] : [log];
  const stats = templateStats(referenceLogs, templates.ofCluster, templates.count, checkpoint);
  const tfidf = buildTemplateTfidf(templates.texts, stats.counts, TFIDF_COMPONENTS, createRng(derivedSeed(options.seed, SEED_STREAM.tfidf)));
  const { vectors, entryVectors } = buildLineVectors(baseline ? [baseline, log] : [log], templates.ofCluster, stats, checkpoint);
  const matrix = lineFeatureMatrix(vectors, stats, tfidf, templates.tokenCounts);
  const fitWeights = baseline ? vectorLineCounts(baseline, entryVectors[0], vectors.count) : vectors.counts;
  progress.finish('features');

  const lineFit = standardized(rowsWithWeight(matrix, fitWeights), matrix);
  const lineModel = lineFit.fit.rows > 0 ? fitModel(options.model, lineFit.fit, createRng(derivedSeed(options.seed, SEED_STREAM.lineModel))) : null;
  progress.finish('training');

  const scores = lineModel ? lineModel.anomalyScores(lineFit.all) : new Float64Array(vectors.count);
  const expected = templates.expected;
  for (let v = 0; v < vectors.count; v++) if (expected[vectors.templateIds[v]]) scores[v] = 0;
  // The threshold comes from the model's own distribution, where raised errors would open a gap of
  // their own; raising only adds errors above it and reorders the ranking.
  const threshold = thresholdFor(scores, vectors.counts, options.contamination, lineShareCap(vectors));
  raiseBySeverity(scores, vectors.levels, vectors.counts);
  for (let v = 0; v < vectors.count; v++) if (expected[vectors.templateIds[v]]) scores[v] = 0;
  const flagged = new Uint8Array(vectors.count);
  for (let v = 0; v < vectors.count; v++) flagged[v] = vectors.counts[v] > 0 && scores[v] >= threshold && !expected[vectors.templateIds[v]] ? 1 : 0;
  const ranks = ranksFor(scores, vectors.counts);
  progress.finish('scoring');
  return { stats, tfidf, vectors, entryVectors, scores, threshold, flagged, ranks };
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

/** Lines (entries with their continuation lines) per vector in `log`. */
function vectorLineCounts(log: CollectedLog, entryVectors: Int32Array, vectorCount: number): Float64Array {
  const counts = new Float64Array(vectorCount);
  for (let e = 0; e < log.entryCount; e++) counts[entryVectors[e]] += 1 + log.entryContinuations[e];
  return counts;
}
