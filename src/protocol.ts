/**
 * Every message that crosses a boundary: extension host <-> analysis worker, and extension host <->
 * dashboard webview. Each side imports these as types only.
 */
import type { AlignedChunk, AnalysisOptions, AnalysisReport, ArrivedLines, ParsedChunk, Progress, ScoreHistogram, Timeline } from './analysis';

// ---------------------------------------------------------------------------------------------
// Analysis (worker or CLI) <-> a parsing lane's thread: aligned chunks in order, parsed chunks back
// in order. The thread starts with the ReadingSetup as its workerData.

export type ToParser = { readonly type: 'parse'; readonly chunk: AlignedChunk };

/** An error thrown in the parsing thread, by kind, so that the analysis can throw it again. */
export interface ParserError {
  readonly name: 'AnalysisError' | 'RangeError' | 'Error';
  readonly code: string | null;
  readonly message: string;
  readonly stack: string;
}

export type FromParser =
  | { readonly type: 'parsed'; readonly chunk: ParsedChunk }
  | { readonly type: 'failed'; readonly error: ParserError };

// ---------------------------------------------------------------------------------------------
// Extension host <-> worker

/** What a log file was when a run read it: a later look tells whether it is still the same. */
export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
  readonly dev: number;
}

/** Where the worker reads a log from: a file on disk (any size) or an editor's text. */
export type LogInput =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'text'; readonly text: string; readonly name: string };

export interface AnalyzeRequest {
  readonly type: 'analyze';
  readonly runId: number;
  readonly input: LogInput;
  readonly baseline: LogInput | null;
  readonly options: AnalysisOptions;
  /** Int32Array view; the host stores 1 at index 0 to cancel without waiting for the worker's event loop. */
  readonly cancelFlag: SharedArrayBuffer;
}

/**
 * Follow a log file: score it as it is (its complete lines), then score the lines appended to it as
 * they arrive, against what that run fitted, until the host terminates the worker.
 */
export interface FollowRequest {
  readonly type: 'follow';
  readonly runId: number;
  readonly path: string;
  readonly baseline: LogInput | null;
  readonly options: AnalysisOptions;
}

export type HostToWorker = AnalyzeRequest | FollowRequest;

/**
 * Why a followed log was scored from its start: the first run, a refit of models the log outgrew,
 * or a file that was truncated or replaced (rotated).
 */
export type FollowStart = 'first' | 'refit' | 'truncated' | 'replaced';

export type WorkerToHost =
  | { readonly type: 'progress'; readonly runId: number; readonly progress: Progress }
  /**
   * `stamp`: the log file as it was when read (null for text); `changed`: what happened to the
   * log or the baseline on disk while it was read (deleted, replaced, truncated...), or null.
   */
  | { readonly type: 'done'; readonly runId: number; readonly report: AnalysisReport; readonly stamp: FileStamp | null; readonly changed: string | null }
  | { readonly type: 'cancelled'; readonly runId: number }
  /** Following: the log scored from its start (its complete lines); arrived lines continue from `report.lines.count`. */
  | { readonly type: 'followed'; readonly runId: number; readonly why: FollowStart; readonly report: AnalysisReport; readonly stamp: FileStamp }
  /** Following: lines appended to the log, scored against the last `followed` run. */
  | { readonly type: 'arrived'; readonly runId: number; readonly arrived: ArrivedLines }
  /**
   * `userMessage` is for the user as is; `detail` (a stack, for example) goes to the log only.
   * `input`: a problem with the log or the options (binary, unreadable, a bad regex); `internal`: a bug.
   */
  | { readonly type: 'failed'; readonly runId: number; readonly kind: 'input' | 'internal'; readonly userMessage: string; readonly detail: string };

// ---------------------------------------------------------------------------------------------
// Extension host <-> dashboard webview
//
// Everything here survives JSON (webview messages and the webview's saved state): plain arrays,
// numbers and strings, null where the engine has NaN. Large logs stay small: the top ranked lines,
// the histogram's bins and the timeline's buckets, never one object per line of the log.

/** What the dashboard shows for one log. */
export interface DashboardState {
  /** The log's URI (`uri.toString()`). */
  readonly uri: string;
  readonly summary: DashboardSummary;
  /** Score at or above which lines are flagged now (moved in the dashboard, or the report's own). */
  readonly threshold: number;
  /** The threshold the analysis chose. */
  readonly reportThreshold: number;
  readonly histogram: DashboardHistogram;
  readonly timeline: DashboardTimeline;
  readonly rows: DashboardRows;
  /** Null when the log has no sessions. */
  readonly sessions: DashboardSessions | null;
}

