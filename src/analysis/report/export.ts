/**
 * The report as files: per-line, per-template and per-session CSV (streamed in chunks, so 11M
 * lines never become one string), and the ranked anomalies as records for CSV or JSON export.
 */
import { LEVEL_NAMES } from '../formats/levels';
import type { LogFormat } from '../formats';
import { LineSplitter, type LineSink } from '../reading/lines';
import type { LogSource } from '../reading/sources';
import { reportFormat, type LineDetail } from './display';
import { headerFields, type LineFields } from './lineFields';
import { describeReason, type Reason } from './reasons';
import { isContinuationLine, type AnalysisReport } from './report';
import { formatScore, roundScore } from '../util/text';

const ROWS_PER_CHUNK = 20000;

/** Bytes per chunk of lines.csv. */
const LINES_CHUNK_BYTES = 1 << 20;

/**
 * `line,score,anomalous,template_id,session,time,level,component,entry`: one row per physical line,
 * lines from 1, as UTF-8 chunks. `source` is the log the report was made of: time and component are
 * read again from each entry's first line as it is written (see lineFields.ts), and continuation
 * lines repeat their entry's; a blank line has none. Rows are written as bytes: score to session is
 * the same for every line of a vector (or a session), so it is encoded once and copied.
 */
export async function* linesCsv(report: AnalysisReport, source: LogSource): AsyncGenerator<Uint8Array> {
  const rows = new LineRows(report);
  const splitter = new LineSplitter({ maxLineBytes: report.options.maxLineBytes });
  for await (const bytes of source.chunks()) {
    splitter.push(bytes, rows);
    yield* rows.take();
  }
  splitter.finish(rows);
  // Lines the source no longer has (a file cut short since it was read) keep their scores.
  rows.finishWithoutText();
  yield* rows.take();
}

/** Builds lines.csv's rows from the log's lines as they are read again. */
class LineRows implements LineSink {
  private readonly format: LogFormat;
  private readonly blank: Uint8Array;
  private readonly vectorParts: Uint8Array[];
  private readonly sessionParts: Uint8Array[];
  private readonly noFields: Uint8Array;
  private readonly digits = new Uint8Array(16);
  private readonly done: Uint8Array[] = [];
  private chunk = new Uint8Array(LINES_CHUNK_BYTES);
  private at: number;
  /** The next line to write. */
  private next = 0;
  /** Where the current entry's last four fields were written, for its continuation lines to copy. */
  private entryChunk: Uint8Array = EMPTY;
  private entryStart = 0;
  private entryEnd = 0;
  /** The last component written, and it as a CSV field: consecutive entries mostly share it. */
  private component = '';
  private quotedComponent = '';

  constructor(private readonly report: AnalysisReport) {
    const encoder = textEncoder;
    this.format = reportFormat(report);
    this.blank = encoder.encode(`,${formatScore(0, 'file')},0,,`);
    this.vectorParts = Array.from({ length: report.vectors.count }, (_, v) =>
      encoder.encode(`,${formatScore(report.vectors.scores[v], 'file')},${report.vectors.flagged[v]},${report.vectors.templateIds[v]},`),
    );
    this.sessionParts = report.sessions.ids.map((id) => encoder.encode(csvField(id)));
    this.noFields = encoder.encode(',,,,');
    this.at = encoder.encodeInto('line,score,anomalous,template_id,session,time,level,component,entry\n', this.chunk).written;
  }

  line(text: string): void {
    if (this.next < this.report.lines.count) this.row(text);
  }

  finishWithoutText(): void {
    while (this.next < this.report.lines.count) this.row(null);
  }

  /** The chunks filled so far. */
  *take(): Generator<Uint8Array> {
    yield* this.done.splice(0);
    if (this.next === this.report.lines.count && this.at > 0) {
      yield this.chunk.subarray(0, this.at);
      this.chunk = new Uint8Array(0);
      this.at = 0;
    }
  }

