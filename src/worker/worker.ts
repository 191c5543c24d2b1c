/**
 * The analysis worker: runs the engine off the extension host's thread. It reads files itself (any
 * size, in chunks) or takes an editor's text, parses on threads of its own (node/parsingThread),
 * answers with the report (its big typed arrays moved, not copied) or a typed failure, and stops
 * promptly when the host sets the shared cancel flag.
 */
import { parentPort } from 'node:worker_threads';
import { AnalysisError, type AnalysisReport, analyzeLog, type BaselineModel, CancelledError, type LogSource, SavedModelError, textSource } from '../analysis';
import { basename } from 'node:path';
import { baselineAt } from '../node/baselineFile';
import { CompressedLogError } from '../node/compressed';
import { openLog, type OpenedLog, unreadableReason } from '../node/files';
import { threadLanes } from '../node/parsingThread';
import { patternGuard, SETTING_PATTERN_NAMES } from '../node/patternGuard';
import type { AnalyzeRequest, HostToWorker, LogInput, WorkerToHost } from '../protocol';

const port = parentPort;
if (port === null) throw new Error('worker.js must run as a worker thread');

function post(message: WorkerToHost, transfer: ArrayBuffer[] = []): void {
  port?.postMessage(message, transfer);
}

class InputError extends Error {}

/** A log to read: an editor's text, or a file opened once for the run (null `file` for text). */
async function openInput(input: LogInput): Promise<{ source: LogSource; file: OpenedLog | null }> {
  if (input.kind === 'text') return { source: textSource(input.text), file: null };
  const problem = await unreadableReason(input.path);
  if (problem !== null) throw new InputError(problem);
  const file = await openLog(input.path);
  return { source: file.source, file };
}

/** A baseline on disk may be a log or a model saved by `log-anomaly train`. */
async function openBaseline(input: LogInput): Promise<{ source: LogSource | BaselineModel; file: OpenedLog | null }> {
  if (input.kind === 'text') return openInput(input);
  const problem = await unreadableReason(input.path);
  if (problem !== null) throw new InputError(problem);
  const opened = await baselineAt(input.path);
  return 'source' in opened ? { source: opened.source, file: opened } : { source: opened, file: null };
}

function inputName(input: LogInput): string {
  return input.kind === 'text' ? input.name : basename(input.path);
}

async function analyze(request: AnalyzeRequest): Promise<void> {
  const { runId } = request;
  const cancelFlag = new Int32Array(request.cancelFlag);
  const isCancelled = (): boolean => Atomics.load(cancelFlag, 0) !== 0;
  const opened: OpenedLog[] = [];
  try {
    const input = await openInput(request.input);
    if (input.file !== null) opened.push(input.file);
    const baseline = request.baseline ? await openBaseline(request.baseline) : null;
    if (baseline?.file) opened.push(baseline.file);
    const report = await analyzeLog({ log: input.source, baseline: baseline?.source ?? null }, request.options, {
      isCancelled,
      onProgress: (progress) => post({ type: 'progress', runId, progress }),
      lanes: threadLanes(__dirname, SETTING_PATTERN_NAMES) ?? undefined,
      vetSetup: patternGuard(SETTING_PATTERN_NAMES),
    });
    const changes = await Promise.all(opened.map((file) => file.change(basename(file.path))));
    const changed = changes.filter((change) => change !== null).map((change) => change.message);
    post({ type: 'done', runId, report, stamp: input.file?.stamp ?? null, changed: changed.length > 0 ? changed.join(' ') : null }, transferables(report));
  } catch (error) {
    if (error instanceof CancelledError) post({ type: 'cancelled', runId });
    else if (error instanceof AnalysisError && error.log !== null) {
      const input = error.log === 'baseline' && request.baseline ? request.baseline : request.input;
      post({ type: 'failed', runId, kind: 'input', userMessage: `${inputName(input)}: ${error.message}`, detail: '' });
    } else if (error instanceof AnalysisError || error instanceof InputError || error instanceof CompressedLogError || error instanceof SavedModelError) post({ type: 'failed', runId, kind: 'input', userMessage: error.message, detail: '' });
    else {
      const detail = (error as Error).stack ?? String(error);
      post({ type: 'failed', runId, kind: 'internal', userMessage: `The analysis failed unexpectedly: ${(error as Error).message}`, detail });
    }
  } finally {
    await Promise.all(opened.map((file) => file.close()));
  }
}

/** The report's large per-line buffers move to the host instead of being copied. */
function transferables(report: AnalysisReport): ArrayBuffer[] {
  const arrays = [report.lines.starts, report.lines.vectorIds, report.lines.sessionIds, report.lines.buckets, report.vectors.lines, report.sessions.members, report.anomalies];
  const buffers = new Set<ArrayBuffer>();
  for (const array of arrays) if (array.buffer instanceof ArrayBuffer && array.byteLength === array.buffer.byteLength) buffers.add(array.buffer);
  return [...buffers];
}

port.on('message', (message: HostToWorker) => {
  if (message.type === 'analyze') void analyze(message);
});
