import type { ModelName } from '../pipeline/options';
import type { Dataset } from './dataset';

/**
 * Every model's own boundary on the anomaly-score scale: a row scoring strictly above it is what
 * the model itself calls anomalous (Isolation Forest: the paper's s = 0.5; One-Class SVM: decision
 * value 0). It is the threshold for `contamination: 'auto'`. Strictly above: data in which every
 * row is alike scores exactly 0.5 everywhere and nothing is flagged.
 */
export const AUTO_THRESHOLD = 0.5;

/**
 * What the engine uses from any fitted model, whichever was chosen by name. The names say what comes
 * back: scikit-learn's `score_samples` is higher for normal rows and its `predict` returns ±1, so the
 * engine does not borrow them; `decisionFunction`, where a model has one, keeps scikit-learn's meaning.
 */
export interface FittedAnomalyModel {
  readonly name: ModelName;
  readonly cols: number;
  /** One score per row in [0, 1]: 1 = most anomalous, AUTO_THRESHOLD at the model's own boundary. */
  anomalyScores(data: Dataset): Float64Array;
}

/** 1 where score > threshold. */
export function flagsAbove(scores: Float64Array, threshold: number): Uint8Array {
  const flags = new Uint8Array(scores.length);
  for (let i = 0; i < scores.length; i++) flags[i] = scores[i] > threshold ? 1 : 0;
  return flags;
}
