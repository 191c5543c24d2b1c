/**
 * From model scores to decisions: thresholds (from a contamination setting or, with `auto`, from the
 * shape of the score distribution), competition ranks, and the score histogram. Everything works on
 * distinct vectors weighted by how many items (lines or sessions) share them.
 */
import type { Contamination } from './options';
import { weightedMedian } from './util/stats';
import { AUTO_THRESHOLD } from './models/anomalyModel';

/** `auto` never flags more than this share of all items... */
const AUTO_MAX_SHARE = 0.05;
/** ...and needs the flagged scores to stand this far apart from the rest. */
const AUTO_MIN_GAP = 0.01;

/**
 * The score at or above which items are flagged. A fraction flags the most anomalous items until
 * that share of all items is reached (ties stay together). `auto` looks for the group that stands
 * apart: among the cuts that flag at most 5% of items and only scores above the model's own
 * boundary and above the median, it takes the one with the widest gap to the next lower score. A
 * score distribution without such a gap (everything alike) flags nothing.
 */
export function thresholdFor(scores: Float64Array, weights: Float64Array, contamination: Contamination): number {
  const byScore = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < scores.length; i++) {
    if (weights[i] <= 0) continue;
    byScore.set(scores[i], (byScore.get(scores[i]) ?? 0) + weights[i]);
    total += weights[i];
  }
  if (total === 0) return 1;
  const distinct = [...byScore.keys()].sort((a, b) => b - a);
  if (contamination !== 'auto') {
    let cumulative = 0;
    for (const score of distinct) {
      cumulative += byScore.get(score) as number;
      if (cumulative >= contamination * total) return score;
    }
    return distinct[distinct.length - 1];
  }
  const floor = Math.max(AUTO_THRESHOLD, weightedMedian(distinct, distinct.map((score) => byScore.get(score) as number)));
  let best = -1;
  let bestGap = AUTO_MIN_GAP;
  let cumulative = 0;
  for (let k = 0; k < distinct.length - 1; k++) {
    cumulative += byScore.get(distinct[k]) as number;
    if (cumulative > AUTO_MAX_SHARE * total || distinct[k] <= floor) break;
    const gap = distinct[k] - distinct[k + 1];
    if (gap > bestGap) {
      bestGap = gap;
      best = k;
    }
  }
  // Nothing stands apart: a threshold just above the top score flags nothing.
  return best >= 0 ? distinct[best] : distinct[0] + Number.EPSILON * 4;
}

/** Competition ranks: 1 + the weight of all items with a strictly higher score. */
export function ranksFor(scores: Float64Array, weights: Float64Array): Float64Array {
  const order = Array.from(scores.keys()).sort((a, b) => scores[b] - scores[a] || a - b);
  const ranks = new Float64Array(scores.length);
  let above = 0;
  let pending = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    if (k > 0 && scores[i] !== scores[order[k - 1]]) {
      above += pending;
      pending = 0;
    }
    ranks[i] = 1 + above;
    pending += weights[i];
  }
  return ranks;
}

export const HISTOGRAM_BINS = 50;

/** Line-weighted histogram of scores over [0, 1]. */
export function scoreHistogram(scores: Float64Array, weights: Float64Array): { edges: number[]; counts: number[] } {
  const edges = Array.from({ length: HISTOGRAM_BINS + 1 }, (_, i) => i / HISTOGRAM_BINS);
  const counts = new Array<number>(HISTOGRAM_BINS).fill(0);
  for (let i = 0; i < scores.length; i++) {
    if (weights[i] <= 0) continue;
    const bin = Math.min(HISTOGRAM_BINS - 1, Math.max(0, Math.floor(scores[i] * HISTOGRAM_BINS)));
    counts[bin] += weights[i];
  }
  return { edges, counts };
}
