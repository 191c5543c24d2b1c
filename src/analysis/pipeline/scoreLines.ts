/**
 * The line stages: features per distinct vector (features), the line model fitted on the file
 * itself (training), and every vector scored, thresholded and ranked (scoring). Against a baseline,
 * the baseline's fitted pieces take the place of the first two (baseline/scoreAgainst).
 */
import type { LineVectorIds } from '../report/report';
import { buildLineVectors, lineFeatureMatrix, lineVectorIdsOf, templateStats, type LineVectors, type TemplateStats } from '../features/lineFeatures';
import { buildTemplateTfidf, type TemplateTfidf } from '../features/tfidf';
import { Level } from '../formats/levels';
import { fitModel, type FittedAnomalyModel } from '../models';
import { createRng } from '../models/random';
import { AUTO_MAX_SHARE, ranksFor, thresholdAboveCrowds, thresholdFor } from '../scoring/thresholds';
import { raiseByLevelShares, raiseBySeverity, shareOfStretches, spreadOf, templatePresence, type TemplatePresence } from '../scoring/severity';
import { derivedSeed, rowsWithWeight, SEED_STREAM, standardized, type Scaling } from './modelInput';
import type { AnalysisOptions } from './options';
import type { ProgressTracker } from './progress';
import type { ReadLogs } from './readLogs';

/** A template in at least this share of the log's stretches (scoring/severity) is part of its routine. */
const ROUTINE_PRESENCE = 0.5;

/** TF-IDF principal directions handed to the line model. */
const TFIDF_COMPONENTS = 4;

/** What the line model learnt from the reference log: enough to score other lines alike. */
export interface FittedLines {
  readonly stats: TemplateStats;
  readonly tfidf: TemplateTfidf;
  readonly scaling: Scaling;
  /** Null for a log without entries. */
  readonly model: FittedAnomalyModel | null;
  /**
   * Where each template occurred in the log fitted by itself, so that its lines as they arrive (a
   * followed log) are raised by severity as the run's were; absent for a baseline, which is not.
   */
  readonly templatePresence?: TemplatePresence;
}

export interface ScoredLines {
  readonly stats: TemplateStats;
  readonly tfidf: TemplateTfidf;
  readonly vectors: LineVectors;
  /** Vector of each line, -1 for a blank line (an entry's is its header line's: entryFirstLine). */
  readonly lineVectorIds: LineVectorIds;
  /** Per vector. */
  readonly scores: Float64Array;
  /**
   * Per vector, the line model's own scores, before the level raises them: what sessions judge their
   * lines by (a session's events carry its levels; the raise orders lines for a reader).
   */
  readonly modelScores: Float64Array;
  readonly threshold: number;
  readonly flagged: Uint8Array;
  readonly ranks: Float64Array;
  /** Where each template occurs in the log (by halves); null against a baseline. */
  readonly templatePresence: TemplatePresence | null;
}

export function scoreLines({ log, templates }: ReadLogs, options: AnalysisOptions, progress: ProgressTracker): { scored: ScoredLines; fitted: FittedLines } {
  const checkpoint = (): void => progress.checkCancelled();
  const stats = templateStats(log, templates.ofEntry, templates.count, checkpoint);
  const tfidf = buildTemplateTfidf(templates.texts, stats.counts, TFIDF_COMPONENTS, createRng(derivedSeed(options.seed, SEED_STREAM.tfidf)));
  const { vectors, entryVectors } = buildLineVectors(log, templates.ofEntry, stats, checkpoint);
  // Per line from here on: the per-entry ids are not kept.
  const lineVectorIds = lineVectorIdsOf(log, entryVectors, vectors.count, checkpoint);
  const matrix = lineFeatureMatrix(vectors, stats, tfidf, templates.tokenCounts);
  progress.finish('features');

  const lineFit = standardized(rowsWithWeight(matrix, vectors.counts), matrix);
  const model = lineFit.fit.rows > 0 ? fitModel(options.model, lineFit.fit, createRng(derivedSeed(options.seed, SEED_STREAM.lineModel))) : null;
  progress.finish('training');
  const scores = model ? model.anomalyScores(lineFit.all) : new Float64Array(vectors.count);
  const severity = { templatePresence: templatePresence(templates.ofEntry, templates.count, checkpoint) };
  return { scored: thresholded(stats, tfidf, vectors, lineVectorIds, scores, templates.expected, severity, options, progress), fitted: { stats, tfidf, scaling: lineFit.scaling, model, templatePresence: severity.templatePresence } };
}

/**
 * What levels are judged against: a log by itself, its own lines per level and how much each template is
 * always there in it; against a baseline, the baseline's lines per level (as its lines that arrive later
 * are), no template judged always there.
 */
export type SeverityBasis = { readonly templatePresence: TemplatePresence } | { readonly referenceLevelLines: ArrayLike<number> };

/** Scores of expected templates zeroed, the threshold, flags and ranks. */
export function thresholded(
  stats: TemplateStats,
  tfidf: TemplateTfidf,
  vectors: LineVectors,
  lineVectorIds: LineVectorIds,
  scores: Float64Array,
  expected: readonly boolean[],
  severity: SeverityBasis,
  options: AnalysisOptions,
  progress: ProgressTracker,
): ScoredLines {
  for (let v = 0; v < vectors.count; v++) if (expected[vectors.templateIds[v]]) scores[v] = 0;
  // The threshold comes from the model's own distribution, where raised warnings and errors would open
  // a gap of their own; raising only adds them above it and reorders the ranking. No tied crowd of
  // ordinary lines is cut in.
  const cut = thresholdFor(scores, vectors.counts, options.contamination, lineShareCap(vectors));
  const modelScores = scores.slice();
  const presence = 'templatePresence' in severity ? severity.templatePresence : undefined;
  const templateIds = vectors.templateIds.subarray(0, vectors.count);
  const spreads = presence && Float64Array.from(templateIds, (template) => spreadOf(presence, template));
  const ordinary = Uint8Array.from(vectors.levels.subarray(0, vectors.count), (level) => (level < Level.warning ? 1 : 0));
  const routine = presence && Uint8Array.from(templateIds, (template) => (shareOfStretches(presence, template) >= ROUTINE_PRESENCE ? 1 : 0));
  const threshold = options.contamination === 'auto' ? thresholdAboveCrowds(cut, scores, vectors.counts, ordinary, routine) : cut;
  if ('templatePresence' in severity) raiseBySeverity(scores, vectors.levels, vectors.counts, spreads);
  else raiseByLevelShares(scores, vectors.levels, severity.referenceLevelLines);
  for (let v = 0; v < vectors.count; v++) if (expected[vectors.templateIds[v]]) scores[v] = 0;
  const flagged = new Uint8Array(vectors.count);
  for (let v = 0; v < vectors.count; v++) flagged[v] = vectors.counts[v] > 0 && scores[v] >= threshold && !expected[vectors.templateIds[v]] ? 1 : 0;
  const ranks = ranksFor(scores, vectors.counts);
  progress.finish('scoring');
  return { stats, tfidf, vectors, lineVectorIds, scores, modelScores, threshold, flagged, ranks, templatePresence: 'templatePresence' in severity ? severity.templatePresence : null };
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
