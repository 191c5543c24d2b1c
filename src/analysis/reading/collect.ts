/**
 * The reading stage: reads a log's first lines to choose its format and session key, cuts the byte
 * stream into chunks (reading/aligner), has the lanes parse them (reading/chunkParser), and assembles
 * the parsed chunks in order into per-line and per-entry typed arrays, mining each new message
 * shape into a template on the way. Only numbers are kept, never the text.
 */
import type { ClusterMiner } from '../mining/drain';
import { PARAMS_PER_ENTRY } from '../features/parameters';
import { AnalysisError, CancelledError } from '../pipeline/progress';
import { looksBinary } from './binary';
import { LineSplitter } from './lines';
import { ChunkAligner } from './aligner';
import { EntryTimes } from './entryTimes';
import { SessionIndex } from '../sessions/sessionIndex';
import { describeStructure, type HeaderProfile } from '../formats';
import type { SpareBuffers } from '../util/spareBuffers';
import { decide, inlineLanes, LineKind, SAMPLE_LINES, type LaneFactory, type ParsedChunk, type ReadingSetup } from './chunkParser';

/** Chunks parsed ahead of the one being assembled, per lane: keeps every lane busy, bounds memory. */
const CHUNKS_AHEAD_PER_LANE = 2;

/** How a log was read. */
export interface ReadingSummary {
  readonly format: string;
  readonly hasYear: boolean;
  /** The learned header, when the learned reader read the log. */
  readonly headerProfile: HeaderProfile | null;
  /** The learned structure, or the format's label. */
  readonly formatStructure: string;
  readonly sessionKind: string | null;
  /** The lines the choices were made on (a log compared with this one is read with them too). */
  readonly sample: readonly string[];
}

/**
 * Byte offsets of lines: 4 bytes a line for a log under 4 GiB (an offset is below 2^32), else 8.
 * Read as numbers either way.
 */
export type LineOffsets = Uint32Array | Float64Array;

/** Miner clusters of entries: 2 bytes an entry while every cluster id is below 65,536, else 4. */
export type EntryClusters = Uint16Array | Int32Array;

/** The largest offset a Uint32Array holds. */
const UINT32_MAX = 0xffffffff;

export interface CollectedLog {
  readonly bytes: number;
  readonly lineCount: number;
  /** lineCount + 1 offsets. */
  readonly starts: LineOffsets;
  /** Blank lines, one bit a line (see entryLines: the lines of each entry follow from these and entryFirstLine). */
  readonly blankLines: Uint8Array;
  readonly entryCount: number;
  /** Header line of each entry; null when every line is an entry (entry e is line e: entryLines' firstLineOf). */
  readonly entryFirstLine: Int32Array | null;
  /** Miner cluster of each entry (emptied once their templates are known: clustersToTemplates). */
  readonly entryClusters: EntryClusters;
  readonly entryLevels: Uint8Array;
  /** ms, NaN when the entry has no timestamp (`entryTimes.of(entry)`). */
  readonly entryTimes: EntryTimes;
  /** Message length in characters (capped at 65535; emptied, like entryParams, by releaseFeatureColumns). */
  readonly entryLengths: Uint16Array;
  /** PARAMS_PER_ENTRY quantized numeric parameters per entry, 0 = none. */
  readonly entryParams: Uint8Array;
  /**
   * Sessions each entry names, in entry order: entry e names the next sessionCountOf(log, e) of
   * pairSessions. One byte an entry; MANY_SESSIONS means the count is in manySessionCounts.
   */
  readonly entrySessionCounts: Uint8Array;
  readonly manySessionCounts: ReadonlyMap<number, number>;
  readonly pairSessions: Int32Array;
  /** Session ids as written in the log, by session index. */
  readonly sessionNames: readonly string[];
  readonly truncatedLines: number;
  readonly invalidUtf8Lines: number;
  readonly reading: ReadingSummary;
}

