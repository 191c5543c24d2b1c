/**
 * One-Class SVM (Schölkopf et al. 2001), ν-formulation with an RBF kernel, solved by SMO the way
 * libsvm (and so scikit-learn) solves it:
 *
 *   min ½ αᵀQα   subject to  0 ≤ α_i ≤ w_i,  Σ α_i = ν Σ w_i,   Q_ij = exp(-γ‖x_i − x_j‖²)
 *
 * A row of weight w_i has the upper bound w_i: the same problem as the row duplicated w_i times
 * (scikit-learn's sample_weight does the same). Working sets are chosen with second-order
 * information (Fan, Chen & Lin 2005), the stopping tolerance and ρ follow libsvm; shrinking is
 * left out since problems here have at most `maxTrainingRows` rows and every kernel column fits in
 * the cache. The decision function Σ α_i K(x_i, x) − ρ is positive inside the learned support.
 */
import type { ModelName } from '../pipeline/options';
import { AUTO_THRESHOLD, flagsAbove, type FittedAnomalyModel } from './anomalyModel';
import { checkKnownKeys, rowWeights, validateDataset, validateScoringData, type Dataset } from './dataset';
import { LineSampler, drawLines, type Rng } from './random';

export type Gamma = 'scale' | 'auto' | number;

export interface OneClassSvmParams {
  /**
   * Upper bound on the fraction of training lines outside the boundary (and lower bound on the
   * fraction of support vectors), in (0, 1). Default 0.05: anomalies in logs are a few percent of
   * lines, and with `contamination: 'auto'` ν caps how much the model flags of the data it learnt.
   */
  readonly nu?: number;
  /** RBF width: 'scale' = 1 / (cols · Var(X)) over all values, weighted (scikit-learn's default); 'auto' = 1 / cols; or a positive number. */
  readonly gamma?: Gamma;
  /** Stopping tolerance on the KKT violation, as libsvm's eps. Default 1e-3. */
  readonly tolerance?: number;
  /** SMO iterations before giving up (the model is still usable; `converged` is false). Default max(100000, 100 · training rows). */
  readonly maxIterations?: number;
  /** Above this many rows, the model learns from this many lines drawn by weight. Default 2000. */
  readonly maxTrainingRows?: number;
}

const PARAM_NAMES = ['nu', 'gamma', 'tolerance', 'maxIterations', 'maxTrainingRows'] as const;
/** libsvm's stand-in for a non-positive curvature. */
const TAU = 1e-12;
/** Kernel columns kept at once; 2000 training rows need 32 MB. */
const KERNEL_CACHE_BYTES = 128 * 1024 * 1024;

export class OneClassSvm {
  readonly nu: number;
  readonly gamma: Gamma;
  readonly tolerance: number;
  readonly maxIterations: number | undefined;
  readonly maxTrainingRows: number;

  constructor(params: OneClassSvmParams = {}) {
    checkKnownKeys(params, PARAM_NAMES, 'One-Class SVM');
    this.nu = params.nu ?? 0.05;
    this.gamma = params.gamma ?? 'scale';
    this.tolerance = params.tolerance ?? 1e-3;
    this.maxIterations = params.maxIterations;
    this.maxTrainingRows = params.maxTrainingRows ?? 2000;
    if (!(typeof this.nu === 'number' && this.nu > 0 && this.nu < 1)) {
      throw new RangeError(`nu must be a fraction in (0, 1), e.g. 0.05; got ${String(this.nu)}`);
    }
    const gamma = this.gamma;
    if (!(gamma === 'scale' || gamma === 'auto' || (typeof gamma === 'number' && gamma > 0 && Number.isFinite(gamma)))) {
      throw new RangeError(`gamma must be "scale", "auto" or a positive number; got ${JSON.stringify(gamma)}`);
    }
    if (!(typeof this.tolerance === 'number' && this.tolerance > 0 && this.tolerance < 1)) {
      throw new RangeError(`tolerance must be a positive number below 1, e.g. 1e-3; got ${String(this.tolerance)}`);
    }
    if (this.maxIterations !== undefined && (!Number.isSafeInteger(this.maxIterations) || this.maxIterations < 1)) {
      throw new RangeError(`maxIterations must be a positive integer or left out; got ${String(this.maxIterations)}`);
    }
    if (!Number.isInteger(this.maxTrainingRows) || this.maxTrainingRows < 1 || this.maxTrainingRows > 20_000) {
      throw new RangeError(`maxTrainingRows must be an integer from 1 to 20000; got ${String(this.maxTrainingRows)}`);
    }
  }

