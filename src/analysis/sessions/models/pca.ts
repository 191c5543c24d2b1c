/**
 * PCA residual subspace (Xu et al., SOSP 2009): the principal components that explain 95% of the
 * variance of the sessions' event counts span what normal sessions do; a session's squared
 * prediction error (SPE, its squared distance from that subspace) measures how far it is off, and
 * the Q-statistic (Jackson & Mudholkar 1979) at α = 0.001 is the threshold that holds without
 * tuning. Covariance and projection are weighted by each distinct count vector's sessions.
 */
import type { CountRows } from './countRows';
import { symmetricEigen } from './linearAlgebra';

/** The principal subspace keeps the components that explain this share of the variance. */
const EXPLAINED_VARIANCE = 0.95;
/** The standard normal quantile of 1 − α for α = 0.001. */
const Z_ALPHA = 3.0902;

export interface PcaSubspace {
  readonly width: number;
  readonly mean: Float64Array;
  /** Principal directions as rows (components × width). */
  readonly components: Float64Array;
  readonly componentCount: number;
  /** The Q-statistic: SPE above it is anomalous. */
  readonly threshold: number;
}

export interface SubspaceResidual {
  readonly spe: number;
  /** Count minus its projection onto the subspace, per column. */
  readonly residuals: Float64Array;
}

export function fitPca(data: CountRows): PcaSubspace {
  const { rows, weights } = data;
  const width = data.events.length;
  const mean = new Float64Array(width);
  let total = 0;
  for (let r = 0; r < rows; r++) {
    total += weights[r];
    for (let c = 0; c < width; c++) mean[c] += weights[r] * data.values[r * width + c];
  }
  for (let c = 0; c < width; c++) mean[c] /= Math.max(1, total);
  const covariance = new Float64Array(width * width);
  const centred = new Float64Array(width);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < width; c++) centred[c] = data.values[r * width + c] - mean[c];
    for (let i = 0; i < width; i++) {
      const wi = weights[r] * centred[i];
      if (wi === 0) continue;
      for (let j = i; j < width; j++) covariance[i * width + j] += wi * centred[j];
    }
  }
  for (let i = 0; i < width; i++) {
    for (let j = i; j < width; j++) {
      covariance[i * width + j] /= Math.max(1, total);
      covariance[j * width + i] = covariance[i * width + j];
    }
  }
  const { values, vectors } = symmetricEigen(covariance, width);
  const variance = values.reduce((sum, value) => sum + value, 0);
  let componentCount = 0;
  for (let explained = 0; componentCount < width && explained < EXPLAINED_VARIANCE * variance; componentCount++) explained += values[componentCount];
  return { width, mean, components: vectors.slice(0, componentCount * width), componentCount, threshold: qStatistic(values.subarray(componentCount), variance) };
}

/** The session's distance from the subspace, for counts at `offset` in `counts`. */
export function subspaceResidual(pca: PcaSubspace, counts: ArrayLike<number>, offset = 0): SubspaceResidual {
  const { width, mean, components } = pca;
  const residuals = new Float64Array(width);
  for (let c = 0; c < width; c++) residuals[c] = counts[offset + c] - mean[c];
  for (let k = 0; k < pca.componentCount; k++) {
    let dot = 0;
    for (let c = 0; c < width; c++) dot += components[k * width + c] * (counts[offset + c] - mean[c]);
    for (let c = 0; c < width; c++) residuals[c] -= dot * components[k * width + c];
  }
  let spe = 0;
  for (let c = 0; c < width; c++) spe += residuals[c] ** 2;
  return { spe, residuals };
}

/**
 * Jackson–Mudholkar's threshold on the SPE from the residual eigenvalues. When the subspace
 * explains everything, any measurable distance is off it.
 */
function qStatistic(residualValues: Float64Array, variance: number): number {
  const floor = 1e-9 * Math.max(variance, 1);
  const phi = [1, 2, 3].map((power) => residualValues.reduce((sum, value) => sum + value ** power, 0));
  if (phi[0] <= floor || phi[1] <= 0) return floor;
  const h0 = 1 - (2 * phi[0] * phi[2]) / (3 * phi[1] * phi[1]);
  if (!(h0 > 0)) return phi[0];
  const base = (Z_ALPHA * Math.sqrt(2 * phi[1] * h0 * h0)) / phi[0] + 1 + (phi[1] * h0 * (h0 - 1)) / (phi[0] * phi[0]);
  return Math.max(floor, phi[0] * Math.max(base, 0) ** (1 / h0));
}
