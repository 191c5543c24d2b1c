import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { datasetFromRows, type Dataset } from '../../../src/analysis/models/dataset';
import { OneClassSvm, type Gamma } from '../../../src/analysis/models/oneClassSvm';
import { createRng } from '../../../src/analysis/models/random';
import { duplicateRows, plantedOutliers, topK } from './testData';

interface ReferenceCase {
  readonly nu: number;
  readonly gamma: Gamma;
  readonly weighted: boolean;
  readonly gammaValue: number;
  readonly rho: number;
  readonly supportVectors: number;
  readonly decisionTrain: number[];
  readonly decisionQuery: number[];
}

interface Reference {
  readonly cols: number;
  readonly train: number[];
  readonly query: number[];
  readonly weights: number[];
  readonly cases: ReferenceCase[];
}

const reference = JSON.parse(readFileSync(new URL('../../fixtures/ocsvm-reference.json', import.meta.url), 'utf8')) as Reference;
const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

describe('models/oneClassSvm', () => {
  describe('against scikit-learn (test/fixtures/ocsvm-reference.json)', () => {
    const cols = reference.cols;
    const train: Dataset = { rows: reference.train.length / cols, cols, values: Float64Array.from(reference.train) };
    const query: Dataset = { rows: reference.query.length / cols, cols, values: Float64Array.from(reference.query) };

    for (const c of reference.cases) {
      it(`matches decision values for nu ${c.nu}, gamma ${c.gamma}${c.weighted ? ', integer sample weights' : ''}`, () => {
        // scikit-learn's 'scale' ignores sample weights; ours weighs them (like duplicated rows),
        // so the weighted case is given scikit-learn's γ to compare the solver alone.
        const gamma = c.weighted ? c.gammaValue : c.gamma;
        const data = c.weighted ? { ...train, weights: Float64Array.from(reference.weights) } : train;
        const model = new OneClassSvm({ nu: c.nu, gamma }).fit(data, createRng(1));
        assert.ok(Math.abs(model.gamma - c.gammaValue) < 1e-12 * c.gammaValue, `gamma ${model.gamma} vs ${c.gammaValue}`);
        assert.equal(model.coefficients.length, c.supportVectors);
        const expected = [...c.decisionTrain, ...c.decisionQuery];
        const actual = [...model.decisionFunction(train), ...model.decisionFunction(query)];
        const range = Math.max(...expected) - Math.min(...expected);
        // Same algorithm, start and working-set rule as libsvm: measured differences are below
        // 2.2e-8 of the range (libsvm keeps kernel columns in single precision).
        const tolerance = 1e-6 * range;
        assert.ok(Math.abs(model.rho - c.rho) < tolerance, `rho ${model.rho} vs ${c.rho}`);
        assert.ok(maxAbsDifference(actual, expected) < tolerance, `max difference ${maxAbsDifference(actual, expected)}, range ${range}`);
        let compared = 0;
        for (let i = 0; i < expected.length; i++) {
          if (Math.abs(expected[i]) <= tolerance) continue;
          compared++;
          assert.equal(Math.sign(actual[i]), Math.sign(expected[i]), `sign of value ${i}`);
        }
        assert.ok(compared > expected.length * 0.9);
      });
    }
  });

  const { data, outliers } = plantedOutliers(3, 400, 10, 5);

  it('ranks the planted outliers first and puts them outside the boundary', () => {
    const model = new OneClassSvm().fit(data, createRng(1));
    const scores = model.anomalyScores(data);
    assert.deepEqual(sorted(topK(scores, outliers.length)), outliers);
    const decision = model.decisionFunction(data);
    for (const o of outliers) assert.ok(decision[o] < 0 && scores[o] > 0.5, `outlier ${o}: decision ${decision[o]}`);
    assert.ok(model.info.converged);
  });

  it('maps decision values to scores: 0.5 on the boundary, 1 far from all data, decreasing inside', () => {
    const model = new OneClassSvm().fit(data, createRng(1));
    const scores = model.anomalyScores(data);
    const decision = model.decisionFunction(data);
    for (let r = 0; r < data.rows; r++) {
      assert.ok(Math.abs(scores[r] - model.rho / (2 * model.rho + decision[r])) < 1e-12);
      assert.equal(scores[r] > 0.5, decision[r] < 0);
    }
    const far = datasetFromRows([[1e3, 1e3, 1e3, 1e3, 1e3]]);
    assert.equal(model.anomalyScores(far)[0], 1);
    assert.equal(model.decisionFunction(far)[0], -model.rho);
    assert.deepEqual(model.anomalyFlags(data), Uint8Array.from(decision, (d) => (d < 0 ? 1 : 0)));
  });

  it('treats a row of weight w as w copies of it, up to the solver tolerance', () => {
    const small = plantedOutliers(5, 150, 6, 4).data;
    const counts = createRng(9);
    const weights = Float64Array.from({ length: small.rows }, () => 1 + counts.nextInt(5));
    const copies = duplicateRows(small, weights);
    for (const tolerance of [1e-3, 1e-6]) {
      for (const gamma of ['scale', 0.3] as const) {
        const weighted = new OneClassSvm({ nu: 0.1, gamma, tolerance }).fit({ ...small, weights }, createRng(1));
        const duplicated = new OneClassSvm({ nu: 0.1, gamma, tolerance, maxTrainingRows: copies.rows }).fit(copies, createRng(1));
        assert.ok(Math.abs(weighted.gamma - duplicated.gamma) < 1e-12 * duplicated.gamma);
        // Two solutions that both meet the KKT conditions within `tolerance` (an absolute bound on
        // the gradients) differ in decision values by about that much: measured 0.53–0.73 of it.
        const difference = maxAbsDifference(weighted.decisionFunction(small), duplicated.decisionFunction(small));
        assert.ok(difference < 2 * tolerance, `tolerance ${tolerance}, gamma ${gamma}: difference ${difference}`);
      }
    }
  });

  it('is deterministic, and draws its training lines with the generator above maxTrainingRows', () => {
    const fit = (seed: number) => new OneClassSvm({ maxTrainingRows: 200 }).fit(data, createRng(seed));
    const a = fit(4);
    assert.equal(a.info.trainingRows <= 200, true);
    assert.deepEqual(a.decisionFunction(data), fit(4).decisionFunction(data));
    const other = fit(5);
    assert.notDeepEqual(a.decisionFunction(data), other.decisionFunction(data));
    // Whether or not an outlier was among the lines drawn, it stays outside the boundary.
    for (const model of [a, other]) {
      const scores = model.anomalyScores(data);
      for (const o of outliers) assert.ok(scores[o] > 0.5, `outlier ${o} scored ${scores[o]}`);
    }
    // Below the bound the generator is not used.
    const whole = new OneClassSvm().fit(data, createRng(1));
    assert.deepEqual(whole.decisionFunction(data), new OneClassSvm().fit(data, createRng(2)).decisionFunction(data));
  });

  it('resolves gamma like scikit-learn: scale = 1 / (cols · Var), auto = 1 / cols, 1 for constant data', () => {
    const rows = datasetFromRows([[0, 2], [2, 4]], [1, 3]);
    // Weighted values: 0, 2 once and 2, 4 three times: mean 2.5, variance 1.75.
    assert.ok(Math.abs(new OneClassSvm().fit(rows, createRng(1)).gamma - 1 / (2 * 1.75)) < 1e-15);
    assert.equal(new OneClassSvm({ gamma: 'auto' }).fit(rows, createRng(1)).gamma, 0.5);
    assert.equal(new OneClassSvm({ gamma: 0.25 }).fit(rows, createRng(1)).gamma, 0.25);
    assert.equal(new OneClassSvm().fit(datasetFromRows([[3, 3], [3, 3]]), createRng(1)).gamma, 1);
  });

  it('copes with identical rows, a single row and constant columns', () => {
    const identical = datasetFromRows(Array.from({ length: 40 }, () => [1, 2, 3]));
    const model = new OneClassSvm().fit(identical, createRng(1));
    assert.ok(model.anomalyScores(identical).every((s) => s === 0.5), 'identical rows sit exactly on the boundary');
    assert.ok(model.anomalyScores(datasetFromRows([[1, 2, 4]]))[0] > 0.5);

    for (const weight of [1, 1000]) {
      const single = new OneClassSvm().fit(datasetFromRows([[4, 4]], [weight]), createRng(1));
      const scores = single.anomalyScores(datasetFromRows([[4, 4], [5, 5]]));
      assert.equal(scores[0], 0.5);
      assert.ok(scores[1] > 0.5 && scores[1] <= 1);
    }

    const withConstant = new Float64Array(data.rows * 6);
    for (let r = 0; r < data.rows; r++) {
      withConstant.set(data.values.subarray(r * 5, r * 5 + 5), r * 6);
      withConstant[r * 6 + 5] = -3;
    }
    const constantData = { rows: data.rows, cols: 6, values: withConstant };
    const scores = new OneClassSvm().fit(constantData, createRng(1)).anomalyScores(constantData);
    assert.ok(scores.every((s) => Number.isFinite(s) && s > 0 && s <= 1));
    assert.deepEqual(sorted(topK(scores, outliers.length)), outliers);
  });

  it('stops at maxIterations and says it did not converge', () => {
    const model = new OneClassSvm({ maxIterations: 3, gamma: 1 }).fit(data, createRng(1));
    assert.equal(model.info.iterations, 3);
    assert.equal(model.info.converged, false);
    assert.ok(model.decisionFunction(data).every(Number.isFinite));
  });

  it('rejects bad parameters with errors that say what to fix', () => {
    assert.throws(() => new OneClassSvm({ nu: 0 }), /nu must be a fraction in \(0, 1\)/);
    assert.throws(() => new OneClassSvm({ nu: 1 }), /nu must be a fraction/);
    assert.throws(() => new OneClassSvm({ gamma: -1 }), /gamma must be "scale", "auto" or a positive number/);
    assert.throws(() => new OneClassSvm({ gamma: 'wide' as Gamma }), /gamma must be/);
    assert.throws(() => new OneClassSvm({ tolerance: 0 }), /tolerance must be a positive number/);
    assert.throws(() => new OneClassSvm({ maxIterations: 0 }), /maxIterations must be a positive integer/);
    assert.throws(() => new OneClassSvm({ maxTrainingRows: 0 }), /maxTrainingRows must be an integer from 1 to 20000/);
    assert.throws(() => new OneClassSvm({ Nu: 0.1 } as object), /unknown One-Class SVM option "Nu"/);
  });

  it('rejects data it cannot fit or score', () => {
    const svm = new OneClassSvm();
    const rng = createRng(1);
    assert.throws(() => svm.fit({ rows: 0, cols: 3, values: new Float64Array(0) }, rng), /at least 1 row/);
    assert.throws(() => svm.fit({ rows: 3, cols: 3, values: new Float64Array(8) }, rng), /rows × cols = 9 numbers/);
    assert.throws(() => svm.fit(datasetFromRows([[Number.NaN]]), rng), /NaN at row 0, column 0/);
    assert.throws(() => svm.fit(datasetFromRows([[1], [2]], [2, -1]), rng), /weights\[1\] is -1/);
    const fitted = svm.fit(data, rng);
    assert.throws(() => fitted.decisionFunction(datasetFromRows([[1, 2, 3]])), /fitted on 5 columns; the data to score has 3/);
  });
});
