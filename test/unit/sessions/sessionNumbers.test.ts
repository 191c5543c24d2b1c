import assert from 'node:assert/strict';
import { resolveSessionKey } from '../../../src/analysis/sessions/sessionKeys';
import { SessionNumbers } from '../../../src/analysis/sessions/sessionNumbers';

const LINES = [
  '081109 203615 148 INFO dfs.DataNode: Receiving block blk_38865049064139660 src: /10.0.0.1:5',
  '081109 203616 149 INFO dfs.DataNode: Deleting block blk_-38865049064139660 and blk_38865049064139660',
  '081109 203617 150 INFO dfs.DataNode: blk_1234567890123456789012 blk_7 blk_07 blk_38865049064139660',
];

/** The session numbers of each line and the names numbered, reading the lines as text or from their bytes. */
function numbered(fromBytes: boolean): { perLine: number[][]; names: string[] } {
  const key = resolveSessionKey('auto', [...LINES, ...LINES]);
  assert.equal(key?.kind, 'hdfs-block');
  const numbers = new SessionNumbers();
  const perLine: number[][] = [];
  for (const line of LINES) {
    // The line sits inside a larger buffer, as it does in a chunk.
    const bytes = new TextEncoder().encode(`xx\n${line}\n`);
    if (fromBytes) numbers.startEntry(line, bytes, 3);
    else numbers.startEntry();
    key?.extract(line, numbers);
    perLine.push([...numbers.foundInEntry]);
  }
  return { perLine, names: numbers.takeNew() };
}

describe('session numbers', () => {
  it('numbers ids in order of first appearance, an id named twice in an entry once', () => {
    assert.deepEqual(numbered(false), {
      perLine: [[0], [1, 0], [2, 3, 4, 0]],
      names: ['blk_38865049064139660', 'blk_-38865049064139660', 'blk_1234567890123456789012', 'blk_7', 'blk_07'],
    });
  });

  it('numbers thousands of ids, some by their digits and some by name, alike once their tables have grown', () => {
    const key = resolveSessionKey('auto', [...LINES, ...LINES]);
    const numbers = new SessionNumbers();
    // 22 digits are too many to keep as numbers: those ids go by name, and take numbers too.
    const ids = Array.from({ length: 12_000 }, (_, i) => (i % 3 === 0 ? `blk_1234567890123456${String(i).padStart(6, '0')}` : `blk_${i % 2 ? '-' : ''}${i * 7919}`));
    const seen = new Map<string, number>();
    for (const id of [...ids, ...ids.slice().reverse()]) {
      numbers.startEntry();
      key?.extract(`081109 203615 148 INFO dfs.DataNode: Receiving block ${id} src: /10.0.0.1:5`, numbers);
      if (!seen.has(id)) seen.set(id, seen.size);
      assert.deepEqual(numbers.foundInEntry, [seen.get(id)], id);
    }
    assert.deepEqual(numbers.takeNew(), [...seen.keys()]);
  });

  it('gives the same numbers when the digits are read from the line as ASCII bytes', () => {
    assert.deepEqual(numbered(true), numbered(false));
  });
});
