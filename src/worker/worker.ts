/**
 * The analysis worker: runs the engine off the extension host's thread. It reads files itself (any
 * size, in chunks) or takes an editor's text, parses on threads of its own (node/parsingThread),
 * answers with the report (its big typed arrays moved, not copied) or a typed failure, and stops
 * promptly when the host sets the shared cancel flag.
 */
import { parentPort } from 'node:worker_threads';
import { AnalysisError, type AnalysisReport, analyzeLog, CancelledError, type LogSource, textSource } from '../analysis';
import { fileSource, unreadableReason } from '../node/files';
import { threadLanes } from '../node/parsingThread';
import { patternGuard, SETTING_PATTERN_NAMES } from '../node/patternGuard';
import type { AnalyzeRequest, HostToWorker, LogInput, WorkerToHost } from '../protocol';

const port = parentPort;
if (port === null) throw new Error('worker.js must run as a worker thread');

function post(message: WorkerToHost, transfer: ArrayBuffer[] = []): void {
  port?.postMessage(message, transfer);
}

class InputError extends Error {}

async function openInput(input: LogInput): Promise<LogSource> {
  if (input.kind === 'text') return textSource(input.text);
  const problem = await unreadableReason(input.path);
  if (problem !== null) throw new InputError(problem);
  return fileSource(input.path);
}

async function analyze(request: AnalyzeRequest): Promise<void> {
  const { runId } = request;
  const cancelFlag = new Int32Array(request.cancelFlag);
  const isCancelled = (): boolean => Atomics.load(cancelFlag, 0) !== 0;
  try {
    const input = await openInput(request.input);
    const baseline = request.baseline ? await openInput(request.baseline) : null;
    const report = await analyzeLog({ log: input, baseline }, request.options, {
      isCancelled,
      onProgress: (progress) => post({ type: 'progress', runId, progress }),
      lanes: threadLanes(__dirname, SETTING_PATTERN_NAMES) ?? undefined,
      vetSetup: patternGuard(SETTING_PATTERN_NAMES),
    });
    post({ type: 'done', runId, report }, transferables(report));
  } catch (error) {
    if (error instanceof CancelledError) post({ type: 'cancelled', runId });
    else if (error instanceof AnalysisError || error instanceof InputError) post({ type: 'failed', runId, kind: 'input', userMessage: error.message, detail: '' });
    else {
      const detail = (error as Error).stack ?? String(error);
      post({ type: 'failed', runId, kind: 'internal', userMessage: `The analysis failed unexpectedly: ${(error as Error).message}`, detail });
    }
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
