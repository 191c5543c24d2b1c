/**
 * Splits a stream of UTF-8 byte chunks into decoded lines without ever holding more than one chunk and one
 * bounded line prefix. By default each line is decoded on its own, so that a retained line (or a message
 * sliced from it) does not pin a larger string in memory; a sink that keeps no line (the parsing lanes)
 * asks for `wholeChunks`: the lines of ASCII text are cut from 64 KiB windows decoded at once, which saves
 * a decoder call per line.
 */

export interface LineSink {
  /** text: the line without its line break (\n, \r\n or a lone \r, as VS Code breaks lines) and any leading NULs, decoded as UTF-8 with invalid bytes replaced by U+FFFD,
   *  and cut to the first maxLineBytes bytes when longer (truncated = true). start: byte offset of the line.
   *  bytes[from, to): what text was decoded from, valid only during the call. */
  line(text: string, start: number, truncated: boolean, invalidUtf8: boolean, bytes: Uint8Array, from: number, to: number): void;
}

const LF = 0x0a;
const CR = 0x0d;
const REPLACEMENT = '\uFFFD';
const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;
/** Bytes decoded at once when lines are cut from a window's text (wholeChunks). */
const WINDOW_BYTES = 1 << 16;

export class LineSplitter {
  private readonly maxLineBytes: number;
  // ignoreBOM keeps a U+FEFF inside the text; only the one at the start of the input is skipped (takeBom).
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private pushed = 0;
  /** File offset of the next byte handed to the line machinery (after any BOM). */
  private offset = 0;
  /** Bytes of a possible BOM held back until three bytes decide whether it is one. */
  private bomCandidate: number[] | null = [];

  /** The unfinished line at the end of the last chunk: its start, its full length so far, its first maxLineBytes bytes. */
  private pendingStart = 0;
  private pendingLength = 0;
  private readonly prefix: Uint8Array;
  private prefixLength = 0;
  /** Leading NUL bytes of the pending line, counted in pendingLength but not kept in the prefix. */
  private pendingNuls = 0;
  /** The last chunk ended with a CR: an LF first in the next one is the rest of that CRLF, not an empty line. */
  private afterCR = false;
  /** Whether lines are cut from the text of a window of ASCII lines decoded at once (see the constructor). */
  private readonly wholeChunks: boolean;
  /** The chunk being split, and its window chunk[windowFrom, windowTo) last decoded: its text, or null if not ASCII. */
  private chunk: Uint8Array | null = null;
  private windowFrom = 0;
  private windowTo = 0;
  private windowText: string | null = null;

  /**
   * @param options.startOffset file offset of the first byte pushed, for a splitter that starts
   *   inside a file (a chunk parsed on its own); only a splitter at offset 0 looks for a BOM.
   * @param options.wholeChunks decode the lines of a chunk in windows of about WINDOW_BYTES and cut
   *   the lines of an ASCII window from its text, which is cheaper than decoding each line but makes
   *   a line hold on to its window's text: for a sink that keeps no line (or a copy of one).
   */
  constructor(options: { maxLineBytes: number; startOffset?: number; wholeChunks?: boolean }) {
    const max = options.maxLineBytes;
    if (!Number.isInteger(max) || max < 1) {
      throw new RangeError(`maxLineBytes must be a positive integer; got ${String(max)}`);
    }
    this.maxLineBytes = max;
    this.prefix = new Uint8Array(max);
    this.wholeChunks = options.wholeChunks ?? false;
    const start = options.startOffset ?? 0;
    if (start > 0) {
      this.offset = start;
      this.bomCandidate = null;
    }
  }

  /** Bytes consumed so far. */
  get bytes(): number {
    return this.pushed;
  }

  /** Emits every line completed by this chunk; the chunk may end anywhere, even inside a character. */
  push(chunk: Uint8Array, sink: LineSink): void {
    this.pushed += chunk.length;
    if (this.bomCandidate !== null) {
      const rest = this.takeBom(chunk);
      if (rest === null) return;
      chunk = rest;
    }
    this.split(chunk, sink);
  }

