/**
 * Seeded randomness for the models. The engine never calls Math.random: every random choice comes
 * from an Rng created from the run's seed, so the same log and seed give bit-identical results.
 *
 * The generator is xoshiro128** (Blackman & Vigna), seeded through splitmix32 so that nearby seeds
 * (42, 43, ...) start from unrelated states.
 */

export interface Rng {
  /** Uniform in [0, 1) with 53 random bits. */
  next(): number;
  /** Uniform integer in [0, n) for a positive integer n (up to 2^53). */
  nextInt(n: number): number;
  /**
   * A child generator seeded from this one's next outputs. Give each independent piece of work
   * (each tree, each model) its own child, drawn up front, so its results do not depend on the
   * order in which the pieces run.
   */
  fork(): Rng;
}

const TWO_POW_26 = 67108864;
const TWO_POW_53 = 9007199254740992;
const TWO_POW_32 = 4294967296;

/** A generator for a non-negative safe integer seed (the options' `seed`). */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`seed must be a non-negative safe integer; got ${String(seed)}`);
  }
  // Both 32-bit halves of the seed matter; splitmix32 spreads them over the 128-bit state.
  const low = seed >>> 0;
  const high = Math.floor(seed / TWO_POW_32) >>> 0;
  const mixer = splitmix32((low ^ Math.imul(high, 0x9e3779b9)) >>> 0);
  return new Xoshiro128(mixer(), mixer(), mixer(), mixer() ^ high);
}

class Xoshiro128 implements Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(s0: number, s1: number, s2: number, s3: number) {
    // The all-zero state is the one state xoshiro never leaves.
    if ((s0 | s1 | s2 | s3) === 0) s0 = 0x9e3779b9;
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
  }

  /** Next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9);
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result >>> 0;
  }

  next(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * TWO_POW_26 + low) / TWO_POW_53;
  }

  nextInt(n: number): number {
    // The bias of flooring a 53-bit uniform is below n / 2^53: invisible for any count we draw from.
    return Math.floor(this.next() * n);
  }

  fork(): Rng {
    const mixer = splitmix32(this.nextUint32());
    return new Xoshiro128(
      mixer() ^ this.nextUint32(),
      mixer() ^ this.nextUint32(),
      mixer() ^ this.nextUint32(),
      mixer() ^ this.nextUint32(),
    );
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

function splitmix32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * Draws lines without replacement from rows that stand for `counts[i]` identical lines each, as if
 * the rows were duplicated count times and shuffled. A Fenwick tree over the remaining counts
 * finds the row of a random line in O(log rows); `restore` puts the drawn lines back, so one
 * sampler serves every tree of a forest.
 */
export class LineSampler {
  private readonly tree: Float64Array;
  private readonly size: number;
  private readonly topBit: number;
  private readonly drawn: number[] = [];
  private remaining: number;

  constructor(counts: Float64Array) {
    this.size = counts.length;
    this.tree = new Float64Array(this.size + 1);
    let total = 0;
    for (let i = 0; i < this.size; i++) {
      this.tree[i + 1] = counts[i];
      total += counts[i];
    }
    for (let i = 1; i <= this.size; i++) {
      const parent = i + (i & -i);
      if (parent <= this.size) this.tree[parent] += this.tree[i];
    }
    let bit = 1;
    while (bit * 2 <= this.size) bit *= 2;
    this.topBit = bit;
    this.remaining = total;
  }

  /** Lines not drawn yet. */
  get remainingLines(): number {
    return this.remaining;
  }

  /** Row of one line drawn uniformly from the lines not drawn yet. */
  draw(rng: Rng): number {
    if (this.remaining < 1) throw new RangeError('no lines left to draw');
    let target = rng.nextInt(this.remaining);
    // Descend the Fenwick tree to the row holding the target-th remaining line.
    let position = 0;
    for (let bit = this.topBit; bit > 0; bit >>= 1) {
      const next = position + bit;
      if (next <= this.size && this.tree[next] <= target) {
        position = next;
        target -= this.tree[next];
      }
    }
    this.add(position, -1);
    this.drawn.push(position);
    return position;
  }

  /** Puts every line drawn since the last restore back. */
  restore(): void {
    for (const row of this.drawn) this.add(row, 1);
    this.drawn.length = 0;
  }

  private add(row: number, delta: number): void {
    for (let i = row + 1; i <= this.size; i += i & -i) this.tree[i] += delta;
    this.remaining += delta;
  }
}

/**
 * Draws `lines` lines without replacement and returns the distinct rows drawn with how many lines
 * each got, rows in ascending order. Callers restore the sampler when they reuse it.
 */
export function drawLines(sampler: LineSampler, rng: Rng, lines: number): { rows: Int32Array; counts: Float64Array } {
  const multiplicity = new Map<number, number>();
  for (let k = 0; k < lines; k++) {
    const row = sampler.draw(rng);
    multiplicity.set(row, (multiplicity.get(row) ?? 0) + 1);
  }
  const rows = Int32Array.from(multiplicity.keys()).sort();
  const counts = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) counts[i] = multiplicity.get(rows[i]) as number;
  return { rows, counts };
}