export interface CollectHooks {
  /** Called after each chunk with the bytes consumed so far. */
  onBytes(bytes: number): void;
  isCancelled(): boolean;
  /** Where the lanes run; in turn on the calling thread when absent. */
  lanes?: LaneFactory;
  /** Sees the setup before anything is parsed with it; throws to stop (see AnalysisHooks.vetSetup). */
  vetSetup?(setup: ReadingSetup): void;
}

/** An entry's session count at or above this is kept in manySessionCounts. */
export const MANY_SESSIONS = 255;

/** How many sessions an entry names. */
export function sessionCountOf(log: CollectedLog, entry: number): number {
  const count = log.entrySessionCounts[entry];
  return count < MANY_SESSIONS ? count : (log.manySessionCounts.get(entry) as number);
}

/**
 * The template of each entry, in place of its cluster (a cluster's template is all that is read of
 * it): in the clusters' own buffer when the widths agree, so that the two are never held together.
 * The log's clusters are emptied.
 */
export function clustersToTemplates(log: CollectedLog, templateOfCluster: Int32Array, templateCount: number): EntryClusters {
  const columns: { entryClusters: EntryClusters } = log;
  const clusters = log.entryClusters;
  const narrow = templateCount <= 0x10000;
  const templates = narrow === clusters instanceof Uint16Array ? clusters : narrow ? new Uint16Array(log.entryCount) : new Int32Array(log.entryCount);
  for (let e = 0; e < log.entryCount; e++) templates[e] = templateOfCluster[clusters[e]];
  columns.entryClusters = new Uint16Array(0);
  return templates;
}

/** The columns only the template counts and the line features read. */
type FeatureColumns = { -readonly [K in 'entryLengths' | 'entryParams']: CollectedLog[K] };

/**
 * Empties the columns only the template counts and the line features read (5 bytes a line, 55 MB
 * of an 11M-line log), once a run has built them, so that the later stages do not carry them.
 */
export function releaseFeatureColumns(log: CollectedLog): void {
  const columns: FeatureColumns = log;
  columns.entryLengths = new Uint16Array(0);
  columns.entryParams = new Uint8Array(0);
}

/** The columns the report's timeline is the last to read. */
type TimeColumns = { -readonly [K in 'entryLevels' | 'entryTimes']: CollectedLog[K] };

/**
 * Empties the columns the timeline is the last to read (5 bytes a line, 55 MB of an 11M-line log),
 * once the report has it, and hands their buffers to `spares`: the report's next per-line tables
 * are built in them, not on top of them.
 */
export function releaseTimeColumns(log: CollectedLog, spares: SpareBuffers): void {
  spares.add(log.entryLevels.buffer);
  spares.add(log.entryTimes.offsetBuffer);
  const columns: TimeColumns = log;
  columns.entryLevels = new Uint8Array(0);
  columns.entryTimes = new EntryTimes(0);
}

/** The columns the lines' first sessions are the last to read. */
type SessionColumns = { -readonly [K in 'entrySessionCounts' | 'pairSessions']: CollectedLog[K] };

/**
 * Empties the columns the lines' first sessions are the last to read (5.5 bytes a line of HDFS,
 * 60 MB of an 11M-line log), once the report has those, and hands their buffers to `spares`.
 */
export function releaseSessionColumns(log: CollectedLog, spares: SpareBuffers): void {
  spares.add(log.entrySessionCounts.buffer);
  spares.add(log.pairSessions.buffer);
  const columns: SessionColumns = log;
  columns.entrySessionCounts = new Uint8Array(0);
  columns.pairSessions = new Int32Array(0);
}

/** A typed array of the same kind with room for at least `length` elements, keeping its contents. */
function withRoom<T extends Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array>(array: T, length: number): T {
  if (array.length >= length) return array;
  const next = new (array.constructor as new (length: number) => T)(Math.max(length, array.length * 2));
  next.set(array);
  return next;
}

