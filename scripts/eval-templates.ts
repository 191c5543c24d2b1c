/**
 * Dev check of template mining against loghub's ground truth (dev-only: needs ../shared/data/loghub).
 * Each raw X_2k.log goes through the engine as a user's file would (format detection, header parsing,
 * masking, mining, with the default configuration); the script prints the grouping accuracy (a line
 * is right when the lines sharing its mined template are exactly the lines sharing its EventId in
 * X_2k.log_structured.csv) next to the published Drain figure. Exits 1 when one of the six development
 * logs is below the bar (Drain's figure and 0.98), or another below 0.80.
 *
 *   npm run eval:templates [-- [loghub-dir] [--datasets A,B,...] [--shuffle SEED] [--errors N] [--throughput]]
 *
 *   --datasets      which of loghub's 16 logs (default: the six in ../shared); each is X/X_2k.log or X_2k.log in the
 *                   folder. Without its structured CSV, a line's event is the template of X_2k.log_templates.csv
 *                   that ends the line with the most literal text (loghub's templates cover the message, which
 *                   ends the line), and the script says how many lines no template matched
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

/** The six logs in ../shared/data/loghub, developed on. */
const DEVELOPMENT_SETS = ['HDFS', 'Hadoop', 'Spark', 'Zookeeper', 'OpenSSH', 'Apache'];
/** Grouping accuracy of Drain in Zhu et al., "Tools and Benchmarks for Automated Log Parsing" (ICSE-SEIP 2019). */
const PUBLISHED_DRAIN: Readonly<Record<string, number>> = {
  HDFS: 0.9975,
  Hadoop: 0.9475,
  Spark: 0.92,
  Zookeeper: 0.9665,
  OpenSSH: 0.7875,
  Apache: 1.0,
  BGL: 0.9625,
  HPC: 0.887,
  Thunderbird: 0.955,
  Windows: 0.997,
  Linux: 0.69,
  Android: 0.911,
  HealthApp: 0.78,
  Proxifier: 0.5265,
  OpenStack: 0.7325,
  Mac: 0.7865,
};
const MIN_ACCURACY = 0.98;
/** The bar for the logs not developed on. */
const MIN_UNSEEN_ACCURACY = 0.8;
const THROUGHPUT_REPEATS = 500;

interface Row {
  /** The raw log line. */
  readonly line: string;
  readonly eventId: string;
  readonly eventTemplate: string;
}

/** X/name in `directory`, or name in it. */
function datasetFile(directory: string, dataset: string, name: string): string {
  const nested = join(directory, dataset, name);
  return existsSync(nested) ? nested : join(directory, name);
}

/** The raw log lines, each with its true event from the structured CSV (same order, one row per line) or its templates. */
function readRows(directory: string, dataset: string): { rows: Row[]; unmatched: number } {
  const lines = readFileSync(datasetFile(directory, dataset, `${dataset}_2k.log`), 'utf8').split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  const structured = datasetFile(directory, dataset, `${dataset}_2k.log_structured.csv`);
  if (!existsSync(structured)) return rowsFromTemplates(lines, datasetFile(directory, dataset, `${dataset}_2k.log_templates.csv`));
  const [header, ...rows] = parseCsv(readFileSync(structured, 'utf8'));
  const eventId = header.indexOf('EventId');
  const eventTemplate = header.indexOf('EventTemplate');
  if (eventId < 0) throw new Error(`${dataset}: the structured CSV has no EventId column`);
  const labelled = rows.filter((row) => row.length > eventId);
  if (labelled.length !== lines.length) throw new Error(`${dataset}: ${lines.length} log lines but ${labelled.length} labelled rows`);
  return { rows: labelled.map((row, i) => ({ line: lines[i], eventId: row[eventId], eventTemplate: row[eventTemplate] ?? '' })), unmatched: 0 };
}

