/**
 * Dev check of header reading against per-line truth (dev-only: needs ../shared/data/formats, lnav's sample
 * lines with truth.jsonl beside each rep.log; see its README). Each rep.log is read as the engine reads a user's
 * file with `--format auto`: the format is chosen from the first lines, each line is parsed, and a line the
 * format does not accept continues the entry above. Prints per format the share of lines whose
 *
 *   time   equals the truth's timestamp to the precision the text has (the year only when the text has one,
 *          the date only when it has one; zones are not applied, so the wall-clock time is compared),
 *   level  equals the stated level (a line that states none is right with no level or one inferred from its text),
 *   body   equals the message (on the first line of each entry that has one),
 *   entry  starts where the truth's entry starts,
 *
 * and the share of formats where each is right on at least 90% of lines (level over the formats that state
 * one, body over those with bodies).
 *
 * With --lines-csv, time, level and entry are taken from the lines.csv a whole run writes (the engine's
 * reading, entries and levels as a user gets them), and time must also be written as the text states it:
 * the fraction when the text has one (compared to the digits both have), the truth's offset, and none
 * when the truth has none. The body is still the format's message (lines.csv holds no text).
 *
 *   npm run eval:formats [-- [formats-dir] [--only NAME] [--errors N] [--lines-csv]]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeLog, bytesSource, Level, LEVEL_NAMES, linesCsv, type LogFormat, type ParsedLine, resolveFormat } from '../src/analysis';
import { inferLevel } from '../src/analysis/formats/infer-level';
import { parseCsv } from './loghubCsv';
import { readLogLines } from './logLines';

const SAMPLE_LINES = 500;
const GOOD_SHARE = 0.9;

interface Truth {
  readonly line: number;
  readonly entry: number;
  readonly ts_iso: string | null;
  readonly level: string | null;
  readonly body: string | null;
}

/** What the engine makes of one physical line. */
interface Reading {
  /** 1-based line number of the first line of its entry. */
  readonly entry: number;
  readonly header: boolean;
  readonly timestamp: number;
  readonly level: Level;
  readonly message: string;
}

function readAll(lines: readonly string[], format: LogFormat): Reading[] {
  const parsed: ParsedLine = { timestamp: NaN, level: Level.unknown, component: '', message: '' };
  const out: Reading[] = [];
  let entry: Reading | undefined;
  lines.forEach((text, i) => {
    const blank = text.trim().length === 0;
    if (!blank && format.parse(text, parsed)) {
      entry = { entry: i + 1, header: true, timestamp: parsed.timestamp, level: parsed.level, message: parsed.message };
      out.push(entry);
    } else if (entry !== undefined) {
      out.push({ ...entry, header: false });
    } else if (blank) {
      out.push({ entry: i + 1, header: false, timestamp: NaN, level: Level.unknown, message: '' });
    } else {
      // A continuation before any header is an entry of its own, as in the engine.
      entry = { entry: i + 1, header: true, timestamp: NaN, level: Level.unknown, message: text.trim() };
      out.push(entry);
    }
  });
  return out;
}

const ISO = /^(?:(\d{4}|-)-(\d\d)-(\d\d))?T(\d\d):(\d\d)(?::(\d\d))?(?:\.(\d+))?/;

/** The wall-clock time in `ms` against the truth's ISO text, to the precision the text states. */
function sameTime(ms: number, iso: string | null): boolean {
  if (iso === null) return Number.isNaN(ms);
  if (Number.isNaN(ms)) return false;
  const m = ISO.exec(iso);
  if (m === null) return false;
  const d = new Date(ms);
  const [, year, month, day, hour, minute, second, fraction] = m;
  if (year !== undefined && year !== '-' && Number(year) !== d.getUTCFullYear()) return false;
  if (month !== undefined && (Number(month) !== d.getUTCMonth() + 1 || Number(day) !== d.getUTCDate())) return false;
  if (Number(hour) !== d.getUTCHours() || Number(minute) !== d.getUTCMinutes()) return false;
  if (second !== undefined && Number(second) !== d.getUTCSeconds()) return false;
  return fraction === undefined || Math.floor(Number(`0.${fraction}`) * 1000 + 1e-6) === d.getUTCMilliseconds();
}

