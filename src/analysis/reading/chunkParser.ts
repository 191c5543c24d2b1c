/**
 * The per-line half of reading: split a chunk (see aligner) into lines, parse each header, mask each
 * message into its shape, quantize its numbers and find its session ids. None of it needs the
 * template miner, so chunks are parsed on several lanes (threads, or in turn on one thread) while the
 * miner works on what they produced; with n lanes chunk k always goes to lane k % n. The result is the
 * same however many lanes there are and however they run: the miner meets each new shape in the order
 * of the log's lines whatever lane found it, and a shape or session a second lane meets again is the
 * one the first lane named.
 *
 * Repeats are sent as small numbers: a masked shape the lane saw before is its shape id, a session
 * id it saw before is its session number. Text crosses over only the first time a lane meets it: the
 * message of a new shape (the miner mines it) and the name of a new session.
 */
import { LineSplitter, type LineSink } from './lines';
import { resolveFormat, type LogFormat, type ParsedLine } from '../formats';
import { emptyParsedLine } from '../formats/types';
import { Masker } from '../mining/masking';
import { resolveMinerConfig } from '../mining/config';
import { resolveSessionKey, type SessionKey } from '../sessions/sessionKeys';
import { SessionNumbers } from '../sessions/sessionNumbers';
import { PARAMS_PER_ENTRY, quantizeParameter } from '../features/parameters';
import { Level } from '../formats/levels';
import type { AlignedChunk } from './aligner';

/** Lines read before the format and the session key are chosen. */
export const SAMPLE_LINES = 500;
/** Lanes taking turns on one thread: two, so that shapes and sessions cross between lanes there too. */
export const INLINE_LANES = 2;
/** Distinct shapes a lane remembers before its table starts over (bounds memory on logs where every line differs). */
const MAX_SHAPES = 200_000;

/** What a parser needs to know; plain data, so that it can cross to another thread. */
export interface ReadingSetup {
  /** `auto`, a format name or a regular expression with named groups. */
  readonly format: string;
  /** `auto`, `none` or a regular expression. */
  readonly sessionKey: string;
  readonly maxLineBytes: number;
  /**
   * The lines the format and the session key are chosen from: the log's first lines, or, for a
   * log compared with a baseline, the baseline's, so that both are read alike.
   */
  readonly sample: readonly string[];
}

/** The format and session key a sample leads to; every lane and the assembler reach the same. */
export interface ReadingDecisions {
  readonly format: LogFormat;
  readonly sessionKey: SessionKey | null;
}

/**
 * Session ids are looked for in a whole entry line, not only its message: structured logs (JSON
 * lines) carry them in fields of their own, such as `"trace_id": "..."`.
 */
export function decide(setup: ReadingSetup): ReadingDecisions {
  const format = resolveFormat(setup.format, setup.sample);
  const headers: string[] = [];
  for (const text of setup.sample) {
    const parsed: ParsedLine = emptyParsedLine();
    if (text.trim().length > 0 && format.parse(text, parsed)) headers.push(text);
  }
  return { format, sessionKey: resolveSessionKey(setup.sessionKey, headers) };
}

/**
 * Does on the sample what reading does to every line: choose the format and the session key, parse
 * each line and find its session ids. A host runs it under a time budget before the real reading,
 * so that a user's regular expression that backtracks without end is caught on the first lines.
 * `part`: `format` tries the format alone, `sessionKey` the session key too.
 */
export function trialRead(setup: ReadingSetup, part: 'format' | 'sessionKey'): void {
  const decisions = decide(part === 'format' ? { ...setup, sessionKey: 'none' } : setup);
  const parsed: ParsedLine = emptyParsedLine();
  const ignore = { name: () => undefined, number: () => undefined };
  for (const text of setup.sample) {
    decisions.format.parse(text, parsed);
    decisions.sessionKey?.extract(text, ignore);
  }
}

export const LineKind = { blank: 0, header: 1, continuation: 2 } as const;