  /** Emits the last line when the input does not end with a newline. */
  finish(sink: LineSink): void {
    if (this.bomCandidate !== null && this.bomCandidate.length > 0) {
      // Input shorter than a BOM that starts like one: those bytes are text.
      const held = Uint8Array.from(this.bomCandidate);
      this.bomCandidate = null;
      this.split(held, sink);
    }
    if (this.pendingLength > 0) this.emitPending(sink);
  }

  /** Consumes a leading UTF-8 BOM; returns the bytes still to split, or null while undecided. */
  private takeBom(chunk: Uint8Array): Uint8Array | null {
    const held = this.bomCandidate as number[];
    let i = 0;
    while (i < chunk.length && held.length < UTF8_BOM.length) {
      if (chunk[i] !== UTF8_BOM[held.length]) {
        // Not a BOM: the held bytes are ordinary text in front of the rest of this chunk.
        this.bomCandidate = null;
        if (held.length === 0) return chunk;
        const joined = new Uint8Array(held.length + chunk.length - i);
        joined.set(held);
        joined.set(chunk.subarray(i), held.length);
        return joined;
      }
      held.push(chunk[i]);
      i++;
    }
    if (held.length < UTF8_BOM.length) return null;
    this.bomCandidate = null;
    this.offset = UTF8_BOM.length;
    return chunk.subarray(i);
  }

  /** A line ends at an LF, a CRLF or a lone CR. Files without CRs look for one once per chunk. */
  private split(chunk: Uint8Array, sink: LineSink): void {
    const base = this.offset;
    const length = chunk.length;
    let pos = 0;
    if (this.afterCR && length > 0) {
      this.afterCR = false;
      if (chunk[0] === LF) pos = 1;
    }
    let lf = chunk.indexOf(LF, pos);
    let cr = chunk.indexOf(CR, pos);
    this.chunk = this.wholeChunks ? chunk : null;
    this.windowFrom = 0;
    this.windowTo = 0;
    this.windowText = null;
    while (pos < length) {
      if (lf >= 0 && lf < pos) lf = chunk.indexOf(LF, pos);
      if (cr >= 0 && cr < pos) cr = chunk.indexOf(CR, pos);
      let end: number;
      let next: number;
      if (cr >= 0 && (lf < 0 || cr < lf)) {
        end = cr;
        next = cr + 1 < length ? (chunk[cr + 1] === LF ? cr + 2 : cr + 1) : length;
        if (cr + 1 === length) this.afterCR = true;
      } else if (lf >= 0) {
        end = lf;
        next = lf + 1;
      } else {
        this.appendPending(chunk, pos, length, base);
        break;
      }
      if (this.pendingLength === 0) {
        // The common case: the whole line lies inside this chunk, decode it in place.
        this.emitLine(chunk, pos, end - pos, base + pos, sink);
      } else {
        this.appendPending(chunk, pos, end, base);
        this.emitPending(sink);
      }
      pos = next;
    }
    this.chunk = null;
    this.windowText = null;
    this.offset = base + length;
  }

  private appendPending(chunk: Uint8Array, from: number, to: number, base: number): void {
    if (to === from) return;
    if (this.pendingLength === 0) this.pendingStart = base + from;
    // Leading NULs (the hole copytruncate leaves) are not kept: the prefix is for the text after them.
    if (this.prefixLength === 0) {
      const textFrom = skipNuls(chunk, from, to);
      this.pendingNuls += textFrom - from;
      this.pendingLength += textFrom - from;
      from = textFrom;
    }
    const take = Math.min(this.prefix.length - this.prefixLength, to - from);
    if (take > 0) {
      this.prefix.set(chunk.subarray(from, from + take), this.prefixLength);
      this.prefixLength += take;
    }
    this.pendingLength += to - from;
  }

