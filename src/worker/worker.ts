/**
 * The analysis worker: runs the engine off the extension host's thread. It reads files itself (any
 * size, in chunks) or takes an editor's text, parses on threads of its own (node/parsingThread),
 * answers with the report (its big typed arrays moved, not copied) or a typed failure, and stops
 * promptly when the host sets the shared cancel flag. A followed log's worker lives on, scoring
 * the lines appended to it (follow.ts), until the host terminates it.
 */
import { parentPort } from 'node:worker_threads';
import { basename } from 'node:path';
import { analyzeLog, CancelledError } from '../analysis';
import type { OpenedLog } from '../node/files';
import { threadLanes } from '../node/parsingThread';
import { patternGuard, SETTING_PATTERN_NAMES } from '../node/patternGuard';
import type { AnalyzeRequest, HostToWorker, WorkerToHost } from '../protocol';
import { followLog } from './follow';
import { failureOf, openBaseline, openInput, transferables } from './inputs';

const port = parentPort;
if (port === null) throw new Error('worker.js must run as a worker thread');

function post(message: WorkerToHost, transfer: ArrayBuffer[] = []): void {
  port?.postMessage(message, transfer);
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
    post(error instanceof CancelledError ? { type: 'cancelled', runId } : failureOf(error, runId, request.input, request.baseline));
  } finally {
    await Promise.all(opened.map((file) => file.close()));
  }
}

port.on('message', (message: HostToWorker) => {
  if (message.type === 'analyze') void analyze(message);
  else void followLog(message, post);
});
