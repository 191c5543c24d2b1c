import { Level } from '../levels';
import { digitsAt, scanTimestamp, WallClock, type ScannedTimestamp } from '../timestamps';
import { isSpace, levelAt, messageFrom, skipSpaces, tokenEnd } from '../fields';
import type { LogFormat, ParsedLine } from '../types';

const zookeeperClock = new WallClock();

/**
 * ZooKeeper's log4j layout `%d{ISO8601} - %-5p [%t:%C{1}@%L] - %m`:
 * `2015-07-29 17:41:44,747 - INFO  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:FastLeaderElection@774] - Notification time out: 3200`
 * The component is the class (FastLeaderElection); the thread and line number are dropped.
 */
export const ZOOKEEPER_FORMAT: LogFormat = {
  name: 'zookeeper',
  label: 'ZooKeeper (log4j)',
  hasYear: true,
  parse(line: string, out: ParsedLine): boolean {
    if (line.charCodeAt(4) !== 45 || line.charCodeAt(10) !== 32 || line.charCodeAt(19) !== 44 || !line.startsWith(' - ', 23)) return false;
    const year = digitsAt(line, 0, 4);
    const month = digitsAt(line, 5, 2);
    const day = digitsAt(line, 8, 2);
    const hour = digitsAt(line, 11, 2);
    const minute = digitsAt(line, 14, 2);
    const second = digitsAt(line, 17, 2);
    const millis = digitsAt(line, 20, 3);
    if ((year | month | day | hour | minute | second | millis) < 0) return false;
    const levelEnd = tokenEnd(line, 26);
    const open = skipSpaces(line, levelEnd);
    if (line.charCodeAt(open) !== 91) return false;
    const close = line.indexOf('] - ', open);
    if (close < 0) return false;
    const timestamp = zookeeperClock.toMs(year, month, day, hour, minute, second, millis);
    if (Number.isNaN(timestamp)) return false;
    const at = line.lastIndexOf('@', close);
    const classEnd = at > open ? at : close;
    out.timestamp = timestamp;
    out.timestampStart = 0;
    out.timestampEnd = 23;
    out.level = levelAt(line, 26, levelEnd);
    out.component = line.slice(Math.max(open + 1, line.lastIndexOf(':', classEnd) + 1), classEnd);
    messageFrom(line, close + 4, out);
    return true;
  },
};

const stamp: ScannedTimestamp = { ms: NaN, end: 0, hasYear: true };

/**
 * log4j / logback / Spring Boot lines: an ISO timestamp, then the level and optional [thread] in either order,
 * then a logger ending in ": " (when dotted, like Hadoop's org.apache...MRAppMaster:) or " - " (logback), then
 * the message. Examples:
 * `2015-10-18 18:01:47,978 INFO [main] org.apache.hadoop.mapreduce.v2.app.MRAppMaster: Created MRAppMaster`,
 * `2023-01-02T03:04:05.678Z ERROR com.acme.Foo - msg`, `2023-01-02 03:04:05.678 [thread] WARN  c.a.Foo - msg`,
 * `2023-01-02 03:04:05.678  INFO 4242 --- [           main] o.s.b.StartupInfoLogger  : Started`.
 */
export const LOG4J_FORMAT: LogFormat = {
  name: 'log4j',
  label: 'log4j / logback (Java, Hadoop)',
  hasYear: true,
  parse(line: string, out: ParsedLine): boolean {
    if (line.charCodeAt(4) !== 45 || line.charCodeAt(7) !== 45 || !scanTimestamp(line, 0, stamp)) return false;
    let i = skipSeparator(line, stamp.end);
    let level: Level = Level.unknown;
    let thread = false;
    if (line.charCodeAt(i) === 91) {
      const close = closingBracket(line, i);
      if (close < 0) return false;
      level = levelAt(line, skipSpaces(line, i + 1), trimmedEnd(line, i + 1, close));
      thread = level === Level.unknown;
      i = skipSpaces(line, close + 1);
    }
    if (level === Level.unknown) {
      const end = tokenEnd(line, i);
      level = levelAt(line, i, end);
      if (level === Level.unknown) return false;
      i = skipSpaces(line, end);
    }
    // Spring Boot: `4242 --- [main]`
    const pidEnd = digitsEnd(line, i);
    if (pidEnd > i && line.startsWith(' --- ', pidEnd)) i = skipSpaces(line, pidEnd + 5);
    if (!thread && line.charCodeAt(i) === 91) {
      const close = closingBracket(line, i);
      if (close >= 0) i = skipSpaces(line, close + 1);
    }
    i = skipSeparator(line, i);
    const loggerEnd = tokenEnd(line, i);
    const colon = line.charCodeAt(loggerEnd - 1) === 58;
    const afterLogger = skipSpaces(line, loggerEnd);
    if (colon && loggerEnd > i + 1 && line.lastIndexOf('.', loggerEnd) > i) {
      out.component = line.slice(i, loggerEnd - 1);
      i = loggerEnd;
    } else if (loggerEnd < line.length && (line.startsWith('- ', afterLogger) || line.startsWith(': ', afterLogger))) {
      out.component = line.slice(i, loggerEnd);
      i = afterLogger + 2;
    } else {
      out.component = '';
    }
    out.timestamp = stamp.ms;
    out.timestampStart = 0;
    out.timestampEnd = stamp.end;
    out.level = level;
    messageFrom(line, i, out);
    return true;
  },
};

/** Skips blanks and one `-` or `|` column separator. */
function skipSeparator(line: string, at: number): number {
  at = skipSpaces(line, at);
  const c = line.charCodeAt(at);
  if ((c === 45 || c === 124) && isSpace(line.charCodeAt(at + 1))) at = skipSpaces(line, at + 1);
  return at;
}

/** The `]` matching the `[` at `open`, allowing nested brackets as in `[QuorumPeer[myid=1]/0:2181]`. */
function closingBracket(line: string, open: number): number {
  let depth = 0;
  for (let i = open; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 91) depth++;
    else if (c === 93 && --depth === 0) return i;
  }
  return -1;
}

function trimmedEnd(line: string, start: number, end: number): number {
  while (end > start && isSpace(line.charCodeAt(end - 1))) end--;
  return end;
}

function digitsEnd(line: string, at: number): number {
  while (at < line.length && line.charCodeAt(at) >= 48 && line.charCodeAt(at) <= 57) at++;
  return at;
}
