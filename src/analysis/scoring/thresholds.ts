/**
 * From model scores to decisions: thresholds (from a contamination setting or, with `auto`, from the
 * shape of the score distribution), competition ranks, and the score histogram. Everything works on
 * distinct vectors weighted by how many items (lines or sessions) share them.
 */
import type { Contamination } from '../pipeline/options';
import { weightedMedian } from '../util/stats';
import { AUTO_THRESHOLD } from '../models/anomalyModel';

/**
 * `auto` never cuts the model's scores below this share of all items: anomalous lines are few (a real
 * incident still fits in 1% of a big log's lines), while whole sessions fail more often (about 3% of
 * HDFS blocks in the labelled data set). A log whose own levels report more errors may have up to
 * `errors` of its lines under the cut. Warnings and errors raised above the cut by their severity are
 * flagged besides (capping them too lost most of BGL's alerts: `npm run eval:lines`).
 */
export const AUTO_MAX_SHARE = { lines: 0.01, errors: 0.1, sessions: 0.05 } as const;
/**
 * A gap in the upper tail separates a group that stands apart when it is at least this wide and
 * this many times the typical gap between the scores above the cut.
 */
const AUTO_MIN_GAP = 0.005;
const AUTO_GAP_FACTOR = 3;
/** Without such a gap, `auto` flags scores this many robust standard deviations above the median. */
const AUTO_DEVIATIONS = 4;

/**
 * The score at or above which items are flagged. A fraction flags the most anomalous items until
 * that share of all items is reached (ties stay together).
 *
 * `auto` only flags scores above the model's own boundary and the median, and at most `maxShare`
 * of the items. Within that, a group that stands apart is flagged: the cut is the widest gap to
 * the next lower score, if it is at least 0.005 and three times the median gap there. A smooth
 * tail without such a gap is cut at median + 4 robust standard deviations. Data in which
 * everything is alike gets nothing flagged.
 */
export function thresholdFor(scores: Float64Array, weights: Float64Array, contamination: Contamination, maxShare: number): number {
  const byScore = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < scores.length; i++) {
    if (weights[i] <= 0) continue;
    byScore.set(scores[i], (byScore.get(scores[i]) ?? 0) + weights[i]);
    total += weights[i];
  }
  if (total === 0) return 1;
  const distinct = [...byScore.keys()].sort((a, b) => b - a);
  const counts = distinct.map((score) => byScore.get(score) as number);
  if (contamination !== 'auto') {
    let cumulative = 0;
    for (let k = 0; k < distinct.length; k++) {
      cumulative += counts[k];
      if (cumulative >= contamination * total) return distinct[k];
    }
    return distinct[distinct.length - 1];
  }

  const median = weightedMedian(distinct, counts);
  const floor = Math.max(AUTO_THRESHOLD, median);
  const robustCutoff = Math.max(floor, median + AUTO_DEVIATIONS * 1.4826 * weightedMedian(distinct.map((score) => Math.abs(score - median)), counts));
  let widestCut = -1;
  let robustCut = -1;
  const gaps: number[] = [];
  let cumulative = 0;
  for (let k = 0; k < distinct.length - 1; k++) {
    cumulative += counts[k];
    if (cumulative > maxShare * total || distinct[k] <= floor) break;
    gaps.push(distinct[k] - distinct[k + 1]);
    if (widestCut < 0 || gaps[k] > gaps[widestCut]) widestCut = k;
    if (distinct[k] > robustCutoff) robustCut = k;
  }
  const typicalGap = gaps.length > 0 ? [...gaps].sort((a, b) => a - b)[Math.floor((gaps.length - 1) / 2)] : 0;
  const standsApart = widestCut >= 0 && gaps[widestCut] >= AUTO_MIN_GAP && gaps[widestCut] >= AUTO_GAP_FACTOR * typicalGap;
  const cut = standsApart ? widestCut : robustCut;
  // Nothing stands apart: a threshold just above the top score flags nothing.
  return cut >= 0 ? distinct[cut] : nothingFlagged(distinct[0]);
}

/** A threshold just above the top score: it flags nothing. */
function nothingFlagged(topScore: number): number {
  return topScore + Number.EPSILON * 4;
}

/**
 * A crowd is a tied group of ordinary items (one score, every item below WARN) with at least a tenth
 * of the share `auto` may flag (0.1% of all items) and more than five times the items of the typical
 * group scored above it. The model cannot tell a template of 1,600 lines in a million from one of 100
 * when both are too rare for its samples, so a routine template ties with the incidents near the cut;
 * the incidents above it come in groups of sizes within a few times of each other.
 */
const CROWD_MIN_SHARE = AUTO_MAX_SHARE.lines / 10;
const CROWD_FACTOR = 5;

/**
 * An `auto` threshold raised so that it takes in no crowd of ordinary lines: the cut moves to just above
 * the highest-scoring crowd, which stays unflagged with every group below it. A user reads each of a
 * crowd's lines as a false alarm and stops trusting the rest. `ordinary` marks the items below WARN.
 * The top group has nothing above to compare it with: it is a crowd only when all its items are
 * `routine` too (of templates that occur over much of the log, not in a burst), as in a log where
 * nothing went wrong, whose rarest routine template would otherwise be flagged whole.
 */
export function thresholdAboveCrowds(threshold: number, scores: Float64Array, weights: Float64Array, ordinary: Uint8Array, routine?: Uint8Array): number {
  const groups = new Map<number, { items: number; ordinary: boolean; routine: boolean }>();
  let total = 0;
  for (let i = 0; i < scores.length; i++) {
    if (weights[i] <= 0) continue;
    total += weights[i];
    if (scores[i] < threshold) continue;
    const group = groups.get(scores[i]) ?? { items: 0, ordinary: true, routine: routine !== undefined };
    group.items += weights[i];
    group.ordinary &&= ordinary[i] === 1;
    group.routine &&= ordinary[i] === 1 && routine?.[i] === 1;
    groups.set(scores[i], group);
  }
  const distinct = [...groups.keys()].sort((a, b) => b - a);
  // Sizes of the groups above the current one, kept sorted for their median.
  const above: number[] = [];
  for (let k = 0; k < distinct.length; k++) {
    const { items, ordinary: allOrdinary, routine: allRoutine } = groups.get(distinct[k]) as { items: number; ordinary: boolean; routine: boolean };
    const large = items >= CROWD_MIN_SHARE * total;
    if (k === 0 && allRoutine && large) return nothingFlagged(distinct[0]);
    const crowd = k > 0 && allOrdinary && large && items > CROWD_FACTOR * above[(above.length - 1) >> 1];
    if (crowd) return distinct[k - 1];
    let at = above.length;
    while (at > 0 && above[at - 1] > items) at--;
    above.splice(at, 0, items);
  }
  return threshold;
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
