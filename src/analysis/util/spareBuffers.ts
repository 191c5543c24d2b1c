/**
 * The buffers of per-line columns a stage has emptied, for the next per-line tables to be built in.
 * V8 frees an emptied column only at its next collection, which may come after those tables are
 * made: without a hand-over the peak would hold both, as much as the collector's timing decides.
 */

/** A typed array kind: a constructor that makes one of a length, or over part of a buffer. */
export interface TypedArrayKind<T> {
  new (length: number): T;
  new (buffer: ArrayBuffer, byteOffset: number, length: number): T;
  readonly BYTES_PER_ELEMENT: number;
}

/** Buffers below this are cheap for the collector to take back: not worth a hand-over. */
const MIN_SPARE_BYTES = 1 << 20;
/**
 * A table takes a buffer it fills at least this share of: what it leaves is held as long as it
 * is (the report's tables as long as the report).
 */
const MIN_FILLED_SHARE = 0.75;

export class SpareBuffers {
  private buffers: ArrayBuffer[] = [];

  /** Keeps the buffer of a column nothing reads any more (nothing may: a table is built over it). */
  add(buffer: ArrayBufferLike): void {
    if (buffer instanceof ArrayBuffer && buffer.byteLength >= MIN_SPARE_BYTES && !this.buffers.includes(buffer)) this.buffers.push(buffer);
  }

  /** A zeroed array of `length`: over the smallest spare buffer it fills enough of (no longer spare then), else new. */
  take<T extends { fill(value: number): T }>(kind: TypedArrayKind<T>, length: number): T {
    const bytes = length * kind.BYTES_PER_ELEMENT;
    let best = -1;
    for (let i = 0; i < this.buffers.length; i++) {
      const size = this.buffers[i].byteLength;
      if (size >= bytes && bytes >= size * MIN_FILLED_SHARE && (best < 0 || size < this.buffers[best].byteLength)) best = i;
    }
    if (best < 0) return new kind(length);
    const [buffer] = this.buffers.splice(best, 1);
    return new kind(buffer, 0, length).fill(0);
  }

  /** Lets go of the buffers no table took, for the collector. */
  clear(): void {
    this.buffers = [];
  }
}
