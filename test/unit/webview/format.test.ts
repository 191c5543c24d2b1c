import * as assert from 'node:assert/strict';
import type { DashboardTimeline } from '../../../src/protocol';
import { bucketLabel, bucketRange, formatBucketSize, formatBytes, formatElapsed, formatTimestamp } from '../../../src/webview/format';

function timeline(overrides: Partial<DashboardTimeline>): DashboardTimeline {
  return { kind: 'time', hasYear: true, start: Date.UTC(2008, 10, 9, 20, 30), bucketSize: 300_000, lines: new Array(12).fill(1), anomalies: [], errors: [], bursts: [], ...overrides };
}

describe('webview format', () => {
  it('writes timestamps in the log clock (UTC), without a year when the log has none', () => {
    const at = Date.UTC(2008, 10, 9, 20, 35, 18);
    assert.equal(formatTimestamp(at, true), '2008-11-09 20:35:18');
    assert.equal(formatTimestamp(at, false), '11-09 20:35:18');
    assert.equal(formatTimestamp(at + 250, true), '2008-11-09 20:35:18.250');
    assert.equal(formatTimestamp(null, true), '');
  });

  it('labels time buckets as precisely as their size needs', () => {
    assert.equal(bucketLabel(timeline({}), 1), '20:35');
    assert.equal(bucketLabel(timeline({ bucketSize: 5_000 }), 3), '20:30:15');
    // Twelve buckets of two hours span a day: the date comes with the time.
    assert.equal(bucketLabel(timeline({ bucketSize: 7_200_000 }), 2), '11-10 00:30');
    assert.equal(bucketLabel(timeline({ bucketSize: 86_400_000 }), 1), '2008-11-10');
    assert.equal(bucketLabel(timeline({ bucketSize: 86_400_000, hasYear: false }), 1), '11-10');
  });

  it('labels line buckets by their first line, 1-based', () => {
    const lines = timeline({ kind: 'lines', start: 0, bucketSize: 120 });
    assert.equal(bucketLabel(lines, 0), '1');
    assert.equal(bucketLabel(lines, 2), '241');
    assert.equal(bucketRange(lines, 2), 'Lines 241–360');
  });

  it('gives a bucket’s full range, with the date again only when it changes', () => {
    assert.equal(bucketRange(timeline({}), 0), '2008-11-09 20:30:00 – 20:35:00');
    assert.equal(bucketRange(timeline({ bucketSize: 7_200_000 }), 1), '2008-11-09 22:30:00 – 2008-11-10 00:30:00');
    assert.equal(bucketRange(timeline({ hasYear: false }), 0), '11-09 20:30:00 – 20:35:00');
  });

  it('names bucket sizes in words', () => {
    assert.equal(formatBucketSize({ kind: 'time', bucketSize: 1000 }), '1 second');
    assert.equal(formatBucketSize({ kind: 'time', bucketSize: 300_000 }), '5 minutes');
    assert.equal(formatBucketSize({ kind: 'time', bucketSize: 7_200_000 }), '2 hours');
    assert.equal(formatBucketSize({ kind: 'time', bucketSize: 604_800_000 }), '7 days');
    assert.equal(formatBucketSize({ kind: 'lines', bucketSize: 17_000 }), '17,000 lines');
  });

  it('writes sizes and durations for the summary', () => {
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(3 * 1024 * 1024), '3.0 MB');
    assert.equal(formatBytes(1.5 * 1024 ** 3), '1.5 GB');
    assert.equal(formatElapsed(850), '850 ms');
    assert.equal(formatElapsed(4200), '4.2 s');
    assert.equal(formatElapsed(185_000), '3 min 5 s');
  });
});
