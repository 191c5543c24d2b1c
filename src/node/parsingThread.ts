/**
 * Parsing lanes on threads of their own: the analysis thread sends each lane its chunks and
 * assembles what comes back, so splitting, parsing and masking run beside mining and assembling.
 * The results are those of lanes taking turns on one thread: each lane is the same parser, seeing
 * the same chunks in the same order.
 */
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type AlignedChunk, AnalysisError, type AnalysisErrorCode, type LaneFactory, LANES, type ParsedChunk, type ReadingSetup } from '../analysis';
import type { FromParser, ParserError, ToParser } from '../protocol';

/**
 * Lanes on threads running `parser.js` from `distFolder`; null when the bundle is not there
 * (running from sources), where the lanes take turns on the calling thread.
 */
export function threadLanes(distFolder: string): LaneFactory | null {
  const script = join(distFolder, 'parser.js');
  if (!existsSync(script)) return null;
  return (setup) => new ThreadLanes(script, setup);
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
  private readonly waiting: { resolve: (chunk: ParsedChunk) => void; reject: (error: Error) => void }[] = [];

  constructor(script: string, setup: ReadingSetup) {
    // A small young generation: a lane's garbage is short-lived strings, and a smaller nursery keeps peak memory down.
    this.worker = new Worker(script, { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    this.worker.on('message', (reply: FromParser) => {
      const next = this.waiting.shift();
      if (reply.type === 'parsed') next?.resolve(reply.chunk);
      else next?.reject(rethrown(reply.error));
    });
    const fail = (error: Error): void => {
      for (const next of this.waiting.splice(0)) next.reject(error);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`A parsing thread stopped (exit code ${code}).`)));
  }

  parse(chunk: AlignedChunk): Promise<ParsedChunk> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
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

  constructor(script: string, setup: ReadingSetup) {
    this.threads = Array.from({ length: LANES }, () => new LaneThread(script, setup));
  }

  parse(chunk: AlignedChunk): Promise<ParsedChunk> {
    return this.threads[chunk.index % LANES].parse(chunk);
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.close()));
  }
}
