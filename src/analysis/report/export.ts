/**
 * The report as files: per-line, per-template and per-session CSV (streamed in chunks, so 11M
 * lines never become one string), and the ranked anomalies as records for CSV or JSON export.
 */
import type { LineDetail } from './display';
import { describeReason, type Reason } from './reasons';
import type { AnalysisReport } from './report';
import { formatScore, roundScore } from '../util/text';

const ROWS_PER_CHUNK = 20000;

/** Bytes per chunk of lines.csv. */
const LINES_CHUNK_BYTES = 1 << 20;

/**
 * `line,score,anomalous,template_id,session`: one row per physical line, lines from 1, as UTF-8
 * chunks. Rows are written as bytes: everything but the line number is the same for every line
 * of a vector (or a session), so it is encoded once and copied.
 */
export function* linesCsv(report: AnalysisReport): Generator<Uint8Array> {
  const { vectors, lines, sessions } = report;
  const encoder = new TextEncoder();
  const blank = encoder.encode(`,${formatScore(0, 'file')},0,,`);
  const vectorParts = Array.from({ length: vectors.count }, (_, v) =>
    encoder.encode(`,${formatScore(vectors.scores[v], 'file')},${vectors.flagged[v]},${vectors.templateIds[v]},`),
  );
  const sessionParts = sessions.ids.map((id) => encoder.encode(csvField(id)));
  let chunk = new Uint8Array(LINES_CHUNK_BYTES);
  let at = encoder.encodeInto('line,score,anomalous,template_id,session\n', chunk).written;
  const digits = new Uint8Array(16);
  for (let line = 0; line < lines.count; line++) {
    const v = lines.vectorIds[line];
    const session = lines.sessionIds[line];
    const middle = v < 0 ? blank : vectorParts[v];
    const end = session >= 0 ? sessionParts[session] : EMPTY;
    // The longest row this can be: 16 digits, the parts and the line break.
    if (at + 17 + middle.length + end.length > chunk.length) {
      yield chunk.subarray(0, at);
      chunk = new Uint8Array(Math.max(LINES_CHUNK_BYTES, 17 + middle.length + end.length));
      at = 0;
    }
    let n = line + 1;
    let count = 0;
    do {
      digits[count++] = 48 + (n % 10);
      n = Math.floor(n / 10);
    } while (n > 0);
    while (count > 0) chunk[at++] = digits[--count];
    chunk.set(middle, at);
    at += middle.length;
    chunk.set(end, at);
    at += end.length;
    chunk[at++] = 10;
  }
  yield chunk.subarray(0, at);
}

const EMPTY = new Uint8Array(0);

/** `template_id,count,template`. */
export function* templatesCsv(report: AnalysisReport): Generator<string> {
  let chunk = 'template_id,count,template\n';
  for (const template of report.templates) chunk += `${template.id},${template.count},${csvField(template.text)}\n`;
  yield chunk;
}

/**
 * `session,first_line,lines,score,anomalous,reason`: ids exactly as in the log, first lines from 1,
 * the reasons as sentences joined by ` | ` (empty for ordinary sessions).
 */
export function* sessionsCsv(report: AnalysisReport): Generator<string> {
  const sessions = report.sessions;
  const templateText = (id: number): string => report.templates[id]?.text ?? '';
  // Sessions of one behaviour share their reasons: each list is worded once.
  const worded = new Map<readonly Reason[], string>();
  let chunk = 'session,first_line,lines,score,anomalous,reason\n';
  for (let s = 0; s < sessions.count; s++) {
    const reasons = sessions.reasons[s];
    let reason = worded.get(reasons);
    if (reason === undefined) worded.set(reasons, (reason = spreadsheetField(reasons.map((r) => describeReason(r, templateText)).join(' | '))));
    chunk += `${csvField(sessions.ids[s])},${sessions.firstLines[s] + 1},${sessions.lineCounts[s]},${formatScore(sessions.scores[s], 'file')},${sessions.flagged[s]},${reason}\n`;
    if ((s + 1) % ROWS_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk;
}

/** An anomaly as exported: line numbers from 1, reasons as sentences. */
export interface AnomalyRecord {
  readonly rank: number;
  readonly line: number;
  readonly score: number;
  readonly level: string;
  readonly time: string | null;
  readonly templateId: number;
  readonly template: string;
  readonly reasons: readonly string[];
  readonly text: string;
}

export function anomalyRecord(detail: LineDetail, text: string): AnomalyRecord {
  return {
    rank: detail.rank,
    line: detail.line + 1,
    score: roundScore(detail.score),
    level: detail.level,
    time: Number.isNaN(detail.time) ? null : new Date(detail.time).toISOString(),
    templateId: detail.templateId,
    template: detail.template,
    reasons: detail.reasonTexts,
    text,
  };
}

export function anomaliesCsv(records: readonly AnomalyRecord[]): string {
  let csv = 'rank,line,score,level,time,template_id,template,reasons,text\n';
  for (const r of records) {
    csv += [r.rank, r.line, formatScore(r.score, 'file'), r.level, r.time ?? '', r.templateId, spreadsheetField(r.template), spreadsheetField(r.reasons.join(' | ')), spreadsheetField(r.text)].join(',') + '\n';
  }
  return csv;
}

/** RFC 4180 quoting: the value is kept exactly. */
export function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** For files people open in a spreadsheet: log text that starts like a formula gets a leading quote mark. */
function spreadsheetField(value: string): string {
  return csvField(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
}