/** Room for `length` elements, holding the first `used` of `array` (only those: the rest was never written). */
function regrown(array: Int32Array, used: number, length: number): Int32Array {
  const next = new Int32Array(length);
  next.set(array.subarray(0, used));
  return next;
}

/**
 * Room for pairs beyond what the lines so far project for the whole log: sessions per entry change
 * along a log (HDFS: 1.00 in its first lines, 1.12 over all of it), and a view of a column at least
 * 75% full needs no copy at the end.
 */
const PAIR_ROOM = 1.25;

/** Room for `length` entries' first lines, the first `entries` of them on lines 0 to entries - 1 (one entry a line). */
function firstLinesOfEntries(length: number, entries: number): Int32Array {
  const firstLines = new Int32Array(length);
  for (let e = 0; e < entries; e++) firstLines[e] = e;
  return firstLines;
}

/**
 * The first `length` elements: a view when little room is wasted (no copy of a big column), a
 * copy otherwise (so that a much larger buffer is not kept alive for a few elements).
 */
function fitted<T extends Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array>(array: T, length: number): T {
  return (length >= array.length * 0.75 ? array.subarray(0, length) : array.slice(0, length)) as T;
}

/**
 * Per-line and per-entry columns grow in lockstep, each a typed array written directly (a generic
 * growable wrapper would see five element kinds at one store and make that store megamorphic).
 */
class LogAssembler {
  private starts: LineOffsets;
  private blankLines: Uint8Array;
  /**
   * Empty while every line so far is an entry (entry e's first line is e, as in HDFS): written from
   * the first line that is not; never made when none is.
   */
  private entryFirstLine: Int32Array = new Int32Array(0);
  private linesAreEntries = true;
  private entryClusters: EntryClusters;
  private entryLevels: Uint8Array;
  private readonly entryTimes: EntryTimes;
  private entryLengths: Uint16Array;
  private entryParams: Uint8Array;
  private entrySessionCounts: Uint8Array;
  private readonly manySessionCounts = new Map<number, number>();
  private pairSessions: Int32Array;
  private readonly expectedLines: number;
  /** Per lane: the cluster of each of its shape ids, and the session index of each of its session numbers. */
  private readonly laneClusters: Int32Array[];
  private readonly laneShapes: number[];
  private readonly laneSessions: Int32Array[];
  private readonly laneSessionCounts: number[];
  private readonly sessions = new SessionIndex();
  private lineCount = 0;
  private entryCount = 0;
  private pairCount = 0;
  private truncatedLines = 0;
  private invalidUtf8Lines = 0;

  /**
   * @param expectedLines a close guess of the log's lines (from its size and its first lines):
   *   with columns sized once, a big log is never copied to grow them, which would double its memory
   * @param size the log's size in bytes, if known: under 4 GiB, offsets take 4 bytes a line
   * @param laneCount the lanes the chunks were parsed on (chunk k on lane k % laneCount)
   */
  constructor(
    private readonly miner: ClusterMiner,
    expectedLines: number,
    size: number | null,
    private readonly laneCount: number,
  ) {
    this.laneClusters = Array.from({ length: laneCount }, () => new Int32Array(1 << 10));
    this.laneShapes = new Array<number>(laneCount).fill(0);
    this.laneSessions = Array.from({ length: laneCount }, () => new Int32Array(1 << 10));
    this.laneSessionCounts = new Array<number>(laneCount).fill(0);
    const lines = Math.max(1024, expectedLines);
    this.expectedLines = lines;
    this.starts = size !== null && size <= UINT32_MAX ? new Uint32Array(lines + 1) : new Float64Array(lines + 1);
    this.blankLines = new Uint8Array((lines + 7) >> 3);
    this.entryClusters = new Uint16Array(lines);
    this.entryLevels = new Uint8Array(lines);
    this.entryTimes = new EntryTimes(lines);
    this.entryLengths = new Uint16Array(lines);
    this.entryParams = new Uint8Array(lines * PARAMS_PER_ENTRY);
    this.entrySessionCounts = new Uint8Array(lines);
    this.pairSessions = new Int32Array(lines);
  }

