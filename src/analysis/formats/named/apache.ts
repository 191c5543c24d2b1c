import { Level, levelFromWord } from '../levels';
import { scanTimestamp, type ScannedTimestamp } from '../timestamps';
import { messageFrom, skipSpaces } from '../fields';
import type { LogFormat, ParsedLine } from '../types';

const stamp: ScannedTimestamp = { ms: NaN, end: 0, hasYear: true };

/**
 * Apache httpd error log, 2.2 (`[Sun Dec 04 04:47:44 2005] [notice] message`) and 2.4
 * (`[Wed Oct 11 14:32:52.123456 2000] [core:error] [pid 1234:tid 5678] [client 1.2.3.4:5678] message`).
 * The module is the component; `[pid ...]` is dropped, `[client ...]` stays in the message as Apache wrote it.
 */
export const APACHE_ERROR_FORMAT: LogFormat = {
  name: 'apache-error',
  label: 'Apache error log',
  hasYear: true,
  parse(line: string, out: ParsedLine): boolean {
    if (line.charCodeAt(0) !== 91 || !scanTimestamp(line, 1, stamp) || line.charCodeAt(stamp.end) !== 93) return false;
    const open = skipSpaces(line, stamp.end + 1);
    if (line.charCodeAt(open) !== 91) return false;
    const close = line.indexOf(']', open);
    if (close < 0) return false;
    const colon = line.lastIndexOf(':', close);
    const levelStart = colon > open ? colon + 1 : open + 1;
    const level = apacheLevel(line.slice(levelStart, close));
    if (level === Level.unknown) return false;
    let i = skipSpaces(line, close + 1);
    if (line.startsWith('[pid ', i)) {
      const pidClose = line.indexOf(']', i);
      if (pidClose > 0) i = pidClose + 1;
    }
    out.timestamp = stamp.ms;
    out.timestampStart = 1;
    out.timestampEnd = stamp.end;
    out.level = level;
    out.component = colon > open ? line.slice(open + 1, colon) : '';
    messageFrom(line, i, out);
    return true;
  },
};

/** Apache levels are syslog words plus trace1 ... trace8. */
function apacheLevel(word: string): Level {
  return word.startsWith('trace') && word.length === 6 ? Level.trace : levelFromWord(word);
}
