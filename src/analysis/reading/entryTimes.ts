/**
 * Entry timestamps in 4 bytes an entry instead of 8: each is kept as whole milliseconds (Int32)
 * after the time of its block of 4,096 entries, which a log's neighbouring lines are always close
 * to. A time that is not a whole number of milliseconds from its block's, or is more than 24 days
 * from it, is kept exactly on the side; `of` gives back every time exactly as parsed.
 */

/** Entries per block with one base time: 8 bytes of base per 4,096 entries. */
const BLOCK_SHIFT = 12;
/** Offset slot of an entry without a timestamp. */
const NO_TIME = -0x80000000;
/** Offset slot of an entry whose time is kept on the side. */
const ASIDE = -0x7fffffff;
const MIN_OFFSET = ASIDE + 1;
const MAX_OFFSET = 0x7fffffff;

export class EntryTimes {
  private offsets: Int32Array;
  /** Per block: the first time of the block rounded down to a millisecond, NaN before it has one. */
  private bases: Float64Array;
  private readonly aside = new Map<number, number>();
  private count = 0;

  constructor(capacity: number) {
    this.offsets = new Int32Array(Math.max(1, capacity));
    this.bases = new Float64Array((this.offsets.length >> BLOCK_SHIFT) + 1).fill(NaN);
  }

  get length(): number {
    return this.count;
  }

  /** Adds the times (ms, NaN for none) of the next entries. */
  append(times: Float64Array): void {
    const end = this.count + times.length;
    if (end > this.offsets.length) this.grow(Math.max(end, this.offsets.length * 2));
    const { offsets, bases } = this;
    for (let i = 0; i < times.length; i++) {
      const entry = this.count++;
      const time = times[i];
      if (time !== time) {
        offsets[entry] = NO_TIME;
        continue;
      }
      const block = entry >> BLOCK_SHIFT;
      let base = bases[block];
      if (base !== base) base = bases[block] = Math.floor(time);
      const offset = time - base;
      if (offset >= MIN_OFFSET && offset <= MAX_OFFSET && Math.floor(offset) === offset && base + offset === time) {
        offsets[entry] = offset;
      } else {
        offsets[entry] = ASIDE;
        this.aside.set(entry, time);
      }
    }
  }

  /** The time of an entry in ms since the epoch, NaN when it has none. */
  of(entry: number): number {
    const offset = this.offsets[entry];
    if (offset >= MIN_OFFSET) return this.bases[entry >> BLOCK_SHIFT] + offset;
    return offset === NO_TIME ? NaN : (this.aside.get(entry) as number);
  }

  /** The buffer the offsets are kept in, for a column to be built in once the times are let go of (util/spareBuffers). */
  get offsetBuffer(): ArrayBufferLike {
    return this.offsets.buffer;
  }

  /** Gives back the room to grow when it is much more than the entries need. */
  trim(): void {
    if (this.count < this.offsets.length * 0.75) this.grow(this.count);
  }

  private grow(capacity: number): void {
    const offsets = new Int32Array(Math.max(1, capacity));
    offsets.set(this.offsets.subarray(0, Math.min(this.count, capacity)));
    const bases = new Float64Array((offsets.length >> BLOCK_SHIFT) + 1).fill(NaN);
    bases.set(this.bases.subarray(0, Math.min(this.bases.length, bases.length)));
    this.offsets = offsets;
    this.bases = bases;
  }
}
