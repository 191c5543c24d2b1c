import assert from 'node:assert/strict';
import { looksBinary, utf16Encoding } from '../../../src/analysis/reading/binary';
import { LineSplitter, type LineSink } from '../../../src/analysis/reading/lines';

interface Line {
  text: string;
  start: number;
  truncated: boolean;
  invalid: boolean;
}

const encoder = new TextEncoder();

function bytes(...parts: (string | number[])[]): Uint8Array {
  const arrays = parts.map((part) => (typeof part === 'string' ? encoder.encode(part) : Uint8Array.from(part)));
  const out = new Uint8Array(arrays.reduce((sum, a) => sum + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

/** The lines, which are the same whether ASCII chunks are decoded whole or line by line. */
function split(chunks: readonly Uint8Array[], maxLineBytes = 4096): Line[] {
  const [lines, fromWholeChunks] = [false, true].map((wholeChunks) => {
    const lines: Line[] = [];
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    const sink: LineSink = {
      line: (text, start, truncated, invalid, bytes, from, to) => {
        assert.equal(decoder.decode(bytes.subarray(from, to)), text, 'the bytes handed with a line are its text');
        lines.push({ text, start, truncated, invalid });
      },
    };
    const splitter = new LineSplitter({ maxLineBytes, wholeChunks });
    for (const chunk of chunks) splitter.push(chunk, sink);
    splitter.finish(sink);
    assert.equal(splitter.bytes, chunks.reduce((sum, c) => sum + c.length, 0));
    return lines;
  });
  assert.deepEqual(fromWholeChunks, lines, 'ASCII chunks decoded whole');
  return lines;
}

function line(text: string, start: number, truncated = false, invalid = false): Line {
  return { text, start, truncated, invalid };
}

/** Every way of cutting the input into two and three chunks gives the same lines as one chunk. */
function assertChunkingInvariant(input: Uint8Array, maxLineBytes = 4096): void {
  const whole = split([input], maxLineBytes);
  for (let i = 0; i <= input.length; i++) {
    assert.deepEqual(split([input.subarray(0, i), input.subarray(i)], maxLineBytes), whole, `cut at ${i}`);
    for (let j = i; j <= input.length; j++) {
      const parts = [input.subarray(0, i), input.subarray(i, j), input.subarray(j)];
      assert.deepEqual(split(parts, maxLineBytes), whole, `cuts at ${i} and ${j}`);
    }
  }
  const oneByteChunks = Array.from(input, (b) => Uint8Array.of(b));
  assert.deepEqual(split(oneByteChunks, maxLineBytes), whole, 'one byte per chunk');
}

describe('LineSplitter', () => {
  it('emits nothing for an empty input', () => {
    assert.deepEqual(split([]), []);
    assert.deepEqual(split([new Uint8Array(0)]), []);
  });

  it('emits a last line that has no newline', () => {
    assert.deepEqual(split([bytes('only line')]), [line('only line', 0)]);
  });

  it('does not emit an extra empty line after a trailing newline, but keeps empty lines inside', () => {
    assert.deepEqual(split([bytes('a\n')]), [line('a', 0)]);
    assert.deepEqual(split([bytes('a\n\nb\n')]), [line('a', 0), line('', 2), line('b', 3)]);
    assert.deepEqual(split([bytes('\n')]), [line('', 0)]);
  });

  it('breaks at LF, CRLF and a lone CR, as VS Code does', () => {
    assert.deepEqual(split([bytes('a\r\nb\r\n')]), [line('a', 0), line('b', 3)]);
    assert.deepEqual(split([bytes('a\rb\nc\r\r\nd\r')]), [line('a', 0), line('b', 2), line('c', 4), line('', 6), line('d', 8)]);
    assertChunkingInvariant(bytes('a\rb\nc\r\r\nd\r\re\r\nf'));
    assert.deepEqual(split([bytes('\r\n\r\n')]), [line('', 0), line('', 2)]);
  });

  it('handles mixed LF and CRLF with offsets of the original bytes', () => {
    assert.deepEqual(split([bytes('one\ntwo\r\nthree\nfour')]), [
      line('one', 0),
      line('two', 4),
      line('three', 9),
      line('four', 15),
    ]);
  });

  it('gives the same lines whatever the chunk boundaries, inside CRLF and multi-byte characters', () => {
    // 2-, 3- and 4-byte characters, CRLF, an empty line and no final newline.
    const input = bytes('é€\r\n\n😀 x\r\nÅngström\nend');
    assert.deepEqual(split([input]), [line('é€', 0), line('', 7), line('😀 x', 8), line('Ångström', 16), line('end', 27)]);
    assertChunkingInvariant(input);
  });

  it('keeps chunk boundaries invisible for long lines and invalid bytes too', () => {
    assertChunkingInvariant(bytes('abcdefghij\r\n', [0xe2, 0x82], 'x\nééééé\n', [0x80], 'tail'), 6);
  });

  it('replaces invalid UTF-8 and flags it without throwing', () => {
    const lines = split([bytes('lone ', [0x80], ' continuation\n', 'cut ', [0xe2, 0x82], '\n', [0xf0, 0x9f], '\n', [0xc3])]);
    assert.deepEqual(lines, [
      line('lone \uFFFD continuation', 0, false, true),
      line('cut \uFFFD', 20, false, true),
      line('\uFFFD', 27, false, true),
      line('\uFFFD', 30, false, true),
    ]);
  });

  it('does not flag a U+FFFD that is written in the input', () => {
    assert.deepEqual(split([bytes('ok \uFFFD\n')]), [line('ok \uFFFD', 0)]);
    assert.deepEqual(split([bytes('\uFFFD', [0xff])]), [line('\uFFFD\uFFFD', 0, false, true)]);
  });

  it('analyses a 1 MB line by its prefix and keeps the following offsets right', () => {
    const long = 'x'.repeat(1 << 20);
    const input = bytes('first\n', long, '\r\nafter\nlast');
    const expected = [line('first', 0), line('x'.repeat(100), 6, true), line('after', 6 + (1 << 20) + 2), line('last', 6 + (1 << 20) + 8)];
    assert.deepEqual(split([input], 100), expected);
    const chunks: Uint8Array[] = [];
    for (let at = 0; at < input.length; at += 4093) chunks.push(input.subarray(at, at + 4093));
    assert.deepEqual(split(chunks, 100), expected);
  });

  it('treats a line of exactly maxLineBytes as complete, with or without CR', () => {
    assert.deepEqual(split([bytes('abcd\r\nabcde\n')], 4), [line('abcd', 0), line('abcd', 6, true)]);
    assert.deepEqual(split([bytes('ab'), bytes('cd\r'), bytes('\n')], 4), [line('abcd', 0)]);
  });

  it('cuts a long line before a multi-byte character rather than through it', () => {
    assert.deepEqual(split([bytes('aé€😀b\n')], 2), [line('a', 0, true)]);
    assert.deepEqual(split([bytes('aé€😀b\n')], 3), [line('aé', 0, true)]);
    assert.deepEqual(split([bytes('aé€😀b\n')], 9), [line('aé€', 0, true)]);
    assert.deepEqual(split([bytes('aé€😀b\n')], 10), [line('aé€😀', 0, true)]);
  });

  it('skips a UTF-8 BOM at the very start but counts it in offsets', () => {
    const input = bytes([0xef, 0xbb, 0xbf], 'a\nb');
    assert.deepEqual(split([input]), [line('a', 3), line('b', 5)]);
    assertChunkingInvariant(input);
    assert.deepEqual(split([bytes('a\n', [0xef, 0xbb, 0xbf], 'b')]), [line('a', 0), line('\uFEFFb', 2)]);
  });

  it('keeps bytes that only start like a BOM', () => {
    assert.deepEqual(split([bytes([0xef, 0xbb])]), [line('\uFFFD', 0, false, true)]);
    assert.deepEqual(split([bytes([0xef, 0xbb, 0x41])]), [line('\uFFFDA', 0, false, true)]);
    assert.deepEqual(split([bytes([0xef]), bytes('x\n')]), [line('\uFFFDx', 0, false, true)]);
  });

  it('rejects a bound that is not a positive integer', () => {
    assert.throws(() => new LineSplitter({ maxLineBytes: 0 }), RangeError);
    assert.throws(() => new LineSplitter({ maxLineBytes: 1.5 }), RangeError);
  });
});

describe('looksBinary', () => {
  it('flags many NUL bytes, undecoded UTF-16/32 and known binary headers', () => {
    assert.equal(looksBinary(Uint8Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0 : 0x61))), true);
    assert.equal(looksBinary(bytes([0x89], 'PNG\r\n', [0x1a], '\n')), true);
    assert.equal(looksBinary(bytes([0xff, 0xfe], 'h')), true);
    assert.equal(looksBinary(bytes([0xfe, 0xff])), true);
    assert.equal(looksBinary(bytes([0x1f, 0x8b, 0x08])), true);
  });

  it('flags many control characters or invalid UTF-8', () => {
    const controls = Uint8Array.from({ length: 200 }, (_, i) => (i % 5 === 0 ? 0x01 : 0x61));
    assert.equal(looksBinary(controls), true);
    const highBytes = Uint8Array.from({ length: 200 }, (_, i) => (i % 4 === 0 ? 0xfe : 0x61));
    assert.equal(looksBinary(highBytes), true);
  });

  it('accepts plain text, UTF-8 with accents, ANSI colours and a head cut inside a character', () => {
    assert.equal(looksBinary(bytes('2023-01-02 03:04:05 INFO started\n\tat x\r\n')), false);
    assert.equal(looksBinary(bytes('Fehler: Datei übergröße, café crème, 日本語のログ\n')), false);
    assert.equal(looksBinary(bytes('\x1b[31mERROR\x1b[0m boom\n')), false);
    assert.equal(looksBinary(bytes('ab', [0xe6, 0x97])), false);
    assert.equal(looksBinary(new Uint8Array(0)), false);
  });

  it('tolerates a stray NUL and the leading NUL hole of copytruncate rotation', () => {
    assert.equal(looksBinary(bytes('2023-01-02 03:04:05 INFO text with a ', [0], ' inside and more text after it\n')), false);
    const hole = new Uint8Array(20000);
    const log = bytes('2023-01-02 03:04:05 INFO after the rotation\n'.repeat(50));
    const rotated = new Uint8Array(hole.length + log.length);
    rotated.set(log, hole.length);
    assert.equal(looksBinary(rotated), false);
  });

  it('tolerates a few Latin-1 bytes in otherwise ASCII text', () => {
    const latin1 = bytes('Erreur: fichier ', [0xe9], 'crit sur le disque, r', [0xe9], 'essayez plus tard\n');
    assert.equal(looksBinary(latin1), false);
  });
});

describe('utf16Encoding', () => {
  const utf16 = (text: string, bigEndian: boolean): Uint8Array => {
    const out = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      out[2 * i + (bigEndian ? 1 : 0)] = code & 0xff;
      out[2 * i + (bigEndian ? 0 : 1)] = code >> 8;
    }
    return out;
  };

  it('tells UTF-16 LE and BE, with or without a byte order mark, from UTF-8 and UTF-32', () => {
    const text = '2023-01-02 03:04:05 INFO started\n2023-01-02 03:04:06 WARN slow\n';
    assert.equal(utf16Encoding(utf16(text, false)), 'utf-16le');
    assert.equal(utf16Encoding(utf16(text, true)), 'utf-16be');
    assert.equal(utf16Encoding(utf16('\ufeff' + text, false)), 'utf-16le');
    assert.equal(utf16Encoding(utf16('\ufeff' + text, true)), 'utf-16be');
    assert.equal(utf16Encoding(bytes(text)), null);
    assert.equal(utf16Encoding(bytes([0xff, 0xfe, 0, 0], 'x')), null);
  });
});

describe('LineSplitter on long chunks', () => {
  it('cuts the lines of a long chunk from windows of its text as it decodes them one by one', () => {
    // Lines of every length across many 64 KiB windows, one window with a non-ASCII line, CR and CRLF breaks, a NUL hole, a line cut.
    const parts: string[] = [];
    for (let i = 0; i < 6000; i++) parts.push('x'.repeat(i % 97) + ` line ${i}` + (i === 2500 ? ' caf\u00e9' : '') + (i % 11 === 0 ? '\r\n' : i % 13 === 0 ? '\r' : '\n'));
    parts.splice(4000, 0, '\0\0\0after a hole\n', `${'y'.repeat(300)}\n`);
    const input = bytes(parts.join(''));
    assert.ok(input.length > 4 * 65536);
    const lines = split([input], 120);
    assert.equal(lines.length, 6002);
    assert.equal(lines[2500].text, `${'x'.repeat(2500 % 97)} line 2500 caf\u00e9`);
    assert.equal(lines[4000].text, 'after a hole');
    assert.ok(lines.some((line) => line.truncated));
    assert.deepEqual(split([input.subarray(0, 100_001), input.subarray(100_001)], 120), lines);
  });
});
