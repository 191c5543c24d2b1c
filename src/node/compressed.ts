/**
 * Gzip-compressed logs (how rotated logs are kept), known by their first two bytes whatever their
 * name, read as their text: files.ts hands the engine the decompressed stream, so offsets, sizes
 * and line numbers are those of the text, and lines are read back by inflating up to them.
 */
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** Decompressed bytes handed to the engine at a time. */
const CHUNK_BYTES = 1 << 20;

/** A gzip file that cannot be inflated (damaged or cut short): a problem with the input, said in one sentence. */
export class CompressedLogError extends Error {}

/** Whether a file's first bytes are the gzip magic bytes. */
export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** The decompressed text of gzip bytes (concatenated members included), in chunks of about 1 MB. */
export async function* inflated(compressed: AsyncIterable<Uint8Array>, name: string): AsyncGenerator<Uint8Array> {
  const input = Readable.from(compressed);
  const gunzip = createGunzip({ chunkSize: 64 * 1024 });
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  try {
    // Small inflated pieces gathered into chunks the size the engine reads files in.
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    for await (const piece of gunzip as AsyncIterable<Buffer>) {
      pending.push(piece);
      pendingBytes += piece.length;
      if (pendingBytes >= CHUNK_BYTES) {
        yield Buffer.concat(pending, pendingBytes);
        pending = [];
        pendingBytes = 0;
      }
    }
    if (pendingBytes > 0) yield Buffer.concat(pending, pendingBytes);
  } catch (error) {
    throw new CompressedLogError(`${name} is not a readable gzip file (${(error as Error).message}).`, { cause: error });
  } finally {
    input.destroy();
    gunzip.destroy();
  }
}