/** The lines of one chunk; entries are its header lines, in order. */
export interface ParsedChunk {
  readonly lines: number;
  readonly lineStarts: Float64Array;
  /** A LineKind per line. */
  readonly lineKinds: Uint8Array;
  readonly truncatedLines: number;
  readonly invalidUtf8Lines: number;
  readonly entries: number;
  readonly entryLevels: Uint8Array;
  readonly entryTimes: Float64Array;
  readonly entryLengths: Uint16Array;
  /** PARAMS_PER_ENTRY quantized parameters per entry. */
  readonly entryParams: Uint8Array;
  /** The lane's shape id of each entry's message; a lane's ids count up across its chunks. */
  readonly entryShapes: Int32Array;
  /** Messages of the shapes this lane first met in this chunk, in shape id order. */
  readonly newShapes: readonly string[];
  /** Sessions of entry e are sessions[sessionEnds[e - 1] .. sessionEnds[e]) (from 0 for e = 0). */
  readonly sessionEnds: Int32Array;
  /** The lane's session numbers, counting up across its chunks in order of first appearance. */
  readonly sessions: Int32Array;
  /** Names of the sessions this lane first met in this chunk, in number order. */
  readonly newSessions: readonly string[];
}

/** `count` parsers that keep their own state; chunk k must go to lane k % count, in order. */
export interface ParsingLanes {
  readonly count: number;
  parse(chunk: AlignedChunk): Promise<ParsedChunk>;
  close(): Promise<void>;
}

/** Creates the lanes for one log: in turn on the calling thread, or on threads of their own. */
export type LaneFactory = (setup: ReadingSetup) => ParsingLanes;

/** `count` lanes taking turns on the calling thread. */
export function inlineLanesOf(count: number): LaneFactory {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`The lane count must be a whole number of at least 1, not ${count}.`);
  return (setup) => {
    const decisions = decide(setup);
    const lanes = Array.from({ length: count }, () => new ChunkParser(setup, decisions));
    return {
      count,
      // The new texts are copied, as a thread's message copies them, so that they hold no chunk's text.
      parse: async (chunk) => {
        const parsed = lanes[chunk.index % count].parse(chunk);
        return { ...parsed, newShapes: structuredClone(parsed.newShapes), newSessions: structuredClone(parsed.newSessions) };
      },
      close: async () => undefined,
    };
  };
}

export const inlineLanes = inlineLanesOf(INLINE_LANES);

interface KnownShape {
  readonly shape: Int32Array;
  readonly id: number;
  readonly next: KnownShape | undefined;
}

/** A typed array of the same kind with a new length, keeping the contents that fit. */
function resized<T extends Float64Array | Int32Array | Uint16Array | Uint8Array>(array: T, length: number): T {
  const next = new (array.constructor as new (length: number) => T)(length);
  next.set(array.subarray(0, Math.min(array.length, length)));
  return next;
}

/** One lane: parses its chunks in order, remembering the shapes and sessions it has met. */
export class ChunkParser implements LineSink {
  private readonly masker = new Masker(resolveMinerConfig({}));
  private readonly parsed: ParsedLine = emptyParsedLine();
  private readonly params: number[] = [];
  private readonly format: LogFormat;
  private readonly sessionKey: SessionKey | null;
  /** Whether a header line came before in the file: only before the first one is a continuation line on its own. */
  private sawHeader = false;

  private shapes = new Map<number, KnownShape>();
  private shapeCount = 0;
  private knownShapes = 0;
  private readonly sessionNumbers = new SessionNumbers();

