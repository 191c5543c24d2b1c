import assert from 'node:assert/strict';
import { AUTO_THRESHOLD, AnomalyEnsemble, createRng, datasetFromRows, fitModel } from '../../../src/analysis/models';
import { FittedIsolationForest, IsolationForest } from '../../../src/analysis/models/isolationForest';
import { OneClassSvm } from '../../../src/analysis/models/oneClassSvm';
import type { ModelName } from '../../../src/analysis';
import { plantedOutliers, topK } from './testData';

const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);

describe('models/ensemble and fitModel', () => {
  const { data, outliers } = plantedOutliers(2, 400, 10, 6);

  it('averages the forest and SVM scores, each fitted with its own forked generator', () => {
    const ensemble = new AnomalyEnsemble().fit(data, createRng(12));
    const rng = createRng(12);
    const forest = new IsolationForest().fit(data, rng.fork()).anomalyScores(data);
    const svm = new OneClassSvm().fit(data, rng.fork()).anomalyScores(data);
    const scores = ensemble.anomalyScores(data);
    for (let r = 0; r < data.rows; r++) assert.equal(scores[r], (forest[r] + svm[r]) / 2);
    assert.deepEqual(ensemble.anomalyFlags(data), Uint8Array.from(scores, (s) => (s > AUTO_THRESHOLD ? 1 : 0)));
  });

  for (const name of ['iforest', 'ocsvm', 'ensemble'] as const) {
    it(`${name}: fitModel scores in [0, 1] and ranks the planted outliers first, past the boundary`, () => {
      const model = fitModel(name, data, createRng(3));
      assert.equal(model.name, name);
      assert.equal(model.cols, 6);
      const scores = model.anomalyScores(data);
      assert.ok(scores.every((s) => s >= 0 && s <= 1));
      assert.deepEqual(sorted(topK(scores, outliers.length)), outliers);
      for (const o of outliers) assert.ok(scores[o] > AUTO_THRESHOLD);
      assert.deepEqual(scores, fitModel(name, data, createRng(3)).anomalyScores(data));
    });

    it(`${name}: rows all alike score exactly at the boundary, so 'auto' flags none of them`, () => {
      const alike = datasetFromRows([[2, 0, 5]], [500]);
      const scores = fitModel(name, alike, createRng(1)).anomalyScores(datasetFromRows([[2, 0, 5], [2, 0, 5]]));
      assert.deepEqual(Array.from(scores), [AUTO_THRESHOLD, AUTO_THRESHOLD]);
    });
  }

  it('passes each model its own parameters and validates them', () => {
    const forest = fitModel('iforest', data, createRng(1), { iforest: { trees: 5 }, ocsvm: { nu: 0.2 } });
    assert.ok(forest instanceof FittedIsolationForest);
    assert.equal(forest.trees, 5);
    assert.throws(() => fitModel('ensemble', data, createRng(1), { ocsvm: { nu: 2 } }), /nu must be a fraction/);
    assert.throws(() => fitModel('forest' as ModelName, data, createRng(1)), /model must be one of iforest, ocsvm, ensemble/);
  });
});
