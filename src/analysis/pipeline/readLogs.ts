/**
 * The reading stage: a log in one streaming pass through a template miner (a fresh one, or one that
 * knows a baseline's templates), then the templates counted.
 */
import { TemplateMiner, type ClusterMiner, type MinedTemplate, type MinedTemplates } from '../mining/drain';
import { clustersToTemplates, collectLog, type CollectedLog } from '../reading/collect';
import { firstLineOf } from '../reading/entryLines';
import type { LogSource } from '../reading/sources';
import { matchesExpectedTemplate } from '../scoring/expected';
import type { AnalysisOptions } from './options';
import { AnalysisError, type AnalysisHooks, type ProgressTracker } from './progress';
import type { BaselineSummary } from './readingWarnings';

export interface ReadLogs {
  readonly log: CollectedLog;
  readonly templates: LogTemplates;
  /** Baseline mode: the known-good log's size and shape; null otherwise. */
  readonly baseline: BaselineSummary | null;
}

/** The templates mined (a baseline's first, in baseline mode), and how the log uses them. */
export interface LogTemplates {
  readonly count: number;
  /** Text and tokens as the miner gave them. */
  readonly mined: readonly MinedTemplate[];
  readonly texts: readonly string[];
  readonly tokenCounts: Int32Array;
  /** Template of each miner cluster. */
  readonly ofCluster: Int32Array;
  /** Template of each entry of the log (in place of its cluster): 2 bytes an entry while there are at most 65,536 templates. */
  readonly ofEntry: EntryTemplates;
  /** Entries per template in the log, and the first line of each (-1 when absent). */
  readonly counts: Float64Array;
  readonly firstLines: Int32Array;
  /** Baseline mode: entries per template in the known-good log; null otherwise. */
  readonly baselineCounts: Float64Array | null;
  /** Marked as expected by the user: never flagged. */
  readonly expected: readonly boolean[];
}

export type EntryTemplates = Uint16Array | Int32Array;

/** How a log is read: by default as itself; against a baseline, as the baseline was, with its templates. */
export interface ReadingAs {
  readonly miner: ClusterMiner;
  /** The lines the baseline's format and session key were chosen on. */
  readonly sample: readonly string[] | null;
  /** Entries per known template in the baseline, and its size and shape. */
  readonly baselineCounts: Float64Array | null;
  readonly baseline: BaselineSummary | null;
  /** Which log of the run this is, for the messages about it. */
  readonly role: 'log' | 'baseline';
}

/** A log read as itself: a fresh miner, its own first lines to choose the format from. */
export function readingAsItself(role: 'log' | 'baseline' = 'log'): ReadingAs {
  return { miner: new TemplateMiner(), sample: null, baselineCounts: null, baseline: null, role };
}

export async function readLogs(source: LogSource, options: AnalysisOptions, hooks: AnalysisHooks, progress: ProgressTracker, as: ReadingAs = readingAsItself()): Promise<ReadLogs> {
  let log: CollectedLog;
  try {
    log = await collectLog(source.chunks(), source.size, options, as.sample, as.miner, {
      isCancelled: () => hooks.isCancelled?.() ?? false,
      lanes: hooks.lanes,
      vetSetup: hooks.vetSetup,
      onBytes: (bytes) => source.size !== null && source.size > 0 && progress.report('reading', bytes / source.size),
    });
  } catch (error) {
    // A user-given format or session regex that does not work is an option problem.
    if (error instanceof RangeError) throw new AnalysisError('invalidOption', error.message);
    if (error instanceof AnalysisError && error.code === 'binary') throw new AnalysisError(error.code, error.message, as.role);
    throw error;
  }
  progress.finish('reading');
  return { log, templates: logTemplates(as.miner.snapshot(), log, as.baselineCounts, options.expectedTemplates), baseline: as.baseline };
}

function logTemplates(mined: MinedTemplates, log: CollectedLog, knownBaselineCounts: Float64Array | null, expectedTemplates: readonly string[]): LogTemplates {
  const ofCluster = mined.templates.length > 0 ? mined.templateOfCluster : new Int32Array(0);
  const count = mined.templates.length;
  const texts = mined.templates.map((template) => template.text);
  const ofEntry = clustersToTemplates(log, ofCluster, count);
  const counts = new Float64Array(count);
  const firstLines = new Int32Array(count).fill(-1);
  for (let e = 0; e < log.entryCount; e++) {
    const template = ofEntry[e];
    counts[template]++;
    if (firstLines[template] < 0) firstLines[template] = firstLineOf(log, e);
  }
  let baselineCounts: Float64Array | null = null;
  if (knownBaselineCounts !== null) {
    // Templates new to the baseline have no lines in it.
    baselineCounts = new Float64Array(count);
    baselineCounts.set(knownBaselineCounts.subarray(0, count));
  }
  return {
    count,
    mined: mined.templates,
    texts,
    tokenCounts: Int32Array.from(mined.templates, (template) => template.tokens.length),
    ofCluster,
    ofEntry,
    counts,
    firstLines,
    baselineCounts,
    expected: texts.map((text) => matchesExpectedTemplate(text, expectedTemplates)),
  };
}