  // The chunk being built; columns grow in lockstep.
  private lines = 0;
  private lineCapacity = 8192;
  private lineStarts = new Float64Array(this.lineCapacity);
  private lineKinds = new Uint8Array(this.lineCapacity);
  private entries = 0;
  private entryCapacity = 8192;
  private entryLevels = new Uint8Array(this.entryCapacity);
  private entryTimes = new Float64Array(this.entryCapacity);
  private entryLengths = new Uint16Array(this.entryCapacity);
  private entryParams = new Uint8Array(this.entryCapacity * PARAMS_PER_ENTRY);
  private entryShapes = new Int32Array(this.entryCapacity);
  private sessionEnds = new Int32Array(this.entryCapacity);
  private sessionRefs = new Int32Array(this.entryCapacity);
  private sessionRefCount = 0;
  private newShapes: string[] = [];
  private truncatedLines = 0;
  private invalidUtf8Lines = 0;

  constructor(
    private readonly setup: ReadingSetup,
    decisions: ReadingDecisions = decide(setup),
  ) {
    this.format = decisions.format;
    this.sessionKey = decisions.sessionKey;
  }

  /** Parses the lines of a chunk; the rest of a line an earlier chunk started is skipped. */
  parse(chunk: AlignedChunk): ParsedChunk {
    let bytes = chunk.bytes;
    let base = chunk.base;
    if (chunk.startsMidLine) {
      // The line ends at its first LF, CRLF or lone CR.
      const lf = bytes.indexOf(0x0a);
      const cr = bytes.subarray(0, lf < 0 ? bytes.length : lf).indexOf(0x0d);
      const skip = cr >= 0 ? (bytes[cr + 1] === 0x0a ? cr + 2 : cr + 1) : lf < 0 ? bytes.length : lf + 1;
      bytes = bytes.subarray(skip);
      base += skip;
    }
    // A continuation line at the start of a later chunk belongs to the entry above, in the chunk before.
    if (chunk.base > 0) this.sawHeader = true;
    if (bytes.length > 0) {
      // Lines are cut from the chunk's text; what outlives the chunk (new shapes, new sessions) is copied by the lanes.
      const splitter = new LineSplitter({ maxLineBytes: this.setup.maxLineBytes, startOffset: base, wholeChunks: true });
      splitter.push(bytes, this);
      splitter.finish(this);
    }
    return this.take();
  }

  line(text: string, start: number, truncated: boolean, invalidUtf8: boolean, bytes: Uint8Array, from: number, to: number): void {
    const line = this.lines++;
    if (line === this.lineCapacity) this.growLines();
    this.lineStarts[line] = start;
    if (truncated) this.truncatedLines++;
    if (invalidUtf8) this.invalidUtf8Lines++;
    if (isBlank(text)) {
      this.lineKinds[line] = LineKind.blank;
      return;
    }
    const parsed = this.parsed;
    parsed.messageStart = -1;
    if (!this.format.parse(text, parsed)) {
      if (this.sawHeader) {
        this.lineKinds[line] = LineKind.continuation;
        return;
      }
      // A continuation before any header: analysed as an entry of its own.
      parsed.timestamp = NaN;
      parsed.level = Level.unknown;
      parsed.component = '';
      parsed.message = text.trim();
    }
    this.sawHeader = true;
    this.lineKinds[line] = LineKind.header;
    const entry = this.entries++;
    if (entry === this.entryCapacity) this.growEntries();
    const message = parsed.message;
    this.entryLevels[entry] = parsed.level;
    this.entryTimes[entry] = parsed.timestamp;
    this.entryLengths[entry] = Math.min(65535, message.length);
    const params = this.params;
    params.length = 0;
    // A line as long as its bytes and validly decoded is ASCII: the masker and the session numbers read it from its bytes.
    const ascii = !invalidUtf8 && text.length === to - from;
    const messageStart = parsed.messageStart ?? -1;
    if (ascii && messageStart >= 0 && messageStart + message.length <= text.length) this.masker.mask(message, params, bytes, from + messageStart);
    else this.masker.mask(message, params);
    const paramBase = entry * PARAMS_PER_ENTRY;
    for (let i = 0; i < PARAMS_PER_ENTRY; i++) this.entryParams[paramBase + i] = i < params.length ? quantizeParameter(params[i]) : 0;
    this.entryShapes[entry] = this.shapeOf(message);
    const sessionKey = this.sessionKey;
    if (sessionKey !== null) {
      const numbers = this.sessionNumbers;
      if (ascii) numbers.startEntry(text, bytes, from);
      else numbers.startEntry();
      sessionKey.extract(text, numbers);
      for (const number of numbers.foundInEntry) {
        if (this.sessionRefCount === this.sessionRefs.length) this.sessionRefs = resized(this.sessionRefs, this.sessionRefs.length * 2);
        this.sessionRefs[this.sessionRefCount++] = number;
      }
    }
    this.sessionEnds[entry] = this.sessionRefCount;
  }