  /** Adds the parsed chunk `index` (chunks must come in order). */
  add(index: number, chunk: ParsedChunk): void {
    const lane = index % this.laneCount;
    this.truncatedLines += chunk.truncatedLines;
    this.invalidUtf8Lines += chunk.invalidUtf8Lines;

    // New shapes are mined in the order they appeared, the order the lines came in; a shape that
    // another lane met first is already in the miner's cache.
    let shapes = this.laneShapes[lane];
    const clusters = (this.laneClusters[lane] = withRoom(this.laneClusters[lane], shapes + chunk.newShapes.length));
    for (const message of chunk.newShapes) {
      const cluster = this.miner.add(message);
      if (cluster > 0xffff) this.widenClusters();
      clusters[shapes++] = cluster;
    }
    this.laneShapes[lane] = shapes;
    let numbers = this.laneSessionCounts[lane];
    const sessionOfNumber = (this.laneSessions[lane] = withRoom(this.laneSessions[lane], numbers + chunk.newSessions.length));
    for (const name of chunk.newSessions) sessionOfNumber[numbers++] = this.sessions.indexOf(name);
    this.laneSessionCounts[lane] = numbers;

    const firstEntry = this.entryCount;
    const entries = chunk.entries;
    const entryEnd = firstEntry + entries;
    if (!this.linesAreEntries) this.entryFirstLine = withRoom(this.entryFirstLine, entryEnd);
    this.entryClusters = withRoom(this.entryClusters, entryEnd);
    this.entryLevels = withRoom(this.entryLevels, entryEnd);
    this.entryLengths = withRoom(this.entryLengths, entryEnd);
    this.entryParams = withRoom(this.entryParams, entryEnd * PARAMS_PER_ENTRY);
    this.entryLevels.set(chunk.entryLevels, firstEntry);
    this.entryTimes.append(chunk.entryTimes);
    this.entryLengths.set(chunk.entryLengths, firstEntry);
    this.entryParams.set(chunk.entryParams, firstEntry * PARAMS_PER_ENTRY);
    for (let e = 0; e < entries; e++) this.entryClusters[firstEntry + e] = clusters[chunk.entryShapes[e]];

    const firstLine = this.lineCount;
    const lineEnd = firstLine + chunk.lines;
    // A log that grew past 4 GiB while it was read (its size said less) needs 8-byte offsets.
    if (chunk.lines > 0 && chunk.lineStarts[chunk.lines - 1] > UINT32_MAX) this.widenStarts();
    this.starts = withRoom(this.starts, lineEnd + 1);
    this.blankLines = withRoom(this.blankLines, (lineEnd + 7) >> 3);
    this.starts.set(chunk.lineStarts, firstLine);
    let entry = firstEntry;
    for (let i = 0; i < chunk.lines; i++) {
      const line = firstLine + i;
      const kind = chunk.lineKinds[i];
      // A continuation line is part of the entry above, which may have come in an earlier chunk.
      if (kind === LineKind.header) {
        if (!this.linesAreEntries) this.entryFirstLine[entry] = line;
        entry++;
        continue;
      }
      if (this.linesAreEntries) {
        this.entryFirstLine = firstLinesOfEntries(Math.max(this.expectedLines, entryEnd), entry);
        this.linesAreEntries = false;
      }
      if (kind === LineKind.blank) this.blankLines[line >> 3] |= 1 << (line & 7);
    }

    this.entrySessionCounts = withRoom(this.entrySessionCounts, entryEnd);
    this.roomForPairs(this.pairCount + chunk.sessions.length, lineEnd);
    let pair = 0;
    for (let e = 0; e < entries; e++) {
      const end = chunk.sessionEnds[e];
      const count = end - pair;
      this.entrySessionCounts[firstEntry + e] = Math.min(count, MANY_SESSIONS);
      if (count >= MANY_SESSIONS) this.manySessionCounts.set(firstEntry + e, count);
      for (; pair < end; pair++) this.pairSessions[this.pairCount + pair] = sessionOfNumber[chunk.sessions[pair]];
    }
    this.pairCount += chunk.sessions.length;
    this.lineCount = lineEnd;
    this.entryCount = entryEnd;
  }

