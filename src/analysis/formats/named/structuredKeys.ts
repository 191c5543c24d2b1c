/**
 * Where structured records (JSON lines, logfmt) keep their time, level, message and component: the usual
 * keys of pino, bunyan, logstash/ECS, zap, structlog, Serilog's CLEF, GELF, Rust tracing, OpenTelemetry,
 * Docker and MongoDB, looked up flat (`log.level` as one key) or nested (`{"log": {"level": ...}}`).
 */
import { Level, levelFromBunyan, levelFromLetter, levelFromSeverityNumber, levelFromWord } from '../levels';
import { parseTimestamp } from '../timestamps';

export const TIME_KEYS = [
  '@timestamp', 'timestamp', 'time', 'ts', 't', '@t', 'datetime', 'date', 'asctime', 'timestamp_ns', 'time_ns', 'ts_ns',
  'timeUnixNano', 'observedTimeUnixNano', 'eventTime', 'logged_at', 'created',
];
export const LEVEL_KEYS = [
  'level', 'severity', 'lvl', 'loglevel', 'log.level', 'levelname', 'level_name', '@level', '@l', 'severity_text',
  'severityText', 'log_level', 's',
];
/** Numeric severities on OpenTelemetry's 1-24 scale. */
export const SEVERITY_NUMBER_KEYS = ['severity_number', 'severityNumber'];
export const MESSAGE_KEYS = ['msg', 'message', '@message', '@m', '@mt', 'body', 'fields.message', 'short_message', 'event', 'log', 'text'];
export const COMPONENT_KEYS = ['logger', 'logger_name', 'loggerName', 'log.logger', 'component', 'target', 'name', 'module', 'source', 'scope_name', 'c'];

/** The first of `keys` the record has a value for (not null), flat or nested along the dots. */
export function firstValue(record: Record<string, unknown>, keys: readonly string[]): unknown {
  for (const key of keys) {
    let value = record[key];
    if ((value === undefined || value === null) && key.includes('.')) value = nested(record, key);
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}

function nested(record: Record<string, unknown>, path: string): unknown {
  let value: unknown = record;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Epoch numbers by size: seconds (zap's float `ts`), milli-, micro- or nanoseconds. */
export function epochToMs(value: number): number {
  if (!Number.isFinite(value) || value <= 0) return NaN;
  if (value < 1e11) return Math.round(value * 1000);
  if (value < 1e14) return value;
  return value < 1e17 ? Math.floor(value / 1e3) : Math.floor(value / 1e6);
}

/**
 * A time value: an epoch number, a string of digits (OpenTelemetry's nanoseconds), a timestamp text, or
 * extended JSON's `{"$date": ...}` holding one of them (or `{"$numberLong": ...}`).
 */
export function timeOf(value: unknown): number {
  if (typeof value === 'number') return epochToMs(value);
  if (typeof value === 'object' && value !== null) {
    const wrapped = (value as Record<string, unknown>).$date ?? (value as Record<string, unknown>).$numberLong;
    return wrapped === undefined ? NaN : timeOf(wrapped);
  }
  if (typeof value !== 'string') return NaN;
  return /^\d{10,19}(?:\.\d+)?$/.test(value) ? epochToMs(Number(value)) : parseTimestamp(value);
}

/** A level value: a word, a letter (MongoDB's `"s": "W"`), a bunyan/pino number, or a number written as text. */
export function levelOf(value: unknown): Level {
  if (typeof value === 'number') return levelFromBunyan(value);
  if (typeof value !== 'string') return Level.unknown;
  if (value.length === 1) return levelFromLetter(value.charCodeAt(0));
  const word = levelFromWord(value.trim());
  if (word !== Level.unknown || !/^\d+$/.test(value)) return word;
  return levelFromBunyan(Number(value));
}

/** The level of a record: its level key, else an OpenTelemetry severity number. */
export function recordLevel(record: Record<string, unknown>): Level {
  const level = levelOf(firstValue(record, LEVEL_KEYS));
  if (level !== Level.unknown) return level;
  const number = firstValue(record, SEVERITY_NUMBER_KEYS);
  return typeof number === 'number' ? levelFromSeverityNumber(number) : Level.unknown;
}
