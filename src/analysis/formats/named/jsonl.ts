import { Level, levelFromWord } from '../levels';
import { inferLevel } from '../infer-level';
import { parseTimestamp } from '../timestamps';
import type { LogFormat, ParsedLine } from '../types';

const TIME_KEYS = ['@timestamp', 'timestamp', 'time', 'ts', 't', 'datetime', 'date', 'asctime'];
const LEVEL_KEYS = ['level', 'severity', 'lvl', 'loglevel', 'log.level', 'levelname', '@level'];
const MESSAGE_KEYS = ['msg', 'message', '@message', 'event', 'log', 'text'];
const COMPONENT_KEYS = ['logger', 'logger_name', 'loggerName', 'component', 'name', 'module', 'source'];

/** pino / bunyan numeric levels. */
function numericLevel(value: number): Level {
  if (value >= 60) return Level.fatal;
  if (value >= 50) return Level.error;
  if (value >= 40) return Level.warning;
  if (value >= 30) return Level.info;
  if (value >= 20) return Level.debug;
  return value >= 10 ? Level.trace : Level.unknown;
}

function first(record: Record<string, unknown>, keys: readonly string[]): unknown {
  for (const key of keys) {
    const value = record[key];
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}

/** Epoch numbers: seconds (zap's float `ts`) below 1e11, milliseconds (pino) above. */
function timeOf(value: unknown): number {
  if (typeof value === 'number') return value < 1e11 ? Math.round(value * 1000) : value;
  return typeof value === 'string' ? parseTimestamp(value) : NaN;
}

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
    const message = first(fields, MESSAGE_KEYS);
    const level = first(fields, LEVEL_KEYS);
    const component = first(fields, COMPONENT_KEYS);
    out.timestamp = timeOf(first(fields, TIME_KEYS));
    out.message = typeof message === 'string' ? message.trim() : message === undefined ? line.trim() : JSON.stringify(message);
    out.level = typeof level === 'string' ? levelFromWord(level) : typeof level === 'number' ? numericLevel(level) : inferLevel(out.message);
    out.component = typeof component === 'string' ? component : '';
    return true;
  },
};
