/**
 * The anomaly models, chosen by name. Fit on a Dataset (one row per distinct feature vector,
 * weighted by how many lines have it) with a seeded Rng; score with `anomalyScores`: [0, 1],
 * 1 = most anomalous, and a row is anomalous by the model's own judgement (contamination 'auto')
 * when its score is strictly above AUTO_THRESHOLD = 0.5.
 */
import type { ModelName } from '../pipeline/options';
import type { FittedAnomalyModel } from './anomalyModel';
import type { Dataset } from './dataset';
import { AnomalyEnsemble, type EnsembleParams } from './ensemble';
import { IsolationForest } from './isolationForest';
import { OneClassSvm } from './oneClassSvm';
import type { Rng } from './random';

export { AUTO_THRESHOLD, flagsAbove, type FittedAnomalyModel } from './anomalyModel';
export { datasetFromRows, validateDataset, type Dataset } from './dataset';
export { AnomalyEnsemble, FittedEnsemble, type EnsembleParams } from './ensemble';
export { FittedIsolationForest, IsolationForest, type IsolationForestParams } from './isolationForest';
export { FittedOneClassSvm, OneClassSvm, type Gamma, type OneClassSvmParams, type SvmFitInfo } from './oneClassSvm';
export { createRng, type Rng } from './random';

/** Hyper-parameters per model; a model ignores the other's. */
export type ModelParams = EnsembleParams;

export function fitModel(name: ModelName, data: Dataset, rng: Rng, params: ModelParams = {}): FittedAnomalyModel {
  switch (name) {
    case 'iforest':
      return new IsolationForest(params.iforest).fit(data, rng);
    case 'ocsvm':
      return new OneClassSvm(params.ocsvm).fit(data, rng);
    case 'ensemble':
      return new AnomalyEnsemble(params).fit(data, rng);
    default:
      throw new RangeError(`model must be one of iforest, ocsvm, ensemble; got "${String(name)}"`);
  }
}
