/**
 * Per-line and per-vector columns that grow by batches (a followed log's arrived lines) without
 * copying what they hold: a grown column is a view of exactly its length on a buffer with room to
 * spare, and the next batch writes after its end and takes a longer view. Only the latest view of a
 * buffer grows in place, so an older report keeps its columns as they were (nothing before a view's
 * end is written again); any other column is copied once into a buffer with room.
 */
type Column = Uint8Array | Uint16Array | Int16Array | Int32Array | Uint32Array | Float64Array;

interface ColumnKind<T extends Column> {
  new (length: number): T;
  new (buffer: ArrayBuffer, byteOffset: number, length: number): T;
  readonly BYTES_PER_ELEMENT: number;
}

/** Room a copied column gets beyond its length: half again, so n batches copy O(log n) times. */
const MIN_ROOM = 1024;

/** The element index after the latest view of each buffer made here: only that view may grow in place. */
const latestEnds = new WeakMap<ArrayBufferLike, number>();

/** `column` then `added`, as a column of `kind` (a wider kind than the column's when the values need it). */
export function appendedColumn<T extends Column>(column: Column, added: ArrayLike<number>, kind: ColumnKind<T>): T {
  const length = column.length + added.length;
  const grown = roomFor(column, length, kind);
  grown.set(added, column.length);
  return grown;
}

/** `column` followed by `count` zeros, for a caller to fill. */
export function extendedColumn<T extends Column>(column: T, count: number, kind: ColumnKind<T>): T {
  return roomFor(column, column.length + count, kind);
}

function roomFor<T extends Column>(column: Column, length: number, kind: ColumnKind<T>): T {
  const size = kind.BYTES_PER_ELEMENT;
  if (column instanceof kind && column.buffer instanceof ArrayBuffer) {
    const offset = column.byteOffset / size;
    if (latestEnds.get(column.buffer) === offset + column.length && (offset + length) * size <= column.buffer.byteLength) {
      latestEnds.set(column.buffer, offset + length);
      return new kind(column.buffer, column.byteOffset, length);
    }
  }
  const buffer = new ArrayBuffer((length + Math.max(MIN_ROOM, length >> 1)) * size);
  const grown = new kind(buffer, 0, length);
  grown.set(column);
  latestEnds.set(buffer, length);
  return grown;
}
