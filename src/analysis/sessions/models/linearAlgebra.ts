/**
 * The little linear algebra the count models need, on matrices as small as a log's event count:
 * whether a relation follows from relations already kept (its row lies in their span), and the
 * eigen-decomposition of a symmetric matrix (cyclic Jacobi rotations: exact enough, deterministic,
 * and a few milliseconds for the 30-odd events of HDFS).
 */

/** A residual below this share of a row's length means the row lies in the span. */
const SPAN_TOLERANCE = 1e-9;
const JACOBI_SWEEPS = 100;

/** Rows kept so far, as an orthonormal basis of their span (Gram–Schmidt, twice for stability). */
export class RowSpan {
  private readonly basis: Float64Array[] = [];

  constructor(readonly width: number) {}

  get rank(): number {
    return this.basis.length;
  }

  /** Whether the row is not a combination of the rows kept so far. */
  wouldBeIndependent(row: ArrayLike<number>): boolean {
    return this.residual(row) !== null;
  }

  /** Keeps the row and returns true unless it is a combination of the rows kept before. */
  addIfIndependent(row: ArrayLike<number>): boolean {
    const residual = this.residual(row);
    if (residual !== null) this.basis.push(residual);
    return residual !== null;
  }

  /** The row's part outside the span, as a unit vector; null when it lies in the span. */
  private residual(row: ArrayLike<number>): Float64Array | null {
    const residual = Float64Array.from(row);
    const length = Math.hypot(...residual);
    if (length === 0) return null;
    for (let pass = 0; pass < 2; pass++) {
      for (const unit of this.basis) {
        let dot = 0;
        for (let i = 0; i < this.width; i++) dot += unit[i] * residual[i];
        for (let i = 0; i < this.width; i++) residual[i] -= dot * unit[i];
      }
    }
    const left = Math.hypot(...residual);
    if (left <= SPAN_TOLERANCE * length) return null;
    for (let i = 0; i < this.width; i++) residual[i] /= left;
    return residual;
  }
}

export interface Eigen {
  /** Eigenvalues, largest first. */
  readonly values: Float64Array;
  /** Unit eigenvectors as rows, in the order of `values`: vectors[k * n + i]. */
  readonly vectors: Float64Array;
}

/** Eigenvalues and eigenvectors of the symmetric n × n matrix `a` (row-major; not modified). */
export function symmetricEigen(a: Float64Array, n: number): Eigen {
  const m = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < JACOBI_SWEEPS; sweep++) {
    let off = 0;
    let diagonal = 0;
    for (let p = 0; p < n; p++) {
      diagonal += m[p * n + p] ** 2;
      for (let q = p + 1; q < n; q++) off += m[p * n + q] ** 2;
    }
    if (off <= 1e-22 * Math.max(diagonal, Number.MIN_VALUE)) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q];
        if (apq === 0) continue;
        const theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k * n + p];
          const mkq = m[k * n + q];
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p * n + k];
          const mqk = m[q * n + k];
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => m[y * n + y] - m[x * n + x] || x - y);
  const values = Float64Array.from(order, (i) => Math.max(0, m[i * n + i]));
  const vectors = new Float64Array(n * n);
  order.forEach((column, k) => {
    for (let i = 0; i < n; i++) vectors[k * n + i] = v[i * n + column];
  });
  return { values, vectors };
}
