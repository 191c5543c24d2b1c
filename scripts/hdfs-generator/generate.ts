/** The generator's options and its two ways out: a stream of lines to a sink, or the whole log in memory. */
import type { AnomalyKind } from './anomalyKinds';
import type { HdfsLogSink } from './simulation';
import { ClusterWorkload, type HdfsGenerationSummary } from './workload';

export interface HdfsGeneratorOptions {
  /** Exact number of lines to write (at least MIN_LINES). */
  readonly lines: number;
  /** Non-negative safe integer; the same seed and options give identical output. Default 1. */
  readonly seed?: number;
  /** Fraction of data blocks that are anomalous, in [0, 0.5]. Default 0.03. */
  readonly anomalyRate?: number;
}

export const MIN_LINES = 100;
export const DEFAULT_ANOMALY_RATE = 0.03;

/** Generates the log into `sink`; returns what was written. */
export function generateHdfsLog(options: HdfsGeneratorOptions, sink: HdfsLogSink): HdfsGenerationSummary {
  const { lines, seed, anomalyRate } = validateOptions(options);
  return new ClusterWorkload(lines, seed, anomalyRate, sink).run();
}

export interface GeneratedHdfsLog {
  /** The log, lines joined by '\n', with a final newline. */
  readonly text: string;
  /** Every block id in the log, in order of first appearance, with its anomaly kind or null if normal. */
  readonly blocks: ReadonlyMap<string, AnomalyKind | null>;
  /** Line number (from 1) → block and kind of the anomalous event on that line. */
  readonly anomalousLines: ReadonlyMap<number, { readonly blockId: string; readonly kind: AnomalyKind }>;
  readonly summary: HdfsGenerationSummary;
}

/** The whole log in memory: for tests and small fixtures. */
export function generateHdfsLogText(options: HdfsGeneratorOptions): GeneratedHdfsLog {
  const lines: string[] = [];
  const blocks = new Map<string, AnomalyKind | null>();
  const anomalousLines = new Map<number, { blockId: string; kind: AnomalyKind }>();
  const summary = generateHdfsLog(options, {
    line: (text) => lines.push(text),
    block: (blockId, anomaly) => blocks.set(blockId, anomaly),
    anomalousLine: (lineNumber, blockId, kind) => anomalousLines.set(lineNumber, { blockId, kind }),
  });
  return { text: lines.join('\n') + '\n', blocks, anomalousLines, summary };
}

/** The options with their defaults, or a RangeError that says which one to fix. */
export function validateOptions(options: HdfsGeneratorOptions): Required<HdfsGeneratorOptions> {
  const { lines, seed = 1, anomalyRate = DEFAULT_ANOMALY_RATE } = options;
  if (!Number.isSafeInteger(lines) || lines < MIN_LINES) {
    throw new RangeError(`lines must be an integer of at least ${MIN_LINES}; got ${String(lines)}`);
  }
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`seed must be a non-negative safe integer; got ${String(seed)}`);
  }
  if (!(anomalyRate >= 0 && anomalyRate <= 0.5)) {
    throw new RangeError(`anomalyRate must be a fraction between 0 and 0.5 (e.g. 0.03); got ${String(anomalyRate)}`);
  }
  return { lines, seed, anomalyRate };
}
