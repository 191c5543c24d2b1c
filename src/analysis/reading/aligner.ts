/**
 * Cuts a byte stream into chunks that can be parsed independently: each chunk starts where a line
 * starts, and the cuts depend only on the bytes (the first line break after every SEGMENT bytes of
 * the file; a CR alone is a line break too, and a CRLF is never cut in two), never on how the source
 * happened to deliver them. So the same file always gives the
 * same chunks, whether read from disk or from an editor's text, and parsing them on several lanes
 * gives the same result every time.
 *
 * A line too long to wait for is cut inside: the chunk before it keeps more than maxLineBytes of it
 * (all the analysis reads of a long line), and the chunks after it start inside that line
 * (`startsMidLine`), whose rest their parser skips.
 */

/** Bytes per chunk, roughly. */
export const SEGMENT_BYTES = 1 << 20;

export interface AlignedChunk {
  /** Position in the stream of chunks, from 0. */
  readonly index: number;
  /** Offset of the first byte in the file. */
  readonly base: number;
  readonly bytes: Uint8Array;
  /** The first bytes continue a line that started in an earlier chunk; they end at the first line break. */
  readonly startsMidLine: boolean;
}

const LF = 0x0a;
const CR = 0x0d;

export class ChunkAligner {
  /** Pieces of the chunk being gathered, from offset `start` of the stream. */
  private pieces: Uint8Array[] = [];
  private gathered = 0;
  private start = 0;
  private index = 0;
  private startsMidLine = false;

  /**
   * @param segmentBytes cut after the first line break past every multiple of this many bytes
   * @param maxLineBytes a line longer than this is analysed by its prefix, so it may be cut inside past it
   */
  constructor(
    private readonly maxLineBytes: number,
    private readonly segmentBytes = SEGMENT_BYTES,
  ) {}

  /** Adds bytes; returns the chunks they complete, in order. */
  push(bytes: Uint8Array): AlignedChunk[] {
    if (bytes.length === 0) return [];
    this.pieces.push(bytes);
    this.gathered += bytes.length;
    const done: AlignedChunk[] = [];
    for (let cut = this.findCut(); cut > 0; cut = this.findCut()) done.push(this.take(cut));
    return done;
  }

  /** Returns what is left (the last chunk, which may end without a line break). */
  finish(): AlignedChunk[] {
    return this.gathered > 0 ? [this.take(this.gathered)] : [];
  }

  /**
   * Length of the next chunk, or 0 while more bytes are needed. The chunk ends after the first line
   * break at or past `segmentBytes`; when the line running there is longer than maxLineBytes + 1
   * bytes past its start (or past the segment end), the chunk ends inside it instead.
   */
  private findCut(): number {
    const segment = this.segmentBytes;
    if (this.gathered <= segment) return 0;
    const limit = segment + this.maxLineBytes + 1;
    const newline = this.indexOfBreak(segment, Math.min(this.gathered, limit));
    if (newline >= 0) {
      if (this.byteAt(newline) === LF) return newline + 1;
      // A CR: the chunk ends after it, or after the LF of a CRLF, which must wait for the next byte.
      if (newline + 1 >= this.gathered) return 0;
      return this.byteAt(newline + 1) === LF ? newline + 2 : newline + 1;
    }
    return this.gathered >= limit ? limit : 0;
  }

  /** Position of the first line break (LF or CR) in [from, to) of the gathered bytes, or -1. */
  private indexOfBreak(from: number, to: number): number {
    const lf = this.indexOf(LF, from, to);
    const cr = this.indexOf(CR, from, lf >= 0 ? lf : to);
    return cr >= 0 ? cr : lf;
  }

  private byteAt(at: number): number {
    let offset = 0;
    for (const piece of this.pieces) {
      if (at < offset + piece.length) return piece[at - offset];
      offset += piece.length;
    }
    return -1;
  }

  /** Position of the first `byte` in [from, to) of the gathered bytes, or -1. */
  private indexOf(byte: number, from: number, to: number): number {
    let offset = 0;
    for (const piece of this.pieces) {
      const end = offset + piece.length;
      if (end > from) {
        const found = piece.subarray(Math.max(0, from - offset), Math.min(piece.length, to - offset)).indexOf(byte);
        if (found >= 0) return Math.max(from, offset) + found;
      }
      offset = end;
      if (offset >= to) break;
    }
    return -1;
  }

  /** Cuts the first `length` gathered bytes off as a chunk. */
  private take(length: number): AlignedChunk {
    const bytes = new Uint8Array(length);
    let filled = 0;
    while (filled < length) {
      const piece = this.pieces[0];
      const used = Math.min(piece.length, length - filled);
      bytes.set(used === piece.length ? piece : piece.subarray(0, used), filled);
      filled += used;
      if (used === piece.length) this.pieces.shift();
      else this.pieces[0] = piece.subarray(used);
    }
    const chunk: AlignedChunk = { index: this.index++, base: this.start, bytes, startsMidLine: this.startsMidLine };
    this.start += length;
    this.gathered -= length;
    this.startsMidLine = bytes[length - 1] !== LF && bytes[length - 1] !== CR;
    return chunk;
  }
}
