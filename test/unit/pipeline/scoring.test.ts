import assert from 'node:assert/strict';
import { ranksFor, scoreHistogram, thresholdAboveCrowds, thresholdFor } from '../../../src/analysis/scoring/thresholds';

function flagged(scores: number[], weights: number[], threshold: number): number {
  return scores.reduce((sum, score, i) => sum + (score >= threshold ? weights[i] : 0), 0);
}

describe('thresholdFor', () => {
  it('flags nothing when every score is alike', () => {
    const scores = Float64Array.from([0.5, 0.5]);
    const weights = Float64Array.from([900, 100]);
    assert.equal(flagged([...scores], [...weights], thresholdFor(scores, weights, 'auto', 0.01)), 0);
  });

  it('with auto, flags the group that stands apart from the bulk', () => {
    // Bulk around 0.45-0.5, a few stragglers just above it, and a rare group at 0.78-0.80.
    const scores = Float64Array.from([0.45, 0.47, 0.5, 0.55, 0.78, 0.79, 0.8]);
    const weights = Float64Array.from([50_000, 30_000, 19_000, 500, 100, 100, 100]);
    const threshold = thresholdFor(scores, weights, 'auto', 0.01);
    assert.equal(threshold, 0.78);
    assert.equal(flagged([...scores], [...weights], threshold), 300);
  });

  it('with auto, cuts a smooth tail beyond the robust deviation of a tight bulk, and never past the cap', () => {
    // A tight bulk (0.45-0.5) and an even tail (0.55-0.95) without a gap that stands apart.
    const bulk = Array.from({ length: 50 }, (_, i) => 0.45 + i * 0.001);
    const tail = Array.from({ length: 80 }, (_, i) => 0.55 + i * 0.005);
    const scores = Float64Array.from([...bulk, ...tail]);
    const total = 50 * 1000 + 80 * 5;
    const withTail = Float64Array.from(scores, (_, i) => (i < 50 ? 1000 : 5));
    assert.equal(flagged([...scores], [...withTail], thresholdFor(scores, withTail, 'auto', 0.01)), 400);
    // The same tail, heavier than the cap allows: only the top of it, within 1% of all items.
    const heavy = Float64Array.from(scores, (_, i) => (i < 50 ? 1000 : 50));
    const share = flagged([...scores], [...heavy], thresholdFor(scores, heavy, 'auto', 0.01)) / (total - 400 + 80 * 50);
    assert.ok(share > 0 && share <= 0.01, `flagged share ${share}`);
  });

  it('with auto, flags nothing in a wide smooth spread with no tail beyond it', () => {
    const scores = Float64Array.from({ length: 100 }, (_, i) => 0.3 + i * 0.005);
    const weights = new Float64Array(100).fill(100);
    assert.equal(flagged([...scores], [...weights], thresholdFor(scores, weights, 'auto', 0.01)), 0);
  });

  it('with a fraction, flags the most anomalous items until that share is reached, ties together', () => {
    const scores = Float64Array.from([0.9, 0.8, 0.8, 0.3]);
    const weights = Float64Array.from([5, 10, 10, 75]);
    assert.equal(thresholdFor(scores, weights, 0.05, 0.01), 0.9);
    assert.equal(thresholdFor(scores, weights, 0.1, 0.01), 0.8);
    assert.equal(flagged([...scores], [...weights], thresholdFor(scores, weights, 0.1, 0.01)), 25);
  });
});

describe('thresholdAboveCrowds', () => {
  // A bulk of 10,000 ordinary lines at 0.5 and, above a cut at 0.73, small groups with a tied group of
  // 60 lines (0.6% of the log, twenty times the typical group above it) near the bottom.
  const scores = Float64Array.from([0.5, 0.9, 0.85, 0.8, 0.78, 0.75, 0.74, 0.73]);
  const weights = Float64Array.from([10_000, 1, 3, 2, 4, 3, 60, 1]);
  const ordinary = (except: number[] = []) => Uint8Array.from(scores, (_, i) => (except.includes(i) ? 0 : 1));

  it('moves the cut above a crowd of ordinary lines, leaving it and what scores below it unflagged', () => {
    const threshold = thresholdAboveCrowds(0.73, scores, weights, ordinary());
    assert.equal(threshold, 0.75);
    assert.equal(flagged([...scores], [...weights], threshold), 13);
  });

  it('keeps a tied group of warnings or errors, a group within five times of the typical one, and a group under 0.1% of the lines', () => {
    assert.equal(thresholdAboveCrowds(0.73, scores, weights, ordinary([6])), 0.73, 'WARN or above is no crowd');
    const like = Float64Array.from(weights, (weight, i) => (i === 6 ? 15 : weight));
    assert.equal(thresholdAboveCrowds(0.73, scores, like, ordinary()), 0.73, 'five times the median group above (3)');
    const bigger = Float64Array.from(weights, (weight, i) => (i === 0 ? 100_000 : weight));
    assert.equal(thresholdAboveCrowds(0.73, scores, bigger, ordinary()), 0.73, '60 of 100,000 lines');
  });

  it('takes the top group for a crowd only when its lines are routine (their template recurs over the log), and never looks below the threshold', () => {
    const top = Float64Array.from(weights, (weight, i) => (i === 1 ? 60 : i === 6 ? 1 : weight));
    assert.equal(thresholdAboveCrowds(0.73, scores, top, ordinary()), 0.73);
    assert.equal(thresholdAboveCrowds(0.73, scores, top, ordinary(), ordinary([1])), 0.73, 'the top group is not routine');
    const routineTop = thresholdAboveCrowds(0.73, scores, top, ordinary(), ordinary());
    assert.ok(routineTop > 0.9, `${routineTop}: nothing is flagged`);
    assert.equal(flagged([...scores], [...top], routineTop), 0);
    assert.equal(thresholdAboveCrowds(0.73, scores, top, ordinary([1]), ordinary()), 0.73, 'a routine top group of warnings is no crowd');
    const small = Float64Array.from(top, (weight, i) => (i === 1 ? 5 : weight));
    assert.equal(thresholdAboveCrowds(0.73, scores, small, ordinary(), ordinary()), 0.73, '5 of 10,000 lines is under 0.1%');
    assert.equal(thresholdAboveCrowds(0.745, scores, weights, ordinary()), 0.745);
  });
});

describe('ranksFor and scoreHistogram', () => {
  it('gives competition ranks weighted by how many items share a score', () => {
    const ranks = ranksFor(Float64Array.from([0.2, 0.9, 0.9, 0.5]), Float64Array.from([10, 3, 2, 4]));
    assert.deepEqual([...ranks], [10, 1, 1, 6]);
  });

  it('counts items per bin over [0, 1]', () => {
    const { edges, counts } = scoreHistogram(Float64Array.from([0, 0.99, 1]), Float64Array.from([2, 3, 4]));
    assert.equal(edges.length, counts.length + 1);
    assert.equal(counts[0], 2);
    assert.equal(counts[counts.length - 1], 7);
  });
});
