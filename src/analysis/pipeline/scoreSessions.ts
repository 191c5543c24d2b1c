/**
 * The sessions stage: lines grouped by session into behaviours (their events, length, duration and
 * most anomalous line), scored by a session model (sessions/models) learnt from the reference
 * sessions: Invariants Mining or PCA on their event counts, or a feature model on their features.
 */
import { fitModel } from '../models';
import { createRng } from '../models/random';
import { AUTO_MAX_SHARE, thresholdFor } from '../scoring/thresholds';
import type { Reason } from '../report/reasons';
import { scoreSessionVectors, type UsedSessionModel } from '../sessions/models/sessionModel';
import { TransitionCounts, type RareTransition } from '../sessions/models/transitions';
import { groupSessions, sessionFeatureMatrix, sessionNorms, SessionVectorBuilder, type SessionGroups, type SessionNorms, type SessionVectors } from '../sessions/sessionFeatures';
import { derivedSeed, rowsWithWeight, SEED_STREAM, standardized } from './modelInput';
import type { AnalysisOptions, ModelName } from './options';
import type { ProgressTracker } from './progress';
import type { ReadLogs } from './readLogs';
import type { ScoredLines } from './scoreLines';

export interface ScoredSessions {
  /** The sessions of the log under test. */
  readonly groups: SessionGroups;
  /** The distinct behaviours of the log's sessions. */
  readonly vectors: SessionVectors;
  /** Sessions of the log under test per behaviour. */
  readonly weights: Float64Array;
  readonly norms: SessionNorms;
  /** Per behaviour. */
  readonly scores: Float64Array;
  readonly threshold: number;
  /** The session model that scored them (what `auto` chose). */
  readonly model: UsedSessionModel;
  /** What the session model says about a behaviour, most telling first. */
  readonly modelReasons: (vector: number) => Reason[];
  /** Sessions of the log under test whose events come in an order almost no session has. */
  readonly rareTransitions: ReadonlyMap<number, RareTransition>;
  /** Sessions the transitions were counted in. */
  readonly transitionSessions: number;
}

/**
 * What a baseline keeps of the session stage: its sessions' distinct behaviours, weighted by its
 * sessions. The session models are small: against a baseline they are fitted from these.
 */
export interface FittedSessions {
  readonly behaviours: SessionVectors;
}

/**
 * The session model fitted on `vectors` (weighted by the sessions learnt from) and scoring every
 * behaviour; `weights` are the scored log's sessions per behaviour, for the threshold.
 */
export function sessionScoring(vectors: SessionVectors, weights: Float64Array, norms: SessionNorms, sessions: number, options: AnalysisOptions): { model: UsedSessionModel; scores: Float64Array; threshold: number; reasons: (vector: number) => Reason[] } {
  const matrix = sessionFeatureMatrix(vectors, norms);
  const scaled = standardized(rowsWithWeight(matrix, vectors.weights), matrix);
  const featureScoring = (name: ModelName): { scores: Float64Array; threshold: number } => {
    const model = scaled.fit.rows > 0 ? fitModel(name, scaled.fit, createRng(derivedSeed(options.seed, SEED_STREAM.sessionModel))) : null;
    const scores = model ? model.anomalyScores(scaled.all) : new Float64Array(0);
    return { scores, threshold: model ? thresholdFor(scores, weights, options.contamination, AUTO_MAX_SHARE.sessions) : 1 };
  };
  return sessions > 0
    ? scoreSessionVectors({ vectors, weights, requested: options.sessionModel, lineModel: options.model, contamination: options.contamination, featureScoring })
    : { model: options.model, ...featureScoring(options.model), reasons: () => [] };
}

/** The sessions of a log scored by models learnt from them; with `fit`, its behaviours kept for a baseline. */
export function scoreSessions({ log, templates }: ReadLogs, lines: ScoredLines, options: AnalysisOptions, progress: ProgressTracker, fit = false): { scored: ScoredSessions; fitted: FittedSessions | null } {
  const checkpoint = (): void => progress.checkCancelled();
  const builder = new SessionVectorBuilder();
  const groups = groupSessions(log, templates.ofEntry, builder, lines.lineVectorIds, lines.modelScores, checkpoint);
  const vectors = builder.build([groups]);
  const weights = vectors.weights;
  const norms = sessionNorms(vectors, templates.count);
  const scoring = sessionScoring(vectors, weights, norms, groups.count, options);
  const transitions = new TransitionCounts(templates.count);
  const templateOf = (entry: number): number => templates.ofEntry[entry];
  transitions.add(groups, templateOf);
  const rareTransitions = new Map<number, RareTransition>();
  for (let s = 0; s < groups.count; s++) {
    const rare = transitions.rarest(groups, s, templateOf, norms.presence);
    if (rare !== null) rareTransitions.set(s, rare);
  }
  progress.finish('sessions');
  return {
    scored: { groups, vectors, weights, norms, scores: scoring.scores, threshold: scoring.threshold, model: scoring.model, modelReasons: scoring.reasons, rareTransitions, transitionSessions: transitions.sessions },
    fitted: fit ? { behaviours: vectors } : null,
  };
}
