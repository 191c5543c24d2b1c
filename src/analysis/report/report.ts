/**
 * The result of one analysis run. Everything per line lives in typed arrays (a 1.5 GB log has
 * 11 million lines); the text of a line is read back from the source by its byte offset when it is
 * shown. Scores, ranks, flags and reasons are per distinct feature vector: lines that share a
 * vector share them. The report is structured-cloneable, so the worker posts it as is.
 */
import type { AnalysisOptions } from '../pipeline/options';
import type { Reason } from './reasons';
import type { Stage } from '../pipeline/progress';
import type { HeaderProfile } from '../formats';
import type { LineOffsets } from '../reading/collect';

export interface AnalysisReport {
  readonly options: AnalysisOptions;
  readonly stats: ReportStats;
  /** Line score at or above which a line is flagged. */
  readonly threshold: number;
  /** Session score at or above which a session is flagged. */
  readonly sessionThreshold: number;
  readonly lines: LineTable;
  readonly vectors: VectorTable;
  readonly templates: readonly TemplateInfo[];
  readonly sessions: SessionTable;
  /** Flagged lines (0-based), most anomalous first, ties by line number. */
  readonly anomalies: Int32Array;
  readonly histogram: ScoreHistogram;
  readonly timeline: Timeline;
}

export interface ReportStats {
  readonly bytes: number;
  /** Physical lines, the last one counted even without a trailing newline. */
  readonly lines: number;
  /** Log entries: a header line with its continuation lines (stack traces). */
  readonly entries: number;
  readonly templates: number;
  readonly sessions: number;
  readonly anomalies: number;
  readonly anomalousSessions: number;
  /** Format name as detected or given (`custom` for a user regex, `learned` for a header learned from the log). */
  readonly format: string;
  /** What each line was read as: the learned structure (`timestamp · level · […] · message`) or the format's label. */
  readonly formatStructure: string;
  /** The learned header, to read the log's lines alike for display; null for other formats. */
  readonly headerProfile: HeaderProfile | null;
  /** What the session key was: e.g. `hdfs-block`, `uuid`, `custom`, or null without sessions. */
  readonly sessionKind: string | null;
  /** The session model that scored the sessions (what `auto` chose), or null without sessions. */
  readonly sessionModel: string | null;
  readonly hasTimestamps: boolean;
  /** Lines longer than maxLineBytes, analysed by their prefix. */
  readonly truncatedLines: number;
  /** Lines with bytes that were not valid UTF-8 (replaced by U+FFFD). */
  readonly invalidUtf8Lines: number;
  /** Baseline mode: lines and templates of the known-good log. */
  readonly baselineLines: number | null;
  /** Sentences about a run whose answer may mislead (a baseline with no lines, a format that fits few lines...); usually empty. */
  readonly warnings: readonly string[];
  readonly elapsedMs: number;
  readonly stageMs: Readonly<Partial<Record<Stage, number>>>;
  /** Bytes the host held as each stage ended, when the host says (the CLI reports its resident set). */
  readonly stageBytes: Readonly<Partial<Record<Stage, number>>>;
}

/** Feature vector ids of lines: 2 bytes a line while they fit (up to 32,767 vectors), else 4. */
export type LineVectorIds = Int16Array | Int32Array;
/** Timeline buckets of lines: 1 byte a line while they fit (a timeline has about 120), else 2. */
export type LineBuckets = Uint8Array | Uint16Array;

export interface LineTable {
  readonly count: number;
  /** count + 1 byte offsets: line i spans [starts[i], starts[i + 1]) including its line break. */
  readonly starts: LineOffsets;
  /** Feature vector of each line; -1 for a blank line. Continuation lines share their entry's. */
  readonly vectorIds: LineVectorIds;
  /** First session the line belongs to, or -1. */
  readonly sessionIds: Int32Array;
  /** Timeline bucket of each line. */
  readonly buckets: LineBuckets;
  /**
   * One bit per line, set when the line continues the entry above it (a stack trace line): line i is
   * bit i & 7 of byte i >> 3. An eighth of a byte per line tells every line its entry (see entryLineOf).
   */
  readonly continued: Uint8Array;
}

