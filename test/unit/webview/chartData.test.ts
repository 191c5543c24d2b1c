import * as assert from 'node:assert/strict';
import { describeTimeline, histogramView, pixelToScore, scoreToPixel, spikes, timelineView } from '../../../src/webview/charts/chartData';
import { withAlpha } from '../../../src/webview/theme';
import { makeState } from './fixtures';

describe('webview chart data', () => {
  it('finds anomaly spikes: well above the other buckets and at least two', () => {
    assert.deepEqual([...spikes([0, 1, 0, 1, 9, 0, 1, 0, 0, 1])], [4]);
    assert.deepEqual([...spikes([1, 1, 1, 1])], []);
    assert.deepEqual([...spikes([0, 0, 0, 0, 0, 0, 0, 0, 0, 1])], []);
    assert.deepEqual([...spikes([])], []);
  });

  it('labels the timeline and marks bursts and the selected bucket', () => {
    const state = makeState();
    const view = timelineView(state.timeline, 2);
    assert.equal(view.labels[0], '20:35');
    assert.equal(view.ranges[3], '11-09 20:38:00 – 20:39:00');
    assert.deepEqual([...view.bursts], [3]);
    assert.equal(view.selected, 2);
    assert.equal(view.bucketSize, '1 minute');
    assert.match(describeTimeline(view), /^20,000 lines in 10 buckets of 1 minute, 100 anomalous\. Error bursts: 11-09 20:38:00 – 20:39:00\.$/);
  });

  it('colours histogram bins whose middle is at or above the threshold', () => {
    const edges = [0, 0.25, 0.5, 0.75, 1];
    const view = histogramView({ edges, counts: [5, 4, 3, 2] }, 0.6);
    assert.deepEqual(view.flagged, [false, false, true, true]);
    assert.deepEqual(view.ranges, ['0.00–0.25', '0.25–0.50', '0.50–0.75', '0.75–1.00']);
  });

  it('maps scores to pixels and back across the bins, clamped to the axis', () => {
    const edges = [0, 0.5, 1];
    assert.equal(scoreToPixel(0.25, edges, 40, 440), 140);
    assert.equal(pixelToScore(140, edges, 40, 440), 0.25);
    assert.equal(pixelToScore(0, edges, 40, 440), 0);
    assert.equal(pixelToScore(900, edges, 40, 440), 1);
    for (const score of [0, 0.123, 0.5, 0.999]) assert.ok(Math.abs(pixelToScore(scoreToPixel(score, edges, 10, 310), edges, 10, 310) - score) < 1e-12);
  });

  it('makes theme colours translucent whatever their notation', () => {
    assert.equal(withAlpha('#f14c4c', 0.5), 'rgba(241, 76, 76, 0.5)');
    assert.equal(withAlpha('#abc', 1), 'rgba(170, 187, 204, 1)');
    assert.equal(withAlpha('#3794ff80', 0.5), 'rgba(55, 148, 255, 0.251)');
    assert.equal(withAlpha('rgba(10, 20, 30, 0.5)', 0.5), 'rgba(10, 20, 30, 0.25)');
    assert.equal(withAlpha('rgb(10 20 30 / 50%)', 1), 'rgba(10, 20, 30, 0.5)');
    assert.equal(withAlpha('red', 0.5), 'red');
  });
});
