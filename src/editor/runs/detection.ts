/**
 * Detect Anomalies from start to finish: find the log (an editor's document, a file on disk, or one
 * the user picks), turn it into the worker's input, run it, and store the result every view shows.
 * Documents that are saved are read from disk by the worker (faster, no copy); unsaved and untitled
 * ones are sent as text. Files VS Code will not open as documents (over 50 MB) are read from disk.
 * Nothing here ever writes to the log.
 */
import * as vscode from 'vscode';
import { type AnalysisOptions, type AnalysisReport, resolveOptions } from '../../analysis';
import type { LogInput } from '../../protocol';
import { COMMANDS } from '../commands';
import { activeLogUri } from '../state/activeLog';
import type { ExpectedPatterns } from '../state/expectedPatterns';
import type { MarkCache } from '../state/markCache';
import { withExpectedTemplates } from '../state/marks';
import { findOpenDocument, type AnalysisResult, type ResultOrigin, type ResultStore } from '../state/results';
import type { Settings } from '../state/settings';
import { displayName, runSummary } from '../text/wording';
import type { Messages } from '../views/messages';
import type { AnalysisRunner } from './analysisRunner';

/** VS Code does not give extensions documents larger than this; such files are only read from disk. */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

export interface DetectOptions {
  /** Read the file from disk even when it is open in an editor (the explorer's command). */
  readonly fromDisk?: boolean;
  /** A known-good log to compare against. */
  readonly baseline?: vscode.Uri;
  /** No summary notification and no dashboard (re-runs, the API); problems are still reported. */
  readonly quiet?: boolean;
}

interface ResolvedLog {
  readonly input: LogInput;
  readonly origin: ResultOrigin;
  /** Present when the input is an open document's text or version. */
  readonly document: vscode.TextDocument | undefined;
}

const SHOW_DASHBOARD = 'Show Dashboard';
const SHOW_PROBLEMS = 'Show Problems';
const RUN_AGAIN = 'Run Again';

export class Detection {
  constructor(
    private readonly store: ResultStore,
    private readonly runner: AnalysisRunner,
    private readonly settings: Settings,
    private readonly expected: ExpectedPatterns,
    private readonly marks: MarkCache,
    private readonly messages: Messages,
  ) {}

  /**
   * Scores `uri` (or the active editor's log) and stores the result. Resolves with the report, or
   * undefined when there was nothing to score, the run was cancelled or it failed (the user was told).
   */
  async detect(uri: vscode.Uri | undefined, options: DetectOptions = {}): Promise<AnalysisReport | undefined> {
    const target = uri ?? activeLogUri();
    if (target === undefined) {
      const picked = await this.pickLog('Detect Anomalies', 'Open a log file first, or choose one to analyse.');
      return picked === undefined ? undefined : this.detect(picked, { ...options, fromDisk: true });
    }
    const name = displayName(target);
    const log = await this.resolve(target, name, options.fromDisk ?? false);
    if (log === undefined) return undefined;
    const baselineLog = options.baseline === undefined ? undefined : await this.resolve(options.baseline, displayName(options.baseline), false, 'baseline');
    if (options.baseline !== undefined && baselineLog === undefined) return undefined;

    const outcome = await this.runner.run({
      uri: target,
      title: name,
      input: log.input,
      baseline: baselineLog?.input ?? null,
      options: this.analysisOptions(),
    });
    switch (outcome.kind) {
      case 'cancelled':
        return undefined;
      case 'failed':
        if (outcome.unexpected) void this.messages.error(`Log Anomaly Detector: ${outcome.userMessage}`, outcome.detail);
        else void this.messages.warn(outcome.userMessage);
        return undefined;
      case 'done':
        break;
    }
    if (log.document !== undefined && log.origin.kind === 'document' && log.document.version !== log.origin.version) {
      // Edited while it was being scored: line numbers may no longer match.
      this.messages.log.info(`${name} changed during the analysis; its result was dropped.`);
      return undefined;
    }
    const report = withExpectedTemplates(outcome.report, this.expected.templates);
    const origin: ResultOrigin = { ...log.origin, stamp: outcome.stamp };
    const result: AnalysisResult = { uri: target, report, origin, baselineUri: options.baseline ?? null, threshold: report.threshold };
    // Every view updates synchronously from this call: its time is what the host spends on a result.
    const updateStarted = performance.now();
    this.store.set(result);
    const updateMs = performance.now() - updateStarted;
    this.messages.log.info(`${name}: ${report.stats.lines} lines in ${Math.round(report.stats.elapsedMs)} ms (${formatStages(report)}); views updated in ${updateMs.toFixed(1)} ms`);
    for (const warning of report.stats.warnings) void this.messages.warn(`${name}: ${warning}`);
    if (outcome.changed !== null) void this.offerRerun(result, outcome.changed);
    if (!options.quiet) {
      const openDashboard = this.settings.current.openDashboardAfterRun;
      if (openDashboard) void vscode.commands.executeCommand(COMMANDS.showDashboard, target);
      void this.announce(result, name, !openDashboard);
    }
    return report;
  }

