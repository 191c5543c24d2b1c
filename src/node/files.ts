/** Logs on disk: opened once per run and streamed in chunks for analysis, and single lines read back by byte offset. */
import { type FileHandle, open, stat } from 'node:fs/promises';
import { decodeLine, groupDigits, HEAD_BYTES, type LineOffsets, type LogSource, utf16Encoding } from '../analysis';
import type { FileStamp } from '../protocol';
import { inflated, isGzip } from './compressed';

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

/** A log opened for one run: everything is read through one handle, up to the size it had when opened. */
export interface OpenedLog {
  readonly path: string;
  readonly stamp: FileStamp;
  /** How the file is stored: only `utf-8` (as is) has line offsets that are the file's own. */
  readonly encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gzip';
  /** Bytes of the file the source reads: `stamp.size`, or through its last line break with `completeLines`. */
  readonly readBytes: number;
  /** The file's first `readBytes` bytes as 1 MB chunks; each chunk is a fresh buffer the engine may keep parts of. */
  readonly source: LogSource;
  /** The text of lines (0-based) by the byte offsets the analysis kept, through the same handle. */
  readLines(starts: LineOffsets, lines: ArrayLike<number>, maxBytes?: number): Promise<string[]>;
  /**
   * One sentence when the file is no longer what the run read (deleted, replaced, truncated,
   * grown, rewritten), naming it `name` (its path unless given); null when it is unchanged.
   */
  change(name?: string): Promise<FileChange | null>;
  close(): Promise<void>;
}

/** How a file changed since it was opened for a run, with one sentence for the user. */
export interface FileChange {
  readonly kind: 'truncated' | 'deleted' | 'replaced' | 'grew' | 'modified';
  readonly message: string;
}

function stampOf(info: { size: number; mtimeMs: number; ino: number; dev: number }): FileStamp {
  return { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino, dev: info.dev };
}

/**
 * Why a log stored as `encoding` cannot be followed, or null: a compressed or UTF-16 file's offsets are
 * not those of its text, so there is nothing to follow in it. `name` names the log, `follower` the command.
 */
export function unfollowableReason(encoding: OpenedLog['encoding'], name: string, follower: string): string | null {
  if (encoding === 'utf-8') return null;
  return `${name} is ${encoding === 'gzip' ? 'gzip-compressed' : 'UTF-16 text'}: ${follower} reads a log that is being written as UTF-8 text.`;
}

/**
 * Opens a log for a run. The handle keeps the file that was opened even when the path is deleted
 * or rotated; reading stops at the size the file had (a log a writer grows while it is read is
 * read as it was). A UTF-16 log (told by its first bytes) reaches the engine as UTF-8, and its line
 * offsets are those of that UTF-8 text; a gzip file (told by its magic bytes, whatever its name)
 * reaches it as its decompressed text, and its offsets are those of that text.
 */
