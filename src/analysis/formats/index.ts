/**
 * Log formats: detection from a sample of first lines, and the split of each header line into timestamp,
 * level, component and message. Lines a format does not accept are continuations of the entry above.
 */
import { APACHE_ERROR_FORMAT } from './named/apache';
import { BGL_FORMAT } from './named/bgl';
import { createCustomFormat } from './custom';
import { fitGenericFormat, GENERIC_FORMAT, isContinuation, timestampCensus } from './generic';
import { HDFS_FORMAT } from './named/hdfs';
import { LOG4J_FORMAT, ZOOKEEPER_FORMAT } from './named/java';
import { JSONL_FORMAT } from './named/jsonl';
import { LOGFMT_FORMAT } from './named/logfmt';
import { SPARK_FORMAT } from './named/spark';
import { SYSLOG_FORMAT, SYSLOG_ISO_FORMAT } from './named/syslog';
import { fitLearnedFormat, LEARNED_FORMAT_NAME } from './learned/reader';
import { emptyParsedLine, type LogFormat, type ParsedLine } from './types';

export type { LogFormat, ParsedLine } from './types';
export { inferLevel } from './infer-level';
export { NO_YEAR, parseTimestamp } from './timestamps';
export { createLearnedFormat, describeStructure } from './learned/reader';
export type { HeaderProfile } from './learned/header';

/** Most specific first: on equal evidence the earlier format wins. Generic is last; `auto` learns a header
 *  (learned/) when none of these fits, or when it keeps more of the header out of the messages. */
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
  LOGFMT_FORMAT,
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
  const parsed: ParsedLine = emptyParsedLine();
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
  const learned = fitLearnedFormat(sample);
  if (best === null) return learned;
  // JSON lines and logfmt carry their fields by name: nothing to learn from their position.
  return best !== JSONL_FORMAT && best !== LOGFMT_FORMAT && learnedReadsMore(learned, best, lines) ? learned : best;
}

/** Share of the lines both formats read where the learned one must keep more header out of the message. */
const CLEANER_SHARE = 0.5;
/** Share of the lines named formats must accept unless the learned reader finds timestamps on more. */
const NAMED_SHARE = 0.9;

/**
 * A named format is an exact fast path where it fits. The learned reader wins when it keeps more of the
 * header out of the message (its message a shorter end of the named one's on most lines, never longer), or
 * when the named format misses lines whose timestamps the learned reader finds.
 */
function learnedReadsMore(learned: LogFormat, named: LogFormat, lines: readonly string[]): boolean {
  const ours: ParsedLine = emptyParsedLine();
  const theirs: ParsedLine = emptyParsedLine();
  let both = 0;
  let shorter = 0;
  let longer = 0;
  let namedLines = 0;
  let learnedTimes = 0;
  let candidates = 0;
  for (const line of lines) {
    if (isContinuation(line)) continue;
    candidates++;
    const readByUs = learned.parse(line, ours);
    const readByThem = named.parse(line, theirs);
    if (readByUs && !Number.isNaN(ours.timestamp)) learnedTimes++;
    if (readByThem) namedLines++;
    if (!readByUs || !readByThem) continue;
    both++;
    if (ours.message.length > 0 && ours.message.length < theirs.message.length && theirs.message.endsWith(ours.message)) shorter++;
    else if (ours.message.length > theirs.message.length) longer++;
  }
  if (namedLines < candidates * NAMED_SHARE && learnedTimes > namedLines) return true;
  return both > 0 && longer === 0 && shorter >= both * CLEANER_SHARE;
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
  if (name === LEARNED_FORMAT_NAME) return fitLearnedFormat(sample);
  const builtin = BUILTIN_FORMATS.find((format) => format.name === name);
  if (builtin !== undefined) return builtin;
  if (!isCustomFormatOption(trimmed)) {
    throw new RangeError(`unknown format "${option}"; use "auto", one of ${formatNames()}, or a regular expression with a (?<message>...) group`);
  }
  return createCustomFormat(option, sample);
}

/** Whether a format option is the user's own regular expression: not empty, `auto`, or a word (every format name is one). */
export function isCustomFormatOption(option: string): boolean {
  const trimmed = option.trim();
  return trimmed.length > 0 && trimmed.toLowerCase() !== 'auto' && !/^[\w-]+$/.test(trimmed);
}

function formatNames(): string {
  return [...BUILTIN_FORMATS.map((format) => format.name), LEARNED_FORMAT_NAME].join(', ');
}
