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

/** Rows of sessions.csv per chunk: a chunk of text small enough to be collected young (20,000 left ~70 MiB at 561K sessions). */
const ROWS_PER_CHUNK = 2000;

/**
 * Bytes per chunk of lines.csv: small enough that a chunk, once written, dies young and is freed by
 * the next scavenge (chunks of 1 MiB outlived it and piled up until a full collection: some 50 MB
 * at the end of an 11M-line log's lines.csv).
 */
const LINES_CHUNK_BYTES = 1 << 16;

const EMPTY = new Uint8Array(0);
const textEncoder = new TextEncoder();
/** The last four fields of a blank line. */
const NO_FIELDS = textEncoder.encode(',,,,');
/** Encoded components kept before the table starts over (a log whose every line names its own). */
const MAX_COMPONENT_PARTS = 10_000;
/** Time and component of a header line the log no longer has. */
const NO_HEADER = { time: '', component: '' } as const;

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
  /** Every session's field, back to back: session s is sessionFields.bytes[starts[s], starts[s + 1]). */
  private readonly sessionFields: EncodedTexts;
  /** `,LEVEL,` for each level. */
  private readonly levelParts = LEVEL_NAMES.map((name) => textEncoder.encode(`,${name},`));
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
  /** The last component written, and it as a CSV field and its comma: consecutive entries mostly share it. */
  private component = '';
  private componentPart: Uint8Array = textEncoder.encode(',');
  /** The last time written, and it as bytes after its comma. */
  private time = '';
  private timePart: Uint8Array = textEncoder.encode(',');
  /** Components met so far, encoded: a log has few, written in turn. */
  private readonly componentParts = new Map<string, Uint8Array>();

  constructor(private readonly report: AnalysisReport) {
    this.format = reportFormat(report);
    this.blank = textEncoder.encode(`,${formatScore(0, 'file')},0,,`);
    this.vectorParts = Array.from({ length: report.vectors.count }, (_, v) =>
      textEncoder.encode(`,${formatScore(report.vectors.scores[v], 'file')},${report.vectors.flagged[v]},${report.vectors.templateIds[v]},`),
    );
    this.sessionFields = encodedBackToBack(report.sessions.ids.map(csvField));
    this.at = textEncoder.encodeInto('line,score,anomalous,template_id,session,time,level,component,entry\n', this.chunk).written;
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
    const { bytes: sessionBytes, starts: sessionStarts } = this.sessionFields;
    const sessionStart = session >= 0 ? sessionStarts[session] : 0;
    const sessionEnd = session >= 0 ? sessionStarts[session + 1] : 0;
    const continued = v >= 0 && isContinuationLine(lines, line);
    const header = v < 0 || continued ? null : text === null ? NO_HEADER : headerFields(text, this.format);
    if (header !== null && header.component !== this.component) {
      this.component = header.component;
      let part = this.componentParts.get(header.component);
      if (part === undefined) {
        if (this.componentParts.size >= MAX_COMPONENT_PARTS) this.componentParts.clear();
        this.componentParts.set(header.component, (part = textEncoder.encode(`${csvField(header.component)},`)));
      }
      this.componentPart = part;
    }
    const levelPart = v < 0 ? EMPTY : this.levelParts[vectors.levels[v]];
    // The longest row this can be: the line number and the entry (16 digits each), the parts, the time
    // (3 bytes a UTF-16 unit at most), the separators and the line break.
    const fieldBytes = header === null ? Math.max(this.entryEnd - this.entryStart, NO_FIELDS.length) : 1 + header.time.length * 3 + levelPart.length + this.componentPart.length + 16;
    const longest = 17 + middle.length + (sessionEnd - sessionStart) + fieldBytes;
    if (this.at + longest > this.chunk.length) {
      if (this.at > 0) this.done.push(this.chunk.subarray(0, this.at));
      this.chunk = new Uint8Array(Math.max(LINES_CHUNK_BYTES, longest));
      this.at = 0;
    }
    const chunk = this.chunk;
    const digits = this.digits;
    let at = this.at;
    let n = line + 1;
    let count = 0;
    do {
      digits[count++] = 48 + (n % 10);
      n = Math.floor(n / 10);
    } while (n > 0);
    for (let d = count - 1; d >= 0; d--) chunk[at++] = digits[d];
    at = place(middle, chunk, at);
    at = copyBytes(sessionBytes, sessionStart, sessionEnd, chunk, at);
    if (v < 0) {
      at = place(NO_FIELDS, chunk, at);
    } else if (header === null) {
      at = copyBytes(this.entryChunk, this.entryStart, this.entryEnd, chunk, at);
    } else {
      this.entryChunk = chunk;
      this.entryStart = at;
      if (header.time !== this.time) {
        // statedTime gives the same string again for lines of one second: it is encoded once for them.
        this.time = header.time;
        this.timePart = textEncoder.encode(`,${header.time}`);
      }
      at = place(this.timePart, chunk, at);
      at = place(levelPart, chunk, at);
      at = place(this.componentPart, chunk, at);
      // A header line is the first line of its entry: the entry is the line number again.
      for (let d = count - 1; d >= 0; d--) chunk[at++] = digits[d];
      this.entryEnd = at;
    }
    chunk[at++] = 10;
    this.at = at;
  }
}

/** Texts as UTF-8 in one buffer: text i is bytes[starts[i], starts[i + 1]). */
interface EncodedTexts {
  readonly bytes: Uint8Array;
  /** Offsets below 4 GiB: the texts are strings in the heap, which holds far less. */
  readonly starts: Uint32Array;
}

/**
 * Encodes texts back to back: one buffer where an array of its own per text (an HDFS log's 561K
 * sessions) cost some 200 bytes of objects and allocations each beside its two dozen bytes of text.
 */
function encodedBackToBack(texts: readonly string[]): EncodedTexts {
  const starts = new Uint32Array(texts.length + 1);
  // Room for ASCII text; grown for the rest.
  let bytes = new Uint8Array(texts.reduce((sum, text) => sum + text.length, 0));
  let at = 0;
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i];
    for (;;) {
      const { read, written } = textEncoder.encodeInto(text, bytes.subarray(at));
      if (read === text.length) {
        at += written;
        break;
      }
      // A UTF-16 unit takes at most 3 bytes.
      const grown = new Uint8Array(Math.max(2 * bytes.length, at + text.length * 3));
      grown.set(bytes.subarray(0, at));
      bytes = grown;
    }
    starts[i + 1] = at;
  }
  return { bytes, starts };
}

/** Copies from[start, end) to `into` at `at` and returns the index after it: a loop, faster than set() for the few bytes of a field. */
function copyBytes(from: Uint8Array, start: number, end: number, into: Uint8Array, at: number): number {
  for (let i = start; i < end; i++) into[at++] = from[i];
  return at;
}

/** Copies all of `part` to `into` at `at` and returns the index after it. */
function place(part: Uint8Array, into: Uint8Array, at: number): number {
  into.set(part, at);
  return at + part.length;
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