/** Each line's event: the template that ends it with the most literal text, after a blank, `:`, `|` or `]` or at the start. */
function rowsFromTemplates(lines: readonly string[], templatesPath: string): { rows: Row[]; unmatched: number } {
  const [header, ...records] = parseCsv(readFileSync(templatesPath, 'utf8'));
  const eventId = header.indexOf('EventId');
  const eventTemplate = header.indexOf('EventTemplate');
  const templates = records
    .filter((record) => record.length > eventTemplate)
    .map((record) => {
      const text = record[eventTemplate];
      const pattern = text.split('<*>').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*?');
      return { id: record[eventId], text, literal: text.replace(/<\*>/g, '').length, pattern: new RegExp(`(?:^|[\\s:|\\]])${pattern}\\s*$`) };
    })
    .sort((a, b) => b.literal - a.literal);
  let unmatched = 0;
  const rows = lines.map((line) => {
    const template = templates.find((candidate) => candidate.pattern.test(line));
    if (template === undefined) unmatched++;
    return { line, eventId: template?.id ?? 'unmatched', eventTemplate: template?.text ?? '' };
  });
  return { rows, unmatched };
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
  const datasets = option('--datasets')?.split(',').map((name) => name.trim()) ?? DEVELOPMENT_SETS;
  const unknown = datasets.filter((name) => !(name in PUBLISHED_DRAIN));
  if (unknown.length > 0) {
    console.error(`eval:templates: unknown dataset ${unknown.join(', ')}; loghub's are ${Object.keys(PUBLISHED_DRAIN).join(', ')}`);
    return 2;
  }
  if (!existsSync(directory)) {
    console.error(`eval:templates: loghub data not found at ${directory}.`);
    console.error('It is dev-only: put the loghub 2k logs (X/X_2k.log and X/X_2k.log_structured.csv) there or pass their folder as an argument.');
    return 2;
  }

  console.log(`log          lines  events  mined   Drain   ours   ${shuffleSeed ? `(shuffled, seed ${shuffleSeed})` : ''}`);
  let failed = 0;
  const accuracies: number[] = [];
  for (const dataset of datasets) {
    const read = readRows(directory, dataset);
    const rows = shuffleSeed === undefined ? read.rows : shuffled(read.rows, Number(shuffleSeed));
    const result = await evaluate(rows, errorLimit);
    accuracies.push(result.accuracy);
    const bar = DEVELOPMENT_SETS.includes(dataset) ? Math.max(PUBLISHED_DRAIN[dataset], MIN_ACCURACY) : MIN_UNSEEN_ACCURACY;
    const pass = result.accuracy >= bar;
    if (!pass) failed++;
    console.log(
      `${dataset.padEnd(11)}${String(rows.length).padStart(6)}  ${String(result.trueTemplates).padStart(6)}  ${String(result.minedTemplates).padStart(5)}  ` +
        `${PUBLISHED_DRAIN[dataset].toFixed(4)}  ${result.accuracy.toFixed(4)}  ${pass ? 'ok' : `BELOW ${bar.toFixed(4)}`}` +
        (read.unmatched > 0 ? `  (${read.unmatched} lines matched no template)` : ''),
    );
    for (const line of result.errors) console.log(line);
  }
  if (datasets.length > 1) {
    const mean = accuracies.reduce((sum, accuracy) => sum + accuracy, 0) / accuracies.length;
    console.log(`average ${mean.toFixed(4)}, lowest ${Math.min(...accuracies).toFixed(4)}`);
  }
  if (wantThroughput) {
    const messages = messagesOf(readRows(directory, 'HDFS').rows);
    const { lines, seconds } = throughput(messages);
    const rate = Math.round(lines / seconds).toLocaleString('en-US');
    console.log(`throughput: ${lines} HDFS messages (2k x ${THROUGHPUT_REPEATS}) in ${seconds.toFixed(3)} s of CPU = ${rate} messages/s`);
  }
  if (failed > 0) console.error(`${failed} log(s) below the bar (Drain's figure and ${MIN_ACCURACY} on the six developed on, ${MIN_UNSEEN_ACCURACY} on others).`);
  return failed > 0 ? 1 : 0;
}

void main().then((code) => {
  process.exitCode = code;
});