  private emitPending(sink: LineSink): void {
    // The prefix holds min(pendingLength, maxLineBytes) bytes or more, which is all emitLine() reads.
    this.emitLine(this.prefix, 0, this.pendingLength - this.pendingNuls, this.pendingStart, sink);
    this.pendingLength = 0;
    this.prefixLength = 0;
    this.pendingNuls = 0;
  }

  private emitLine(bytes: Uint8Array, from: number, contentLength: number, start: number, sink: LineSink): void {
    if (bytes[from] === 0 && contentLength > 0) {
      // A line that starts with NULs (a copytruncate hole) is read from its first other byte.
      const textFrom = skipNuls(bytes, from, from + contentLength);
      contentLength -= textFrom - from;
      from = textFrom;
    }
    let end = from + contentLength;
    const truncated = contentLength > this.maxLineBytes;
    if (truncated) end = characterBoundary(bytes, from, from + this.maxLineBytes);
    if (bytes === this.chunk) {
      if (from < this.windowFrom || end > this.windowTo) this.decodeWindow(bytes, from, end);
      const text = this.windowText;
      if (text !== null) {
        sink.line(text.substring(from - this.windowFrom, end - this.windowFrom), start, truncated, false, bytes, from, end);
        return;
      }
    }
    const view = bytes.subarray(from, end);
    const text = this.decoder.decode(view);
    const invalid = text.indexOf(REPLACEMENT) >= 0 && countReplacements(text) !== countEncodedReplacements(view);
    sink.line(text, start, truncated, invalid, bytes, from, end);
  }

  /**
   * Decodes the window of the chunk from a line's start to the last LF within WINDOW_BYTES (or to
   * the line's end if that is further). Windows stay below the size of V8's large objects, which
   * only a full collection frees: a megabyte string per chunk would pile up until one.
   */
  private decodeWindow(bytes: Uint8Array, from: number, end: number): void {
    let to = Math.min(bytes.length, from + WINDOW_BYTES);
    if (to <= end) to = end;
    else if (to < bytes.length) to = Math.max(end, bytes.lastIndexOf(LF, to - 1));
    this.windowFrom = from;
    this.windowTo = to;
    this.windowText = asciiText(this.decoder, bytes.subarray(from, to));
  }
}

/**
 * The text of an all-ASCII chunk, else null. Every other byte either shortens the text (a valid
 * sequence of 2 to 4 bytes is 1 or 2 UTF-16 units) or decodes to U+FFFD.
 */
function asciiText(decoder: { decode(bytes: Uint8Array): string }, chunk: Uint8Array): string | null {
  const text = decoder.decode(chunk);
  return text.length === chunk.length && text.indexOf(REPLACEMENT) < 0 ? text : null;
}

function skipNuls(bytes: Uint8Array, from: number, to: number): number {
  while (from < to && bytes[from] === 0) from++;
  return from;
}

/** Moves a cut point back so that it does not split a multi-byte character (the cut must not invent an
 *  invalid sequence). Bytes that are invalid anyway are left alone. */
function characterBoundary(bytes: Uint8Array, from: number, cut: number): number {
  let lead = cut - 1;
  while (lead >= from && lead > cut - 4 && (bytes[lead] & 0xc0) === 0x80) lead--;
  if (lead < from) return cut;
  const byte = bytes[lead];
  const needed = byte >= 0xf0 && byte <= 0xf4 ? 4 : byte >= 0xe0 && byte < 0xf0 ? 3 : byte >= 0xc2 && byte < 0xe0 ? 2 : 1;
  return lead + needed > cut ? lead : cut;
}

function countReplacements(text: string): number {
  let count = 0;
  for (let i = text.indexOf(REPLACEMENT); i >= 0; i = text.indexOf(REPLACEMENT, i + 1)) count++;
  return count;
}

/** U+FFFD written in the input itself (EF BF BD) is valid text, not a decoding error. */
function countEncodedReplacements(bytes: Uint8Array): number {
  let count = 0;
  for (let i = bytes.indexOf(0xef); i >= 0 && i + 2 < bytes.length; i = bytes.indexOf(0xef, i + 1)) {
    if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) count++;
  }
  return count;
}
