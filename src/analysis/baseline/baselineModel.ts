/**
 * A baseline as the engine keeps it: what was learnt from a known-good log (how it is read, its
 * templates, the line model with what it needs to score new data alike, its sessions' behaviours), without the
 * log itself. Fitted once, it scores any number of logs, and it can be saved (baseline/savedModel).
 */
import type { MinedTemplate } from '../mining/drain';
import type { ModelName, AnalysisOptions } from '../pipeline/options';
import { type AnalysisHooks, type ProgressTracker } from '../pipeline/progress';
import { readingAsItself, readLogs, type ReadLogs } from '../pipeline/readLogs';
import { entryShare } from '../pipeline/readingWarnings';
import { scoreLines, type FittedLines } from '../pipeline/scoreLines';
import { scoreSessions, type FittedSessions } from '../pipeline/scoreSessions';
import type { LogSource } from '../reading/sources';

export interface BaselineModel {
  readonly model: ModelName;
  /** How the known-good log was read; a log scored against it is read the same way. */
  readonly reading: BaselineReading;
  /** Lines of the known-good log, its entries and entries per non-blank line (for the run's warnings). */
  readonly lines: number;
  readonly entries: number;
  readonly entryShare: number | null;
  /** Its templates, by template id (the line statistics count their entries). */
  readonly templates: readonly MinedTemplate[];
  readonly lineModel: FittedLines;
  readonly sessionModel: FittedSessions;
}

export interface BaselineReading {
  readonly format: string;
  readonly sessionKey: string;
  readonly maxLineBytes: number;
  /** The first lines the format and the session key were chosen on. */
  readonly sample: readonly string[];
}

/** Reads and fits a known-good log: the analysis of the log by itself, kept as a model. */
export async function fitBaseline(source: LogSource, options: AnalysisOptions, hooks: AnalysisHooks, progress: ProgressTracker): Promise<BaselineModel> {
  const read = await readLogs(source, options, hooks, progress, readingAsItself('baseline'));
  const lines = scoreLines(read, options, progress);
  const sessions = scoreSessions(read, lines.scored, options, progress, true);
  return baselineModelOf(read, lines.fitted, sessions.fitted as FittedSessions, options);
}

/** The model of a log analysed by itself. */
export function baselineModelOf(read: ReadLogs, lineModel: FittedLines, sessionModel: FittedSessions, options: AnalysisOptions): BaselineModel {
  return {
    model: options.model,
    reading: { format: options.format, sessionKey: options.sessionKey, maxLineBytes: options.maxLineBytes, sample: read.log.reading.sample },
    lines: read.log.lineCount,
    entries: read.log.entryCount,
    entryShare: entryShare(read.log),
    templates: read.templates.mined,
    lineModel,
    sessionModel,
  };
}

/** The options of a run against `baseline`: its model and reading, the run's threshold and expected templates. */
export function optionsAgainst(baseline: BaselineModel, options: AnalysisOptions): AnalysisOptions {
  const { format, sessionKey, maxLineBytes } = baseline.reading;
  return { ...options, model: baseline.model, format, sessionKey, maxLineBytes };
}
