/**
 * Runs the engine in a worker thread, one worker per run, with a cancellable progress notification.
 * The host only posts the request and receives the report: it never reads the log or scores lines
 * itself. Cancel sets the shared flag the worker polls; a worker that does not stop within a second
 * is terminated. A new run for the same log cancels the older one.
 */
import * as vscode from 'vscode';
import { Worker } from 'node:worker_threads';
import { type AnalysisOptions, type AnalysisReport, plural, STAGE_LABELS } from '../../analysis';
import type { AnalyzeRequest, FileStamp, LogInput, WorkerToHost } from '../../protocol';

export interface RunRequest {
  /** The log the result belongs to; one run per URI at a time. */
  readonly uri: vscode.Uri;
  /** Shown in the progress notification, e.g. the file name. */
  readonly title: string;
  readonly input: LogInput;
  readonly baseline: LogInput | null;
  readonly options: AnalysisOptions;
}

export type RunOutcome =
  /** `stamp`: the log file as read (null for text); `changed`: a sentence when the log or baseline changed on disk during the run. */
  | { readonly kind: 'done'; readonly report: AnalysisReport; readonly elapsedMs: number; readonly stamp: FileStamp | null; readonly changed: string | null }
  /** `user`: the Cancel button or `cancel()`; `superseded`: a newer run for the same log; `disposed`: the extension stopped. */
  | { readonly kind: 'cancelled'; readonly by: 'user' | 'superseded' | 'disposed' }
  /** `userMessage` is shown as is; `detail` goes to the log. `unexpected`: a bug or a crash, not a problem with the input. */
  | { readonly kind: 'failed'; readonly userMessage: string; readonly detail: string; readonly unexpected: boolean };

/** How long a cancelled worker may take to notice the flag before it is terminated. */
export const CANCEL_GRACE_MS = 1000;

interface ActiveRun {
  readonly runId: number;
  cancel(by: 'user' | 'superseded' | 'disposed'): void;
}

export class AnalysisRunner implements vscode.Disposable {
  private readonly active = new Map<string, ActiveRun>();
  private nextRunId = 1;

  constructor(
    private readonly workerScript: string,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Whether a run for `uri` is in progress. */
  isRunning(uri: vscode.Uri): boolean {
    return this.active.has(uri.toString());
  }

  /** Cancels the run for `uri`, if any. */
  cancel(uri: vscode.Uri): void {
    this.active.get(uri.toString())?.cancel('user');
  }

  run(request: RunRequest): Promise<RunOutcome> {
    const key = request.uri.toString();
    this.active.get(key)?.cancel('superseded');
    const runId = this.nextRunId++;
    return Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Detecting anomalies in ${request.title}`, cancellable: true },
        (progress, token) =>
          new Promise<RunOutcome>((resolve) => {
            const settle = (outcome: RunOutcome): void => {
              if (this.active.get(key)?.runId === runId) this.active.delete(key);
              resolve(outcome);
            };
            const run = this.start(runId, request, progress, settle);
            this.active.set(key, run);
            token.onCancellationRequested(() => run.cancel('user'));
          }),
      ),
    );
  }

  private start(
    runId: number,
    request: RunRequest,
    progress: vscode.Progress<{ message?: string; increment?: number }>,
    settle: (outcome: RunOutcome) => void,
  ): ActiveRun {
    const started = performance.now();
    const cancelFlag = new SharedArrayBuffer(4);
    const flag = new Int32Array(cancelFlag);
    let settled = false;
    let cancelledBy: 'user' | 'superseded' | 'disposed' | null = null;
    let reported = 0;
    let graceTimer: NodeJS.Timeout | undefined;

    const worker = new Worker(this.workerScript, { name: `log-anomaly-${runId}` });
    const finish = (outcome: RunOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(graceTimer);
      void worker.terminate();
      this.log.info(`run ${runId} (${request.title}): ${describeOutcome(outcome)} after ${Math.round(performance.now() - started)} ms`);
      settle(outcome);
    };

    worker.on('message', (message: WorkerToHost) => {
      if (message.runId !== runId) return;
      switch (message.type) {
        case 'progress': {
          const percent = Math.floor(message.progress.fraction * 100);
          progress.report({ message: `${STAGE_LABELS[message.progress.stage]} (${percent}%)`, increment: percent - reported });
          reported = percent;
          break;
        }
        case 'done':
          finish({ kind: 'done', report: message.report, elapsedMs: performance.now() - started, stamp: message.stamp, changed: message.changed });
          break;
        case 'cancelled':
          finish({ kind: 'cancelled', by: cancelledBy ?? 'user' });
          break;
        case 'failed':
          finish({ kind: 'failed', userMessage: message.userMessage, detail: message.detail, unexpected: message.kind === 'internal' });
          break;
      }
    });
    worker.on('error', (error) => {
      const outOfMemory = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      finish({
        kind: 'failed',
        userMessage: outOfMemory
          ? `The analysis of ${request.title} ran out of memory.`
          : `The analysis of ${request.title} stopped with an internal error.`,
        detail: error.stack ?? String(error),
        unexpected: true,
      });
    });
    worker.on('exit', (code) => {
      if (cancelledBy !== null) finish({ kind: 'cancelled', by: cancelledBy });
      else finish({ kind: 'failed', userMessage: `The analysis of ${request.title} stopped unexpectedly.`, detail: `The worker exited with code ${code}.`, unexpected: true });
    });

    const message: AnalyzeRequest = { type: 'analyze', runId, input: request.input, baseline: request.baseline, options: request.options, cancelFlag };
    worker.postMessage(message);

    return {
      runId,
      cancel: (by) => {
        if (settled || cancelledBy !== null) return;
        cancelledBy = by;
        Atomics.store(flag, 0, 1);
        Atomics.notify(flag, 0);
        // A superseded or disposed run leaves at once: its notification should not linger.
        if (by !== 'user') finish({ kind: 'cancelled', by });
        else graceTimer = setTimeout(() => finish({ kind: 'cancelled', by }), CANCEL_GRACE_MS);
      },
    };
  }

  dispose(): void {
    for (const run of [...this.active.values()]) run.cancel('disposed');
    this.active.clear();
  }
}

function describeOutcome(outcome: RunOutcome): string {
  switch (outcome.kind) {
    case 'done':
      return `${plural(outcome.report.stats.anomalies, 'anomaly', 'anomalies')} in ${plural(outcome.report.stats.lines, 'line')}`;
    case 'cancelled':
      return `cancelled (${outcome.by})`;
    case 'failed':
      return `failed: ${outcome.userMessage}`;
  }
}
