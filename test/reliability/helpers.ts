/**
 * Shared by the reliability tests: generated logs in a temporary folder, and the built CLI
 * (dist/cli.js, with its parsing threads) run as a user runs it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hdfsLog } from '../unit/pipeline/syntheticLogs';

export const DIST = join(__dirname, '../../dist');
/** LOG_ANOMALY_RELIABILITY_CLI runs the tests against another build (an older one, to see them fail). */
export const CLI = process.env.LOG_ANOMALY_RELIABILITY_CLI ?? join(DIST, 'cli.js');

export interface CliRun {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function requireBuild(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "node esbuild.mjs" first.`);
}

/** Runs `log-anomaly detect ...args`; `timeoutMs` bounds a hang (the test then sees a signal). */
export function detect(args: readonly string[], options: { timeoutMs?: number; stdoutFd?: number } = {}): CliRun {
  const result = spawnSync(process.execPath, [CLI, 'detect', ...args], {
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
    stdio: ['ignore', options.stdoutFd ?? 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, signal: result.signal, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/** Starts `log-anomaly detect ...args` without waiting. */
export function startDetect(args: readonly string[]): ReturnType<typeof spawn> {
  return spawn(process.execPath, [CLI, 'detect', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A temporary folder for one suite, removed after it. */
export function scratchFolder(name: string): { path: string; file(name: string, content: string | Uint8Array): string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `log-anomaly-${name}-`));
  return {
    path,
    file(fileName, content) {
      const file = join(path, fileName);
      writeFileSync(file, content);
      return file;
    },
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}

/** An HDFS log of about `blocks` × 10 lines, the same every time for the same seed. */
export function hdfsLines(blocks: number, seed = 7): string[] {
  return hdfsLog({ blocks, seed }).lines;
}
