/**
 * What lines.csv, `--json` and the export say of a line's entry: its time as the log states it, its
 * level, its component and its first line.
 *
 * Design (memory per line): the report keeps no time, component or entry per line. The entry comes
 * from a bit per line (LineTable.continued) and the level from the line's vector; time and component
 * are read again from the entry's header line, through the format the log was read with, when they
 * are written. That re-reading is also what gives the time as written (its offset, whether it has
 * a fraction), which the analysis's wall-clock milliseconds do not keep.
 */
import type { LogFormat } from '../formats';
import { emptyParsedLine } from '../formats/types';
import { LEVEL_NAMES } from '../formats/levels';
import { scanStamp } from '../formats/learned/stamps';
import type { ScannedTimestamp } from '../formats/timestamps';
import { entryLineOf, type AnalysisReport } from './report';

export interface LineFields {
  /** ISO 8601 (`2023-01-02T03:04:05.678+01:00`), empty without a timestamp; see statedTime. */
  readonly time: string;
  /** TRACE, DEBUG, INFO, NOTICE, WARN, ERROR, FATAL, or empty. */
  readonly level: string;
  /** As written (a program, logger or class name), or empty. */
  readonly component: string;
  /** The first line of the entry (from 1; the line itself for a header line), 0 for a blank line. */
  readonly entry: number;
}

/**
 * The fields of `line`, `entryText` being the text of its entry's first line (the line itself for a
 * header line; continuation lines take their entry's time, level and component).
 */
export function lineFields(report: AnalysisReport, line: number, entryText: string, format: LogFormat): LineFields {
  const entry = entryLineOf(report.lines, line);
  if (entry < 0) return { time: '', level: '', component: '', entry: 0 };
  const header = headerFields(entryText, format);
  return { time: header.time, level: LEVEL_NAMES[report.vectors.levels[report.lines.vectorIds[line]]], component: header.component, entry: entry + 1 };
}

const parsed = emptyParsedLine();

/** Time and component of a header line; empty when the format does not read it as one (a leading continuation line). */
export function headerFields(text: string, format: LogFormat): { time: string; component: string } {
  parsed.timestampStart = -1;
  if (!format.parse(text, parsed)) return { time: '', component: '' };
  return { time: statedTime(text, parsed.timestamp, parsed.timestampStart, parsed.timestampEnd), component: parsed.component };
}

/** How far into a line its timestamp is looked for. */
const SEARCH_CHARS = 512;
const stamp: ScannedTimestamp = { ms: NaN, end: 0, hasYear: true };
/** Where the last line's timestamp started: the lines of a log mostly have it in the same place. */
let lastStart = 0;

/**
 * `ms` (the log's wall clock read as UTC, as every format gives it) as ISO 8601
 * `YYYY-MM-DDTHH:MM:SS[.fff]` with the offset the line writes (`Z`, `+hh:mm`; none when it writes
 * none, and epoch numbers are `Z`), and the fraction when the line's timestamp has one (to the
 * millisecond). A timestamp without a year (syslog) is written in the year the analysis placed it
 * in, NO_YEAR (2000). Empty for NaN. `[stampStart, stampEnd)` is where the timestamp is written, when
 * the format says; otherwise it is looked for.
 */
export function statedTime(text: string, ms: number, stampStart = -1, stampEnd = -1): string {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return '';
  if (stampStart >= 0) {
    // Consecutive lines mostly write the same second: compared in place, the text is not cut again.
    const same = ms === last.ms && last.written !== null && stampEnd - stampStart === last.written.length && text.startsWith(last.written, stampStart);
    return same ? last.time : remembered(ms, text.slice(stampStart, stampEnd));
  }
  const written = writtenStamp(text, ms);
  return ms === last.ms && written === last.written ? last.time : remembered(ms, written);
}

/** The last time written: what statedTime gives depends on the milliseconds and the written text alone. */
const last: { ms: number; written: string | null; time: string } = { ms: NaN, written: null, time: '' };

function remembered(ms: number, written: string | null): string {
  last.ms = ms;
  last.written = written;
  last.time = isoTime(ms, written);
  return last.time;
}

