import assert from 'node:assert/strict';
import { EntryTimes } from '../../../src/analysis/reading/entryTimes';

describe('EntryTimes', () => {
  it('gives back every time exactly: whole and fractional milliseconds, none, far apart, across blocks and growth', () => {
    const start = Date.UTC(2024, 2, 1, 12);
    const expected: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      if (i % 97 === 0) expected.push(NaN);
      else if (i % 1001 === 0) expected.push(start + i + 0.25);
      else if (i % 1777 === 0) expected.push(start + 40 * 86_400_000 * (i % 3 === 0 ? 1 : -1));
      else expected.push(start + i * 37);
    }
    const times = new EntryTimes(1000);
    for (let i = 0; i < expected.length; i += 3000) times.append(Float64Array.from(expected.slice(i, i + 3000)));
    times.trim();
    assert.equal(times.length, expected.length);
    for (let i = 0; i < expected.length; i++) assert.ok(Object.is(times.of(i), expected[i]), `entry ${i}: ${times.of(i)} for ${expected[i]}`);
  });

  it('gives back the times after a block that starts at a fractional time', () => {
    const times = new EntryTimes(4);
    times.append(Float64Array.from([1000.5, 2000, 3000.75, NaN]));
    assert.deepEqual([0, 1, 2, 3].map((i) => times.of(i)), [1000.5, 2000, 3000.75, NaN]);
  });
});
