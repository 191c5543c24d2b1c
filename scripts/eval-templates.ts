/**
 * Dev check of template mining against loghub's ground truth (dev-only: needs ../shared/data/loghub).
 * Each raw X_2k.log goes through the engine as a user's file would (format detection, header parsing,
 * masking, mining, with the default configuration); the script prints the grouping accuracy (a line
 * is right when the lines sharing its mined template are exactly the lines sharing its EventId in
 * X_2k.log_structured.csv) next to the published Drain figure. Exits 1 when a log is below the bar
 * (Drain's figure and 0.98).
 *
 *   npm run eval:templates [-- [loghub-dir] [--shuffle SEED] [--errors N] [--throughput]]
 *
 *   --shuffle SEED  mines the lines in a seeded random order (checks the result does not hang on the order)
 *   --errors N      lists up to N wrongly grouped true events per log, with their mined templates
 *   --throughput    also times the miner on the HDFS messages repeated 500 times (CPU time of this process, best
 *                   of 3, so that other work on a shared machine does not count)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TemplateMiner } from '../src/analysis/mining/drain';
import { analyzeLog, detectFormat, Level, type ParsedLine, textSource } from '../src/analysis';
import { parseCsv } from './loghubCsv';

const DATASETS = ['HDFS', 'Hadoop', 'Spark', 'Zookeeper', 'OpenSSH', 'Apache'] as const;
/** Grouping accuracy of Drain in Zhu et al., "Tools and Benchmarks for Automated Log Parsing" (ICSE-SEIP 2019). */
const PUBLISHED_DRAIN: Record<(typeof DATASETS)[number], number> = {
  HDFS: 0.9975,
  Hadoop: 0.9475,
  Spark: 0.92,
  Zookeeper: 0.9665,
  OpenSSH: 0.7875,
  Apache: 1.0,
};
const MIN_ACCURACY = 0.98;
const THROUGHPUT_REPEATS = 500;

interface Row {
  /** The raw log line. */
  readonly line: string;
  readonly eventId: string;
  readonly eventTemplate: string;
}

/** The raw log lines, each with its true event from the structured CSV (same order, one row per line). */
function readRows(directory: string, dataset: string): Row[] {
  const lines = readFileSync(join(directory, dataset, `${dataset}_2k.log`), 'utf8').split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  const [header, ...rows] = parseCsv(readFileSync(join(directory, dataset, `${dataset}_2k.log_structured.csv`), 'utf8'));
  const eventId = header.indexOf('EventId');
  const eventTemplate = header.indexOf('EventTemplate');
  if (eventId < 0) throw new Error(`${dataset}: the structured CSV has no EventId column`);
  const labelled = rows.filter((row) => row.length > eventId);
  if (labelled.length !== lines.length) throw new Error(`${dataset}: ${lines.length} log lines but ${labelled.length} labelled rows`);
  return labelled.map((row, i) => ({ line: lines[i], eventId: row[eventId], eventTemplate: row[eventTemplate] ?? '' }));
}

/** The messages the engine's own header parser extracts, for the throughput measurement. */
function messagesOf(rows: readonly Row[]): string[] {
  const format = detectFormat(rows.slice(0, 500).map((row) => row.line));
  const parsed: ParsedLine = { timestamp: NaN, level: Level.unknown, component: '', message: '' };
  return rows.map((row) => (format.parse(row.line, parsed) ? parsed.message : row.line));
}

