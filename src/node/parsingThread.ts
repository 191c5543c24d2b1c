/**
 * Parsing lanes on threads of their own: the analysis thread sends each lane its chunks and
 * assembles what comes back, so splitting, parsing and masking run beside mining and assembling.
 * The results are those of lanes taking turns on one thread: each lane is the same parser, seeing
 * the same chunks in the same order.
 */
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { type AlignedChunk, AnalysisError, type AnalysisErrorCode, isCustomFormatOption, isCustomSessionKeyOption, type LaneFactory, type ParsedChunk, type ReadingSetup } from '../analysis';
import type { FromParser, ParserError, ToParser } from '../protocol';
import type { PatternNames } from './patternGuard';

/** A chunk (about 1 MB) parses in well under a second; one that takes this long never ends. */
const REPLY_TIMEOUT_MS = 60_000;
/**
 * Threads at most: one thread assembles and mines what every lane parsed, and it is busy about half the
 * time with two lanes; each thread also holds its own tables of shapes and session names.
 */
const MAX_THREADS = 4;

/** A lane for each core the process may use, up to MAX_THREADS (the answers are the same for any count). */
export function defaultLaneCount(): number {
  return Math.max(1, Math.min(MAX_THREADS, availableParallelism()));
}

/**
 * Lanes on threads running `parser.js` from `distFolder`; null when the bundle is not there
 * (running from sources), where the lanes take turns on the calling thread. A thread that does not
 * answer within `replyTimeoutMs` is stopped and the run fails with a sentence naming the user's
 * regular expressions (`names`), the only thing that can make parsing hang.
 */
export function threadLanes(distFolder: string, names: PatternNames, replyTimeoutMs = REPLY_TIMEOUT_MS, count = defaultLaneCount()): LaneFactory | null {
  const script = join(distFolder, 'parser.js');
  if (!existsSync(script)) return null;
  return (setup) => new ThreadLanes(script, setup, { timeoutMs: replyTimeoutMs, message: stallMessage(setup, names, replyTimeoutMs) }, count);
}

function stallMessage(setup: ReadingSetup, names: PatternNames, timeoutMs: number): string {
  const suspects = [isCustomFormatOption(setup.format) ? names.format : null, isCustomSessionKeyOption(setup.sessionKey) ? names.sessionKey : null].filter((name) => name !== null);
  const took = `Parsing a part of the log took over ${timeoutMs / 1000} s and was stopped`;
  if (suspects.length === 0) return `${took}.`;
  return `${took}: the regular expression of ${suspects.join(' or ')} backtracks without end on some line (nested repeats such as (a+)+ do); make it more specific.`;
}

interface Stall {
  readonly timeoutMs: number;
  readonly message: string;
}

function rethrown(error: ParserError): Error {
  if (error.name === 'AnalysisError') return new AnalysisError(error.code as AnalysisErrorCode, error.message);
  if (error.name === 'RangeError') return new RangeError(error.message);
  const rethrow = new Error(error.message);
  rethrow.stack = error.stack;
  return rethrow;
}

/** One thread: replies come in the order chunks were sent. */
class LaneThread {
  private readonly worker: Worker;
  private readonly fail: (error: Error) => void;
  private readonly waiting: { resolve: (chunk: ParsedChunk) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }[] = [];

  constructor(script: string, setup: ReadingSetup, private readonly stall: Stall) {
    // A small young generation: a lane's garbage is short-lived strings, and a smaller nursery keeps peak memory down.
    this.worker = new Worker(script, { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    this.worker.on('message', (reply: FromParser) => {
      const next = this.waiting.shift();
      if (next !== undefined) clearTimeout(next.timer);
      if (reply.type === 'parsed') next?.resolve(reply.chunk);
      else next?.reject(rethrown(reply.error));
    });
    this.fail = (error: Error): void => {
      for (const next of this.waiting.splice(0)) {
        clearTimeout(next.timer);
        next.reject(error);
      }
    };
    this.worker.on('error', this.fail);
    this.worker.on('exit', (code) => this.fail(new Error(`A parsing thread stopped (exit code ${code}).`)));
  }

  parse(chunk: AlignedChunk): Promise<ParsedChunk> {
    return new Promise((resolve, reject) => {
      // Replies come in order, so each request's clock starts when it is sent: a generous bound.
      const timer = setTimeout(() => {
        this.fail(new AnalysisError('invalidOption', this.stall.message));
        void this.worker.terminate();
      }, this.stall.timeoutMs);
      timer.unref();
      this.waiting.push({ resolve, reject, timer });
      const message: ToParser = { type: 'parse', chunk };
      // The chunk's bytes move to the thread rather than being copied.
      this.worker.postMessage(message, [chunk.bytes.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

class ThreadLanes {
  private readonly threads: LaneThread[];

  constructor(script: string, setup: ReadingSetup, stall: Stall, readonly count: number) {
    this.threads = Array.from({ length: count }, () => new LaneThread(script, setup, stall));
  }

  parse(chunk: AlignedChunk): Promise<ParsedChunk> {
    return this.threads[chunk.index % this.count].parse(chunk);
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.close()));
  }
}
