/**
 * Every message that crosses a boundary: extension host <-> analysis worker, and extension host <->
 * dashboard webview. Each side imports these as types only.
 */
import type { AnalysisOptions } from './analysis/options';
import type { AnalysisReport } from './analysis/report';
import type { Progress } from './analysis/progress';

// ---------------------------------------------------------------------------------------------
// Extension host <-> worker

/** Where the worker reads a log from: a file on disk (any size) or an editor's text. */
export type LogInput =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'text'; readonly text: string; readonly name: string };

export interface AnalyzeRequest {
  readonly type: 'analyze';
  readonly runId: number;
  readonly input: LogInput;
  readonly baseline: LogInput | null;
  readonly options: AnalysisOptions;
  /** Int32Array view; the host stores 1 at index 0 to cancel without waiting for the worker's event loop. */
  readonly cancelFlag: SharedArrayBuffer;
  /** How many of the top anomalies get their text read back for display. */
  readonly textSamples: number;
}

export type HostToWorker = AnalyzeRequest;

/** Text of selected lines (0-based), read back by byte offset, each clipped for display. */
export interface LineTexts {
  readonly lines: Int32Array;
  readonly texts: readonly string[];
}

export type WorkerToHost =
  | { readonly type: 'progress'; readonly runId: number; readonly progress: Progress }
  | { readonly type: 'done'; readonly runId: number; readonly report: AnalysisReport; readonly texts: LineTexts }
  | { readonly type: 'cancelled'; readonly runId: number }
  /** `userMessage` is for the user as is; `detail` (a stack, for example) goes to the log only. */
  | { readonly type: 'failed'; readonly runId: number; readonly userMessage: string; readonly detail: string };
