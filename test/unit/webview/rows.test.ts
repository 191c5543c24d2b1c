import * as assert from 'node:assert/strict';
import { visibleRange } from '../../../src/webview/cards/rankedGrid';
import { levelsOf, rowOrder, type RowQuery } from '../../../src/webview/rows';
import { makeRows } from './fixtures';

const ALL: RowQuery = { sortKey: 'rank', sortDescending: false, text: '', level: '', bucket: null, minScore: 0 };

describe('webview ranked rows', () => {
  const rows = makeRows(30);

  it('keeps rank order by default', () => {
    assert.deepEqual([...rowOrder(rows, ALL)], Array.from({ length: 30 }, (_, i) => i));
  });

  it('sorts by any column, both ways', () => {
    assert.deepEqual([...rowOrder(rows, { ...ALL, sortKey: 'line', sortDescending: true })].slice(0, 3), [29, 28, 27]);
    assert.deepEqual([...rowOrder(rows, { ...ALL, sortKey: 'score', sortDescending: false })].slice(0, 2), [29, 28]);
    // Messages sort as text: "message 9" after "message 29".
    assert.deepEqual([...rowOrder(rows, { ...ALL, sortKey: 'message' })].slice(-2), [8, 9]);
  });

  it('sorts levels by severity, ties in rank order', () => {
    const order = [...rowOrder(rows, { ...ALL, sortKey: 'level', sortDescending: true })];
    assert.deepEqual(order.slice(0, 3), [0, 3, 6]);
    assert.equal(rows.level[order[10]], 'WARN');
  });

  it('puts lines without a time last in either direction', () => {
    const withUntimed = makeRows(60);
    for (const sortDescending of [false, true]) {
      const order = [...rowOrder(withUntimed, { ...ALL, sortKey: 'time', sortDescending })];
      assert.equal(order.at(-1), 49);
      assert.equal(order[0], sortDescending ? 59 : 0);
    }
  });

  it('filters by text (message, template, reason, line number), level, bucket and score', () => {
    assert.deepEqual([...rowOrder(rows, { ...ALL, text: 'MESSAGE 2' })], [2, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
    assert.deepEqual([...rowOrder(rows, { ...ALL, text: 'terminating' })].length, 15);
    assert.deepEqual([...rowOrder(rows, { ...ALL, text: '89' })], [29]); // row 29 is line 89 (0-based 88)
    assert.ok([...rowOrder(rows, { ...ALL, level: 'WARN' })].every((i) => rows.level[i] === 'WARN'));
    assert.deepEqual([...rowOrder(rows, { ...ALL, bucket: 4 })], [4, 14, 24]);
    assert.deepEqual([...rowOrder(rows, { ...ALL, minScore: 0.97 })], [0, 1]);
  });

  it('lists the levels present, most severe first', () => {
    assert.deepEqual(levelsOf(rows), ['ERROR', 'WARN', 'INFO']);
  });

  it('renders only the rows in view plus an overscan', () => {
    assert.deepEqual(visibleRange(0, 480, 24, 10_000, 10), { first: 0, last: 30 });
    assert.deepEqual(visibleRange(24 * 5000, 480, 24, 10_000, 10), { first: 4990, last: 5030 });
    assert.deepEqual(visibleRange(24 * 9990, 480, 24, 10_000, 10), { first: 9980, last: 10_000 });
    assert.deepEqual(visibleRange(0, 480, 24, 5, 10), { first: 0, last: 5 });
    assert.deepEqual(visibleRange(0, 0, 24, 0), { first: 0, last: 0 });
  });
});
