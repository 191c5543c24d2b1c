import { Level } from './levels';
import { inferLevel } from './infer-level';
import { scanTimestamp, type ScannedTimestamp } from './timestamps';
import { isSpace, levelAt, messageFrom, skipSpaces } from './fields';
import type { LogFormat, ParsedLine } from './types';

/** Unindented lines that still belong to the entry above: Java and Python stack traces. */
const CONTINUATION = /^(?:at [\w$.<>/-]+\(|Caused by: |Suppressed: |\.\.\. \d+ (?:more|common frames omitted)|Traceback \(most recent call last\):)/;

export function isContinuation(line: string): boolean {
  const c = line.charCodeAt(0);
  if (isSpace(c)) return true;
  return (c === 97 || c === 67 || c === 83 || c === 46 || c === 84) && CONTINUATION.test(line);
}

/**
 * A timestamp at `at`, optionally in brackets (`[10.30 16:49:06]`, `[2023-01-02 03:04:05]`).
 * Returns the index after it (and its bracket), or -1.
 */
function timestampAt(line: string, at: number, out: ScannedTimestamp): number {
  const bracketed = line.charCodeAt(at) === 91;
  const start = bracketed ? skipSpaces(line, at + 1) : at;
  if (!scanTimestamp(line, start, out)) return -1;
  if (!bracketed) return out.end;
  const close = skipSpaces(line, out.end);
  return line.charCodeAt(close) === 93 ? close + 1 : -1;
}

/** Skips blanks, `|` column separators, and `-`, `:` or `,` followed by a blank. */
function skipSeparators(line: string, at: number): number {
  for (;;) {
    at = skipSpaces(line, at);
    const c = line.charCodeAt(at);
    if (c === 124) at++;
    else if ((c === 45 || c === 58 || c === 44) && isSpace(line.charCodeAt(at + 1))) at += 2;
    else return at;
  }
}

/**
 * A level word at `at`: bracketed (`[error]`, `<WARN>`), followed by a colon (`Error: ...`), bare in capitals
 * (`ERROR ...`), or padded like a column (`Info    CBS ...`). A sentence such as `Error reading file` keeps its
 * first word in the message.
 */
function levelWordAt(line: string, at: number, found: { level: Level; end: number }): boolean {
  const open = line.charCodeAt(at);
  const closer = open === 91 ? 93 : open === 60 ? 62 : 0;
  const start = closer === 0 ? at : skipSpaces(line, at + 1);
  let end = start;
  let lowerCase = false;
  for (let c = line.charCodeAt(end); (c >= 65 && c <= 90) || (c >= 97 && c <= 122); c = line.charCodeAt(++end)) {
    if (c >= 97) lowerCase = true;
  }
  const level = levelAt(line, start, end);
  if (level === Level.unknown) return false;
  let after = end;
  if (closer !== 0) {
    after = skipSpaces(line, end);
    if (line.charCodeAt(after) !== closer) return false;
    after++;
  } else if (line.charCodeAt(after) !== 58) {
    const next = line.charCodeAt(after);
    const padded = next === 9 || (next === 32 && isSpace(line.charCodeAt(after + 1)));
    if (after < line.length && !isSpace(next)) return false;
    if (lowerCase && !padded) return false;
  }
  if (line.charCodeAt(after) === 58) after++;
  found.level = level;
  found.end = after;
  return true;
}

/** What the generic reader finds at the start of a line. */
interface Header {
  /** NaN without a timestamp. */
  timestamp: number;
  hasYear: boolean;
  /** Level.unknown without a level word. */
  level: Level;
  messageStart: number;
}

/** Timestamp then level (`2023-01-02 03:04:05 ERROR msg`), level then timestamp (`ERROR 2023-01-02 ...`), or either alone. */
function readHeader(line: string, header: Header, stamp: ScannedTimestamp, found: { level: Level; end: number }): void {
  let i = 0;
  let timeEnd = timestampAt(line, 0, stamp);
  if (timeEnd >= 0) i = skipSeparators(line, timeEnd);
  header.level = Level.unknown;
  if (levelWordAt(line, i, found)) {
    header.level = found.level;
    i = skipSeparators(line, found.end);
    if (timeEnd < 0 && (timeEnd = timestampAt(line, i, stamp)) >= 0) i = skipSeparators(line, timeEnd);
  }
  header.timestamp = timeEnd >= 0 ? stamp.ms : NaN;
  header.hasYear = timeEnd >= 0 && stamp.hasYear;
  header.messageStart = i;
}

export interface GenericOptions {
  /** When nearly every header of the log has a timestamp, lines without one are continuations. */
  readonly timestampRequired: boolean;
  readonly hasYear: boolean;
}

/**
 * The fallback: an optional timestamp of a common shape and an optional level word at the start, the rest is the
 * message (no component). Indented lines and stack-trace lines (`at ...(`, `Caused by:`, `... 12 more`) are
 * continuations.
 */
export function createGenericFormat(options: GenericOptions): LogFormat {
  const header: Header = { timestamp: NaN, hasYear: true, level: Level.unknown, messageStart: 0 };
  const stamp: ScannedTimestamp = { ms: NaN, end: 0, hasYear: true };
  const found = { level: Level.unknown as Level, end: 0 };
  return {
    name: 'generic',
    label: 'Generic (timestamp, level, message)',
    hasYear: options.hasYear,
    parse(line: string, out: ParsedLine): boolean {
      if (line.length === 0 || isContinuation(line)) return false;
      readHeader(line, header, stamp, found);
      if (options.timestampRequired && Number.isNaN(header.timestamp)) return false;
      out.timestamp = header.timestamp;
      out.component = '';
      messageFrom(line, header.messageStart, out);
      out.level = header.level !== Level.unknown ? header.level : inferLevel(out.message);
      return true;
    },
  };
}

export const GENERIC_FORMAT = createGenericFormat({ timestampRequired: false, hasYear: true });

export interface TimestampCensus {
  /** Non-blank lines that are not continuations. */
  readonly lines: number;
  readonly timestamped: number;
  readonly withYear: number;
}

/** How many lines of a sample the generic reader finds a timestamp in (and with a year). */
export function timestampCensus(sample: readonly string[]): TimestampCensus {
  const header: Header = { timestamp: NaN, hasYear: true, level: Level.unknown, messageStart: 0 };
  const stamp: ScannedTimestamp = { ms: NaN, end: 0, hasYear: true };
  const found = { level: Level.unknown as Level, end: 0 };
  let lines = 0;
  let timestamped = 0;
  let withYear = 0;
  for (const line of sample) {
    if (line.trim().length === 0 || isContinuation(line)) continue;
    lines++;
    readHeader(line, header, stamp, found);
    if (!Number.isNaN(header.timestamp)) {
      timestamped++;
      if (header.hasYear) withYear++;
    }
  }
  return { lines, timestamped, withYear };
}

/** Share of timestamped lines above which lines without a timestamp are taken for continuations. */
const TIMESTAMPED_SHARE = 0.9;

/** The generic format tuned to a sample: whether headers carry timestamps, and whether those have a year. */
export function fitGenericFormat(sample: readonly string[]): LogFormat {
  const { lines, timestamped, withYear } = timestampCensus(sample);
  return createGenericFormat({
    timestampRequired: lines > 0 && timestamped >= lines * TIMESTAMPED_SHARE,
    hasYear: withYear * 2 >= timestamped,
  });
}
