/**
 * Follow This Log: a worker per followed log scores it, then scores the lines appended to it as they
 * arrive; each batch is appended to the stored result (report/appendArrived), so marks, Problems,
 * trees, status bar and dashboard update in place with the user's threshold kept. A refit or a
 * restart (truncated, rotated) replaces the result in one step. Clearing the result, editing the
 * log, or a new run stops following it. Only the worker reads the file.
 */
import * as vscode from 'vscode';
import { Worker } from 'node:worker_threads';
import { type AnalysisOptions, type AnalysisReport, appendArrived } from '../../analysis';
import type { FileStamp, FollowRequest, FollowStart, WorkerToHost } from '../../protocol';
import { type ActiveLog, activeLogUri } from '../state/activeLog';
import type { ExpectedPatterns } from '../state/expectedPatterns';
import { withExpectedTemplates } from '../state/marks';
import { findOpenDocument, type ResultStore } from '../state/results';
import { displayName } from '../text/wording';
import type { Messages } from '../views/messages';

export const FOLLOWED_CONTEXT = 'logAnomaly.activeLogFollowed';

interface Followed {
  readonly runId: number;
  readonly worker: Worker;
  /** Settles the first run's progress notification. */
  firstRun: (() => void) | null;
}

const RESTARTED: Readonly<Record<Exclude<FollowStart, 'first' | 'refit'>, string>> = {
  truncated: 'was truncated',
  replaced: 'was replaced (rotated)',
};

export class LogFollowing implements vscode.Disposable {
  private readonly followed = new Map<string, Followed>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires when a log starts or stops being followed. */
  readonly onDidChange = this.changed.event;
  private nextRunId = 1;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(
    private readonly workerScript: string,
    private readonly store: ResultStore,
    private readonly expected: ExpectedPatterns,
    private readonly messages: Messages,
    private readonly options: () => AnalysisOptions,
    private readonly activeLog: ActiveLog,
  ) {
    this.disposables.push(
      // The title bar offers Follow or Stop Following for the active log.
      activeLog.onDidChange(() => this.updateContext()),
      this.changed.event(() => this.updateContext()),
      store.onDidChange((change) => {
        const result = store.get(change.uri);
        // Cleared, or replaced by a run of its own: the lines that arrive no longer continue it.
        if (change.kind === 'delete' || (change.kind === 'set' && result?.origin.kind !== 'followed')) this.stop(change.uri);
      }),
    );
  }

  private updateContext(): void {
    const uri = this.activeLog.uri;
    void vscode.commands.executeCommand('setContext', FOLLOWED_CONTEXT, uri !== undefined && this.isFollowed(uri));
  }

  isFollowed(uri: vscode.Uri): boolean {
    return this.followed.has(uri.toString());
  }

  /** Follows `uri` (or the active editor's log): scores it, then the lines appended to it. */
  async follow(uri: vscode.Uri | undefined): Promise<void> {
    const target = uri ?? activeLogUri();
    if (target === undefined) {
      void this.messages.info('Open a log file first: Follow This Log scores the lines a log gets as they are written.');
      return;
    }
    const name = displayName(target);
    if (this.isFollowed(target)) {
      void this.messages.info(`${name} is already followed: its new lines are scored as they are written.`);
      return;
    }
    if (target.scheme !== 'file') {
      void this.messages.warn(`${name} is not on this machine's disk: Follow This Log reads a log file as it is written.`);
      return;
    }
    if (findOpenDocument(target)?.isDirty) {
      void this.messages.warn(`${name} has unsaved changes: save or revert them to follow the file.`);
      return;
    }
    const baselineUri = this.store.get(target)?.baselineUri ?? null;
    const runId = this.nextRunId++;
    const worker = new Worker(this.workerScript, { name: `log-anomaly-follow-${runId}` });
    const entry: Followed = { runId, worker, firstRun: null };
    this.followed.set(target.toString(), entry);
    this.changed.fire(target);
    worker.on('message', (message: WorkerToHost) => this.received(target, entry, message, baselineUri));
    worker.on('error', (error) => this.failed(target, entry, `Following ${name} stopped with an internal error.`, error.stack ?? String(error)));
    worker.on('exit', () => this.failed(target, entry, `Following ${name} stopped unexpectedly.`, 'The worker exited.'));
    const request: FollowRequest = {
      type: 'follow',
      runId,
      path: target.fsPath,
      baseline: baselineUri === null ? null : { kind: 'file', path: baselineUri.fsPath },
      options: this.options(),
    };
    worker.postMessage(request);
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Following ${name}: scoring what it holds` },
      () => new Promise<void>((resolve) => (entry.firstRun = resolve)),
    );
  }

  /** Stops following `uri` (or the active log); its result stays as it is. */
  stop(uri: vscode.Uri | undefined): void {
    const target = uri ?? activeLogUri();
    const entry = target === undefined ? undefined : this.followed.get(target.toString());
    if (target === undefined || entry === undefined) return;
    this.followed.delete(target.toString());
    entry.firstRun?.();
    void entry.worker.terminate();
    this.changed.fire(target);
  }

  private received(uri: vscode.Uri, entry: Followed, message: WorkerToHost, baselineUri: vscode.Uri | null): void {
    if (this.followed.get(uri.toString()) !== entry || message.runId !== entry.runId) return;
    switch (message.type) {
      case 'followed':
        this.started(uri, entry, message.why, message.report, message.stamp, baselineUri);
        break;
      case 'arrived': {
        const current = this.store.get(uri);
        if (current === undefined || current.origin.kind !== 'followed') return;
        try {
          this.store.set({ ...current, report: appendArrived(current.report, message.arrived, this.expected.templates) });
        } catch (error) {
          this.failed(uri, entry, `Following ${displayName(uri)} stopped: its lines arrived out of order.`, (error as Error).stack ?? String(error));
        }
        break;
      }
      case 'failed':
        if (message.kind === 'input') this.failed(uri, entry, message.userMessage, '', 'warn');
        else this.failed(uri, entry, `Log Anomaly Detector: ${message.userMessage}`, message.detail);
        break;
      default:
        break;
    }
  }

  private started(uri: vscode.Uri, entry: Followed, why: FollowStart, fresh: AnalysisReport, stamp: FileStamp, baselineUri: vscode.Uri | null): void {
    const report = withExpectedTemplates(fresh, this.expected.templates);
    const previous = this.store.get(uri);
    // A threshold the user moved stays where it is; one the run chose follows the new run.
    const moved = previous !== undefined && previous.threshold !== previous.report.threshold;
    const threshold = moved ? previous.threshold : report.threshold;
    this.store.set({ uri, report, origin: { kind: 'followed', stamp }, baselineUri, threshold });
    const name = displayName(uri);
    if (why === 'first') {
      entry.firstRun?.();
      entry.firstRun = null;
      void this.messages.info(`Following ${name}: lines written to it are scored as they arrive. "Stop Following" ends it.`);
    } else if (why === 'refit') {
      this.messages.log.info(`${name} grew past what its models learnt from: scored again from its start (${report.stats.lines} lines).`);
    } else {
      void this.messages.info(`${name} ${RESTARTED[why]}: following it from its start.`);
    }
  }

  private failed(uri: vscode.Uri, entry: Followed, message: string, detail: string, as: 'warn' | 'error' = 'error'): void {
    if (this.followed.get(uri.toString()) !== entry) return;
    this.stop(uri);
    if (as === 'warn') void this.messages.warn(message);
    else void this.messages.error(message, detail);
  }

  dispose(): void {
    for (const entry of this.followed.values()) void entry.worker.terminate();
    this.followed.clear();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
