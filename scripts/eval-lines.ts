/**
 * Dev check of line scoring against per-line labels (dev-only: a log labelled line by line, such as Loghub's
 * BGL and Thunderbird, whose first token is the label: `-` for a normal line, an alert category otherwise;
 * the engine's readers leave that token out of the entry). The log goes through the engine as a user runs it
 * (every setting at its default), and the script prints the line PR-AUC of its scores, the precision and
 * recall of what it flags, and the PR-AUC of ranking lines by their level alone, for comparison.
 *
 *   npm run eval:lines -- LOG [LOG...]
 */
import { basename } from 'node:path';
import { analyzeLog } from '../src/analysis';
import { openLog } from '../src/node/files';
import { averagePrecision, confusion, flagQuality } from './bench/metrics';
import { readLogLines } from './logLines';
import { textTable } from './textTable';

async function evaluate(path: string): Promise<string[]> {
  const lines = readLogLines(path);
  const labels = lines.map((line) => {
    const space = line.indexOf(' ');
    return (space < 0 ? line : line.slice(0, space)) !== '-';
  });
  const opened = await openLog(path);
  const report = await analyzeLog({ log: opened.source }).finally(() => opened.close());
  if (report.lines.count !== lines.length) throw new RangeError(`${path}: the engine read ${report.lines.count} lines, the script ${lines.length}`);
  const { vectorIds } = report.lines;
  const { scores, flagged, levels } = report.vectors;
  const score = (line: number): number => (vectorIds[line] < 0 ? Number.NaN : scores[vectorIds[line]]);
  const ours = Float64Array.from(lines, (_, line) => score(line));
  const byLevel = Float64Array.from(lines, (_, line) => (vectorIds[line] < 0 ? Number.NaN : levels[vectorIds[line]]));
  const flags = lines.map((_, line) => vectorIds[line] >= 0 && flagged[vectorIds[line]] === 1);
  const quality = flagQuality(confusion(labels, flags));
  return [
    basename(path),
    String(lines.length),
    String(labels.filter(Boolean).length),
    report.stats.format,
    averagePrecision(labels, ours).toFixed(3),
    averagePrecision(labels, byLevel).toFixed(3),
    String(flags.filter(Boolean).length),
    quality.precision.toFixed(3),
    quality.recall.toFixed(3),
  ];
}

async function main(): Promise<void> {
  const paths = process.argv.slice(2);
  if (paths.length === 0) throw new RangeError('Usage: npm run eval:lines -- LOG [LOG...] (a log whose first token on each line is its label, - for normal)');
  const rows = [['log', 'lines', 'alerts', 'format', 'PR-AUC', 'by level', 'flagged', 'P', 'R']];
  for (const path of paths) rows.push(await evaluate(path));
  process.stdout.write(textTable(rows, (column) => column === 0 || column === 3));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = error instanceof RangeError ? 2 : 1;
});
