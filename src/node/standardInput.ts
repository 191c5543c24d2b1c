/**
 * Standard input as a log (`log-anomaly detect -`). A pipe is read once, but the lines shown
 * are read back by their offsets after the analysis: so the input is copied, as it streams in,
 * to a private temporary file that is analysed like any file (gzip included) and removed after.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

/** What the results call standard input. */
export const STANDARD_INPUT_NAME = '(stdin)';

export interface SpooledInput {
  readonly path: string;
  remove(): Promise<void>;
}

/** Copies `input` (standard input unless given) to a temporary file, to its end. */
export async function spoolInput(input: NodeJS.ReadableStream = process.stdin): Promise<SpooledInput> {
  const dir = await mkdtemp(join(tmpdir(), 'log-anomaly-stdin-'));
  const remove = (): Promise<void> => rm(dir, { recursive: true, force: true });
  const path = join(dir, 'input.log');
  try {
    await pipeline(input, createWriteStream(path, { mode: 0o600 }));
  } catch (error) {
    await remove();
    throw error;
  }
  return { path, remove };
}