export async function openLog(path: string, { completeLines = false } = {}): Promise<OpenedLog> {
  const handle = await open(path, 'r');
  try {
    const stamp = stampOf(await handle.stat());
    const head = new Uint8Array(Math.min(HEAD_BYTES, stamp.size));
    await handle.read(head, 0, head.length, 0);
    const gzip = isGzip(head);
    const encoding = gzip ? null : utf16Encoding(head);
    const asStored = !gzip && encoding === null;
    // A followed log's last line may still be being written: it is read once it is complete.
    const readBytes = completeLines && asStored ? await completeLinesEnd(handle, stamp.size) : stamp.size;
    const raw = (): AsyncIterable<Uint8Array> => rawChunks(handle, readBytes);
    const chunks = gzip ? () => inflated(raw(), path) : encoding === null ? raw : () => asUtf8(raw(), encoding);
    return {
      path,
      stamp,
      encoding: gzip ? 'gzip' : (encoding ?? 'utf-8'),
      readBytes,
      // A UTF-16 file's UTF-8 size is not known before it is read; about half is right for ASCII text. A gzip file's is unknown.
      source: { size: gzip ? null : encoding === null ? readBytes : Math.ceil(stamp.size / 2), chunks },
      readLines: (starts, lines, maxBytes) => (asStored ? readLinesThrough(handle, starts, lines, maxBytes) : readLinesFromStream(chunks(), starts, lines, maxBytes)),
      change: (name = path) => changeSince(path, name, stamp, handle),
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** The length of the file's first `size` bytes through their last line break (LF, or a CR not at the very end). */
async function completeLinesEnd(handle: FileHandle, size: number): Promise<number> {
  const block = new Uint8Array(1 << 16);
  for (let end = size; end > 0; ) {
    const start = Math.max(0, end - block.length);
    const { bytesRead } = await handle.read(block, 0, end - start, start);
    for (let i = bytesRead - 1; i >= 0; i--) {
      if (block[i] === 0x0a || (block[i] === 0x0d && start + i < size - 1)) return start + i + 1;
    }
    end = start;
  }
  return 0;
}

/**
 * The file's first `size` bytes as 1 MB chunks, each a fresh buffer the engine may keep parts of.
 * The next chunk is read while the engine works on the current one, so the analysis never waits
 * for the disk when the disk is faster than the analysis.
 */
async function* rawChunks(handle: FileHandle, size: number): AsyncGenerator<Uint8Array> {
  let position = 0;
  const readNext = async (): Promise<Uint8Array> => {
    const length = Math.min(CHUNK_BYTES, size - position);
    if (length <= 0) return new Uint8Array(0);
    const buffer = new Uint8Array(length);
    const { bytesRead } = await handle.read(buffer, 0, length, position);
    position += bytesRead;
    return bytesRead === length ? buffer : buffer.subarray(0, bytesRead);
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
    // A read still in flight when the consumer stops early must settle before the handle is used again.
    await next.catch(() => undefined);
  }
}

/** UTF-16 chunks as UTF-8 (the byte order mark dropped; a character split between chunks is kept whole). */
async function* asUtf8(chunks: AsyncIterable<Uint8Array>, encoding: 'utf-16le' | 'utf-16be'): AsyncGenerator<Uint8Array> {
  const decoder = new TextDecoder(encoding);
  const encoder = new TextEncoder();
  for await (const chunk of chunks) yield encoder.encode(decoder.decode(chunk, { stream: true }));
  const rest = decoder.decode();
  if (rest.length > 0) yield encoder.encode(rest);
}

/** Lines by their offsets in a stream (a decoded UTF-16 file), in one pass over it. */
async function readLinesFromStream(chunks: AsyncIterable<Uint8Array>, starts: LineOffsets, lines: ArrayLike<number>, maxBytes = 2000): Promise<string[]> {
  const wanted = Array.from({ length: lines.length }, (_, i) => {
    const start = starts[lines[i]];
    return { i, start, end: start + Math.max(0, Math.min(maxBytes, starts[lines[i] + 1] - start)) };
  }).sort((a, b) => a.start - b.start);
  const buffers = wanted.map(({ start, end }) => new Uint8Array(end - start));
  const filled = new Array<number>(wanted.length).fill(0);
  let offset = 0;
  let first = 0;
  for await (const chunk of chunks) {
    const chunkEnd = offset + chunk.length;
    while (first < wanted.length && wanted[first].end <= offset) first++;
    for (let w = first; w < wanted.length && wanted[w].start < chunkEnd; w++) {
      const { start, end } = wanted[w];
      const from = Math.max(start, offset);
      const to = Math.min(end, chunkEnd);
      if (to <= from) continue;
      buffers[w].set(chunk.subarray(from - offset, to - offset), from - start);
      filled[w] = Math.max(filled[w], to - start);
    }
    offset = chunkEnd;
    if (first >= wanted.length) break;
  }
  const texts = new Array<string>(lines.length);
  wanted.forEach(({ i }, w) => (texts[i] = decodeLine(buffers[w].subarray(0, filled[w]))));
  return texts;
}

async function changeSince(path: string, name: string, stamp: FileStamp, handle: FileHandle): Promise<FileChange | null> {
  const held = await handle.stat();
  if (held.size < stamp.size) {
    return { kind: 'truncated', message: `${name} was truncated during the run (to ${groupDigits(held.size)} of ${groupDigits(stamp.size)} bytes), so its results would be wrong; run it again.` };
  }
  let now;
  try {
    now = await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'deleted', message: `${name} was deleted during the run: the results are of the file as it was.` };
    throw error;
  }
  if (now.ino !== stamp.ino || now.dev !== stamp.dev) {
    return { kind: 'replaced', message: `${name} was replaced during the run (rotated, say): the results are of the file as it was when the run began; run it again for the new file.` };
  }
  if (held.size > stamp.size) return { kind: 'grew', message: `${name} grew during the run: its first ${groupDigits(stamp.size)} bytes, as it was when the run began, were analysed.` };
  if (held.mtimeMs !== stamp.mtimeMs) return { kind: 'modified', message: `${name} was modified during the run: the results may not match it; run it again.` };
  return null;
}

/** What the editor shows for a line of a file that changed since it was scored. */
export const CHANGED_LINE_TEXT = '(the file changed since it was scored: run detection again)';

/**
 * Reads the text of the given lines (0-based) from a file, by the byte offsets the analysis kept,
 * each cut to `maxBytes`. With `stamp`, a file that is no longer the one scored (replaced, or a
 * different size or time) gives CHANGED_LINE_TEXT for every line rather than text from elsewhere.
 */
export async function readFileLines(path: string, starts: LineOffsets, lines: ArrayLike<number>, maxBytes = 2000, stamp?: FileStamp): Promise<string[]> {
  const log = await openLog(path);
  try {
    const now = log.stamp;
    if (stamp !== undefined && (now.ino !== stamp.ino || now.dev !== stamp.dev || now.size !== stamp.size || now.mtimeMs !== stamp.mtimeMs)) {
      return Array.from({ length: lines.length }, () => CHANGED_LINE_TEXT);
    }
    return await log.readLines(starts, lines, maxBytes);
  } finally {
    await log.close();
  }
}

async function readLinesThrough(handle: FileHandle, starts: LineOffsets, lines: ArrayLike<number>, maxBytes = 2000): Promise<string[]> {
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
}