  /**
   * Grows pairSessions as soon as the pairs per line so far project more than it holds, while the
   * copy is small: doubling it only once full would copy a big log's pairs late and hold both
   * copies at the peak of its reading, and then copy them once more to fit them.
   */
  private roomForPairs(pairEnd: number, lineEnd: number): void {
    const room = this.pairSessions.length;
    const projected = lineEnd > 0 ? Math.ceil((pairEnd / lineEnd) * Math.max(this.expectedLines, lineEnd)) : 0;
    if (pairEnd <= room && projected <= room) return;
    // At most doubled at once: the first chunks' entries may name many sessions where the rest name few.
    const length = Math.max(pairEnd, Math.min(2 * room, Math.ceil(projected * PAIR_ROOM)));
    this.pairSessions = regrown(this.pairSessions, this.pairCount, length);
  }

  private widenClusters(): void {
    if (this.entryClusters instanceof Int32Array) return;
    const wide = new Int32Array(this.entryClusters.length);
    wide.set(this.entryClusters.subarray(0, this.entryCount));
    this.entryClusters = wide;
  }

  private widenStarts(): void {
    if (this.starts instanceof Float64Array) return;
    const wide = new Float64Array(this.starts.length);
    wide.set(this.starts.subarray(0, this.lineCount));
    this.starts = wide;
  }

  finish(bytes: number, reading: ReadingSummary): CollectedLog {
    const lines = this.lineCount;
    const entries = this.entryCount;
    if (bytes > UINT32_MAX) this.widenStarts();
    this.starts = withRoom(this.starts, lines + 1);
    this.starts[lines] = bytes;
    this.entryTimes.trim();
    return {
      bytes,
      lineCount: lines,
      starts: fitted(this.starts, lines + 1),
      blankLines: fitted(this.blankLines, (lines + 7) >> 3),
      entryCount: entries,
      entryFirstLine: this.linesAreEntries ? null : fitted(this.entryFirstLine, entries),
      entryClusters: fitted(this.entryClusters, entries),
      entryLevels: fitted(this.entryLevels, entries),
      entryTimes: this.entryTimes,
      entryLengths: fitted(this.entryLengths, entries),
      entryParams: fitted(this.entryParams, entries * PARAMS_PER_ENTRY),
      entrySessionCounts: fitted(this.entrySessionCounts, entries),
      manySessionCounts: this.manySessionCounts,
      pairSessions: fitted(this.pairSessions, this.pairCount),
      sessionNames: this.sessions.names,
      truncatedLines: this.truncatedLines,
      invalidUtf8Lines: this.invalidUtf8Lines,
      reading,
    };
  }
}

/** The first SAMPLE_LINES lines, and the chunks read to find them (held for the lanes). */
async function readSample(
  source: AsyncIterator<Uint8Array>,
  maxLineBytes: number,
): Promise<{ sample: string[]; lastSampleStart: number; held: Uint8Array[]; done: boolean }> {
  const sample: string[] = [];
  const held: Uint8Array[] = [];
  const splitter = new LineSplitter({ maxLineBytes });
  let lastSampleStart = 0;
  const sink = {
    line: (text: string, start: number) => {
      if (sample.length === SAMPLE_LINES) return;
      sample.push(text);
      lastSampleStart = start;
    },
  };
  for (;;) {
    const next = await source.next();
    if (next.done) {
      splitter.finish(sink);
      return { sample, lastSampleStart, held, done: true };
    }
    if (held.length === 0 || held.every((chunk) => chunk.length === 0)) {
      if (next.value.length > 0 && looksBinary(next.value)) {
        throw new AnalysisError('binary', 'This looks like a binary file, not a text log; nothing was analysed.');
      }
    }
    held.push(next.value);
    splitter.push(next.value, sink);
    if (sample.length >= SAMPLE_LINES) return { sample, lastSampleStart, held, done: false };
  }
}

