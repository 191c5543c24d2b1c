/**
 * What the worker's runs share: opening the log and its baseline, the failure a thrown error is
 * for the user, and the report's buffers that move to the host.
 */
import { basename } from 'node:path';
import { AnalysisError, type AnalysisReport, type BaselineModel, type LogSource, SavedModelError, textSource } from '../analysis';
import { baselineAt } from '../node/baselineFile';
import { CompressedLogError } from '../node/compressed';
import { openLog, type OpenedLog, unreadableReason } from '../node/files';
import type { LogInput, WorkerToHost } from '../protocol';

/** A problem with the input, in one sentence for the user. */
export class InputError extends Error {}

/** A log to read: an editor's text, or a file opened once for the run (null `file` for text). */
export async function openInput(input: LogInput): Promise<{ source: LogSource; file: OpenedLog | null }> {
  if (input.kind === 'text') return { source: textSource(input.text), file: null };
  const problem = await unreadableReason(input.path);
  if (problem !== null) throw new InputError(problem);
  const file = await openLog(input.path);
  return { source: file.source, file };
}

/** A baseline on disk may be a log or a model saved by `log-anomaly train`. */
export async function openBaseline(input: LogInput): Promise<{ source: LogSource | BaselineModel; file: OpenedLog | null }> {
  if (input.kind === 'text') return openInput(input);
  const problem = await unreadableReason(input.path);
  if (problem !== null) throw new InputError(problem);
  const opened = await baselineAt(input.path);
  return 'source' in opened ? { source: opened.source, file: opened } : { source: opened, file: null };
}

export function inputName(input: LogInput): string {
  return input.kind === 'text' ? input.name : basename(input.path);
}

/** The `failed` message for an error a run threw: the user's sentence for a problem with the input, the stack for a bug. */
export function failureOf(error: unknown, runId: number, input: LogInput, baseline: LogInput | null): WorkerToHost {
  if (error instanceof AnalysisError && error.log !== null) {
    const named = error.log === 'baseline' && baseline ? baseline : input;
    return { type: 'failed', runId, kind: 'input', userMessage: `${inputName(named)}: ${error.message}`, detail: '' };
  }
  if (error instanceof AnalysisError || error instanceof InputError || error instanceof CompressedLogError || error instanceof SavedModelError) {
    return { type: 'failed', runId, kind: 'input', userMessage: error.message, detail: '' };
  }
  const detail = (error as Error).stack ?? String(error);
  return { type: 'failed', runId, kind: 'internal', userMessage: `The analysis failed unexpectedly: ${(error as Error).message}`, detail };
}

/** The report's large per-line buffers move to the host instead of being copied. */
export function transferables(report: AnalysisReport): ArrayBuffer[] {
  return ownBuffers([report.lines.starts, report.lines.vectorIds, report.lines.sessionIds, report.lines.buckets, report.vectors.lines, report.sessions.members, report.anomalies]);
}

/** Node's pooled buffers are slabs of a few KiB that cannot be moved; a buffer this large is never one. */
const UNPOOLED_BYTES = 1 << 20;

/**
 * The buffers of arrays that span the whole of their own buffer, or open one of at least UNPOOLED_BYTES (a table
 * built in a larger emptied column, a column grown ahead): a copy would clone the whole buffer anyway, and keep
 * the worker's for as long as its collector does. A small view into a shared buffer is copied.
 */
export function ownBuffers(arrays: readonly ArrayBufferView[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const array of arrays) {
    const { buffer } = array;
    if (!(buffer instanceof ArrayBuffer)) continue;
    if (array.byteLength === buffer.byteLength || (array.byteOffset === 0 && buffer.byteLength >= UNPOOLED_BYTES)) buffers.add(buffer);
  }
  return [...buffers];
}
