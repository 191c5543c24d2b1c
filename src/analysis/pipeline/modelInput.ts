/** What a model learns from and scores: standardised rows with their weights, and a seed per use of randomness. */
import type { Dataset } from '../models/dataset';

type Matrix = { rows: number; cols: number; values: Float64Array };

/** Independent generator seeds for each use of randomness, all from the one user seed. */
export function derivedSeed(seed: number, stream: number): number {
  let h = ((seed >>> 0) ^ Math.imul(stream, 0x9e3779b9)) >>> 0;
  // Seeds past 2^32 mix in their high half too (seeds below it give what they always gave).
  const high = Math.floor(seed / 2 ** 32) >>> 0;
  if (high !== 0) h = (h ^ Math.imul(high ^ (high >>> 15), 0x2c1b3c6d) ^ 0x5bd1e995) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Seed streams: one per use of randomness. */
export const SEED_STREAM = { tfidf: 1, lineModel: 2, sessionModel: 3 } as const;

/**
 * Columns scaled to weighted mean 0 and standard deviation 1 over the rows the model learns from,
 * so that no feature dominates a kernel's distances by its units (trees do not care).
 */
/** The per-column mean and spread a model's rows were scaled with, for scoring more rows alike. */
export interface Scaling {
  readonly mean: Float64Array;
  readonly spread: Float64Array;
}

export function standardized(fit: Dataset, all: Matrix): { fit: Dataset; all: Dataset; scaling: Scaling } {
  const { cols } = all;
  const mean = new Float64Array(cols);
  const spread = new Float64Array(cols);
  const weights = fit.weights as Float64Array;
  let total = 0;
  for (let r = 0; r < fit.rows; r++) {
    total += weights[r];
    for (let c = 0; c < cols; c++) mean[c] += weights[r] * fit.values[r * cols + c];
  }
  for (let c = 0; c < cols; c++) mean[c] /= Math.max(1, total);
  for (let r = 0; r < fit.rows; r++) {
    for (let c = 0; c < cols; c++) spread[c] += weights[r] * (fit.values[r * cols + c] - mean[c]) ** 2;
  }
  for (let c = 0; c < cols; c++) spread[c] = Math.sqrt(spread[c] / Math.max(1, total)) || 1;
  const scaling = { mean, spread };
  return { fit: { ...fit, values: scaledValues(fit.values, scaling) }, all: scaledWith(all, scaling), scaling };
}

/** Rows scaled as the model's own were. */
export function scaledWith(matrix: Matrix, scaling: Scaling): Dataset {
  return { rows: matrix.rows, cols: matrix.cols, values: scaledValues(matrix.values, scaling) };
}

function scaledValues(values: Float64Array, { mean, spread }: Scaling): Float64Array {
  const cols = mean.length;
  return values.map((value, i) => (value - mean[i % cols]) / spread[i % cols]);
}

/** The rows that occur in the data a model learns from (a baseline lacks the new log's novelties). */
export function rowsWithWeight(matrix: Matrix, weights: Float64Array): Dataset {
  const kept: number[] = [];
  for (let r = 0; r < matrix.rows; r++) if (weights[r] > 0) kept.push(r);
  const values = new Float64Array(kept.length * matrix.cols);
  kept.forEach((r, i) => values.set(matrix.values.subarray(r * matrix.cols, (r + 1) * matrix.cols), i * matrix.cols));
  return { rows: kept.length, cols: matrix.cols, values, weights: Float64Array.from(kept, (r) => weights[r]) };
}
