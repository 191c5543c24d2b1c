/**
 * The reading stage: turns byte chunks into per-line and per-entry typed arrays. Each line is
 * split, its header parsed, its message mined into a template and scanned for session ids; only
 * numbers are kept, never the text.
 */
import { LineSplitter, looksBinary, type LineSink } from './lines';
import { resolveFormat, type LogFormat, type ParsedLine } from './formats';
import { TemplateMiner } from './mining/drain';
import { resolveSessionKey, type SessionKey } from './sessions/sessionKeys';
import { PARAMS_PER_ENTRY, quantizeParameter } from './features/parameters';
import { Level } from './levels';
import { AnalysisError, CancelledError } from './progress';
import type { AnalysisOptions } from './options';

/** Lines read before the format and the session key are chosen. */
const SAMPLE_LINES = 500;
/** Lines between two cancellation checks. */
const CHECK_EVERY_LINES = 8192;

/** State shared by the logs mined together (a baseline and the log under test). */
export interface MiningContext {
  readonly miner: TemplateMiner;
  format: LogFormat | null;
  sessionKey: SessionKey | null;
  sessionsDecided: boolean;
}

export function createMiningContext(miner: TemplateMiner): MiningContext {
  return { miner, format: null, sessionKey: null, sessionsDecided: false };
}

export interface CollectedLog {
  readonly bytes: number;
  readonly lineCount: number;
  /** lineCount + 1 offsets. */
  readonly starts: Float64Array;
  /** Entry of each line, -1 for blank lines. */
  readonly entryOfLine: Int32Array;
  readonly entryCount: number;
  readonly entryFirstLine: Int32Array;
  readonly entryClusters: Int32Array;
  readonly entryLevels: Uint8Array;
  /** ms, NaN when the entry has no timestamp. */
  readonly entryTimes: Float64Array;
  /** Message length in characters (capped at 65535). */
  readonly entryLengths: Uint16Array;
  /** Continuation lines after the header line. */
  readonly entryContinuations: Uint32Array;
  /** PARAMS_PER_ENTRY quantized numeric parameters per entry, 0 = none. */
  readonly entryParams: Uint8Array;
  /** (entry, session) pairs in entry order. */
  readonly pairEntries: Int32Array;
  readonly pairSessions: Int32Array;
  /** Session ids as written in the log, by session index. */
  readonly sessionNames: readonly string[];
  readonly truncatedLines: number;
  readonly invalidUtf8Lines: number;
}

export interface CollectHooks {
  /** Called after each chunk with the bytes consumed so far. */
  onBytes(bytes: number): void;
  isCancelled(): boolean;
}

interface SampledLine {
  readonly text: string;
  readonly start: number;
  readonly truncated: boolean;
  readonly invalidUtf8: boolean;
}

/** A typed array of the same kind with a new length, keeping the contents that fit. */
function resized<T extends Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array>(array: T, length: number): T {
  const next = new (array.constructor as new (length: number) => T)(length);
  next.set(array.subarray(0, Math.min(array.length, length)));
  return next;
}

/**
 * Per-line and per-entry columns grow in lockstep, each a typed array written directly: a generic
 * growable wrapper would see five element kinds at one store and make that store megamorphic.
 */