  /** `rng` draws the training lines when the data has more than maxTrainingRows rows; otherwise it is not used. */
  fit(data: Dataset, rng: Rng): FittedOneClassSvm {
    validateDataset(data);
    const cols = data.cols;
    const weights = rowWeights(data);
    const gamma = resolveGamma(this.gamma, data, weights);
    let trainRows: Int32Array = Int32Array.from({ length: data.rows }, (_, r) => r);
    let bounds = weights;
    if (data.rows > this.maxTrainingRows) {
      ({ rows: trainRows, counts: bounds } = drawLines(new LineSampler(weights), rng, this.maxTrainingRows));
    }
    const l = trainRows.length;
    const x = new Float64Array(l * cols);
    for (let i = 0; i < l; i++) x.set(data.values.subarray(trainRows[i] * cols, (trainRows[i] + 1) * cols), i * cols);
    const maxIterations = this.maxIterations ?? Math.max(100_000, 100 * l);
    const solution = solveOneClass(new KernelColumns(x, l, cols, gamma), bounds, this.nu, this.tolerance, maxIterations);

    let supportCount = 0;
    for (let i = 0; i < l; i++) if (solution.alpha[i] > 0) supportCount++;
    const supportVectors = new Float64Array(supportCount * cols);
    const coefficients = new Float64Array(supportCount);
    for (let i = 0, s = 0; i < l; i++) {
      if (solution.alpha[i] <= 0) continue;
      supportVectors.set(x.subarray(i * cols, (i + 1) * cols), s * cols);
      coefficients[s++] = solution.alpha[i];
    }
    return new FittedOneClassSvm(cols, gamma, supportVectors, coefficients, solution.rho, {
      iterations: solution.iterations,
      converged: solution.converged,
      trainingRows: l,
    });
  }
}

export interface SvmFitInfo {
  readonly iterations: number;
  /** False when maxIterations ran out before the KKT conditions held within the tolerance. */
  readonly converged: boolean;
  /** Distinct rows the QP was solved over (after the maxTrainingRows draw). */
  readonly trainingRows: number;
}

export class FittedOneClassSvm implements FittedAnomalyModel {
  readonly name: ModelName = 'ocsvm';

  constructor(
    readonly cols: number,
    /** The γ used, after resolving 'scale' or 'auto'. */
    readonly gamma: number,
    /** Support vectors (rows with α > 0), row-major. */
    readonly supportVectors: Float64Array,
    /** Their α: Σ α = ν · training weight. */
    readonly coefficients: Float64Array,
    readonly rho: number,
    readonly info: SvmFitInfo,
  ) {}

  /** Σ α_i K(x_i, x) − ρ: positive inside the support, 0 on the boundary, −ρ far from all training data. Same as scikit-learn's decision_function. */
  decisionFunction(data: Dataset): Float64Array {
    const sums = this.kernelSums(data);
    for (let i = 0; i < sums.length; i++) sums[i] -= this.rho;
    return sums;
  }

  /**
   * ρ / (ρ + Σ α_i K(x_i, x)) in (0, 1]: 0.5 on the boundary (decision 0), 1 where no training
   * data is within the kernel's reach, towards 0 deep inside. It is the boundary density over the
   * boundary density plus the density at x, so it needs no scale learnt from the data and is a
   * decreasing function of the decision value: the ranking is the SVM's own.
   */
  anomalyScores(data: Dataset): Float64Array {
    const sums = this.kernelSums(data);
    for (let i = 0; i < sums.length; i++) sums[i] = this.rho / (this.rho + sums[i]);
    return sums;
  }

  /** 1 for rows whose score is above the threshold (default: decision value below 0). */
  anomalyFlags(data: Dataset, threshold = AUTO_THRESHOLD): Uint8Array {
    return flagsAbove(this.anomalyScores(data), threshold);
  }


