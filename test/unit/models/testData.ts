/** Seeded synthetic data and rank statistics shared by the model tests. */
import type { Dataset } from '../../../src/analysis/models/dataset';
import { createRng, type Rng } from '../../../src/analysis/models/random';

export function gaussian(rng: Rng): number {
  // Box–Muller; 1 - next() is in (0, 1], so the logarithm is finite.
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

export interface PlantedData {
  readonly data: Dataset;
  /** Row indices of the planted outliers (the last rows). */
  readonly outliers: readonly number[];
}

/**
 * `inliers` rows from two Gaussian blobs (σ = 0.5, centres at +2 and -2 on every axis) followed by
 * `outliers` rows drawn uniformly from [-6, 6]^cols, kept only if at least 4 (eight σ√cols for
 * cols ≤ 4, still well clear of the blobs for more) from both centres.
 */
export function plantedOutliers(seed: number, inliers: number, outliers: number, cols: number): PlantedData {
  const rng = createRng(seed);
  const rows = inliers + outliers;
  const values = new Float64Array(rows * cols);
  for (let r = 0; r < inliers; r++) {
    const centre = r % 2 === 0 ? 2 : -2;
    for (let c = 0; c < cols; c++) values[r * cols + c] = centre + 0.5 * gaussian(rng);
  }
  for (let r = inliers; r < rows; ) {
    const point = Array.from({ length: cols }, () => 12 * rng.next() - 6);
    const distance = (centre: number) => Math.hypot(...point.map((x) => x - centre));
    if (Math.min(distance(2), distance(-2)) < 4) continue;
    values.set(point, r * cols);
    r++;
  }
  return { data: { rows, cols, values }, outliers: Array.from({ length: outliers }, (_, k) => inliers + k) };
}

/** Rows with the given weights expanded into that many copies each. */
export function duplicateRows(data: Dataset, weights: Float64Array): Dataset {
  let total = 0;
  for (const w of weights) total += w;
  const values = new Float64Array(total * data.cols);
  let out = 0;
  for (let r = 0; r < data.rows; r++) {
    for (let k = 0; k < weights[r]; k++) {
      values.set(data.values.subarray(r * data.cols, (r + 1) * data.cols), out * data.cols);
      out++;
    }
  }
  return { rows: total, cols: data.cols, values };
}

/** Ranks 1..n (1 = smallest), ties sharing their average rank. */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const order = Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && values[order[end]] === values[order[start]]) end++;
    const rank = (start + end + 1) / 2;
    for (let k = start; k < end; k++) ranks[order[k]] = rank;
    start = end;
  }
  return ranks;
}

export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let meanA = 0;
  let meanB = 0;
  for (let i = 0; i < n; i++) {
    meanA += a[i] / n;
    meanB += b[i] / n;
  }
  let cov = 0;
  let varA = 0;
  let varB = 0;
  for (let i = 0; i < n; i++) {
    cov += (a[i] - meanA) * (b[i] - meanB);
    varA += (a[i] - meanA) ** 2;
    varB += (b[i] - meanB) ** 2;
  }
  return cov / Math.sqrt(varA * varB);
}

export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return pearson(averageRanks(a), averageRanks(b));
}

/** Indices of the k largest values, largest first. */
export function topK(values: ArrayLike<number>, k: number): number[] {
  return Array.from({ length: values.length }, (_, i) => i)
    .sort((a, b) => values[b] - values[a] || a - b)
    .slice(0, k);
}
