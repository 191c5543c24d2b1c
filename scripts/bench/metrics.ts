/**
 * Detection quality against ground-truth labels: precision, recall, F1 of the anomalous flags and
 * average precision (PR-AUC) of the scores, per session (block) and per line. Scores are "higher
 * is more anomalous", as in the CLI's CSV files.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';

export interface Confusion {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly trueNegatives: number;
}

export interface FlagQuality {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** Counts the four outcomes of flags against labels (both `true` = anomalous). */
export function confusion(labels: ArrayLike<boolean>, flags: ArrayLike<boolean>): Confusion {
  if (labels.length !== flags.length) {
    throw new RangeError(`labels and flags must have the same length; got ${labels.length} and ${flags.length}`);
  }
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  for (let i = 0; i < labels.length; i++) {
    if (flags[i]) {
      if (labels[i]) truePositives++;
      else falsePositives++;
    } else if (labels[i]) {
      falseNegatives++;
    }
  }
  return { truePositives, falsePositives, falseNegatives, trueNegatives: labels.length - truePositives - falsePositives - falseNegatives };
}

/** Precision, recall and F1; a ratio with nothing to divide by is 0 (nothing flagged, nothing to find). */
export function flagQuality(counts: Confusion): FlagQuality {
  const { truePositives: tp, falsePositives: fp, falseNegatives: fn } = counts;
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/**
 * Average precision, the area under the precision-recall curve as scikit-learn computes it:
 * the sum over score thresholds (highest first) of (recall gained) x (precision at that threshold).
 * Tied scores form one threshold, so their order does not matter. NaN when there is no positive label.
 */
export function averagePrecision(labels: ArrayLike<boolean>, scores: ArrayLike<number>): number {
  if (labels.length !== scores.length) {
    throw new RangeError(`labels and scores must have the same length; got ${labels.length} and ${scores.length}`);
  }
  // NaN scores (no score) rank last, tied with each other.
  const keys = Float64Array.from({ length: scores.length }, (_, i) => (Number.isNaN(scores[i]) ? Number.NEGATIVE_INFINITY : scores[i]));
  const order = Uint32Array.from({ length: keys.length }, (_, i) => i).sort((a, b) => (keys[a] < keys[b] ? 1 : keys[a] > keys[b] ? -1 : 0));
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]) positives++;
  if (positives === 0) return Number.NaN;
  let sum = 0;
  let truePositives = 0;
  let previousRecall = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end < order.length && keys[order[end]] === keys[order[start]]) {
      if (labels[order[end]]) truePositives++;
      end++;
    }
    const recall = truePositives / positives;
    sum += (recall - previousRecall) * (truePositives / end);
    previousRecall = recall;
    start = end;
  }
  return sum;
}

// --- CSV --------------------------------------------------------------------------------------

