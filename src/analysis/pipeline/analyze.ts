/**
 * The engine: a log (and optionally a known-good baseline) in, a report out, in stages. Reading
 * mines both logs in one streaming pass each; the line stages build features per distinct vector,
 * fit the chosen model and score; the sessions stage does the same for sessions; the last stage
 * explains and assembles the report.
 */
import type { LogSource } from '../reading/sources';
import type { AnalysisReport } from '../report/report';
import { assembleReport } from './assembleReport';
import { resolveOptions, type AnalysisOptions } from './options';
import { AnalysisError, ProgressTracker, type AnalysisHooks } from './progress';
import { readLogs } from './readLogs';
import { scoreLines } from './scoreLines';
import { scoreSessions } from './scoreSessions';

export interface AnalysisInput {
  readonly log: LogSource;
  /** A known-good log: the model learns from it and scores `log` against it. */
  readonly baseline?: LogSource | null;
}

export async function analyzeLog(input: AnalysisInput, optionsInput: Partial<AnalysisOptions> = {}, hooks: AnalysisHooks = {}): Promise<AnalysisReport> {
  let options: AnalysisOptions;
  try {
    options = resolveOptions(optionsInput);
  } catch (error) {
    throw new AnalysisError('invalidOption', (error as Error).message);
  }
  const progress = new ProgressTracker(hooks, hooks.now ?? (() => performance.now()));
  const read = await readLogs(input.log, input.baseline ?? null, options, hooks, progress);
  const lines = scoreLines(read, options, progress);
  const sessions = scoreSessions(read, lines, options, progress);
  return assembleReport(read, lines, sessions, options, progress);
}
