/** Logs on disk: streamed in chunks for analysis, and single lines read back by byte offset. */
import { open, stat } from 'node:fs/promises';
import { decodeLine, type LogSource } from '../analysis';

const CHUNK_BYTES = 1 << 20;

const PROBLEMS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'the file is too large for the file system',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'input/output error',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files',
};

/** A file system error in words (`read-only file system`), without Node's code and call. */
export function fileSystemProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return (code !== undefined && PROBLEMS[code]) || (error as Error).message || String(error);
}

/** Why a path cannot be analysed, in one sentence for the user; null when it can. */
export async function unreadableReason(path: string): Promise<string | null> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return `${path} is a folder, not a log file.`;
    if (!info.isFile()) return `${path} is not a regular file.`;
    const handle = await open(path, 'r');
    await handle.close();
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `${path} does not exist.`;
    return `${path} cannot be read: ${fileSystemProblem(error)}.`;
  }
}

/**
 * A file as a stream of 1 MB chunks; each chunk is a fresh buffer the engine may keep parts of.
 * The next chunk is read while the engine works on the current one, so the analysis never waits
 * for the disk when the disk is faster than the analysis.
 */
export async function fileSource(path: string): Promise<LogSource> {
  const { size } = await stat(path);
  return {
    size,
    async *chunks() {
      const handle = await open(path, 'r');
      const readNext = async (): Promise<Uint8Array> => {
        const buffer = new Uint8Array(CHUNK_BYTES);
        const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
        return bytesRead === CHUNK_BYTES ? buffer : buffer.subarray(0, bytesRead);
      };
      let next = readNext();
      try {
        for (;;) {
          const chunk = await next;
          if (chunk.length === 0) break;
          next = readNext();
          yield chunk;
        }
      } finally {
        // A read still in flight when the consumer stops early must settle before the handle closes.
        await next.catch(() => undefined);
        await handle.close();
      }
    },
  };
}

/**
 * Reads the text of the given lines (0-based) from a file, by the byte offsets the analysis kept,
 * each cut to `maxBytes`. A file that changed since is read as it is now.
 */
export async function readFileLines(path: string, starts: Float64Array, lines: ArrayLike<number>, maxBytes = 2000): Promise<string[]> {
  const handle = await open(path, 'r');
  try {
    const texts: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const start = starts[line];
      const length = Math.min(maxBytes, starts[line + 1] - start);
      const buffer = new Uint8Array(Math.max(0, length));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
      texts.push(decodeLine(buffer.subarray(0, bytesRead)));
    }
    return texts;
  } finally {
    await handle.close();
  }
}
