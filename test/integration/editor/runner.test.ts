// The worker client with real workers: cancelling, re-running, and workers that crash or ignore
// the cancel flag. The extension host must stay responsive throughout.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { resolveOptions } from '../../../src/analysis';
import { AnalysisRunner, CANCEL_GRACE_MS, type RunOutcome } from '../../../src/editor/runs/analysisRunner';
import type { LogAnomalyApi } from '../../../src/extension';
import { fixtureWorkspace } from '../fixture';
import { closeAllEditors, extensionApi } from './helpers';

/** The longest the event loop of this extension host was blocked while `work` ran, in ms. */
async function longestBlock<T>(work: () => Promise<T>): Promise<{ value: T; blockedMs: number }> {
  let longest = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last - 10);
    last = now;
  }, 10);
  try {
    const value = await work();
    return { value, blockedMs: longest };
  } finally {
    clearInterval(timer);
  }
}

describe('analysis runs in a worker', () => {
  const fixture = fixtureWorkspace();
  const big = vscode.Uri.file(fixture.bigLog);
  let api: LogAnomalyApi;
  const log = vscode.window.createOutputChannel('log-anomaly-runner-test', { log: true });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'log-anomaly-workers-'));

  before(async () => {
    api = await extensionApi();
    await closeAllEditors();
  });

  after(() => {
    log.dispose();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('keeps the extension host responsive while a 55 MB log is scored', async () => {
    const { value: report, blockedMs } = await longestBlock(() => api.detect(big));
    assert.ok(report);
    console.log(`      longest host block while scoring ${report.stats.lines} lines: ${blockedMs.toFixed(1)} ms`);
    assert.ok(blockedMs < 250, `the host was blocked for ${blockedMs.toFixed(0)} ms`);
    await vscode.commands.executeCommand('logAnomaly.clear', big);
  });

  it('cancels a run promptly', async () => {
    const run = api.detect(big);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const cancelledAt = performance.now();
    api.cancel(big);
    assert.equal(await run, undefined);
    assert.ok(performance.now() - cancelledAt < CANCEL_GRACE_MS + 500, 'stopped within the grace period');
    assert.equal(api.getReport(big), undefined);
  });

  it('lets a new run on the same log replace the older one', async () => {
    const first = api.detect(big);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = api.detect(big);
    assert.equal(await first, undefined, 'the older run is cancelled');
    const report = await second;
    assert.ok(report);
    assert.equal(api.getReport(big), report);
    await vscode.commands.executeCommand('logAnomaly.clear', big);
  });

  function runWith(script: string): Promise<RunOutcome> {
    const file = path.join(scratch, `${Math.random().toString(36).slice(2)}.js`);
    fs.writeFileSync(file, script);
    const runner = new AnalysisRunner(file, log);
    return runner.run({ uri: big, title: 'test.log', input: { kind: 'file', path: big.fsPath }, baseline: null, options: resolveOptions() }).finally(() => runner.dispose());
  }

  it('reports a worker that throws as one failure, with the stack for the log only', async () => {
    const outcome = await runWith("throw new Error('boom in the worker');");
    assert.equal(outcome.kind, 'failed');
    assert.ok(outcome.kind === 'failed' && outcome.unexpected);
    assert.ok(outcome.kind === 'failed' && !outcome.userMessage.includes('boom'), 'the user message has no internals');
    assert.ok(outcome.kind === 'failed' && outcome.detail.includes('boom in the worker'));
  });

  it('reports a worker that exits without answering', async () => {
    const outcome = await runWith('process.exit(3);');
    assert.equal(outcome.kind, 'failed');
    assert.ok(outcome.kind === 'failed' && /exited with code 3/.test(outcome.detail));
  });

  it('terminates a worker that ignores the cancel flag', async () => {
    const file = path.join(scratch, 'stubborn.js');
    // Busy for a minute, never looking at the flag.
    fs.writeFileSync(file, "require('node:worker_threads').parentPort.on('message', () => { const end = Date.now() + 60000; while (Date.now() < end); });");
    const runner = new AnalysisRunner(file, log);
    const run = runner.run({ uri: big, title: 'stubborn.log', input: { kind: 'file', path: big.fsPath }, baseline: null, options: resolveOptions() });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const cancelledAt = performance.now();
    runner.cancel(big);
    const outcome = await run;
    const waited = performance.now() - cancelledAt;
    runner.dispose();
    assert.deepEqual(outcome, { kind: 'cancelled', by: 'user' });
    assert.ok(waited >= CANCEL_GRACE_MS - 50 && waited < CANCEL_GRACE_MS + 500, `waited ${waited.toFixed(0)} ms`);
  });

  it('keeps working after a failed run', async () => {
    const report = await api.detect(vscode.Uri.file(fixture.hdfsLog.file));
    assert.ok(report);
    await vscode.commands.executeCommand('logAnomaly.clear', vscode.Uri.file(fixture.hdfsLog.file));
  });
});