/** What lines.csv says of one line. */
interface CsvReading {
  readonly time: string;
  readonly level: string;
  readonly entry: number;
}

/** lines.csv of a run over `path` with `--format auto`, row by row (line 1 first). */
async function linesCsvReadings(path: string): Promise<CsvReading[]> {
  const bytes = new Uint8Array(readFileSync(path));
  const report = await analyzeLog({ log: bytesSource(bytes) });
  const chunks: Uint8Array[] = [];
  for await (const chunk of linesCsv(report, bytesSource(bytes))) chunks.push(chunk);
  const [header, ...rows] = parseCsv(Buffer.concat(chunks).toString('utf8'));
  const column = (name: string): number => header.indexOf(name);
  const [time, level, entry] = [column('time'), column('level'), column('entry')];
  return rows.map((row) => ({ time: row[time], level: row[level], entry: Number(row[entry] || 0) }));
}

const WRITTEN = /^(\d{4}|-)-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?$/;

/** lines.csv's time against the truth's ISO text: the same fields where the text states them, the fraction and offset as written. */
function sameWrittenTime(written: string, iso: string | null): boolean {
  if (iso === null) return written === '';
  const ours = WRITTEN.exec(written);
  const truth = ISO.exec(iso);
  if (ours === null || truth === null) return false;
  const [, year, month, day, hour, minute, second, fraction] = truth;
  if (year !== undefined && year !== '-' && year !== ours[1]) return false;
  if (month !== undefined && (month !== ours[2] || day !== ours[3])) return false;
  if (hour !== ours[4] || minute !== ours[5] || (second !== undefined && second !== ours[6])) return false;
  if ((fraction === undefined) !== (ours[7] === undefined)) return false;
  if (fraction !== undefined && ours[7] !== undefined) {
    const digits = Math.min(fraction.length, ours[7].length);
    if (fraction.slice(0, digits) !== ours[7].slice(0, digits)) return false;
  }
  // Offsets by their value: the truth writes some zero offsets as Z, others as +00:00.
  const value = (offset: string | undefined): string | undefined => (offset === 'Z' ? '+00:00' : offset);
  return value(/(Z|[+-]\d\d:\d\d)$/.exec(iso)?.[1]) === value(ours[8]);
}

interface Score {
  readonly name: string;
  readonly format: string;
  readonly lines: number;
  readonly time: number;
  /** null when the format states no level / has no bodies. */
  readonly level: number | null;
  readonly body: number | null;
  readonly entry: number;
  readonly errors: string[];
}

