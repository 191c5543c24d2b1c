import * as assert from 'node:assert/strict';
import { formatCount, formatDuration, formatScore, groupDigits, percent, plural, roundScore, shorten, wordFor } from '../../../src/analysis';

describe('text helpers', () => {
  it('groups digits without the locale', () => {
    assert.deepEqual([0, 999, 1000, 1234567, 2.5].map(groupDigits), ['0', '999', '1,000', '1,234,567', '3']);
  });

  it('counts in the singular only for one', () => {
    assert.equal(plural(1, 'line'), '1 line');
    assert.equal(plural(0, 'line'), '0 lines');
    assert.equal(plural(12345, 'anomaly', 'anomalies'), '12,345 anomalies');
    assert.equal(wordFor(1, 'was', 'were'), 'was');
    assert.equal(wordFor(2, 'was', 'were'), 'were');
  });

  it('writes a score with the decimals its place asks for', () => {
    const score = 0.87654321;
    assert.deepEqual([formatScore(score, 'file'), formatScore(score, 'table'), formatScore(score, 'label'), formatScore(score, 'axis')], ['0.876543', '0.877', '0.88', '0.9']);
    assert.equal(roundScore(score), 0.876543);
  });

  it('keeps short text and cuts long text with an ellipsis', () => {
    assert.equal(shorten('short', 10), 'short');
    assert.equal(shorten('0123456789', 10), '0123456789');
    assert.equal(shorten('0123456789abc', 10), '012345678…');
  });

  it('writes counts, shares and durations compactly', () => {
    assert.deepEqual([7, 2.5, 9999, 12_345, 4_100_000, 3e9].map(formatCount), ['7', '2.5', '9999', '12.3k', '4.1M', '3G']);
    assert.deepEqual([0, 0.00001, 0.0025, 0.025, 0.37].map(percent), ['0%', '<0.01%', '0.25%', '2.5%', '37%']);
    assert.deepEqual([850, 4200, 210_000, 7_200_000, 3 * 86_400_000, NaN].map(formatDuration), ['850 ms', '4.2 s', '3.5 min', '2 h', '3 days', 'unknown time']);
  });
});