export interface DashboardSummary {
  readonly fileName: string;
  /** Full path (or URI for other schemes), shown under the file name. */
  readonly location: string;
  readonly bytes: number;
  readonly lines: number;
  readonly entries: number;
  readonly templates: number;
  readonly sessions: number;
  /** Flagged lines at the threshold in effect. */
  readonly anomalies: number;
  readonly format: string;
  /** The model as a person names it, e.g. `Isolation Forest`. */
  readonly model: string;
  readonly elapsedMs: number;
  /** Baseline mode: lines of the known-good log. */
  readonly baselineLines: number | null;
}

/** The score histogram as the report has it. */
export type DashboardHistogram = ScoreHistogram;

/**
 * The report's timeline without its per-template counts (not shown), and with `anomalies`
 * counted at the threshold in effect.
 */
export type DashboardTimeline = Omit<Timeline, 'templateCounts' | 'typicalErrors'>;

/** The most anomalous lines at the threshold in effect, column by column: row i is index i of each column. */
export interface DashboardRows {
  /** Flagged lines in all; the first `line.length` of them in rank order are here. */
  readonly total: number;
  /** 0-based. */
  readonly line: readonly number[];
  readonly rank: readonly number[];
  readonly score: readonly number[];
  /** ms since the epoch (the log's wall clock as UTC); null without a timestamp. */
  readonly time: readonly (number | null)[];
  /** `ERROR`, `WARN`, ... or '' when the line has none. */
  readonly level: readonly string[];
  /** Timeline bucket of the line. */
  readonly bucket: readonly number[];
  /** Index into `templates`. */
  readonly template: readonly number[];
  readonly message: readonly string[];
  /** The most important reason as a sentence ('' when none). */
  readonly reason: readonly string[];
  /** Texts of the templates the rows refer to. */
  readonly templates: readonly string[];
}

export interface DashboardSessions {
  /** What the session key is, e.g. `hdfs-block`. */
  readonly kind: string | null;
  readonly total: number;
  readonly flagged: number;
  /** The most anomalous sessions, most anomalous first. */
  readonly top: readonly DashboardSession[];
}

export interface DashboardSession {
  /** Index of the session in the report, to ask the host for its lines. */
  readonly index: number;
  /** The session id exactly as written in the log. */
  readonly id: string;
  readonly rank: number;
  readonly score: number;
  readonly flagged: boolean;
  readonly lines: number;
  /** Null without timestamps. */
  readonly durationMs: number | null;
  /** What is unusual about it, one sentence each, most important first. */
  readonly reasons: readonly string[];
}

/** One line of a session, as the session's line list shows it. */
export interface DashboardLine {
  /** 0-based. */
  readonly line: number;
  readonly score: number;
  readonly flagged: boolean;
  readonly time: number | null;
  readonly level: string;
  readonly message: string;
}

/** Sort, filters and selection of the dashboard, kept across reloads with the state. */
export interface DashboardView {
  readonly sortKey: DashboardSortKey;
  readonly sortDescending: boolean;
  readonly text: string;
  /** '' for every level. */
  readonly level: string;
  /** Timeline bucket the list is filtered to, or null. */
  readonly bucket: number | null;
  /** Report index of the session whose lines are listed, or null. */
  readonly session: number | null;
}

export type DashboardSortKey = 'rank' | 'score' | 'line' | 'time' | 'level' | 'template' | 'message' | 'reason';

/** What the webview saves with `vscode.setState` and the panel serializer gets back after a reload. */
export interface DashboardSavedState {
  readonly state: DashboardState | null;
  readonly view: DashboardView;
}

export type HostToWebview =
  | { readonly type: 'state'; readonly state: DashboardState }
  /** The log has no analysis result (not yet, or not any more): the dashboard says so and keeps what it shows, if anything. */
  | { readonly type: 'noResult'; readonly uri: string; readonly fileName: string }
  /** Answers `sessionLines`: the session's lines in file order, at most a few thousand of `total`. */
  | { readonly type: 'sessionLines'; readonly uri: string; readonly session: number; readonly lines: readonly DashboardLine[]; readonly total: number };

export type WebviewToHost =
  /** The webview listens now; `uri` is the log of the state it restored, if any. */
  | { readonly type: 'ready'; readonly uri: string | null }
  | { readonly type: 'setThreshold'; readonly uri: string; readonly threshold: number }
  /** Show line `line` (0-based) of the log in the editor. */
  | { readonly type: 'reveal'; readonly uri: string; readonly line: number }
  | { readonly type: 'sessionLines'; readonly uri: string; readonly session: number };
