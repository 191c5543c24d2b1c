/** The lines of a log file as the engine splits them (dev scripts only). */
import { readFileSync } from 'node:fs';
import { LineSplitter } from '../src/analysis/reading/lines';

export function readLogLines(path: string): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter({ maxLineBytes: 1 << 20 });
  const sink = { line: (text: string) => void lines.push(text) };
  splitter.push(new Uint8Array(readFileSync(path)), sink);
  splitter.finish(sink);
  return lines;
}
