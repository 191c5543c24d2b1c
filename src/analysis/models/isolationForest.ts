/**
 * Isolation Forest (Liu, Ting & Zhou, ICDM 2008). Anomalies are few and different, so random
 * axis-parallel splits isolate them in fewer steps: s(x) = 2^(-E[h(x)] / c(ψ)), where h is the
 * path length of x in one tree, ψ the lines each tree was grown on and c(n) the average path
 * length of an unsuccessful search in a binary search tree of n items.
 *
 * Construction holds the hyper-parameters; `fit` validates the data, draws each tree's lines with
 * its own forked generator and returns a FittedIsolationForest whose trees live in flat typed
 * arrays.
 *
 * One departure, for data where many lines share one vector (logs): a leaf still holding n lines
 * adds c(n) to the path, the depth those lines would need to be isolated from each other. A point
 * outside the bounding box of the leaf's lines is not one of them: a single further cut would
 * isolate it, so it gets min(1, c(n)) instead. Without this, a vector that no tree sampled (a
 * line seen once in a million) lands in the leaf of the nearest big cluster and inherits that
 * cluster's long path, scoring as normal as the cluster.
 */
import type { ModelName } from '../pipeline/options';
import { AUTO_THRESHOLD, flagsAbove, type FittedAnomalyModel } from './anomalyModel';
import { checkKnownKeys, rowWeights, totalWeight, validateDataset, validateScoringData, type Dataset } from './dataset';
import { LineSampler, drawLines, type Rng } from './random';

export interface IsolationForestParams {
  /** Isolation trees; more give steadier scores. Default 100. */
  readonly trees?: number;
  /** Lines drawn without replacement (by weight) to grow each tree, capped at the total weight. Default 256. */
  readonly sampleSize?: number;
  /** Columns each tree may split on, drawn per tree without replacement. Default: all columns. */
  readonly maxFeatures?: number;
}

const PARAM_NAMES = ['trees', 'sampleSize', 'maxFeatures'] as const;
const EULER_GAMMA = 0.5772156649015329;

export class IsolationForest {
  readonly trees: number;
  readonly sampleSize: number;
  readonly maxFeatures: number | undefined;

  constructor(params: IsolationForestParams = {}) {
    checkKnownKeys(params, PARAM_NAMES, 'Isolation Forest');
    this.trees = params.trees ?? 100;
    this.sampleSize = params.sampleSize ?? 256;
    this.maxFeatures = params.maxFeatures;
    if (!Number.isInteger(this.trees) || this.trees < 1 || this.trees > 10_000) {
      throw new RangeError(`trees must be an integer from 1 to 10000; got ${String(this.trees)}`);
    }
    if (!Number.isInteger(this.sampleSize) || this.sampleSize < 2) {
      throw new RangeError(`sampleSize must be an integer of at least 2 (lines per tree); got ${String(this.sampleSize)}`);
    }
    if (this.maxFeatures !== undefined && (!Number.isInteger(this.maxFeatures) || this.maxFeatures < 1)) {
      throw new RangeError(`maxFeatures must be a positive integer (columns per tree) or left out for all; got ${String(this.maxFeatures)}`);
    }
  }

  fit(data: Dataset, rng: Rng): FittedIsolationForest {
    validateDataset(data);
    const weights = rowWeights(data);
    const psi = Math.min(this.sampleSize, totalWeight(data));
    const featuresPerTree = Math.min(this.maxFeatures ?? data.cols, data.cols);
    // A tree has at most one leaf per distinct row it was grown on.
    const nodesPerTree = 2 * Math.min(psi, data.rows) - 1;
    const builder = new ForestBuilder(data, this.trees * nodesPerTree, psi, Math.min(psi, data.rows) * this.trees * featuresPerTree * 2);
    const sampler = psi < totalWeight(data) ? new LineSampler(weights) : null;
    // Forked up front: a tree's randomness does not depend on how many draws the others made.
    const treeRngs = Array.from({ length: this.trees }, () => rng.fork());
    const roots = new Int32Array(this.trees);
    const treeFeatures: Int32Array[] = [];
    const allColumns = Int32Array.from({ length: data.cols }, (_, c) => c);
    const allRows = Int32Array.from({ length: data.rows }, (_, r) => r);
    for (let t = 0; t < this.trees; t++) {
      const treeRng = treeRngs[t];
      let sample: { rows: Int32Array; counts: Float64Array } = { rows: allRows, counts: weights };
      if (sampler !== null) {
        sample = drawLines(sampler, treeRng, psi);
        sampler.restore();
      }
      const features = chooseFeatures(allColumns, featuresPerTree, treeRng);
      treeFeatures.push(features);
      roots[t] = builder.growTree(sample.rows, sample.counts, features, treeRng);
    }
    return new FittedIsolationForest(data.cols, psi, roots, treeFeatures, builder.finish());
  }
}

