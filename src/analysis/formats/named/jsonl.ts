import { Level } from '../levels';
import { inferLevel } from '../infer-level';
import type { LogFormat, ParsedLine } from '../types';
import { COMPONENT_KEYS, firstValue, MESSAGE_KEYS, recordLevel, TIME_KEYS, timeOf } from './structuredKeys';

/**
 * One JSON object per line (pino, bunyan, logstash, zap, structlog, Docker json-file...). A line that is not a
 * JSON object is a continuation. Without a message field the whole line is the message; without a level
 * field the level is inferred from the message.
 */
export const JSONL_FORMAT: LogFormat = {
  name: 'jsonl',
  label: 'JSON lines',
  hasYear: true,
  parse(line: string, out: ParsedLine): boolean {
    let i = 0;
    while (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9) i++;
    if (line.charCodeAt(i) !== 123) return false;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      return false;
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) return false;
    const fields = record as Record<string, unknown>;
    const message = firstValue(fields, MESSAGE_KEYS);
    const level = recordLevel(fields);
    const component = firstValue(fields, COMPONENT_KEYS);
    out.timestamp = timeOf(firstValue(fields, TIME_KEYS));
    out.message = typeof message === 'string' ? message.trim() : message === undefined ? line.trim() : JSON.stringify(message);
    out.level = level !== Level.unknown ? level : inferLevel(out.message);
    out.component = typeof component === 'string' ? component : '';
    return true;
  },
};
