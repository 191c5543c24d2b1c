/**
 * logfmt (`time=2023-01-02T03:04:05Z level=info msg="server started" port=8080`: Go's logrus and slog,
 * Heroku, Grafana's tools): a line of key=value pairs, values bare or double-quoted. The time, level and
 * message are found by their usual keys; without a message key the message is the pairs other than time
 * and level. A line that does not start with a pair continues the entry above.
 */
import { Level } from '../levels';
import { inferLevel } from '../infer-level';
import type { LogFormat, ParsedLine } from '../types';
import { COMPONENT_KEYS, firstValue, LEVEL_KEYS, MESSAGE_KEYS, recordLevel, TIME_KEYS, timeOf } from './structuredKeys';

/** Fewer pairs than this and a line is not taken for logfmt. */
const MIN_PAIRS = 2;
const KEY = /^[A-Za-z_@][\w.@-]*$/;

/** The pairs of a logfmt line, or null when it is not one. `spans` gets each pair's [start, end). */
function pairsOf(line: string, spans: number[]): Record<string, string> | null {
  const record: Record<string, string> = {};
  spans.length = 0;
  let count = 0;
  let i = 0;
  while (i < line.length) {
    while (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9) i++;
    if (i >= line.length) break;
    const start = i;
    const equals = line.indexOf('=', i);
    const space = line.indexOf(' ', i);
    if (equals < 0 || (space >= 0 && space < equals)) return count >= MIN_PAIRS ? record : null;
    const key = line.slice(i, equals);
    if (!KEY.test(key)) return null;
    i = equals + 1;
    let value: string;
    if (line.charCodeAt(i) === 34) {
      let end = i + 1;
      let text = '';
      while (end < line.length && line.charCodeAt(end) !== 34) {
        if (line.charCodeAt(end) === 92 && end + 1 < line.length) end++;
        text += line[end];
        end++;
      }
      if (end >= line.length) return null;
      value = text;
      i = end + 1;
    } else {
      const end = line.indexOf(' ', i);
      value = line.slice(i, end < 0 ? line.length : end);
      i = end < 0 ? line.length : end;
    }
    record[key] = value;
    spans.push(start, i);
    count++;
  }
  return count >= MIN_PAIRS ? record : null;
}

const spans: number[] = [];
/** Keys left out of a message made of the pairs: the time and level, which have their own columns. */
const STRUCTURAL_KEYS: ReadonlySet<string> = new Set([...TIME_KEYS, ...LEVEL_KEYS]);

export const LOGFMT_FORMAT: LogFormat = {
  name: 'logfmt',
  label: 'logfmt (key=value pairs)',
  hasYear: true,
  parse(line: string, out: ParsedLine): boolean {
    const record = pairsOf(line, spans);
    if (record === null) return false;
    const message = firstValue(record, MESSAGE_KEYS);
    const component = firstValue(record, COMPONENT_KEYS);
    out.timestamp = timeOf(firstValue(record, TIME_KEYS));
    if (typeof message === 'string') {
      out.message = message.trim();
    } else {
      const kept: string[] = [];
      for (let p = 0; p < spans.length; p += 2) {
        const pair = line.slice(spans[p], spans[p + 1]);
        if (!STRUCTURAL_KEYS.has(pair.slice(0, pair.indexOf('=')))) kept.push(pair);
      }
      out.message = kept.join(' ');
    }
    const level = recordLevel(record);
    out.level = level !== Level.unknown ? level : inferLevel(out.message);
    out.component = typeof component === 'string' ? component : '';
    return true;
  },
};
