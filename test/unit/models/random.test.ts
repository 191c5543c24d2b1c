import assert from 'node:assert/strict';
import { LineSampler, createRng, drawLines } from '../../../src/analysis/models/random';

function sequence(seed: number, length: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length }, () => rng.next());
}

describe('models/random', () => {
  it('repeats the same sequence for the same seed and a different one for another seed', () => {
    assert.deepEqual(sequence(42, 100), sequence(42, 100));
    assert.notDeepEqual(sequence(42, 100), sequence(43, 100));
    // The high 32 bits of a large seed matter too.
    assert.notDeepEqual(sequence(2 ** 40, 10), sequence(2 ** 40 + 2 ** 32, 10));
    assert.notDeepEqual(sequence(0, 10), sequence(2 ** 32, 10));
  });

  it('draws next() in [0, 1) with a uniform spread', () => {
    const values = sequence(7, 100_000);
    assert.ok(values.every((v) => v >= 0 && v < 1));
    const bins = new Array<number>(10).fill(0);
    for (const v of values) bins[Math.floor(v * 10)]++;
    // Each bin expects 10,000 ± 95 (one standard deviation); 5 σ is a bug, not chance.
    for (const count of bins) assert.ok(Math.abs(count - 10_000) < 475, `bin count ${count}`);
  });

  it('draws nextInt(n) over exactly 0..n-1', () => {
    const rng = createRng(3);
    const seen = new Array<number>(7).fill(0);
    for (let i = 0; i < 7000; i++) {
      const k = rng.nextInt(7);
      assert.ok(Number.isInteger(k) && k >= 0 && k < 7);
      seen[k]++;
    }
    for (const count of seen) assert.ok(count > 850 && count < 1150, `count ${count}`);
  });

  it('forks children that are deterministic and independent of each other and of the parent', () => {
    const parent = createRng(5);
    const first = parent.fork();
    const second = parent.fork();
    const again = createRng(5);
    const firstAgain = again.fork();
    const a = Array.from({ length: 20 }, () => first.next());
    assert.deepEqual(a, Array.from({ length: 20 }, () => firstAgain.next()));
    assert.notDeepEqual(a, Array.from({ length: 20 }, () => second.next()));
    assert.notDeepEqual(a, Array.from({ length: 20 }, () => parent.next()));
  });

  it('rejects seeds that are not non-negative safe integers', () => {
    for (const seed of [-1, 1.5, Number.NaN, 2 ** 53]) {
      assert.throws(() => createRng(seed), /seed must be a non-negative safe integer/);
    }
  });
});

describe('models/random LineSampler', () => {
  it('draws every line exactly once when asked for all of them, and restores', () => {
    const counts = Float64Array.from([3, 1, 5, 2]);
    const sampler = new LineSampler(counts);
    const rng = createRng(11);
    for (let round = 0; round < 2; round++) {
      const drawn = drawLines(sampler, rng, 11);
      assert.deepEqual(Array.from(drawn.rows), [0, 1, 2, 3]);
      assert.deepEqual(Array.from(drawn.counts), [3, 1, 5, 2]);
      assert.equal(sampler.remainingLines, 0);
      assert.throws(() => sampler.draw(rng), /no lines left/);
      sampler.restore();
      assert.equal(sampler.remainingLines, 11);
    }
  });

  it('draws a row with probability proportional to its count', () => {
    const counts = Float64Array.from([1, 0, 6, 3]);
    const sampler = new LineSampler(counts);
    const rng = createRng(2);
    const hits = [0, 0, 0, 0];
    for (let i = 0; i < 20_000; i++) {
      hits[sampler.draw(rng)]++;
      sampler.restore();
    }
    assert.equal(hits[1], 0);
    // Expected 2000, 12000, 6000; binomial σ ≤ 70.
    assert.ok(Math.abs(hits[0] - 2000) < 350, `row 0: ${hits[0]}`);
    assert.ok(Math.abs(hits[2] - 12_000) < 350, `row 2: ${hits[2]}`);
    assert.ok(Math.abs(hits[3] - 6000) < 350, `row 3: ${hits[3]}`);
  });
});