class Collector implements LineSink {
  private lineCapacity = 1 << 16;
  private starts = new Float64Array(this.lineCapacity + 1);
  private entryOfLine = new Int32Array(this.lineCapacity);
  private entryCapacity = 1 << 16;
  private entryFirstLine = new Int32Array(this.entryCapacity);
  private entryClusters = new Int32Array(this.entryCapacity);
  private entryLevels = new Uint8Array(this.entryCapacity);
  private entryTimes = new Float64Array(this.entryCapacity);
  private entryLengths = new Uint16Array(this.entryCapacity);
  private entryContinuations = new Uint32Array(this.entryCapacity);
  private entryParams = new Uint8Array(this.entryCapacity * PARAMS_PER_ENTRY);
  private pairCapacity = 1 << 12;
  private pairCount = 0;
  private pairEntries = new Int32Array(this.pairCapacity);
  private pairSessions = new Int32Array(this.pairCapacity);
  private readonly parsed: ParsedLine = { timestamp: NaN, level: Level.unknown, component: '', message: '' };
  private readonly params: number[] = [];
  private readonly ids: string[] = [];
  private readonly sessionIndex = new Map<string, number>();
  private readonly sessionNames: string[] = [];
  private sample: SampledLine[] | null = [];
  private lineCount = 0;
  private entryCount = 0;
  private truncatedLines = 0;
  private invalidUtf8Lines = 0;
  private sinceCheck = 0;

  constructor(
    private readonly context: MiningContext,
    private readonly options: AnalysisOptions,
    private readonly isCancelled: () => boolean,
  ) {}

  line(text: string, start: number, truncated: boolean, invalidUtf8: boolean): void {
    if (this.sample !== null) {
      this.sample.push({ text, start, truncated, invalidUtf8 });
      if (this.sample.length >= SAMPLE_LINES) this.flushSample();
      return;
    }
    this.addLine(text, start, truncated, invalidUtf8);
  }

  /** Chooses the format and session key from the sampled lines (unless already chosen), then processes them. */
  flushSample(): void {
    const sample = this.sample;
    if (sample === null) return;
    this.sample = null;
    const texts = sample.map((line) => line.text);
    const context = this.context;
    if (context.format === null) context.format = resolveFormat(this.options.format, texts);
    if (!context.sessionsDecided) {
      const format = context.format;
      const messages: string[] = [];
      for (const text of texts) {
        const parsed: ParsedLine = { timestamp: NaN, level: Level.unknown, component: '', message: '' };
        if (text.trim().length > 0 && format.parse(text, parsed)) messages.push(parsed.message);
      }
      context.sessionKey = resolveSessionKey(this.options.sessionKey, messages);
      context.sessionsDecided = true;
    }
    for (const line of sample) this.addLine(line.text, line.start, line.truncated, line.invalidUtf8);
  }

  private addLine(text: string, start: number, truncated: boolean, invalidUtf8: boolean): void {
    const line = this.lineCount++;
    if (line === this.lineCapacity) this.growLines();
    this.starts[line] = start;
    if (truncated) this.truncatedLines++;
    if (invalidUtf8) this.invalidUtf8Lines++;
    if (++this.sinceCheck >= CHECK_EVERY_LINES) {
      this.sinceCheck = 0;
      if (this.isCancelled()) throw new CancelledError();
    }
    if (isBlank(text)) {
      this.entryOfLine[line] = -1;
      return;
    }
    const parsed = this.parsed;
    const format = this.context.format as LogFormat;
    if (!format.parse(text, parsed)) {
      if (this.entryCount > 0) {
        // A continuation line (stack trace): part of the entry above.
        this.entryOfLine[line] = this.entryCount - 1;
        this.entryContinuations[this.entryCount - 1]++;
        return;
      }
      // A continuation before any header: analyse it as an entry of its own.
      parsed.timestamp = NaN;
      parsed.level = Level.unknown;
      parsed.component = '';
      parsed.message = text.trim();
    }
    const entry = this.entryCount++;
    if (entry === this.entryCapacity) this.growEntries();
    this.entryOfLine[line] = entry;
    this.entryFirstLine[entry] = line;
    const params = this.params;
    params.length = 0;
    this.entryClusters[entry] = this.context.miner.add(parsed.message, params);
    this.entryLevels[entry] = parsed.level;
    this.entryTimes[entry] = parsed.timestamp;
    this.entryLengths[entry] = Math.min(65535, parsed.message.length);
    const paramBase = entry * PARAMS_PER_ENTRY;
    for (let i = 0; i < PARAMS_PER_ENTRY && i < params.length; i++) this.entryParams[paramBase + i] = quantizeParameter(params[i]);
    const sessionKey = this.context.sessionKey;
    if (sessionKey !== null) {
      const ids = this.ids;
      ids.length = 0;
      sessionKey.extract(parsed.message, ids);
      for (const id of ids) {
        if (this.pairCount === this.pairCapacity) this.growPairs();
        this.pairEntries[this.pairCount] = entry;
        this.pairSessions[this.pairCount++] = this.sessionOf(id);
      }
    }
  }

