import assert from 'node:assert/strict';
import { ChunkAligner, type AlignedChunk } from '../../../src/analysis/reading/aligner';

const encoder = new TextEncoder();

function align(bytes: Uint8Array, pieceSize: number, maxLineBytes: number, segment: number): AlignedChunk[] {
  const aligner = new ChunkAligner(maxLineBytes, segment);
  const chunks: AlignedChunk[] = [];
  for (let i = 0; i < bytes.length; i += pieceSize) chunks.push(...aligner.push(bytes.subarray(i, Math.min(bytes.length, i + pieceSize))));
  chunks.push(...aligner.finish());
  return chunks;
}

function describe_(chunks: AlignedChunk[]): string[] {
  return chunks.map((chunk) => `${chunk.index}@${chunk.base}+${chunk.bytes.length}${chunk.startsMidLine ? ' mid' : ''}`);
}

describe('ChunkAligner', () => {
  const lines = Array.from({ length: 200 }, (_, i) => `line ${i} ${'x'.repeat(i % 37)}`);
  const text = encoder.encode(lines.join('\n') + '\n');

  it('cuts after the first line break past every segment, whatever the sizes of the pieces it is given', () => {
    const reference = align(text, text.length, 4096, 256);
    for (const piece of [1, 7, 100, 255, 256, 257, 1000]) {
      assert.deepEqual(describe_(align(text, piece, 4096, 256)), describe_(reference), `pieces of ${piece}`);
    }
    // Every chunk but the last ends with a line break, and together they are the input.
    const joined = new Uint8Array(text.length);
    let at = 0;
    reference.forEach((chunk, i) => {
      assert.equal(chunk.base, at);
      joined.set(chunk.bytes, at);
      at += chunk.bytes.length;
      assert.equal(chunk.bytes[chunk.bytes.length - 1], 10);
      assert.equal(chunk.startsMidLine, false);
      if (i < reference.length - 1) assert.ok(chunk.bytes.length > 256);
    });
    assert.deepEqual(joined, text);
  });

  it('keeps a last line without a line break in the last chunk', () => {
    const chunks = align(encoder.encode('a\nb\nlast line'), 3, 4096, 2);
    const last = chunks[chunks.length - 1];
    assert.equal(new TextDecoder().decode(last.bytes).endsWith('last line'), true);
  });

  it('cuts inside a line too long to wait for, past more than maxLineBytes of it, and marks the chunks after', () => {
    const long = `start ${'y'.repeat(5000)}`;
    const input = encoder.encode(`a\n${long}\nafter\n`);
    const chunks = align(input, 333, 64, 100);
    assert.deepEqual(
      chunks.map((chunk) => chunk.startsMidLine),
      chunks.map((_, i) => i > 0 && i < chunks.length - 1 ? true : i === chunks.length - 1),
    );
    // The first chunk holds the line's start and more than maxLineBytes of it.
    assert.ok(chunks[0].bytes.length > 2 + 64);
    // No chunk holds more than a segment plus a line prefix.
    for (const chunk of chunks) assert.ok(chunk.bytes.length <= 100 + 64 + 1);
    assert.equal(new TextDecoder().decode(chunks[chunks.length - 1].bytes).endsWith('\nafter\n'), true);
  });

  it('gives nothing for an empty stream', () => {
    assert.deepEqual(align(new Uint8Array(0), 10, 64, 100), []);
  });
});
