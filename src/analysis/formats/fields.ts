/** Small scanning helpers shared by the format parsers. */
import { Level, levelFromWord } from './levels';

export function isSpace(code: number): boolean {
  return code === 32 || code === 9;
}

/** The text from `from` to the end without surrounding blanks (an empty string when nothing is left). */
export function restFrom(line: string, from: number): string {
  let end = line.length;
  while (end > from && isSpace(line.charCodeAt(end - 1))) end--;
  while (from < end && isSpace(line.charCodeAt(from))) from++;
  return from === 0 && end === line.length ? line : line.slice(from, end);
}

/** `out.message` = restFrom(line, from), and `out.messageStart` where it starts in the line. */
export function messageFrom(line: string, from: number, out: { message: string; messageStart?: number }): void {
  let end = line.length;
  while (end > from && isSpace(line.charCodeAt(end - 1))) end--;
  while (from < end && isSpace(line.charCodeAt(from))) from++;
  out.message = from === 0 && end === line.length ? line : line.slice(from, end);
  out.messageStart = from;
}

export function skipSpaces(line: string, at: number): number {
  while (isSpace(line.charCodeAt(at))) at++;
  return at;
}

/** Index of the next space or the end of the line. */
export function tokenEnd(line: string, at: number): number {
  const space = line.indexOf(' ', at);
  return space < 0 ? line.length : space;
}

/** Level of the word line[start, end), with a fast path for the usual upper-case words. */
export function levelAt(line: string, start: number, end: number): Level {
  const length = end - start;
  if (length === 4) {
    if (line.startsWith('INFO', start)) return Level.info;
    if (line.startsWith('WARN', start)) return Level.warning;
  } else if (length === 5) {
    if (line.startsWith('ERROR', start)) return Level.error;
    if (line.startsWith('DEBUG', start)) return Level.debug;
  } else if (length === 0 || length > 13) {
    return Level.unknown;
  }
  return levelFromWord(line.slice(start, end));
}

/**
 * `component: message` from `from` (Hadoop, HDFS, Spark): the component is one word ending in ": " (or a final ":").
 * Without one, the component is empty and everything is the message.
 */
export function componentThenMessage(line: string, from: number, out: { component: string; message: string; messageStart?: number }): void {
  const end = tokenEnd(line, from);
  if (end > from + 1 && line.charCodeAt(end - 1) === 58) {
    out.component = line.slice(from, end - 1);
    messageFrom(line, end, out);
  } else {
    out.component = '';
    messageFrom(line, from, out);
  }
}