  private row(text: string | null): void {
    const { lines, vectors } = this.report;
    const line = this.next++;
    const v = lines.vectorIds[line];
    const session = lines.sessionIds[line];
    const middle = v < 0 ? this.blank : this.vectorParts[v];
    const end = session >= 0 ? this.sessionParts[session] : EMPTY;
    const continued = v >= 0 && isContinuationLine(lines, line);
    let fields = '';
    if (v >= 0 && !continued) {
      const header = text === null ? { time: '', component: '' } : headerFields(text, this.format);
      if (header.component !== this.component) this.quotedComponent = csvField((this.component = header.component));
      fields = `,${header.time},${LEVEL_NAMES[vectors.levels[v]]},${this.quotedComponent},${line + 1}`;
    }
    // The longest row this can be: 16 digits, the parts, the fields (3 bytes a UTF-16 unit at most) and the line break.
    const longest = 17 + middle.length + end.length + Math.max(fields.length * 3, this.entryEnd - this.entryStart, this.noFields.length);
    if (this.at + longest > this.chunk.length) {
      if (this.at > 0) this.done.push(this.chunk.subarray(0, this.at));
      this.chunk = new Uint8Array(Math.max(LINES_CHUNK_BYTES, longest));
      this.at = 0;
    }
    const chunk = this.chunk;
    let at = this.at;
    let n = line + 1;
    let count = 0;
    do {
      this.digits[count++] = 48 + (n % 10);
      n = Math.floor(n / 10);
    } while (n > 0);
    while (count > 0) chunk[at++] = this.digits[--count];
    chunk.set(middle, at);
    at += middle.length;
    chunk.set(end, at);
    at += end.length;
    if (v < 0) {
      chunk.set(this.noFields, at);
      at += this.noFields.length;
    } else if (continued) {
      chunk.set(this.entryChunk.subarray(this.entryStart, this.entryEnd), at);
      at += this.entryEnd - this.entryStart;
    } else {
      this.entryChunk = chunk;
      this.entryStart = at;
      at = writeText(fields, chunk, at);
      this.entryEnd = at;
    }
    chunk[at++] = 10;
    this.at = at;
  }
}

const EMPTY = new Uint8Array(0);
const textEncoder = new TextEncoder();

/** Writes `text` as UTF-8 at `at` and returns the index after it: ASCII byte by byte (no view to make per row), the rest through the encoder. */
function writeText(text: string, into: Uint8Array, at: number): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) return at + textEncoder.encodeInto(text.slice(i), into.subarray(at)).written;
    into[at++] = code;
  }
  return at;
}

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

/** An anomaly as exported: line numbers from 1, reasons as sentences, time, level, component and entry as in lines.csv. */
export interface AnomalyRecord {
  readonly rank: number;
  readonly line: number;
  readonly score: number;
  readonly level: string;
  /** As in lines.csv; null without a timestamp. */
  readonly time: string | null;
  readonly component: string;
  /** First line of the line's entry (from 1). */
  readonly entry: number;
  readonly templateId: number;
  readonly template: string;
  readonly reasons: readonly string[];
  readonly text: string;
}

/** `fields`: the line's lineFields (its entry's time and component, read from the entry's first line). */
export function anomalyRecord(detail: LineDetail, text: string, fields: LineFields): AnomalyRecord {
  return {
    rank: detail.rank,
    line: detail.line + 1,
    score: roundScore(detail.score),
    level: fields.level,
    time: fields.time === '' ? null : fields.time,
    component: fields.component,
    entry: fields.entry,
    templateId: detail.templateId,
    template: detail.template,
    reasons: detail.reasonTexts,
    text,
  };
}

export function anomaliesCsv(records: readonly AnomalyRecord[]): string {
  let csv = 'rank,line,score,level,time,component,entry,template_id,template,reasons,text\n';
  for (const r of records) {
    csv +=
      [r.rank, r.line, formatScore(r.score, 'file'), r.level, r.time ?? '', spreadsheetField(r.component), r.entry, r.templateId, spreadsheetField(r.template), spreadsheetField(r.reasons.join(' | ')), spreadsheetField(r.text)].join(',') +
      '\n';
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