  /** The log changed on disk while it was scored: say so, and score it again if the user asks. */
  private async offerRerun(result: AnalysisResult, change: string): Promise<void> {
    if ((await this.messages.warn(change, RUN_AGAIN)) === RUN_AGAIN) await this.rerun(result);
  }

  /** Scores a file as it is on disk (the explorer's command): `uri`, or one the user picks. */
  async detectFile(uri: vscode.Uri | undefined): Promise<AnalysisReport | undefined> {
    const target = uri ?? (await chooseLog('Detect Anomalies in File'));
    return target === undefined ? undefined : this.detect(target, { fromDisk: true });
  }

  /** Scores the log of `result` again as it was scored (from disk or its document, with its baseline), without a summary. */
  rerun(result: AnalysisResult): Promise<AnalysisReport | undefined> {
    return this.detect(result.uri, { quiet: true, fromDisk: result.origin.kind !== 'document', baseline: result.baselineUri ?? undefined });
  }

  /** Asks for a known-good log, then scores `uri` (or the active log) against it. */
  async detectAgainstBaseline(uri: vscode.Uri | undefined): Promise<AnalysisReport | undefined> {
    const target = uri ?? activeLogUri() ?? (await this.pickLog('Detect Anomalies', 'Choose the log to analyse.'));
    if (target === undefined) return undefined;
    const [baseline] =
      (await vscode.window.showOpenDialog({
        title: `Choose a known-good log (or a model saved by log-anomaly train) to compare ${displayName(target)} with`,
        openLabel: 'Use as Baseline',
        canSelectMany: false,
        canSelectFolders: false,
        defaultUri: vscode.Uri.joinPath(target, '..'),
        filters: BASELINE_FILTERS,
      })) ?? [];
    if (baseline === undefined) return undefined;
    if (baseline.toString() === target.toString()) {
      void this.messages.warn('Choose a different log as the baseline: a log compared with itself has nothing new.');
      return undefined;
    }
    return this.detect(target, { baseline });
  }

  /** The engine options from the settings and the expected patterns. */
  analysisOptions(): AnalysisOptions {
    const { model, sessionModel, contamination, sessionKey, format, seed } = this.settings.current;
    return resolveOptions({ model, sessionModel, contamination, sessionKey, format, seed, expectedTemplates: this.expected.templates });
  }

  private async pickLog(title: string, prompt: string): Promise<vscode.Uri | undefined> {
    const choose = 'Choose a Log File...';
    if ((await this.messages.info(prompt, choose)) !== choose) return undefined;
    return chooseLog(title, LOG_FILTERS);
  }

