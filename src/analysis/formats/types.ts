import { Level } from './levels';
import type { HeaderProfile } from './learned/header';

/** One header line split into its parts. Formats write every field when parse() returns true. */
export interface ParsedLine {
  /** ms since the epoch of the log's wall-clock time read as UTC; NaN when the line has none. */
  timestamp: number;
  level: Level;
  component: string;
  message: string;
  /**
   * Where the message starts in the line when it is the line's own text from there; formats that
   * cut it so set it, others leave it alone, so a reader that uses it sets -1 before parse().
   */
  messageStart?: number;
  /**
   * Where the timestamp is written, [timestampStart, timestampEnd), for formats that know; others leave
   * it alone, so a reader that uses it sets timestampStart to -1 before parse().
   */
  timestampStart?: number;
  timestampEnd?: number;
}

/** A ParsedLine to parse into: parse() overwrites its fields, so one serves every line of a loop. */
export function emptyParsedLine(): ParsedLine {
  return { timestamp: NaN, level: Level.unknown, component: '', message: '', messageStart: -1, timestampStart: -1, timestampEnd: -1 };
}

export interface LogFormat {
  /** 'hdfs', 'bgl', 'syslog', 'log4j', 'apache-error', 'spark', 'zookeeper', 'jsonl', 'logfmt', 'generic', 'learned', 'custom', ... */
  readonly name: string;
  /** Human name, e.g. 'HDFS DataNode/NameNode'. */
  readonly label: string;
  /** False when timestamps carry no year (syslog): they are then placed in NO_YEAR (2000). */
  readonly hasYear: boolean;
  /** Fills `out` from a header line and returns true; returns false when the line is not a header, i.e. a
   *  continuation line (stack trace) that belongs to the entry above it. */
  parse(line: string, out: ParsedLine): boolean;
  /** The learned reader's profile (plain data), to read the log's lines alike later; absent elsewhere. */
  readonly headerProfile?: HeaderProfile;
}
