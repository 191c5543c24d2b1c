/**
 * Telling a binary file from a log by its first bytes, before any of it is read as text, and a
 * UTF-16 log (with or without a byte order mark) from both, so that a host can decode it.
 */

const BINARY_SIGNATURES: readonly (readonly number[])[] = [
  [0x00, 0x00, 0xfe, 0xff], // UTF-32 BE BOM
  [0xff, 0xfe, 0x00, 0x00], // UTF-32 LE BOM
  [0xfe, 0xff], // UTF-16 BE BOM
  [0xff, 0xfe], // UTF-16 LE BOM
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0x1f, 0x8b], // gzip
  [0x50, 0x4b, 0x03, 0x04], // zip, jar, docx
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0xff, 0xd8, 0xff], // JPEG
  [0x25, 0x50, 0x44, 0x46], // PDF
  [0x42, 0x5a, 0x68], // bzip2
  [0xfd, 0x37, 0x7a, 0x58, 0x5a], // xz
  [0x28, 0xb5, 0x2f, 0xfd], // zstd
];

/** Share of suspicious bytes (control characters and bytes that are not valid UTF-8) above which a head is
 *  taken for binary. Random data scores ~60%; Latin-1 prose in a log stays far below. */
const SUSPICIOUS_SHARE = 0.1;

/** Bytes judged after the leading NUL run. */
export const HEAD_BYTES = 8192;

/**
 * True when the first bytes of a file look binary (a known signature, many control characters or
 * invalid UTF-8, UTF-16/32 that was not decoded). A leading run of NUL bytes is skipped: it is the
 * hole copytruncate rotation leaves when the writer goes on at its old offset. A NUL further on
 * counts as one suspicious byte per run, so a stray NUL does not make a log binary.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  let from = 0;
  while (from < bytes.length && bytes[from] === 0) from++;
  const head = bytes.subarray(from, from + HEAD_BYTES);
  for (const signature of BINARY_SIGNATURES) {
    if (head.length >= signature.length && signature.every((byte, i) => head[i] === byte)) return true;
  }
  if (from === 0 && utf16Encoding(head) !== null) return true;
  let suspicious = 0;
  let i = 0;
  while (i < head.length) {
    const byte = head[i];
    if (byte === 0) {
      suspicious++;
      while (i < head.length && head[i] === 0) i++;
      continue;
    }
    if (byte < 0x80) {
      // Tab, LF, VT, FF, CR and ESC (ANSI colours) are normal in logs; other C0 controls and DEL are not.
      if ((byte < 0x20 && !(byte >= 0x09 && byte <= 0x0d) && byte !== 0x1b) || byte === 0x7f) suspicious++;
      i++;
      continue;
    }
    const length = validSequenceLength(head, i);
    if (length === 0) {
      if (truncatedAtEnd(head, i)) break;
      suspicious++;
      i++;
    } else {
      i += length;
    }
  }
  return suspicious > head.length * SUSPICIOUS_SHARE;
}

/**
 * `utf-16le` or `utf-16be` when the first bytes are UTF-16 text: a byte order mark, or (without
 * one) the zero high bytes of mostly ASCII text on every other byte; null otherwise.
 */
export function utf16Encoding(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe && !(head.length >= 4 && head[2] === 0 && head[3] === 0)) return 'utf-16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const pairs = Math.floor(Math.min(head.length, HEAD_BYTES) / 2);
  if (pairs < 2) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let p = 0; p < pairs; p++) {
    if (head[2 * p] === 0) evenZeros++;
    if (head[2 * p + 1] === 0) oddZeros++;
  }
  if (oddZeros >= pairs * 0.6 && evenZeros <= pairs * 0.02) return 'utf-16le';
  if (evenZeros >= pairs * 0.6 && oddZeros <= pairs * 0.02) return 'utf-16be';
  return null;
}

/** Length of the valid UTF-8 sequence starting at i (a non-ASCII lead byte), or 0 when it is invalid. */
function validSequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i];
  let length: number;
  let min = 0x80;
  let max = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead === 0xe0) min = 0xa0;
    if (lead === 0xed) max = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead === 0xf0) min = 0x90;
    if (lead === 0xf4) max = 0x8f;
  } else return 0;
  if (i + length > bytes.length) return 0;
  const second = bytes[i + 1];
  if (second < min || second > max) return 0;
  for (let k = 2; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return 0;
  return length;
}

/** A head cut inside a character is not evidence of binary data. */
function truncatedAtEnd(bytes: Uint8Array, i: number): boolean {
  const lead = bytes[i];
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 0;
  if (length === 0 || i + length <= bytes.length) return false;
  for (let k = i + 1; k < bytes.length; k++) if ((bytes[k] & 0xc0) !== 0x80) return false;
  return true;
}
