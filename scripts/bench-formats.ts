/**
 * Throughput of line splitting (LineSplitter, 1 MB chunks) and of each format's parser (the one chosen, the
 * generic one and the header learned from the log), on the loghub 2k logs repeated to a few hundred thousand lines.
 *
 *   npx tsx scripts/bench-formats.ts [loghub-dir]     (default ../shared/data/loghub)
 *
 * tsx runs each module as CommonJS, where every imported function is reached through a getter; for the speed of
 * the shipped (bundled) code, bundle first:
 *
 *   npx esbuild scripts/bench-formats.ts --bundle --platform=node --format=esm --outfile=.bench/bench-formats.mjs
 *   node .bench/bench-formats.mjs
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { LineSplitter } from '../src/analysis/reading/lines';
import { detectFormat, Level, type LogFormat, type ParsedLine, resolveFormat } from '../src/analysis';

const TARGET_BYTES = 64 << 20;
const CHUNK_BYTES = 1 << 20;
const ROUNDS = 5;

function repeatTo(bytes: Uint8Array, target: number): Uint8Array {
  const withNewline = bytes[bytes.length - 1] === 10 ? bytes : Uint8Array.from([...bytes, 10]);
  const copies = Math.max(1, Math.floor(target / withNewline.length));
  const out = new Uint8Array(copies * withNewline.length);
  for (let i = 0; i < copies; i++) out.set(withNewline, i * withNewline.length);
  return out;
}

/** Best of ROUNDS, in lines per second. */
function best(run: () => number): { linesPerSecond: number; lines: number } {
  let fastest = Infinity;
  let lines = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    lines = run();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return { linesPerSecond: (lines / fastest) * 1000, lines };
}

const root = process.argv[2] ?? join(import.meta.dirname, '..', '..', 'shared', 'data', 'loghub');
if (!existsSync(root)) {
  console.error(`no loghub directory at ${root}; pass it as the first argument`);
  process.exit(1);
}

const fmt = (n: number) => `${(n / 1e6).toFixed(2)}M lines/s`;
for (const name of readdirSync(root).sort()) {
  const logPath = join(root, name, `${name}_2k.log`);
  if (!existsSync(logPath)) continue;
  const data = repeatTo(new Uint8Array(readFileSync(logPath)), TARGET_BYTES);
  // The engine keeps numbers, not lines, so the timed sink only looks at each line.
  const split = best(() => {
    let lines = 0;
    let characters = 0;
    const splitter = new LineSplitter({ maxLineBytes: 4096 });
    const sink = {
      line: (text: string) => {
        lines++;
        characters += text.length;
      },
    };
    for (let at = 0; at < data.length; at += CHUNK_BYTES) splitter.push(data.subarray(at, at + CHUNK_BYTES), sink);
    splitter.finish(sink);
    if (characters === 0) throw new Error(`${name}: no text decoded`);
    return lines;
  });
  const texts: string[] = [];
  const collecting = new LineSplitter({ maxLineBytes: 4096 });
  const collect = { line: (text: string) => void texts.push(text) };
  collecting.push(data, collect);
  collecting.finish(collect);
  const format = detectFormat(texts.slice(0, 500));
  const parsed: ParsedLine = { timestamp: NaN, level: Level.unknown, component: '', message: '' };
  const parseRate = (f: LogFormat) =>
    best(() => {
      for (const text of texts) f.parse(text, parsed);
      return texts.length;
    });
  const parse = parseRate(format);
  const generic = parseRate(resolveFormat('generic', texts.slice(0, 500)));
  const learned = parseRate(resolveFormat('learned', texts.slice(0, 500)));
  const mbPerSecond = (data.length / 1e6) * (split.linesPerSecond / split.lines);
  console.log(`${name.padEnd(10)} ${split.lines} lines (${(data.length / 1e6).toFixed(0)} MB)  split+decode ${fmt(split.linesPerSecond)} (${mbPerSecond.toFixed(0)} MB/s)  parse [${format.name}] ${fmt(parse.linesPerSecond)}  parse [generic] ${fmt(generic.linesPerSecond)}  parse [learned] ${fmt(learned.linesPerSecond)}`);
}
