/** What a log is to the engine (a stream of byte chunks), sources that need no I/O, and decoding a line read back by its byte offsets. */

/** A log as a stream of byte chunks: a file read piece by piece, or an editor's text. */
export interface LogSource {
  /** Total bytes when known, for progress. */
  readonly size: number | null;
  chunks(): AsyncIterable<Uint8Array>;
}

const CHUNK_BYTES = 1 << 20;

/** An editor's text (or any string) as a log source, encoded to UTF-8 a chunk at a time. */
export function textSource(text: string): LogSource {
  const encoder = new TextEncoder();
  return {
    size: utf8Length(text),
    async *chunks() {
      // Whole characters per chunk: a surrogate pair is never split.
      const step = CHUNK_BYTES / 4;
      for (let i = 0; i < text.length; ) {
        let end = Math.min(text.length, i + step);
        if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end++;
        yield encoder.encode(text.slice(i, end));
        i = end;
      }
    },
  };
}

/** Bytes already in memory as a log source. */
export function bytesSource(bytes: Uint8Array): LogSource {
  return {
    size: bytes.length,
    async *chunks() {
      for (let i = 0; i < bytes.length; i += CHUNK_BYTES) yield bytes.subarray(i, Math.min(bytes.length, i + CHUNK_BYTES));
    },
  };
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (isHighSurrogate(code) && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

const decoder = new TextDecoder('utf-8');

/** The text of a line from its bytes (as found between two line starts), without the line break. */
export function decodeLine(bytes: Uint8Array): string {
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === 10) end--;
  if (end > 0 && bytes[end - 1] === 13) end--;
  return decoder.decode(bytes.subarray(0, end));
}
