/**
 * The engine: a log (and optionally a known-good baseline, as a log or as a fitted model) in, a
 * report out, in stages. Reading mines the log in one streaming pass; the line stages build
 * features per distinct vector, fit the chosen model and score; the sessions stage does the same
 * for sessions; the last stage explains and assembles the report. Against a baseline, the baseline
 * is fitted (unless it comes fitted) and the log is scored by its models without learning from it.
 */
import { baselineModelOf, fitBaseline, type BaselineModel } from '../baseline/baselineModel';
import { analyzeAgainst } from '../baseline/scoreAgainst';
import { releaseFeatureColumns } from '../reading/collect';
import type { LogSource } from '../reading/sources';
import type { AnalysisReport } from '../report/report';
import { assembleReport } from './assembleReport';
import { resolveOptions, type AnalysisOptions } from './options';
import { AnalysisError, ProgressTracker, type AnalysisHooks } from './progress';
import { readLogs } from './readLogs';
import { scoreLines } from './scoreLines';
import { scoreSessions, type FittedSessions } from './scoreSessions';

export interface AnalysisInput {
  readonly log: LogSource;
  /** A known-good log, or a model fitted on one: `log` is scored against it. */
  readonly baseline?: LogSource | BaselineModel | null;
}

export async function analyzeLog(input: AnalysisInput, optionsInput: Partial<AnalysisOptions> = {}, hooks: AnalysisHooks = {}): Promise<AnalysisReport> {
  const options = checkedOptions(optionsInput);
  const progress = new ProgressTracker(hooks, hooks.now ?? (() => performance.now()));
  const baseline = input.baseline ?? null;
  if (baseline !== null) {
    const fitted = isLogSource(baseline) ? await fitBaseline(baseline, options, hooks, progress) : baseline;
    return analyzeAgainst(input.log, fitted, options, hooks, progress);
  }
  const read = await readLogs(input.log, options, hooks, progress);
  const lines = scoreLines(read, options, progress).scored;
  releaseFeatureColumns(read.log);
  const sessions = scoreSessions(read, lines, options, progress).scored;
  return assembleReport(read, lines, sessions, options, progress);
}

/**
 * The analysis of a log by itself, and what it fitted kept as a baseline model: to score lines
 * appended to the log later alike (following a log), without learning again. Given a fitted
 * `baseline`, the log is scored against it instead, and the baseline is what scores its lines.
 */
export async function analyzeAndFit(
  source: LogSource,
  optionsInput: Partial<AnalysisOptions> = {},
  hooks: AnalysisHooks = {},
  baseline: BaselineModel | null = null,
): Promise<{ report: AnalysisReport; fitted: BaselineModel }> {
  if (baseline !== null) return { report: await analyzeLog({ log: source, baseline }, optionsInput, hooks), fitted: baseline };
  const options = checkedOptions(optionsInput);
  const progress = new ProgressTracker(hooks, hooks.now ?? (() => performance.now()));
  const read = await readLogs(source, options, hooks, progress);
  const lines = scoreLines(read, options, progress);
  const sessions = scoreSessions(read, lines.scored, options, progress, true);
  return { report: assembleReport(read, lines.scored, sessions.scored, options, progress), fitted: baselineModelOf(read, lines.fitted, sessions.fitted as FittedSessions, options) };
}

/** Fits a known-good log into a model that scores other logs against it (and can be saved). */
export async function trainBaseline(source: LogSource, optionsInput: Partial<AnalysisOptions> = {}, hooks: AnalysisHooks = {}): Promise<BaselineModel> {
  const options = checkedOptions(optionsInput);
  return fitBaseline(source, options, hooks, new ProgressTracker(hooks, hooks.now ?? (() => performance.now())));
}

function checkedOptions(input: Partial<AnalysisOptions>): AnalysisOptions {
  try {
    return resolveOptions(input);
  } catch (error) {
    throw new AnalysisError('invalidOption', (error as Error).message);
  }
}

function isLogSource(baseline: LogSource | BaselineModel): baseline is LogSource {
  return 'chunks' in baseline;
}