  /**
   * The worker's input for `uri`, or undefined after telling the user why there is none (missing,
   * a folder, empty). `role` words the messages for a baseline.
   */
  private async resolve(uri: vscode.Uri, name: string, fromDisk: boolean, role: 'log' | 'baseline' = 'log'): Promise<ResolvedLog | undefined> {
    const what = role === 'baseline' ? `The baseline ${name}` : name;
    const document = findOpenDocument(uri);
    if (document !== undefined && !(fromDisk && uri.scheme === 'file')) {
      const origin: ResultOrigin = { kind: 'document', version: document.version };
      if (document.isUntitled || document.isDirty || uri.scheme !== 'file') {
        const text = document.getText();
        if (text.trim().length === 0) return this.nothingToScore(`${what} is empty: there is nothing to analyse.`);
        return { input: { kind: 'text', text, name }, origin, document };
      }
      const size = await this.fileSize(uri, what);
      if (size === undefined) return undefined;
      if (size === 0) return this.nothingToScore(`${what} is empty: there is nothing to analyse.`);
      return { input: { kind: 'file', path: uri.fsPath }, origin, document };
    }

    const size = await this.fileSize(uri, what);
    if (size === undefined) return undefined;
    if (size === 0) return this.nothingToScore(`${what} is empty: there is nothing to analyse.`);
    if (uri.scheme === 'file') return { input: { kind: 'file', path: uri.fsPath }, origin: { kind: 'file' }, document: undefined };
    // Not on the local disk (a virtual or remote file system): read it through VS Code.
    if (size > MAX_DOCUMENT_BYTES) {
      void this.messages.warn(`${what} is not on this machine's disk and too large to read through VS Code; copy it to a local folder to analyse it.`);
      return undefined;
    }
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    if (text.trim().length === 0) return this.nothingToScore(`${what} is empty: there is nothing to analyse.`);
    return { input: { kind: 'text', text, name }, origin: { kind: 'file' }, document: undefined };
  }

  /** The file's size, or undefined after telling the user it is missing or a folder. */
  private async fileSize(uri: vscode.Uri, what: string): Promise<number | undefined> {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if ((stat.type & vscode.FileType.Directory) !== 0) {
        void this.messages.warn(`${what} is a folder. Choose a log file to analyse.`);
        return undefined;
      }
      return stat.size;
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') void this.messages.warn(`${what} does not exist.`);
      else void this.messages.warn(`${what} cannot be read: ${(error as Error).message}`);
      return undefined;
    }
  }

  private nothingToScore(message: string): undefined {
    void this.messages.info(message);
    return undefined;
  }

  /** The summary notification, with buttons to the dashboard (unless it opened by itself) and Problems. */
  private async announce(result: AnalysisResult, name: string, offerDashboard: boolean): Promise<void> {
    const marked = this.marks.marked(result).lineCount;
    const summary = runSummary(name, result.report.stats, marked, result.baselineUri === null ? null : displayName(result.baselineUri));
    const actions = marked === 0 ? [] : offerDashboard ? [SHOW_DASHBOARD, SHOW_PROBLEMS] : [SHOW_PROBLEMS];
    const choice = await this.messages.info(summary, ...actions);
    if (choice === SHOW_DASHBOARD) void vscode.commands.executeCommand(COMMANDS.showDashboard, result.uri);
    if (choice === SHOW_PROBLEMS) void vscode.commands.executeCommand('workbench.actions.view.problems');
  }
}

export const LOG_FILTERS: Readonly<Record<string, string[]>> = { 'Log files': ['log', 'txt', 'out', 'jsonl', 'trace', 'gz'], 'All files': ['*'] };
const BASELINE_FILTERS: Readonly<Record<string, string[]>> = { 'Log files': LOG_FILTERS['Log files'], 'Saved models': ['json'], 'All files': ['*'] };

async function chooseLog(title: string, filters?: Readonly<Record<string, string[]>>): Promise<vscode.Uri | undefined> {
  const [picked] = (await vscode.window.showOpenDialog({ title, openLabel: 'Detect Anomalies', canSelectMany: false, filters })) ?? [];
  return picked;
}

function formatStages(report: AnalysisReport): string {
  return Object.entries(report.stats.stageMs)
    .map(([stage, ms]) => `${stage} ${Math.round(ms ?? 0)} ms`)
    .join(', ');
}
