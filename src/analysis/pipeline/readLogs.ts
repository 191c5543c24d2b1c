/**
 * The reading stage: the log (and its baseline, first) in one streaming pass each through one
 * shared template miner, then the templates counted per log.
 */
import { TemplateMiner, type MinedTemplates } from '../mining/drain';
import { collectLog, type CollectedLog } from '../reading/collect';
import type { LogSource } from '../reading/sources';
import { matchesExpectedTemplate } from '../scoring/expected';
import type { AnalysisOptions } from './options';
import { AnalysisError, type AnalysisHooks, type ProgressTracker } from './progress';

export interface ReadLogs {
  readonly log: CollectedLog;
  /** Baseline mode: the known-good log, read first; null otherwise. */
  readonly baseline: CollectedLog | null;
  readonly templates: LogTemplates;
}

/** The templates mined from both logs, and how the log under test uses them. */
export interface LogTemplates {
  readonly count: number;
  readonly texts: readonly string[];
  readonly tokenCounts: Int32Array;
  /** Template of each miner cluster. */
  readonly ofCluster: Int32Array;
  /** Template of each entry of the log under test. */
  readonly ofEntry: Int32Array;
  /** Entries per template in the log under test, and the first line of each (-1 when absent). */
  readonly counts: Float64Array;
  readonly firstLines: Int32Array;
  /** Baseline mode: entries per template in the known-good log; null otherwise. */
  readonly baselineCounts: Float64Array | null;
  /** Marked as expected by the user: never flagged. */
  readonly expected: readonly boolean[];
}

export async function readLogs(source: LogSource, baselineSource: LogSource | null, options: AnalysisOptions, hooks: AnalysisHooks, progress: ProgressTracker): Promise<ReadLogs> {
  const miner = new TemplateMiner();
  const isCancelled = (): boolean => hooks.isCancelled?.() ?? false;
  const totalBytes = (baselineSource?.size ?? 0) + (source.size ?? 0);
  const knownSize = source.size !== null && (!baselineSource || baselineSource.size !== null);
  const read = async (from: LogSource, bytesBefore: number, sample: readonly string[] | null, which: 'log' | 'baseline'): Promise<CollectedLog> => {
    try {
      return await collectLog(from.chunks(), from.size, options, sample, miner, {
        isCancelled,
        lanes: hooks.lanes,
        vetSetup: hooks.vetSetup,
        onBytes: (bytes) => knownSize && totalBytes > 0 && progress.report('reading', (bytesBefore + bytes) / totalBytes),
      });
    } catch (error) {
      // A user-given format or session regex that does not work is an option problem.
      if (error instanceof RangeError) throw new AnalysisError('invalidOption', error.message);
      if (error instanceof AnalysisError && error.code === 'binary') throw new AnalysisError(error.code, error.message, which);
      throw error;
    }
  };
  const baseline = baselineSource ? await read(baselineSource, 0, null, 'baseline') : null;
  // The log under test is read as its baseline was (same format, same session key).
  // A baseline with no lines has nothing to choose from: the log chooses from its own lines.
  const baselineSample = baseline !== null && baseline.entryCount > 0 ? baseline.reading.sample : null;
  const log = await read(source, baseline?.bytes ?? 0, baselineSample, 'log');
  progress.finish('reading');
  return { log, baseline, templates: logTemplates(miner.snapshot(), log, baseline, options.expectedTemplates) };
}

function logTemplates(mined: MinedTemplates, log: CollectedLog, baseline: CollectedLog | null, expectedTemplates: readonly string[]): LogTemplates {
  const ofCluster = mined.templates.length > 0 ? mined.templateOfCluster : new Int32Array(0);
  const count = mined.templates.length;
  const texts = mined.templates.map((template) => template.text);
  const ofEntry = new Int32Array(log.entryCount);
  for (let e = 0; e < log.entryCount; e++) ofEntry[e] = ofCluster[log.entryClusters[e]];
  const counts = new Float64Array(count);
  const firstLines = new Int32Array(count).fill(-1);
  for (let e = 0; e < log.entryCount; e++) {
    const template = ofEntry[e];
    counts[template]++;
    if (firstLines[template] < 0) firstLines[template] = log.entryFirstLine[e];
  }
  return {
    count,
    texts,
    tokenCounts: Int32Array.from(mined.templates, (template) => template.tokens.length),
    ofCluster,
    ofEntry,
    counts,
    firstLines,
    baselineCounts: baseline ? templateCounts(baseline, ofCluster, count) : null,
    expected: texts.map((text) => matchesExpectedTemplate(text, expectedTemplates)),
  };
}

function templateCounts(log: CollectedLog, templateOfCluster: Int32Array, templateCount: number): Float64Array {
  const counts = new Float64Array(templateCount);
  for (let e = 0; e < log.entryCount; e++) counts[templateOfCluster[log.entryClusters[e]]]++;
  return counts;
}
