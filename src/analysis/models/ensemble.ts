/**
 * Isolation Forest and One-Class SVM combined: the mean of their anomaly scores.
 *
 * Both scores are monotone in their model's own evidence and anchored at the same point, 0.5 =
 * that model's boundary, so the mean stays in [0, 1], keeps 0.5 as "on balance at the boundary",
 * flags a row both models flag, and lets one confident model outvote a neutral one. Rank
 * normalisation was not used: ranks forget how far past its boundary a row lies, put 0.5 at the
 * median line (so 'auto' would flag half of everything) and change with the set being scored.
 * The forest's scores are narrower (at most about 0.93 with ψ = 256, outliers typically 0.6–0.75)
 * than the SVM's (1 for rows far from all training data), so among far outliers the SVM decides
 * most of the order; the forest still counts fully at the boundary.
 */
import type { ModelName } from '../pipeline/options';
import { AUTO_THRESHOLD, flagsAbove, type FittedAnomalyModel } from './anomalyModel';
import type { Dataset } from './dataset';
import { IsolationForest, type FittedIsolationForest, type IsolationForestParams } from './isolationForest';
import { OneClassSvm, type FittedOneClassSvm, type OneClassSvmParams } from './oneClassSvm';
import type { Rng } from './random';

export interface EnsembleParams {
  readonly iforest?: IsolationForestParams;
  readonly ocsvm?: OneClassSvmParams;
}

export class AnomalyEnsemble {
  readonly forest: IsolationForest;
  readonly svm: OneClassSvm;

  constructor(params: EnsembleParams = {}) {
    this.forest = new IsolationForest(params.iforest);
    this.svm = new OneClassSvm(params.ocsvm);
  }

  /** Each model gets its own child generator, forest first. */
  fit(data: Dataset, rng: Rng): FittedEnsemble {
    const forestRng = rng.fork();
    const svmRng = rng.fork();
    return new FittedEnsemble(this.forest.fit(data, forestRng), this.svm.fit(data, svmRng));
  }
}

export class FittedEnsemble implements FittedAnomalyModel {
  readonly name: ModelName = 'ensemble';

  constructor(
    readonly forest: FittedIsolationForest,
    readonly svm: FittedOneClassSvm,
  ) {}

  get cols(): number {
    return this.forest.cols;
  }

  /** (forest score + SVM score) / 2 in [0, 1]; 0.5 where the two models' evidence balances at their boundaries. */
  anomalyScores(data: Dataset): Float64Array {
    const scores = this.forest.anomalyScores(data);
    const svmScores = this.svm.anomalyScores(data);
    for (let i = 0; i < scores.length; i++) scores[i] = (scores[i] + svmScores[i]) / 2;
    return scores;
  }

  anomalyFlags(data: Dataset, threshold = AUTO_THRESHOLD): Uint8Array {
    return flagsAbove(this.anomalyScores(data), threshold);
  }
}