function isoTime(ms: number, written: string | null): string {
  const whole = Math.floor(ms);
  const day = Math.floor(whole / DAY_MS);
  if (day !== cachedDay) {
    // Date's own ISO text is slow (a few µs): it is made once per day of the log, the time of day by hand.
    const iso = new Date(day * DAY_MS).toISOString();
    cachedDay = day;
    cachedDate = iso.slice(0, iso.indexOf('T') + 1);
  }
  let rest = whole - day * DAY_MS;
  const millis = rest % 1000;
  rest = (rest - millis) / 1000;
  const seconds = `${cachedDate}${twoDigits(Math.floor(rest / 3600))}:${twoDigits(Math.floor(rest / 60) % 60)}:${twoDigits(rest % 60)}`;
  const fraction = `.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}`;
  if (written === null) return millis !== 0 ? seconds + fraction : seconds;
  // An epoch number is UTC; in ms, µs or ns it has a fraction of a second, in seconds when it is written with one.
  if (EPOCH.test(written)) return `${seconds}${written.length > 10 ? fraction : ''}Z`;
  return `${seconds}${SECONDS_FRACTION.test(written) ? fraction : ''}${writtenOffset(written)}`;
}

const DAY_MS = 86_400_000;
/** The date part (`YYYY-MM-DDT`) of the last day written. */
let cachedDay = NaN;
let cachedDate = '';

function twoDigits(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** The text of the timestamp worth `ms` in `text` (the one the format read), or null when none is found there. */
function writtenStamp(text: string, ms: number): string | null {
  if (startsStampAt(text, lastStart, ms)) return text.slice(lastStart, stamp.end);
  const limit = Math.min(text.length, SEARCH_CHARS);
  for (let i = 0; i < limit; i++) {
    if (i !== lastStart && startsStampAt(text, i, ms)) {
      lastStart = i;
      return text.slice(i, stamp.end);
    }
  }
  return null;
}

function startsStampAt(text: string, at: number, ms: number): boolean {
  if (at >= text.length || !isAlphanumeric(text.charCodeAt(at)) || (at > 0 && isAlphanumeric(text.charCodeAt(at - 1)))) return false;
  return scanStamp(text, at, stamp) && stamp.ms === ms;
}

function isAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122);
}

const EPOCH = /^\d+(?:\.\d+)?$/;
/**
 * A time of day whose seconds have a fraction: `03:04:05.678`, `05,678`, HealthApp's `22:15:29:606`, BGL's
 * `15.42.50.675872`; the hour must not follow a digit or a colon (`04/Dec/2005:04:47:44` has none).
 */
const SECONDS_FRACTION = /(?<![\d:])\d\d?[:.]\d\d[:.]\d\d[.,:]\d/;
/** An offset after the time of day: `Z`, ` UTC`, ` GMT`, `+01:00`, `+0100`, `-07`, ` +0000`. */
const OFFSET = /\d(?:(Z)| (?:UTC|GMT)| ?([+-])(\d\d)(?::?(\d\d))?)$/;

/** date(1)'s zone name between the time and the year: `Sat Apr 27 03:33:07 PDT 2013`. */
const ZONE_NAME = /\d:\d\d ([A-Z]{2,5}) \d{4}$/;
/** Zone names date(1) writes whose offset is not in doubt (the US ones as US systems write them). */
const ZONE_OFFSETS = new Map<string, string>([
  ['UTC', 'Z'], ['GMT', 'Z'], ['EST', '-05:00'], ['EDT', '-04:00'], ['CST', '-06:00'], ['CDT', '-05:00'], ['MST', '-07:00'],
  ['MDT', '-06:00'], ['PST', '-08:00'], ['PDT', '-07:00'], ['CET', '+01:00'], ['CEST', '+02:00'], ['EET', '+02:00'], ['EEST', '+03:00'], ['JST', '+09:00'],
]);

/** The offset a timestamp that is not an epoch number writes, as `Z` or `±hh:mm`; empty for none. */
function writtenOffset(written: string): string {
  const zone = ZONE_NAME.exec(written);
  if (zone !== null) return ZONE_OFFSETS.get(zone[1]) ?? '';
  // A date alone (`2023-01-02`) ends in what looks like an offset: there must be a time of day.
  if (!written.includes(':')) return written.endsWith('Z') && /\dT\d/.test(written) ? 'Z' : '';
  const match = OFFSET.exec(written);
  if (match === null) return '';
  if (match[2] === undefined) return 'Z';
  return `${match[2]}${match[3]}:${match[4] ?? '00'}`;
}