function evaluate(name: string, directory: string, errorLimit: number, csv: readonly CsvReading[] | null): Score {
  const lines = readLogLines(join(directory, 'rep.log'));
  const truths = readFileSync(join(directory, 'truth.jsonl'), 'utf8')
    .split('\n')
    .filter((row) => row.length > 0)
    .map((row) => JSON.parse(row) as Truth);
  const format = resolveFormat('auto', lines.slice(0, SAMPLE_LINES));
  const readings = readAll(lines, format);
  let time = 0;
  let level = 0;
  let bodies = 0;
  let body = 0;
  let entry = 0;
  const statesLevel = truths.some((truth) => truth.level !== null);
  const errors: string[] = [];
  const error = (kind: string, truth: Truth, got: string, expected: string) => {
    if (errors.length < errorLimit) errors.push(`  line ${truth.line} ${kind}: got ${got}, expected ${expected}\n    ${JSON.stringify(lines[truth.line - 1].slice(0, 160))}`);
  };
  for (const truth of truths) {
    const reading = readings[truth.line - 1];
    if (reading === undefined) continue;
    const row = csv?.[truth.line - 1];
    if (csv !== null) {
      if (row !== undefined && sameWrittenTime(row.time, truth.ts_iso)) time++;
      else error('time', truth, row?.time || 'none', String(truth.ts_iso));
    } else if (sameTime(reading.timestamp, truth.ts_iso)) time++;
    else error('time', truth, Number.isNaN(reading.timestamp) ? 'none' : new Date(reading.timestamp).toISOString(), String(truth.ts_iso));
    const expectedLevel = truth.level === null ? Level.unknown : LEVEL_NAMES.indexOf(truth.level);
    const readLevel = csv !== null ? LEVEL_NAMES.indexOf(row?.level ?? '') : reading.level;
    const levelRight = readLevel === expectedLevel || (truth.level === null && readLevel === inferLevel(reading.message));
    if (levelRight) level++;
    else if (statesLevel) error('level', truth, LEVEL_NAMES[readLevel] || 'none', truth.level ?? 'none');
    const readEntry = csv !== null ? (row?.entry ?? 0) : reading.entry;
    if (readEntry === truth.entry) entry++;
    else error('entry', truth, String(readEntry), String(truth.entry));
    if (truth.entry === truth.line && truth.body !== null && truth.body.trim().length > 0) {
      bodies++;
      const expected = truth.body.trim();
      if (reading.header && reading.message.trim() === expected) body++;
      else error('body', truth, JSON.stringify(reading.message.slice(0, 120)), JSON.stringify(expected.slice(0, 120)));
    }
  }
  const n = truths.length;
  return {
    name,
    format: format.name,
    lines: n,
    time: time / n,
    level: statesLevel ? level / n : null,
    body: bodies > 0 ? body / bodies : null,
    entry: entry / n,
    errors,
  };
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const fromLinesCsv = args.includes('--lines-csv');
  if (fromLinesCsv) args.splice(args.indexOf('--lines-csv'), 1);
  const option = (flag: string): string | undefined => {
    const at = args.indexOf(flag);
    if (at < 0) return undefined;
    const value = args[at + 1];
    args.splice(at, 2);
    return value;
  };
  const only = option('--only');
  const errorLimit = Number(option('--errors') ?? 0);
  const root = resolve(args[0] ?? '../shared/data/formats');
  if (!existsSync(root)) {
    console.error(`eval:formats: format samples not found at ${root}.`);
    console.error('It is dev-only: pass a folder of NAME/rep.log with NAME/truth.jsonl beside it.');
    return 2;
  }
  const names = readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'truth.jsonl')) && (only === undefined || name === only))
    .sort();
  const pct = (share: number | null) => (share === null ? '     -' : `${(100 * share).toFixed(1).padStart(5)}%`);
  console.log(`${'format'.padEnd(20)} ${'read as'.padEnd(12)} lines    time   level    body   entry`);
  const scores: Score[] = [];
  for (const name of names) {
    const csv = fromLinesCsv ? await linesCsvReadings(join(root, name, 'rep.log')) : null;
    const score = evaluate(name, join(root, name), errorLimit, csv);
    scores.push(score);
    console.log(`${name.padEnd(20)} ${score.format.padEnd(12)} ${String(score.lines).padStart(5)}  ${pct(score.time)}  ${pct(score.level)}  ${pct(score.body)}  ${pct(score.entry)}`);
    for (const line of score.errors) console.log(line);
  }
  const good = (pick: (score: Score) => number | null) => {
    const rated = scores.map(pick).filter((share): share is number => share !== null);
    return `${rated.filter((share) => share >= GOOD_SHARE).length}/${rated.length}`;
  };
  console.log(
    `formats right on ≥ ${100 * GOOD_SHARE}% of lines: time ${good((s) => s.time)}, level ${good((s) => s.level)}, ` +
      `body ${good((s) => s.body)}, entry ${good((s) => s.entry)}`,
  );
  return 0;
}

void main().then((code) => (process.exitCode = code));
