/** `--baseline FILE`: a known-good log, or a model saved from one (known by its first bytes). */
import { open, readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { isSavedModelHead, parseSavedModel, SavedModelError, type BaselineModel } from '../analysis';
import { openLog, type OpenedLog } from './files';

const HEAD_BYTES = 256;

/**
 * The baseline at `path`: a saved model (or a `.json` file, which must be one), loaded; otherwise
 * the log to fit, opened (the caller closes it). Throws a SavedModelError saying in one sentence
 * why a model cannot be used.
 */
export async function baselineAt(path: string): Promise<OpenedLog | BaselineModel> {
  if (!(await isSavedModelFile(path)) && extname(path).toLowerCase() !== '.json') return openLog(path);
  try {
    return parseSavedModel(await readFile(path, 'utf8'));
  } catch (error) {
    if (error instanceof SavedModelError) throw new SavedModelError(`${path} cannot be used as a baseline model: ${error.message}.`);
    throw error;
  }
}

async function isSavedModelFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = new Uint8Array(HEAD_BYTES);
    const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0);
    return isSavedModelHead(new TextDecoder().decode(head.subarray(0, bytesRead)));
  } finally {
    await handle.close();
  }
}