/**
 * Flat trees: node i splits on feature[i] at value[i] (x < value goes to left[i], else left[i] + 1).
 * A leaf has feature -1 and value = its normalised path length for points inside the bounding box
 * of its lines; left[i] is then the offset of that box in `boxes` (the tree's features, as min/max
 * pairs, in the order of `treeFeatures`) or -1 without a box, and `outside[i]` the normalised path
 * length for points outside it.
 */
export interface FlatTrees {
  readonly feature: Int32Array;
  readonly value: Float64Array;
  readonly left: Int32Array;
  readonly outside: Float64Array;
  readonly boxes: Float64Array;
}

export class FittedIsolationForest implements FittedAnomalyModel {
  readonly name: ModelName = 'iforest';

  /**
   * @param sampleSize ψ: lines each tree was grown on (the sampleSize parameter capped at the total weight).
   */
  constructor(
    readonly cols: number,
    readonly sampleSize: number,
    readonly roots: Int32Array,
    readonly treeFeatures: readonly Int32Array[],
    readonly nodes: FlatTrees,
  ) {}

  get trees(): number {
    return this.roots.length;
  }

  /** s(x) = 2^(-E[h(x)] / c(ψ)) in (0, 1]: 1 = most anomalous, 0.5 = an average path length (the paper's boundary). */
  anomalyScores(data: Dataset): Float64Array {
    validateScoringData(data, this.cols);
    const { feature, value, left, outside, boxes } = this.nodes;
    const values = data.values;
    const cols = data.cols;
    const trees = this.roots.length;
    const scores = new Float64Array(data.rows);
    for (let r = 0; r < data.rows; r++) {
      const base = r * cols;
      let pathSum = 0;
      for (let t = 0; t < trees; t++) {
        let node = this.roots[t];
        let f = feature[node];
        while (f >= 0) {
          node = values[base + f] < value[node] ? left[node] : left[node] + 1;
          f = feature[node];
        }
        const box = left[node];
        let inside = true;
        if (box >= 0) {
          const features = this.treeFeatures[t];
          for (let k = 0; k < features.length && inside; k++) {
            const x = values[base + features[k]];
            inside = x >= boxes[box + 2 * k] && x <= boxes[box + 2 * k + 1];
          }
        }
        pathSum += inside ? value[node] : outside[node];
      }
      scores[r] = 2 ** (-pathSum / trees);
    }
    return scores;
  }

  /** scikit-learn's convention: 0.5 - s(x), negative = anomalous, 0 at the paper's boundary. */
  decisionFunction(data: Dataset): Float64Array {
    const scores = this.anomalyScores(data);
    for (let i = 0; i < scores.length; i++) scores[i] = AUTO_THRESHOLD - scores[i];
    return scores;
  }

  /** 1 for rows whose score is above the threshold (default: the paper's 0.5). */
  anomalyFlags(data: Dataset, threshold = AUTO_THRESHOLD): Uint8Array {
    return flagsAbove(this.anomalyScores(data), threshold);
  }
}

/**
 * c(n): average path length of an unsuccessful search in a binary search tree of n items, the
 * expected remaining depth below a leaf still holding n lines (scikit-learn's form).
 */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER_GAMMA) - (2 * (n - 1)) / n;
}

/** First `count` columns of a seeded shuffle (all columns, in order, when count covers them). */
function chooseFeatures(allColumns: Int32Array, count: number, rng: Rng): Int32Array {
  if (count >= allColumns.length) return allColumns;
  const shuffled = allColumns.slice();
  for (let k = 0; k < count; k++) {
    const j = k + rng.nextInt(shuffled.length - k);
    const swap = shuffled[k];
    shuffled[k] = shuffled[j];
    shuffled[j] = swap;
  }
  return shuffled.subarray(0, count);
}

class ForestBuilder {
  private readonly feature: Int32Array;
  private readonly value: Float64Array;
  private readonly left: Int32Array;
  private readonly outside: Float64Array;
  private readonly boxes: Float64Array;
  private used = 0;
  private boxesUsed = 0;
  private readonly heightLimit: number;
  /** Leaf path lengths are stored divided by c(ψ), so a forest of root leaves averages to exactly 1 (s = 0.5). */
  private readonly pathNormaliser: number;

