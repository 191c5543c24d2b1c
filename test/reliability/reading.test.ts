/** Logs that used to move the answer without a word: line endings, NULs, UTF-16, seeds, misfit formats and keys. */
import assert from 'node:assert/strict';
import { detect, hdfsLines, requireBuild, scratchFolder } from './helpers';

interface JsonResult {
  readonly stats: { lines: number; format: string; sessions: number; warnings: string[] };
  readonly anomalies: { line: number; score: number; text: string }[];
  readonly sessions: { session: string; score: number }[];
}

function json(args: readonly string[]): JsonResult {
  const run = detect([...args, '--json']);
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as JsonResult;
}

function utf16(text: string, bigEndian: boolean, bom: boolean): Uint8Array {
  const chars = (bom ? '\ufeff' : '') + text;
  const out = new Uint8Array(chars.length * 2);
  for (let i = 0; i < chars.length; i++) {
    const code = chars.charCodeAt(i);
    out[2 * i + (bigEndian ? 1 : 0)] = code & 0xff;
    out[2 * i + (bigEndian ? 0 : 1)] = code >> 8;
  }
  return out;
}

describe('reliability: reading', function () {
  this.timeout(120_000);
  const scratch = scratchFolder('reading');
  const lines = hdfsLines(200);
  const text = lines.join('\n') + '\n';
  let plain: JsonResult;

  before(() => {
    requireBuild();
    plain = json([scratch.file('plain.log', text)]);
    assert.equal(plain.stats.lines, lines.length);
  });
  after(() => scratch.remove());

  it('breaks lines at a lone CR, and counts a mix of LF, CRLF and CR right', () => {
    const cr = json([scratch.file('cr.log', lines.join('\r') + '\r')]);
    assert.equal(cr.stats.lines, lines.length);
    const endings = ['\n', '\r\n', '\r'];
    const mixed = json([scratch.file('mixed.log', lines.map((line, i) => line + endings[i % 3]).join(''))]);
    assert.equal(mixed.stats.lines, lines.length);
    assert.deepEqual(mixed.anomalies.map((a) => [a.line, a.text]), plain.anomalies.map((a) => [a.line, a.text]));
  });

  it('reads a log with a stray NUL, or after the NUL hole of copytruncate, as text', () => {
    const nul = json([scratch.file('nul.log', `${lines[0]}\n${lines[1].slice(0, 20)}\0${lines[1].slice(20)}\n${lines.slice(2).join('\n')}\n`)]);
    assert.equal(nul.stats.lines, lines.length);
    const hole = new Uint8Array(100_000);
    const body = new TextEncoder().encode(text);
    const rotated = new Uint8Array(hole.length + body.length);
    rotated.set(body, hole.length);
    const result = json([scratch.file('rotated.log', rotated)]);
    assert.equal(result.stats.lines, lines.length);
    assert.equal(result.stats.format, 'hdfs');
  });

  for (const [name, bigEndian, bom] of [
    ['UTF-16 LE with a BOM', false, true],
    ['UTF-16 LE without a BOM', false, false],
    ['UTF-16 BE with a BOM', true, true],
    ['UTF-16 BE without a BOM', true, false],
  ] as const) {
    it(`reads ${name} as the same text`, () => {
      const result = json([scratch.file(`${name.replace(/\W+/g, '-')}.log`, utf16(text, bigEndian, bom))]);
      assert.equal(result.stats.lines, lines.length);
      assert.equal(result.stats.format, 'hdfs');
      assert.deepEqual(result.anomalies.map((a) => [a.line, a.text]), plain.anomalies.map((a) => [a.line, a.text]));
    });
  }

  it('gives different runs for seeds 2^32 apart, and refuses a seed past 2^53', () => {
    const log = scratch.file('seeds.log', text);
    const scores = (seed: string): string => JSON.stringify(json([log, '--seed', seed, '--top', '100000', '--contamination', '0.2']).anomalies.map((a) => [a.line, a.score]));
    assert.notEqual(scores('1'), scores(String(2 ** 32 + 1)));
    assert.equal(scores('1'), scores('1'));
    const run = detect([log, '--seed', '9007199254740993']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--seed must be a whole number from 0 to 9,007,199,254,740,991/);
  });

  it('warns about a baseline of another kind, an empty baseline, a format and a session key that fit nothing', () => {
    const log = scratch.file('warn.log', text);
    const jsonl = scratch.file('other.jsonl', Array.from({ length: 300 }, (_, i) => JSON.stringify({ ts: `2023-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`, level: 'INFO', msg: `event ${i % 7}` })).join('\n') + '\n');
    const empty = scratch.file('empty.log', '');
    const cases: [string[], RegExp][] = [
      [['--baseline', jsonl], /the baseline looks like a different kind of log/],
      [['--baseline', empty], /The baseline has no log lines/],
      [['--format', '^(?<message>NOTHING.*)$'], /The format expression matches only 0\.\d% of the log's lines/],
      [['--session-key', 'nosuch=(\\d+)'], /The session key expression matched no line/],
    ];
    for (const [args, warning] of cases) {
      const run = detect([log, ...args]);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stderr, new RegExp(`log-anomaly: warning: .*${warning.source}`), args.join(' '));
    }
    assert.equal(detect([log]).stderr, '');
  });
});
