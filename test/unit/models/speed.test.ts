/**
 * Time budgets on the engine's typical largest input: 20,000 distinct vectors × 40 columns.
 * mocha prints each test's duration; the budgets are the design targets, several times the
 * measured times, so only a real slowdown (not a busy machine) fails them.
 */
import assert from 'node:assert/strict';
import type { Dataset } from '../../../src/analysis/models/dataset';
import { IsolationForest } from '../../../src/analysis/models/isolationForest';
import { OneClassSvm, type FittedOneClassSvm } from '../../../src/analysis/models/oneClassSvm';
import { createRng } from '../../../src/analysis/models/random';
import { gaussian } from './testData';

/** Twelve clusters of vectors plus one wide column; counts heavy-tailed like template frequencies. */
function largeData(weighted: boolean): Dataset {
  const rows = 20_000;
  const cols = 40;
  const rng = createRng(7);
  const values = new Float64Array(rows * cols);
  const weights = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const cluster = rng.nextInt(12);
    for (let c = 0; c < cols; c++) {
      values[r * cols + c] = (c % 12 === cluster ? 3 : 0) + 0.3 * gaussian(rng) + (c === cols - 1 ? 50 * rng.next() : 0);
    }
    weights[r] = 1 + Math.floor(1 / (1e-3 + rng.next()));
  }
  return weighted ? { rows, cols, values, weights } : { rows, cols, values };
}

function elapsed(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

describe('models speed (20,000 rows × 40 columns)', () => {
  const weighted = largeData(true);
  const unweighted = largeData(false);

  it('Isolation Forest fits and scores in well under a second', () => {
    const ms = elapsed(() => new IsolationForest().fit(weighted, createRng(1)).anomalyScores(weighted));
    assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
  });

  let svm: FittedOneClassSvm;
  it('One-Class SVM fits on 2,000 drawn rows in under 2 s', () => {
    const ms = elapsed(() => {
      svm = new OneClassSvm().fit(unweighted, createRng(1));
    });
    assert.equal(svm.info.trainingRows, 2000);
    assert.ok(svm.info.converged);
    assert.ok(ms < 2000, `${ms.toFixed(0)} ms`);
  });

  it('One-Class SVM scores 20,000 rows in under a second', () => {
    const ms = elapsed(() => svm.decisionFunction(unweighted));
    assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
  });
});