/** Deterministic Fisher-Yates with a small linear congruential generator. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = items.slice();
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

interface Evaluation {
  readonly accuracy: number;
  readonly minedTemplates: number;
  readonly trueTemplates: number;
  readonly errors: string[];
}

async function evaluate(rows: readonly Row[], errorLimit: number): Promise<Evaluation> {
  const report = await analyzeLog({ log: textSource(rows.map((row) => row.line).join('\n') + '\n') });
  const templates = report.templates;
  const mined = rows.map((_, line) => report.vectors.templateIds[report.lines.vectorIds[line]]);
  const linesOfTemplate = new Map<number, number[]>();
  const linesOfEvent = new Map<string, number[]>();
  rows.forEach((row, line) => {
    push(linesOfTemplate, mined[line], line);
    push(linesOfEvent, row.eventId, line);
  });
  let right = 0;
  const wrongEvents = new Set<string>();
  for (const lines of linesOfTemplate.values()) {
    const event = rows[lines[0]].eventId;
    if (lines.every((line) => rows[line].eventId === event) && linesOfEvent.get(event)?.length === lines.length) right += lines.length;
    else for (const line of lines) wrongEvents.add(rows[line].eventId);
  }
  const errors: string[] = [];
  for (const event of [...wrongEvents].slice(0, errorLimit)) {
    const lines = linesOfEvent.get(event) ?? [];
    const minedHere = new Map<number, number>();
    for (const line of lines) minedHere.set(mined[line], (minedHere.get(mined[line]) ?? 0) + 1);
    errors.push(`  ${event} (${lines.length} lines) ${rows[lines[0]].eventTemplate}`);
    for (const [template, count] of minedHere) {
      const size = linesOfTemplate.get(template)?.length ?? 0;
      errors.push(`      ${count}/${size} lines → ${templates[template].text}`);
    }
  }
  return { accuracy: right / rows.length, minedTemplates: linesOfTemplate.size, trueTemplates: linesOfEvent.size, errors };
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

function throughput(messages: readonly string[]): { lines: number; seconds: number } {
  const stream: string[] = [];
  for (let r = 0; r < THROUGHPUT_REPEATS; r++) for (const message of messages) stream.push(message);
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const miner = new TemplateMiner();
    const params: number[] = [];
    const start = cpuSeconds();
    for (const message of stream) {
      params.length = 0;
      miner.add(message, params);
    }
    miner.snapshot();
    best = Math.min(best, cpuSeconds() - start);
  }
  return { lines: stream.length, seconds: best };
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const option = (name: string): string | undefined => {
    const at = args.indexOf(name);
    if (at < 0) return undefined;
    const value = args[at + 1];
    args.splice(at, 2);
    return value;
  };
  const shuffleSeed = option('--shuffle');
  const errorLimit = Number(option('--errors') ?? 0);
  const wantThroughput = args.includes('--throughput');
  const positional = args.filter((arg) => !arg.startsWith('--'));
  const directory = resolve(positional[0] ?? '../shared/data/loghub');
  if (!existsSync(directory)) {
    console.error(`eval:templates: loghub data not found at ${directory}.`);
    console.error('It is dev-only: put the loghub 2k logs (X/X_2k.log and X/X_2k.log_structured.csv) there or pass their folder as an argument.');
    return 2;
  }

  console.log(`log         lines  events  mined   Drain   ours   ${shuffleSeed ? `(shuffled, seed ${shuffleSeed})` : ''}`);
  let failed = 0;
  for (const dataset of DATASETS) {
    let rows = readRows(directory, dataset);
    if (shuffleSeed !== undefined) rows = shuffled(rows, Number(shuffleSeed));
    const result = await evaluate(rows, errorLimit);
    const bar = Math.max(PUBLISHED_DRAIN[dataset], MIN_ACCURACY);
    const pass = result.accuracy >= bar;
    if (!pass) failed++;
    console.log(
      `${dataset.padEnd(10)} ${String(rows.length).padStart(6)}  ${String(result.trueTemplates).padStart(6)}  ${String(result.minedTemplates).padStart(5)}  ` +
        `${PUBLISHED_DRAIN[dataset].toFixed(4)}  ${result.accuracy.toFixed(4)}  ${pass ? 'ok' : `BELOW ${bar.toFixed(4)}`}`,
    );
    for (const line of result.errors) console.log(line);
  }
  if (wantThroughput) {
    const messages = messagesOf(readRows(directory, 'HDFS'));
    const { lines, seconds } = throughput(messages);
    const rate = Math.round(lines / seconds).toLocaleString('en-US');
    console.log(`throughput: ${lines} HDFS messages (2k x ${THROUGHPUT_REPEATS}) in ${seconds.toFixed(3)} s of CPU = ${rate} messages/s`);
  }
  if (failed > 0) console.error(`${failed} log(s) below the bar (Drain's figure and ${MIN_ACCURACY}).`);
  return failed > 0 ? 1 : 0;
}

void main().then((code) => {
  process.exitCode = code;
});