  private kernelSums(data: Dataset): Float64Array {
    validateScoringData(data, this.cols);
    const cols = this.cols;
    const values = data.values;
    const sv = this.supportVectors;
    const alpha = this.coefficients;
    const gamma = this.gamma;
    const sums = new Float64Array(data.rows);
    for (let r = 0; r < data.rows; r++) {
      const base = r * cols;
      let sum = 0;
      for (let s = 0; s < alpha.length; s++) {
        const svBase = s * cols;
        let distance = 0;
        for (let c = 0; c < cols; c++) {
          const d = values[base + c] - sv[svBase + c];
          distance += d * d;
        }
        sum += alpha[s] * Math.exp(-gamma * distance);
      }
      sums[r] = sum;
    }
    return sums;
  }
}

/** 'scale': 1 / (cols · Var) of all values with row weights, 1 when every value is the same (as scikit-learn). */
function resolveGamma(gamma: Gamma, data: Dataset, weights: Float64Array): number {
  if (typeof gamma === 'number') return gamma;
  if (gamma === 'auto') return 1 / data.cols;
  const { rows, cols, values } = data;
  let total = 0;
  let sum = 0;
  for (let r = 0; r < rows; r++) {
    total += weights[r];
    for (let c = 0; c < cols; c++) sum += weights[r] * values[r * cols + c];
  }
  const mean = sum / (total * cols);
  let squares = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) squares += weights[r] * (values[r * cols + c] - mean) ** 2;
  }
  const variance = squares / (total * cols);
  return variance > 0 ? 1 / (cols * variance) : 1;
}

/** Columns of Q computed on demand and kept in a least-recently-used cache. */
class KernelColumns {
  private readonly store: Float64Array;
  private readonly slotOfRow: Int32Array;
  private readonly rowOfSlot: Int32Array;
  /** Doubly linked list of slots, most recently used at the head. */
  private readonly newer: Int32Array;
  private readonly older: Int32Array;
  private head = -1;
  private tail = -1;
  private slotsUsed = 0;

  constructor(
    private readonly x: Float64Array,
    readonly rows: number,
    private readonly cols: number,
    private readonly gamma: number,
  ) {
    const slots = Math.max(2, Math.min(rows, Math.floor(KERNEL_CACHE_BYTES / (8 * rows))));
    this.store = new Float64Array(slots * rows);
    this.slotOfRow = new Int32Array(rows).fill(-1);
    this.rowOfSlot = new Int32Array(slots).fill(-1);
    this.newer = new Int32Array(slots).fill(-1);
    this.older = new Int32Array(slots).fill(-1);
  }

  /** K(x_i, x_k) for every k. Valid until two more columns are requested. */
  column(i: number): Float64Array {
    let slot = this.slotOfRow[i];
    if (slot >= 0) {
      this.unlink(slot);
      this.pushHead(slot);
      return this.view(slot);
    }
    if (this.slotsUsed < this.rowOfSlot.length) {
      slot = this.slotsUsed++;
    } else {
      slot = this.tail;
      this.unlink(slot);
      this.slotOfRow[this.rowOfSlot[slot]] = -1;
    }
    this.rowOfSlot[slot] = i;
    this.slotOfRow[i] = slot;
    this.pushHead(slot);
    const out = this.view(slot);
    const { x, cols, gamma } = this;
    const base = i * cols;
    for (let k = 0; k < this.rows; k++) {
      const kBase = k * cols;
      let distance = 0;
      for (let c = 0; c < cols; c++) {
        const d = x[base + c] - x[kBase + c];
        distance += d * d;
      }
      out[k] = Math.exp(-gamma * distance);
    }
    return out;
  }

  private view(slot: number): Float64Array {
    return this.store.subarray(slot * this.rows, (slot + 1) * this.rows);
  }

  private unlink(slot: number): void {
    const newer = this.newer[slot];
    const older = this.older[slot];
    if (newer >= 0) this.older[newer] = older;
    else this.head = older;
    if (older >= 0) this.newer[older] = newer;
    else this.tail = newer;
    this.newer[slot] = -1;
    this.older[slot] = -1;
  }