  private growLines(): void {
    this.lineCapacity *= 2;
    this.starts = resized(this.starts, this.lineCapacity + 1);
    this.entryOfLine = resized(this.entryOfLine, this.lineCapacity);
  }

  private growEntries(): void {
    const capacity = (this.entryCapacity *= 2);
    this.entryFirstLine = resized(this.entryFirstLine, capacity);
    this.entryClusters = resized(this.entryClusters, capacity);
    this.entryLevels = resized(this.entryLevels, capacity);
    this.entryTimes = resized(this.entryTimes, capacity);
    this.entryLengths = resized(this.entryLengths, capacity);
    this.entryContinuations = resized(this.entryContinuations, capacity);
    this.entryParams = resized(this.entryParams, capacity * PARAMS_PER_ENTRY);
  }

  private growPairs(): void {
    this.pairCapacity *= 2;
    this.pairEntries = resized(this.pairEntries, this.pairCapacity);
    this.pairSessions = resized(this.pairSessions, this.pairCapacity);
  }

  private sessionOf(id: string): number {
    let session = this.sessionIndex.get(id);
    if (session === undefined) {
      session = this.sessionNames.length;
      this.sessionIndex.set(id, session);
      this.sessionNames.push(id);
    }
    return session;
  }

  finish(bytes: number): CollectedLog {
    this.flushSample();
    const lines = this.lineCount;
    const entries = this.entryCount;
    const starts = this.starts.slice(0, lines + 1);
    starts[lines] = bytes;
    return {
      bytes,
      lineCount: lines,
      starts,
      entryOfLine: this.entryOfLine.slice(0, lines),
      entryCount: entries,
      entryFirstLine: this.entryFirstLine.slice(0, entries),
      entryClusters: this.entryClusters.slice(0, entries),
      entryLevels: this.entryLevels.slice(0, entries),
      entryTimes: this.entryTimes.slice(0, entries),
      entryLengths: this.entryLengths.slice(0, entries),
      entryContinuations: this.entryContinuations.slice(0, entries),
      entryParams: this.entryParams.slice(0, entries * PARAMS_PER_ENTRY),
      pairEntries: this.pairEntries.slice(0, this.pairCount),
      pairSessions: this.pairSessions.slice(0, this.pairCount),
      sessionNames: this.sessionNames,
      truncatedLines: this.truncatedLines,
      invalidUtf8Lines: this.invalidUtf8Lines,
    };
  }
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** Reads a whole source through one context. Throws AnalysisError for binary input. */
export async function collectLog(
  chunks: AsyncIterable<Uint8Array>,
  context: MiningContext,
  options: AnalysisOptions,
  hooks: CollectHooks,
): Promise<CollectedLog> {
  const splitter = new LineSplitter({ maxLineBytes: options.maxLineBytes });
  const collector = new Collector(context, options, hooks.isCancelled);
  let first = true;
  for await (const chunk of chunks) {
    if (hooks.isCancelled()) throw new CancelledError();
    if (first && chunk.length > 0) {
      first = false;
      if (looksBinary(chunk.subarray(0, 8192))) {
        throw new AnalysisError('binary', 'This looks like a binary file, not a text log; nothing was analysed.');
      }
    }
    splitter.push(chunk, collector);
    hooks.onBytes(splitter.bytes);
  }
  splitter.finish(collector);
  return collector.finish(splitter.bytes);
}