export interface VectorTable {
  readonly count: number;
  readonly templateIds: Int32Array;
  readonly levels: Uint8Array;
  /** Lines with this vector. */
  readonly counts: Float64Array;
  /** Lines of vector v are lines[lineStarts[v] .. lineStarts[v + 1]), in file order. */
  readonly lineStarts: Int32Array;
  readonly lines: Int32Array;
  /** In [0, 1], 1 = most anomalous. */
  readonly scores: Float64Array;
  /** 1 + number of lines with a strictly higher score. */
  readonly ranks: Float64Array;
  readonly flagged: Uint8Array;
  /** Why each vector stands out (computed for all, so a moved threshold needs no new run). Most important first. */
  readonly reasons: readonly (readonly Reason[])[];
}

export interface TemplateInfo {
  readonly id: number;
  /** The template with variables masked, e.g. `PacketResponder <NUM> for block <BLK> terminating`. */
  readonly text: string;
  readonly count: number;
  /** First line (0-based) with this template. */
  readonly firstLine: number;
  /** Baseline mode: occurrences in the known-good log; null otherwise. */
  readonly baselineCount: number | null;
  /** Marked as expected by the user: its lines are never flagged. */
  readonly expected: boolean;
}

export interface SessionTable {
  readonly count: number;
  /** Session ids exactly as written in the log, e.g. `blk_-1608999687919862906`. */
  readonly ids: readonly string[];
  readonly firstLines: Int32Array;
  readonly lineCounts: Int32Array;
  readonly durationsMs: Float64Array;
  readonly scores: Float64Array;
  readonly ranks: Float64Array;
  readonly flagged: Uint8Array;
  /**
   * What is unusual about each session (shared between sessions of the same behaviour): given for
   * the flagged sessions and the next most anomalous behaviours, empty for ordinary ones; a
   * session whose events come in an order almost no session has says so, whatever its score.
   */
  readonly reasons: readonly (readonly Reason[])[];
  /** Lines of session s are members[memberStarts[s] .. memberStarts[s + 1]), in file order. */
  readonly memberStarts: Int32Array;
  readonly members: Int32Array;
}

export interface ScoreHistogram {
  /** bins + 1 edges over [0, 1]. */
  readonly edges: readonly number[];
  /** Lines per bin. */
  readonly counts: readonly number[];
}

export interface Timeline {
  /** `time` buckets span real timestamps (ms since the epoch, UTC wall clock of the log); `lines` buckets span line numbers. */
  readonly kind: 'time' | 'lines';
  /** Whether the log's timestamps carry a year (syslog's do not). */
  readonly hasYear: boolean;
  readonly start: number;
  readonly bucketSize: number;
  readonly lines: readonly number[];
  readonly anomalies: readonly number[];
  readonly errors: readonly number[];
  /** Entries per (bucket, template), as triplets bucket, template, count, sorted by bucket. */
  readonly templateCounts: Int32Array;
  /** Buckets with far more errors than usual, and the usual error count per bucket. */
  readonly bursts: readonly number[];
  readonly typicalErrors: number;
}

/** Whether line `line` continues the entry above it. */
export function isContinuationLine(lines: LineTable, line: number): boolean {
  return (lines.continued[line >> 3] & (1 << (line & 7))) !== 0;
}

/** The first line of the entry `line` belongs to (0-based; the line itself for a header line), or -1 for a blank line. */
export function entryLineOf(lines: LineTable, line: number): number {
  if (lines.vectorIds[line] < 0) return -1;
  let first = line;
  while (first > 0 && isContinuationLine(lines, first)) first--;
  return first;
}

export function isLineFlagged(report: AnalysisReport, line: number): boolean {
  const v = report.lines.vectorIds[line];
  return v >= 0 && report.vectors.flagged[v] === 1;
}
