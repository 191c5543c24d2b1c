/**
 * Log formats: detection from a sample of first lines, and the split of each header line into timestamp,
 * level, component and message. Lines a format does not accept are continuations of the entry above.
 */
import { APACHE_ERROR_FORMAT } from './named/apache';
import { BGL_FORMAT } from './named/bgl';
import { createCustomFormat } from './custom';
import { fitGenericFormat, GENERIC_FORMAT, timestampCensus } from './generic';
import { HDFS_FORMAT } from './named/hdfs';
import { LOG4J_FORMAT, ZOOKEEPER_FORMAT } from './named/java';
import { JSONL_FORMAT } from './named/jsonl';
import { SPARK_FORMAT } from './named/spark';
import { SYSLOG_FORMAT, SYSLOG_ISO_FORMAT } from './named/syslog';
import { Level } from './levels';
import type { LogFormat, ParsedLine } from './types';

export type { LogFormat, ParsedLine } from './types';
export { inferLevel } from './infer-level';
export { NO_YEAR, parseTimestamp } from './timestamps';

/** Most specific first: on equal evidence the earlier format wins. Generic is last. */
export const BUILTIN_FORMATS: readonly LogFormat[] = [
  HDFS_FORMAT,
  BGL_FORMAT,
  ZOOKEEPER_FORMAT,
  SPARK_FORMAT,
  APACHE_ERROR_FORMAT,
  SYSLOG_FORMAT,
  SYSLOG_ISO_FORMAT,
  LOG4J_FORMAT,
  JSONL_FORMAT,
  GENERIC_FORMAT,
];

/** A specific format must accept at least this share of the sample's lines that could be headers (not blank,
 *  not indented, not a stack-trace line), so a stray look-alike line does not decide the format. */
const MIN_SHARE = 0.1;

/**
 * The format whose parser accepts the most lines of the sample (blank lines ignored), the most specific one on a
 * tie. Generic competes with the lines where it finds a timestamp (it accepts almost anything otherwise), so a
 * specific format wins whenever it explains as many lines. Falls back to generic, tuned to the sample.
 */
export function detectFormat(sample: readonly string[]): LogFormat {
  const lines = sample.filter((line) => line.trim().length > 0);
  const parsed: ParsedLine = { timestamp: NaN, level: Level.unknown, component: '', message: '' };
  const census = timestampCensus(lines);
  // A specific format needs at least as many lines as generic finds timestamps in, and MIN_SHARE of the candidates.
  const needed = Math.max(census.timestamped, Math.ceil(census.lines * MIN_SHARE), 1);
  let best: LogFormat | null = null;
  let bestCount = needed - 1;
  for (const format of BUILTIN_FORMATS) {
    if (format === GENERIC_FORMAT) continue;
    let count = 0;
    for (const line of lines) if (format.parse(line, parsed)) count++;
    // Strictly more: on a tie the earlier, more specific format keeps its place.
    if (count > bestCount) {
      best = format;
      bestCount = count;
    }
  }
  return best ?? fitGenericFormat(sample);
}

/**
 * `auto` → detectFormat(sample); a built-in name (generic is tuned to the sample); otherwise a regular
 * expression with named groups → a custom format. Bad input throws a RangeError that says what to fix.
 */
export function resolveFormat(option: string, sample: readonly string[]): LogFormat {
  const trimmed = option.trim();
  if (trimmed.length === 0) throw new RangeError(`format must be "auto", one of ${formatNames()}, or a regular expression with named groups`);
  const name = trimmed.toLowerCase();
  if (name === 'auto') return detectFormat(sample);
  if (name === 'generic') return fitGenericFormat(sample);
  const builtin = BUILTIN_FORMATS.find((format) => format.name === name);
  if (builtin !== undefined) return builtin;
  if (/^[\w-]+$/.test(trimmed)) {
    throw new RangeError(`unknown format "${option}"; use "auto", one of ${formatNames()}, or a regular expression with a (?<message>...) group`);
  }
  return createCustomFormat(option, sample);
}

function formatNames(): string {
  return BUILTIN_FORMATS.map((format) => format.name).join(', ');
}