  /** The id of the message the masker just masked; a new shape sends its message along. */
  private shapeOf(message: string): number {
    const masker = this.masker;
    const hash = masker.hash();
    for (let known = this.shapes.get(hash); known !== undefined; known = known.next) {
      if (masker.matchesShape(known.shape)) return known.id;
    }
    if (this.knownShapes >= MAX_SHAPES) {
      this.shapes.clear();
      this.knownShapes = 0;
    }
    const id = this.shapeCount++;
    this.shapes.set(hash, { shape: masker.shape(), id, next: this.shapes.get(hash) });
    this.knownShapes++;
    this.newShapes.push(message);
    return id;
  }

  private growLines(): void {
    this.lineCapacity *= 2;
    this.lineStarts = resized(this.lineStarts, this.lineCapacity);
    this.lineKinds = resized(this.lineKinds, this.lineCapacity);
  }

  private growEntries(): void {
    const capacity = (this.entryCapacity *= 2);
    this.entryLevels = resized(this.entryLevels, capacity);
    this.entryTimes = resized(this.entryTimes, capacity);
    this.entryLengths = resized(this.entryLengths, capacity);
    this.entryParams = resized(this.entryParams, capacity * PARAMS_PER_ENTRY);
    this.entryShapes = resized(this.entryShapes, capacity);
    this.sessionEnds = resized(this.sessionEnds, capacity);
  }

  /** Hands over the chunk built so far and starts the next one. */
  private take(): ParsedChunk {
    const lines = this.lines;
    const entries = this.entries;
    const chunk: ParsedChunk = {
      lines,
      lineStarts: this.lineStarts.slice(0, lines),
      lineKinds: this.lineKinds.slice(0, lines),
      truncatedLines: this.truncatedLines,
      invalidUtf8Lines: this.invalidUtf8Lines,
      entries,
      entryLevels: this.entryLevels.slice(0, entries),
      entryTimes: this.entryTimes.slice(0, entries),
      entryLengths: this.entryLengths.slice(0, entries),
      entryParams: this.entryParams.slice(0, entries * PARAMS_PER_ENTRY),
      entryShapes: this.entryShapes.slice(0, entries),
      newShapes: this.newShapes,
      sessionEnds: this.sessionEnds.slice(0, entries),
      sessions: this.sessionRefs.slice(0, this.sessionRefCount),
      newSessions: this.sessionNumbers.takeNew(),
    };
    this.lines = 0;
    this.entries = 0;
    this.sessionNumbers.startEntry(); // lets go of the last line and its chunk
    this.sessionRefCount = 0;
    this.newShapes = [];
    this.truncatedLines = 0;
    this.invalidUtf8Lines = 0;
    return chunk;
  }
}

/** The buffers a parsed chunk owns, for moving it to another thread without copying. */
export function chunkBuffers(chunk: ParsedChunk): ArrayBuffer[] {
  return [
    chunk.lineStarts, chunk.lineKinds, chunk.entryLevels, chunk.entryTimes, chunk.entryLengths,
    chunk.entryParams, chunk.entryShapes, chunk.sessionEnds, chunk.sessions,
  ].map((array) => array.buffer as ArrayBuffer);
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
