/**
 * The sessions stage: lines grouped by session into behaviours (their events, length, duration and
 * most anomalous line), with a model of their own fitted on the reference sessions.
 */
import { fitModel } from '../models';
import { createRng } from '../models/random';
import { AUTO_MAX_SHARE, thresholdFor } from '../scoring/thresholds';
import { groupSessions, sessionFeatureMatrix, sessionNorms, SessionVectorBuilder, type SessionGroups, type SessionNorms, type SessionVectors } from '../sessions/sessionFeatures';
import { derivedSeed, rowsWithWeight, SEED_STREAM, standardized } from './modelInput';
import type { AnalysisOptions } from './options';
import type { ProgressTracker } from './progress';
import type { ReadLogs } from './readLogs';
import type { ScoredLines } from './scoreLines';

export interface ScoredSessions {
  /** The sessions of the log under test. */
  readonly groups: SessionGroups;
  /** The distinct behaviours the model learnt from (the baseline's in baseline mode). */
  readonly vectors: SessionVectors;
  /** Sessions of the log under test per behaviour. */
  readonly weights: Float64Array;
  readonly norms: SessionNorms;
  /** Per behaviour. */
  readonly scores: Float64Array;
  readonly threshold: number;
}

export function scoreSessions({ log, baseline, templates }: ReadLogs, lines: ScoredLines, options: AnalysisOptions, progress: ProgressTracker): ScoredSessions {
  const checkpoint = (): void => progress.checkCancelled();
  const { entryVectors } = lines;
  const builder = new SessionVectorBuilder();
  const baselineGroups = baseline ? groupSessions(baseline, templates.ofCluster, builder, entryVectors[0], lines.scores, checkpoint) : null;
  const groups = groupSessions(log, templates.ofCluster, builder, entryVectors[entryVectors.length - 1], lines.scores, checkpoint);
  const vectors = builder.build(baselineGroups ? [baselineGroups] : [groups]);
  const weights = baselineGroups ? builder.build([groups]).weights : vectors.weights;
  const norms = sessionNorms(vectors, templates.count);
  const matrix = sessionFeatureMatrix(vectors, norms);
  const fit = standardized(rowsWithWeight(matrix, vectors.weights), matrix);
  const model = fit.fit.rows > 0 ? fitModel(options.model, fit.fit, createRng(derivedSeed(options.seed, SEED_STREAM.sessionModel))) : null;
  const scores = model ? model.anomalyScores(fit.all) : new Float64Array(0);
  const threshold = model ? thresholdFor(scores, weights, options.contamination, AUTO_MAX_SHARE.sessions) : 1;
  progress.finish('sessions');
  return { groups, vectors, weights, norms, scores, threshold };
}