  constructor(
    private readonly data: Dataset,
    capacity: number,
    psi: number,
    boxCapacity: number,
  ) {
    this.feature = new Int32Array(capacity);
    this.value = new Float64Array(capacity);
    this.left = new Int32Array(capacity);
    this.outside = new Float64Array(capacity);
    this.boxes = new Float64Array(boxCapacity);
    this.heightLimit = Math.ceil(Math.log2(psi));
    this.pathNormaliser = averagePathLength(psi);
  }

  /** Grows one tree on the sampled rows (each standing for counts[i] lines) and returns its root. */
  growTree(rows: Int32Array, counts: Float64Array, features: Int32Array, rng: Rng): number {
    const { values, cols } = this.data;
    const order = Int32Array.from({ length: rows.length }, (_, i) => i);
    const candidates = new Int32Array(features.length);
    const lows = new Float64Array(features.length);
    const highs = new Float64Array(features.length);
    let lines = 0;
    for (let i = 0; i < counts.length; i++) lines += counts[i];
    const root = this.allocate(1);
    // Pending nodes: [node, lo, hi, depth, lines], sample entries order[lo..hi).
    const stack: number[] = [root, 0, rows.length, 0, lines];
    while (stack.length > 0) {
      const nodeLines = stack.pop() as number;
      const depth = stack.pop() as number;
      const hi = stack.pop() as number;
      const lo = stack.pop() as number;
      const node = stack.pop() as number;
      let split = -1;
      let threshold = 0;
      if (hi - lo > 1 && depth < this.heightLimit) {
        // A uniform choice among the features not constant here (scikit-learn draws features until
        // one is not). Constant ones cost no random draw, so a row of weight w and w copies of it
        // consume the generator alike and grow the same tree.
        let splittable = 0;
        for (let k = 0; k < features.length; k++) {
          const f = features[k];
          let min = Infinity;
          let max = -Infinity;
          for (let i = lo; i < hi; i++) {
            const x = values[rows[order[i]] * cols + f];
            if (x < min) min = x;
            if (x > max) max = x;
          }
          if (max > min) {
            candidates[splittable] = f;
            lows[splittable] = min;
            highs[splittable] = max;
            splittable++;
          }
        }
        if (splittable > 0) {
          const pick = rng.nextInt(splittable);
          const min = lows[pick];
          const max = highs[pick];
          split = candidates[pick];
          // Uniform in (min, max], so both sides keep at least one row.
          threshold = max - rng.next() * (max - min);
          if (threshold <= min) threshold = max;
        }
      }
      if (split < 0) {
        const remaining = averagePathLength(nodeLines);
        this.feature[node] = -1;
        this.value[node] = this.pathNormaliser > 0 ? (depth + remaining) / this.pathNormaliser : 1;
        this.outside[node] = this.pathNormaliser > 0 ? (depth + Math.min(1, remaining)) / this.pathNormaliser : 1;
        this.left[node] = remaining > 0 ? this.storeBox(rows, order, lo, hi, features) : -1;
        continue;
      }
      // Partition order[lo..hi) into x < threshold, then x >= threshold.
      let i = lo;
      let j = hi - 1;
      let leftLines = 0;
      while (i <= j) {
        const sample = order[i];
        if (values[rows[sample] * cols + split] < threshold) {
          leftLines += counts[sample];
          i++;
        } else {
          order[i] = order[j];
          order[j] = sample;
          j--;
        }
      }
      const child = this.allocate(2);
      this.feature[node] = split;
      this.value[node] = threshold;
      this.left[node] = child;
      stack.push(child, lo, i, depth + 1, leftLines, child + 1, i, hi, depth + 1, nodeLines - leftLines);
    }
    return root;
  }

  /** Stores the bounding box of the leaf's rows over the tree's features; returns its offset. */
  private storeBox(rows: Int32Array, order: Int32Array, lo: number, hi: number, features: Int32Array): number {
    const { values, cols } = this.data;
    const offset = this.boxesUsed;
    for (let k = 0; k < features.length; k++) {
      let min = Infinity;
      let max = -Infinity;
      for (let i = lo; i < hi; i++) {
        const x = values[rows[order[i]] * cols + features[k]];
        if (x < min) min = x;
        if (x > max) max = x;
      }
      this.boxes[offset + 2 * k] = min;
      this.boxes[offset + 2 * k + 1] = max;
    }
    this.boxesUsed += 2 * features.length;
    return offset;
  }

  finish(): FlatTrees {
    return {
      feature: this.feature.slice(0, this.used),
      value: this.value.slice(0, this.used),
      left: this.left.slice(0, this.used),
      outside: this.outside.slice(0, this.used),
      boxes: this.boxes.slice(0, this.boxesUsed),
    };
  }

  private allocate(count: number): number {
    const first = this.used;
    this.used += count;
    return first;
  }
}