/** Splits one CSV record (RFC 4180 quoting, no embedded newlines) into its fields. */
export function parseCsvRecord(record: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (record[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const quote = record.indexOf('"', i);
        if (quote === -1) throw new SyntaxError(`Unterminated quoted field in CSV record: ${record}`);
        value += record.slice(i, quote);
        if (record[quote + 1] === '"') {
          value += '"';
          i = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
      fields.push(value);
    } else {
      const comma = record.indexOf(',', i);
      fields.push(record.slice(i, comma === -1 ? record.length : comma));
      i = comma === -1 ? record.length : comma;
    }
    if (i >= record.length) return fields;
    if (record[i] !== ',') throw new SyntaxError(`Expected a comma after a quoted field in CSV record: ${record}`);
    i++;
  }
}

/** Rows of a CSV text as objects keyed by the header's names; checks that `columns` are there. */
export function parseCsv(text: string, columns: readonly string[]): Record<string, string>[] {
  const records = text.split(/\r?\n/).filter((record) => record.length > 0);
  if (records.length === 0) throw new SyntaxError(`CSV is empty; expected a header with ${columns.join(',')}`);
  const header = parseCsvRecord(records[0]);
  const missing = columns.filter((column) => !header.includes(column));
  if (missing.length > 0) throw new SyntaxError(`CSV header "${records[0]}" lacks ${missing.join(', ')}`);
  return records.slice(1).map((record) => {
    const fields = parseCsvRecord(record);
    return Object.fromEntries(header.map((name, i) => [name, fields[i] ?? '']));
  });
}

function parseFlag(value: string): boolean {
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  throw new SyntaxError(`Expected an anomalous flag (0/1 or true/false); got "${value}"`);
}

function parseScore(value: string): number {
  const score = Number(value);
  if (value.trim() === '' || Number.isNaN(score)) throw new SyntaxError(`Expected a numeric score; got "${value}"`);
  return score;
}

// --- Sessions ---------------------------------------------------------------------------------

export interface SessionResult {
  readonly score: number;
  readonly anomalous: boolean;
}

/** sessions.csv (`session,first_line,lines,score,anomalous`) → session id → result. */
export function parseSessionsCsv(text: string): Map<string, SessionResult> {
  const sessions = new Map<string, SessionResult>();
  for (const row of parseCsv(text, ['session', 'score', 'anomalous'])) {
    sessions.set(row.session, { score: parseScore(row.score), anomalous: parseFlag(row.anomalous) });
  }
  return sessions;
}

/** A labels CSV (`BlockId,Label`, Label Normal or Anomaly, as loghub's anomaly_label.csv) → id → anomalous. */
export function parseBlockLabelsCsv(text: string): Map<string, boolean> {
  const labels = new Map<string, boolean>();
  for (const row of parseCsv(text, ['BlockId', 'Label'])) {
    if (row.Label !== 'Normal' && row.Label !== 'Anomaly') {
      throw new SyntaxError(`Label of ${row.BlockId} must be Normal or Anomaly; got "${row.Label}"`);
    }
    labels.set(row.BlockId, row.Label === 'Anomaly');
  }
  return labels;
}

/** `BlockId,Kind` → id → kind of anomaly. */
export function parseAnomalyKindsCsv(text: string): Map<string, string> {
  return new Map(parseCsv(text, ['BlockId', 'Kind']).map((row) => [row.BlockId, row.Kind]));
}

export interface SessionEvaluation extends FlagQuality, Confusion {
  readonly averagePrecision: number;
  /** Labelled blocks. */
  readonly sessions: number;
  readonly anomalousSessions: number;
  /** Labelled blocks the detector reported no session for: counted as not flagged, lowest score. */
  readonly missingSessions: number;
  /** Sessions the detector reported that have no label (not block ids): left out. */
  readonly unlabelledSessions: number;
  /** Per anomaly kind: how many blocks, how many flagged. */
  readonly byKind: Readonly<Record<string, { readonly blocks: number; readonly flagged: number; readonly recall: number }>>;
}

/** Session-level quality over every labelled block. */
export function evaluateSessions(
  results: ReadonlyMap<string, SessionResult>,
  labels: ReadonlyMap<string, boolean>,
  kinds: ReadonlyMap<string, string> = new Map(),
): SessionEvaluation {
  const truth: boolean[] = [];
  const flags: boolean[] = [];
  const scores: number[] = [];
  const byKind: Record<string, { blocks: number; flagged: number; recall: number }> = {};
  let missingSessions = 0;
  for (const [id, anomalous] of labels) {
    const result = results.get(id);
    if (result === undefined) missingSessions++;
    truth.push(anomalous);
    flags.push(result?.anomalous ?? false);
    scores.push(result?.score ?? Number.NEGATIVE_INFINITY);
    const kind = kinds.get(id);
    if (anomalous && kind !== undefined) {
      const entry = (byKind[kind] ??= { blocks: 0, flagged: 0, recall: 0 });
      entry.blocks++;
      if (result?.anomalous) entry.flagged++;
      entry.recall = entry.flagged / entry.blocks;
    }
  }
  let unlabelledSessions = 0;
  for (const id of results.keys()) if (!labels.has(id)) unlabelledSessions++;
  const counts = confusion(truth, flags);
  return {
    ...counts,
    ...flagQuality(counts),
    averagePrecision: averagePrecision(truth, scores),
    sessions: truth.length,
    anomalousSessions: counts.truePositives + counts.falseNegatives,
    missingSessions,
    unlabelledSessions,
    byKind,
  };
}

export async function evaluateSessionFiles(paths: { sessions: string; labels: string; kinds?: string }): Promise<SessionEvaluation> {
  const [sessions, labels, kinds] = await Promise.all([
    readFile(paths.sessions, 'utf8').then(parseSessionsCsv),
    readFile(paths.labels, 'utf8').then(parseBlockLabelsCsv),
    paths.kinds === undefined ? new Map<string, string>() : readFile(paths.kinds, 'utf8').then(parseAnomalyKindsCsv),
  ]);
  return evaluateSessions(sessions, labels, kinds);
}

// --- Lines ------------------------------------------------------------------------------------

/** The line labels file (`line,...`, lines from 1) → the anomalous line numbers. */
export function parseLineLabelsCsv(text: string): Set<number> {
  return new Set(parseCsv(text, ['line']).map((row) => Number(row.line)));
}

export interface LineEvaluation extends FlagQuality, Confusion {
  readonly averagePrecision: number;
  readonly lines: number;
  readonly anomalousLines: number;
}

/**
 * Line-level quality from the records of lines.csv (`line,score,anomalous,...`, header first,
 * lines from 1), streamed: a 1M-line file is never held as text.
 */
export async function evaluateLines(records: AsyncIterable<string> | Iterable<string>, anomalousLines: ReadonlySet<number>): Promise<LineEvaluation> {
  let header: string[] | null = null;
  let lineColumn = -1;
  let scoreColumn = -1;
  let flagColumn = -1;
  const truth: boolean[] = [];
  const flags: boolean[] = [];
  let scores = new Float64Array(1 << 16);
  for await (const record of records) {
    if (record.length === 0) continue;
    const fields = parseCsvRecord(record);
    if (header === null) {
      header = fields;
      [lineColumn, scoreColumn, flagColumn] = ['line', 'score', 'anomalous'].map((name) => fields.indexOf(name));
      if (lineColumn < 0 || scoreColumn < 0 || flagColumn < 0) throw new SyntaxError(`lines.csv header "${record}" lacks line, score or anomalous`);
      continue;
    }
    if (truth.length === scores.length) {
      const grown = new Float64Array(scores.length * 2);
      grown.set(scores);
      scores = grown;
    }
    scores[truth.length] = parseScore(fields[scoreColumn]);
    truth.push(anomalousLines.has(Number(fields[lineColumn])));
    flags.push(parseFlag(fields[flagColumn]));
  }
  const counts = confusion(truth, flags);
  return {
    ...counts,
    ...flagQuality(counts),
    averagePrecision: averagePrecision(truth, scores.subarray(0, truth.length)),
    lines: truth.length,
    anomalousLines: counts.truePositives + counts.falseNegatives,
  };
}

export async function evaluateLineFiles(paths: { lines: string; lineLabels: string }): Promise<LineEvaluation> {
  const anomalousLines = parseLineLabelsCsv(await readFile(paths.lineLabels, 'utf8'));
  const records = createInterface({ input: createReadStream(paths.lines), crlfDelay: Infinity });
  return evaluateLines(records, anomalousLines);
}