/**
 * Reads a whole source. `sample`: the lines to choose the format and session key from, when an
 * earlier log (a baseline) chose them; null to choose from this log's first lines. Throws
 * AnalysisError for binary input, RangeError for a format or session key option that does not
 * work, CancelledError when cancelled.
 */
export async function collectLog(
  chunks: AsyncIterable<Uint8Array>,
  size: number | null,
  options: { readonly format: string; readonly sessionKey: string; readonly maxLineBytes: number },
  sample: readonly string[] | null,
  miner: ClusterMiner,
  hooks: CollectHooks,
): Promise<CollectedLog> {
  const source = chunks[Symbol.asyncIterator]();
  try {
    const first = await readSample(source, options.maxLineBytes);
    const setup: ReadingSetup = { ...options, sample: sample ?? first.sample };
    hooks.vetSetup?.(setup);
    const decisions = decide(setup);
    const reading: ReadingSummary = {
      format: decisions.format.name,
      hasYear: decisions.format.hasYear,
      headerProfile: decisions.format.headerProfile ?? null,
      formatStructure: decisions.format.headerProfile ? describeStructure(decisions.format.headerProfile) : decisions.format.label,
      sessionKind: decisions.sessionKey?.kind ?? null,
      sample: setup.sample,
    };
    // Lines expected: the size over the sample's bytes per line, with a little room to spare.
    const bytesPerLine = first.sample.length > 1 ? first.lastSampleStart / (first.sample.length - 1) : 0;
    const expectedLines = size !== null && bytesPerLine > 0 ? Math.ceil((size / bytesPerLine) * 1.05) : 0;
    const lanes = (hooks.lanes ?? inlineLanes)(setup);
    const assembler = new LogAssembler(miner, expectedLines, size, lanes.count);
    const aligner = new ChunkAligner(options.maxLineBytes);
    const pending: { index: number; end: number; parsed: Promise<ParsedChunk> }[] = [];
    let bytes = 0;
    const assembleOne = async (): Promise<void> => {
      const next = pending.shift() as (typeof pending)[number];
      const parsed = await next.parsed;
      if (hooks.isCancelled()) throw new CancelledError();
      assembler.add(next.index, parsed);
      hooks.onBytes(next.end);
    };
    const dispatch = async (raw: Uint8Array): Promise<void> => {
      bytes += raw.length;
      for (const chunk of raw === END ? aligner.finish() : aligner.push(raw)) {
        pending.push({ index: chunk.index, end: chunk.base + chunk.bytes.length, parsed: lanes.parse(chunk) });
        while (pending.length > CHUNKS_AHEAD_PER_LANE * lanes.count) await assembleOne();
      }
    };
    try {
      for (const raw of first.held) await dispatch(raw);
      if (!first.done) {
        for (let next = await source.next(); !next.done; next = await source.next()) {
          if (hooks.isCancelled()) throw new CancelledError();
          await dispatch(next.value);
        }
      }
      await dispatch(END);
      while (pending.length > 0) await assembleOne();
    } finally {
      // Parses still running are not waited for: their lanes close with them.
      for (const { parsed } of pending) parsed.catch(() => undefined);
      await lanes.close();
    }
    return assembler.finish(bytes, reading);
  } finally {
    await source.return?.();
  }
}

/** Marks the end of the stream for dispatch. */
const END = new Uint8Array(0);