  private pushHead(slot: number): void {
    this.older[slot] = this.head;
    this.newer[slot] = -1;
    if (this.head >= 0) this.newer[this.head] = slot;
    this.head = slot;
    if (this.tail < 0) this.tail = slot;
  }
}

interface OneClassSolution {
  readonly alpha: Float64Array;
  readonly rho: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** libsvm's Solver for the one-class dual (all labels +1, linear term 0), without shrinking. */
function solveOneClass(
  kernel: KernelColumns,
  upper: Float64Array,
  nu: number,
  tolerance: number,
  maxIterations: number,
): OneClassSolution {
  const l = kernel.rows;
  const alpha = new Float64Array(l);
  // Start feasible as libsvm does: fill the first rows to their bounds until Σα = ν Σ w.
  let remaining = 0;
  for (let i = 0; i < l; i++) remaining += nu * upper[i];
  for (let i = 0; i < l && remaining > 0; i++) {
    alpha[i] = Math.min(upper[i], remaining);
    remaining -= alpha[i];
  }
  const gradient = new Float64Array(l);
  for (let i = 0; i < l; i++) {
    if (alpha[i] === 0) continue;
    const qi = kernel.column(i);
    for (let k = 0; k < l; k++) gradient[k] += alpha[i] * qi[k];
  }

  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    // i: the most violating row that may still grow; j: the partner whose update most reduces the objective.
    let gMax = -Infinity;
    let i = -1;
    for (let t = 0; t < l; t++) {
      if (alpha[t] < upper[t] && -gradient[t] >= gMax) {
        gMax = -gradient[t];
        i = t;
      }
    }
    if (i < 0) {
      converged = true;
      break;
    }
    const qi = kernel.column(i);
    let gMax2 = -Infinity;
    let j = -1;
    let bestObjective = Infinity;
    for (let t = 0; t < l; t++) {
      if (alpha[t] <= 0) continue;
      const g = gradient[t];
      if (g >= gMax2) gMax2 = g;
      const gradientDiff = gMax + g;
      if (gradientDiff > 0) {
        const curvature = 2 - 2 * qi[t];
        const objective = -(gradientDiff * gradientDiff) / (curvature > 0 ? curvature : TAU);
        if (objective <= bestObjective) {
          j = t;
          bestObjective = objective;
        }
      }
    }
    if (gMax + gMax2 < tolerance || j < 0) {
      converged = true;
      break;
    }
    iterations++;

    const qj = kernel.column(j);
    let curvature = 2 - 2 * qi[j];
    if (curvature <= 0) curvature = TAU;
    const oldI = alpha[i];
    const oldJ = alpha[j];
    const delta = (gradient[i] - gradient[j]) / curvature;
    const sum = oldI + oldJ;
    let newI = oldI - delta;
    let newJ = oldJ + delta;
    // Clip to the box keeping α_i + α_j, as libsvm's same-label update.
    if (sum > upper[i]) {
      if (newI > upper[i]) {
        newI = upper[i];
        newJ = sum - upper[i];
      }
    } else if (newJ < 0) {
      newJ = 0;
      newI = sum;
    }
    if (sum > upper[j]) {
      if (newJ > upper[j]) {
        newJ = upper[j];
        newI = sum - upper[j];
      }
    } else if (newI < 0) {
      newI = 0;
      newJ = sum;
    }
    alpha[i] = newI;
    alpha[j] = newJ;
    const deltaI = newI - oldI;
    const deltaJ = newJ - oldJ;
    for (let k = 0; k < l; k++) gradient[k] += qi[k] * deltaI + qj[k] * deltaJ;
  }

  // ρ: the mean gradient over free α, else the middle of the bounds the KKT conditions allow.
  let free = 0;
  let freeSum = 0;
  let upperBound = Infinity;
  let lowerBound = -Infinity;
  for (let t = 0; t < l; t++) {
    const g = gradient[t];
    if (alpha[t] >= upper[t]) lowerBound = Math.max(lowerBound, g);
    else if (alpha[t] <= 0) upperBound = Math.min(upperBound, g);
    else {
      free++;
      freeSum += g;
    }
  }
  const rho = free > 0 ? freeSum / free : (upperBound + lowerBound) / 2;
  return { alpha, rho, iterations, converged };
}
