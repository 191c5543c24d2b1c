/**
 * The models on an input of the engine's typical largest size, 20,000 distinct vectors × 40
 * columns: what they must do there (how long they take is measured by `npm run bench:models`).
 */
import assert from 'node:assert/strict';
import { IsolationForest } from '../../../src/analysis/models/isolationForest';
import { OneClassSvm } from '../../../src/analysis/models/oneClassSvm';
import { createRng } from '../../../src/analysis/models/random';
import { plantedOutliers } from './testData';

describe('models on 20,000 rows × 40 columns', () => {
  const { data, outliers } = plantedOutliers(7, 19_980, 20, 40);

  it('Isolation Forest scores every row in (0, 1), the planted outliers above every inlier', () => {
    const scores = new IsolationForest().fit(data, createRng(1)).anomalyScores(data);
    assert.equal(scores.length, data.rows);
    assert.ok(scores.every((score) => score > 0 && score < 1));
    const lowestOutlier = Math.min(...outliers.map((row) => scores[row]!));
    assert.ok(scores.slice(0, outliers[0]).every((score) => score < lowestOutlier));
  });

  it('One-Class SVM trains on 2,000 drawn rows, converges and scores every row', () => {
    const svm = new OneClassSvm().fit(data, createRng(1));
    assert.equal(svm.info.trainingRows, 2000);
    assert.ok(svm.info.converged);
    const decision = svm.decisionFunction(data);
    assert.equal(decision.length, data.rows);
    assert.ok(decision.every(Number.isFinite));
  });
});
