/**
 * Timestamp reading shared by all formats. A timestamp is the log's wall-clock time read as UTC, in ms since
 * the epoch: zone suffixes are consumed but not applied, so every line of a log lives on one clock.
 * Timestamps without a year use NO_YEAR (a leap year, so Feb 29 exists) to stay deterministic.
 */

export const NO_YEAR = 2000;

/** Result of scanning a timestamp at some position of a line. */
export interface ScannedTimestamp {
  ms: number;
  /** Index just past the timestamp (and any zone suffix). */
  end: number;
  hasYear: boolean;
}

const D0 = 48;
const MONTHS = new Map<number, number>(
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((name, i) => [threeLetterKey(name, 0), i + 1]),
);
const WEEKDAYS = new Set<number>(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((name) => threeLetterKey(name, 0)));

function threeLetterKey(text: string, at: number): number {
  return ((text.charCodeAt(at) | 32) << 16) | ((text.charCodeAt(at + 1) | 32) << 8) | (text.charCodeAt(at + 2) | 32);
}

/** Month 1-12 from a three-letter English name at `at` (any case), or 0. A longer name (June) is not matched. */
export function monthAt(text: string, at: number): number {
  if (at + 3 > text.length || isLetter(text.charCodeAt(at + 3))) return 0;
  return MONTHS.get(threeLetterKey(text, at)) ?? 0;
}

function weekdayAt(text: string, at: number): boolean {
  return at + 3 <= text.length && !isLetter(text.charCodeAt(at + 3)) && WEEKDAYS.has(threeLetterKey(text, at));
}

/** The number written by exactly `count` ASCII digits at `at`, or -1. */
export function digitsAt(text: string, at: number, count: number): number {
  if (at + count > text.length) return -1;
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - D0;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isLetter(code: number): boolean {
  return (code | 32) >= 97 && (code | 32) <= 122;
}

/** Four-digit year from two digits as strftime's %y reads them: 69-99 → 19xx, 00-68 → 20xx. */
export function centuryYear(twoDigits: number): number {
  return twoDigits >= 69 ? 1900 + twoDigits : 2000 + twoDigits;
}

/**
 * Date.UTC for wall-clock fields, remembering the last second: consecutive log lines usually share it.
 * Returns NaN when a field is out of range (Date.UTC would silently roll Feb 31 into March).
 */
export class WallClock {
  private lastKey = -1;
  private lastMs = 0;

  toMs(year: number, month: number, day: number, hour: number, minute: number, second: number, millis: number): number {
    if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 60) {
      return NaN;
    }
    const key = ((((year * 13 + month) * 32 + day) * 24 + hour) * 60 + minute) * 61 + second;
    if (key !== this.lastKey) {
      this.lastKey = key;
      this.lastMs = Date.UTC(year, month - 1, day, hour, minute, second);
    }
    return this.lastMs + millis;
  }
}

/** Days in `month` (1-12) of `year`, leap years counted. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Milliseconds from the fraction digits at `at` (any count; extra precision is dropped), and the index after them. */
export function fractionAt(text: string, at: number, into: { ms: number; end: number }): void {
  let ms = 0;
  let scale = 100;
  let i = at;
  while (i < text.length && isDigit(text.charCodeAt(i))) {
    ms += (text.charCodeAt(i) - D0) * scale;
    scale /= 10;
    i++;
  }
  into.ms = Math.floor(ms);
  into.end = i;
}

const clock = new WallClock();
const fraction = { ms: 0, end: 0 };

interface TimeOfDay {
  hour: number;
  minute: number;
  second: number;
  millis: number;
  end: number;
}
const time: TimeOfDay = { hour: 0, minute: 0, second: 0, millis: 0, end: 0 };

/**
 * Reads `H:MM[:SS][(.|,|:)fraction][ AM|PM]` (or `HH.MM.SS` when sep is '.') at `at` into `time`.
 * The fraction separator ':' covers HealthApp's `22:15:29:606`; minutes and seconds written without their
 * leading zero (HealthApp's `23:1:5:778`) are read when all three parts are there.
 */
function timeAt(text: string, at: number, sep: number): boolean {
  let i = at;
  let hour = digitsAt(text, i, 2);
  if (hour >= 0) i += 2;
  else if ((hour = digitsAt(text, i, 1)) >= 0) i += 1;
  else return false;
  if (text.charCodeAt(i) !== sep) return false;
  let minute = digitsAt(text, i + 1, 2);
  if (minute >= 0) i += 3;
  else if ((minute = digitsAt(text, i + 1, 1)) >= 0 && text.charCodeAt(i + 2) === sep && isDigit(text.charCodeAt(i + 3))) i += 2;
  else return false;
  let second = text.charCodeAt(i) === sep ? digitsAt(text, i + 1, 2) : -1;
  if (second >= 0) i += 3;
  else if (text.charCodeAt(i) === sep && (second = digitsAt(text, i + 1, 1)) >= 0) i += 2;
  else second = 0;
  let millis = 0;
  const c = text.charCodeAt(i);
  if ((c === 46 || c === 44 || c === 58) && isDigit(text.charCodeAt(i + 1))) {
    fractionAt(text, i + 1, fraction);
    millis = fraction.ms;
    i = fraction.end;
  }
  if (text.charCodeAt(i) === 32 && (text.charCodeAt(i + 2) | 32) === 109 && !isLetter(text.charCodeAt(i + 3))) {
    const meridiem = text.charCodeAt(i + 1) | 32;
    if ((meridiem === 97 || meridiem === 112) && hour >= 1 && hour <= 12) {
      hour = (hour % 12) + (meridiem === 112 ? 12 : 0);
      i += 3;
    }
  }
  time.hour = hour;
  time.minute = minute;
  time.second = second;
  time.millis = millis;
  time.end = i;
  return true;
}

/** Skips a zone suffix: `Z`, `±HH[:MM]`, ` ±HHMM`, ` UTC`, ` GMT`. Zones are not applied (wall-clock time). */
function zoneEnd(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c === 90) return at + 1;
  let i = at;
  if (c === 32) {
    const word = text.slice(at + 1, at + 4);
    if ((word === 'UTC' || word === 'GMT') && !isLetter(text.charCodeAt(at + 4))) return at + 4;
    i++;
  }
  const sign = text.charCodeAt(i);
  if ((sign === 43 || sign === 45) && digitsAt(text, i + 1, 2) >= 0) {
    if (digitsAt(text, i + 3, 2) >= 0 && !isDigit(text.charCodeAt(i + 5))) return i + 5;
    if (text.charCodeAt(i + 3) === 58 && digitsAt(text, i + 4, 2) >= 0) return i + 6;
    if (i === at && !isDigit(text.charCodeAt(i + 3))) return i + 3;
  }
  return at;
}

/** A timestamp must not run into a word or number: `2023-01-02x` is not one. */
function endsCleanly(text: string, end: number): boolean {
  if (end >= text.length) return true;
  const c = text.charCodeAt(end);
  return !isDigit(c) && !isLetter(c);
}

/** Completes a date whose time of day is in `time`. */
function withTime(out: ScannedTimestamp, text: string, year: number, month: number, day: number, hasYear: boolean): boolean {
  const ms = clock.toMs(year, month, day, time.hour, time.minute, time.second, time.millis);
  return settle(out, text, ms, zoneEnd(text, time.end), hasYear);
}

function settle(out: ScannedTimestamp, text: string, ms: number, end: number, hasYear: boolean): boolean {
  if (Number.isNaN(ms) || !endsCleanly(text, end)) return false;
  out.ms = ms;
  out.end = end;
  out.hasYear = hasYear;
  return true;
}

function setTime(hour: number, minute: number, second: number, end: number): void {
  time.hour = hour;
  time.minute = minute;
  time.second = second;
  time.millis = 0;
  time.end = end;
}

/** Time after a date: one separator (space, T, -, _, :, or `, ` as Airflow writes it) then a time. */
function dateThenTime(text: string, at: number, out: ScannedTimestamp, year: number, month: number, day: number, hasYear: boolean): boolean {
  const c = text.charCodeAt(at);
  if (c === 32 || c === 84 || c === 45 || c === 95 || c === 58) {
    if (timeAt(text, at + 1, 58) || (c === 45 && timeAt(text, at + 1, 46))) return withTime(out, text, year, month, day, hasYear);
  } else if (c === 44 && text.charCodeAt(at + 1) === 32 && timeAt(text, at + 2, 58)) {
    return withTime(out, text, year, month, day, hasYear);
  }
  return settle(out, text, clock.toMs(year, month, day, 0, 0, 0, 0), at, hasYear);
}

/**
 * Reads a timestamp of a common shape starting exactly at `at`:
 * ISO `2023-01-02T03:04:05.678Z` (also with space, comma, `2023/01/02`, `2023.01.02`, BGL's `2005-06-03-15.42.50.675872`),
 * `01/02/2023 03:04:05` (MM/DD, or DD/MM when the first number is over 12), `20171223-22:15:29:606`,
 * `081109 203615`, epoch seconds or millis, `Jun 14 15:16:01` and `Sun Dec 04 04:47:44 2005`, `04-Dec-2005 ...`,
 * `04/Dec/2005:04:47:44 +0000`, `10.30 16:49:06`, `03-17 16:13:38.811`, and a bare `HH:MM:SS`.
 */
export function scanTimestamp(text: string, at: number, out: ScannedTimestamp): boolean {
  const c0 = text.charCodeAt(at);
  if (isDigit(c0)) return scanNumericTimestamp(text, at, out);
  if (isLetter(c0)) return scanNamedTimestamp(text, at, out);
  return false;
}

function scanNumericTimestamp(text: string, at: number, out: ScannedTimestamp): boolean {
  let run = at;
  while (isDigit(text.charCodeAt(run))) run++;
  const sep = text.charCodeAt(run);
  switch (run - at) {
    case 1:
      return timeAt(text, at, 58) && withTime(out, text, NO_YEAR, 1, 1, false);
    case 2:
      return sep === 58 ? timeAt(text, at, 58) && withTime(out, text, NO_YEAR, 1, 1, false) : scanTwoDigitStart(text, at, out);
    case 4:
      return sep === 45 || sep === 47 || sep === 46 ? scanYearFirst(text, at, sep, out) : false;
    case 6:
      return scanYymmdd(text, at, out);
    case 8:
      return scanCompactDate(text, at, out);
    case 10:
    case 13:
      return scanEpoch(text, at, run, out);
    default:
      return false;
  }
}

/** 2023-01-02..., 2023/01/02..., 2005.06.03... */
function scanYearFirst(text: string, at: number, sep: number, out: ScannedTimestamp): boolean {
  const year = digitsAt(text, at, 4);
  const month = digitsAt(text, at + 5, 2);
  if (month < 0 || text.charCodeAt(at + 7) !== sep) return false;
  const day = digitsAt(text, at + 8, 2);
  return day >= 0 && dateThenTime(text, at + 10, out, year, month, day, true);
}

/** 20171223-22:15:29:606 (HealthApp) or 20230102T030405 */
function scanCompactDate(text: string, at: number, out: ScannedTimestamp): boolean {
  const compact = digitsAt(text, at, 8);
  const year = Math.floor(compact / 10000);
  const month = Math.floor(compact / 100) % 100;
  const day = compact % 100;
  const c = text.charCodeAt(at + 8);
  if ((c === 45 || c === 84 || c === 32) && timeAt(text, at + 9, 58)) return withTime(out, text, year, month, day, true);
  const hms = digitsAt(text, at + 9, 6);
  if ((c === 84 || c === 45) && hms >= 0) {
    setTime(Math.floor(hms / 10000), Math.floor(hms / 100) % 100, hms % 100, at + 15);
    return withTime(out, text, year, month, day, true);
  }
  return false;
}

/** 081109 203615 (HDFS), 170213 16:00:33 and 170213  6:00:33 (MySQL 5's slow and general logs) */
function scanYymmdd(text: string, at: number, out: ScannedTimestamp): boolean {
  if (text.charCodeAt(at + 6) !== 32) return false;
  const yymmdd = digitsAt(text, at, 6);
  const hms = digitsAt(text, at + 7, 6);
  const padded = text.charCodeAt(at + 7) === 32 ? at + 8 : at + 7;
  if (hms >= 0) setTime(Math.floor(hms / 10000), Math.floor(hms / 100) % 100, hms % 100, at + 13);
  else if (!timeAt(text, padded, 58)) return false;
  return withTime(out, text, centuryYear(Math.floor(yymmdd / 10000)), Math.floor(yymmdd / 100) % 100, yymmdd % 100, true);
}

/** 01/02/2023, 04/Dec/2005:..., 04-Dec-2005, 03-17 16:13:38, 10.30 16:49:06, 04 Dec 2005 */
function scanTwoDigitStart(text: string, at: number, out: ScannedTimestamp): boolean {
  const first = digitsAt(text, at, 2);
  const sep = text.charCodeAt(at + 2);
  if (sep === 47) {
    const second = digitsAt(text, at + 3, 2);
    if (second >= 0 && text.charCodeAt(at + 5) === 47) {
      const year = digitsAt(text, at + 6, 4);
      if (year < 0) return false;
      const [month, day] = first > 12 ? [second, first] : [first, second];
      return dateThenTime(text, at + 10, out, year, month, day, true);
    }
    const month = monthAt(text, at + 3);
    if (month > 0 && text.charCodeAt(at + 6) === 47) {
      // 04/Dec/2005:04:47:44 +0000 (common log format)
      const year = digitsAt(text, at + 7, 4);
      if (year >= 0) return dateThenTime(text, at + 11, out, year, month, first, true);
    }
    return false;
  }
  if (sep === 45) {
    const month = monthAt(text, at + 3);
    if (month > 0 && text.charCodeAt(at + 6) === 45) {
      // 04-Dec-2005 04:47:44.123 (Tomcat)
      const year = digitsAt(text, at + 7, 4);
      if (year >= 0) return dateThenTime(text, at + 11, out, year, month, first, true);
      return false;
    }
    // 03-17 16:13:38.811 (Android logcat, no year)
    const day = digitsAt(text, at + 3, 2);
    if (day >= 0 && text.charCodeAt(at + 5) === 32 && timeAt(text, at + 6, 58)) return withTime(out, text, NO_YEAR, first, day, false);
    return false;
  }
  if (sep === 46) {
    // 10.30 16:49:06 (Proxifier, no year)
    const day = digitsAt(text, at + 3, 2);
    if (day >= 0 && text.charCodeAt(at + 5) === 32 && timeAt(text, at + 6, 58)) return withTime(out, text, NO_YEAR, first, day, false);
    return false;
  }
  if (sep === 32) {
    // 04 Dec 2005 04:47:44
    const month = monthAt(text, at + 3);
    const year = month > 0 && text.charCodeAt(at + 6) === 32 ? digitsAt(text, at + 7, 4) : -1;
    if (year >= 0) return dateThenTime(text, at + 11, out, year, month, first, true);
    return false;
  }
  return false;
}

/** 10 digits are epoch seconds (optionally with a fraction), 13 digits epoch millis. */
function scanEpoch(text: string, at: number, end: number, out: ScannedTimestamp): boolean {
  let ms = Number(text.slice(at, end));
  if (end - at === 10) {
    ms *= 1000;
    if (text.charCodeAt(end) === 46 && isDigit(text.charCodeAt(end + 1))) {
      fractionAt(text, end + 1, fraction);
      ms += fraction.ms;
      end = fraction.end;
    }
  }
  return settle(out, text, ms, end, true);
}

function scanNamedTimestamp(text: string, at: number, out: ScannedTimestamp): boolean {
  let i = at;
  if (weekdayAt(text, i)) {
    // Sun Dec 04 04:47:44 2005 (ctime, Apache) or Sun, 04 Dec 2005 04:47:44 (RFC 1123)
    i += 3;
    if (text.charCodeAt(i) === 44) {
      if (text.charCodeAt(i + 1) !== 32) return false;
      return isDigit(text.charCodeAt(i + 2)) && scanNumericTimestamp(text, i + 2, out);
    }
    if (text.charCodeAt(i) !== 32) return false;
    i++;
    const month = monthAt(text, i);
    if (month === 0) return false;
    i = skipSpaces(text, i + 3);
    const day = dayAt(text, i);
    if (day < 0) return false;
    i = skipSpaces(text, i + (day >= 10 || text.charCodeAt(i) === D0 ? 2 : 1));
    if (!timeAt(text, i, 58) || text.charCodeAt(time.end) !== 32) return false;
    const year = digitsAt(text, time.end + 1, 4);
    if (year < 0) return false;
    // ctime puts the year after the time of day.
    const ms = clock.toMs(year, month, day, time.hour, time.minute, time.second, time.millis);
    return settle(out, text, ms, time.end + 5, true);
  }
  const month = monthAt(text, i);
  if (month === 0) return false;
  // Jun 14 15:16:01 (syslog, no year), Jun  9 ..., Jan 2, 2023 3:04:05 PM, Jan 02 2023 03:04:05
  i = skipSpaces(text, i + 3);
  const day = dayAt(text, i);
  if (day < 0) return false;
  i += day >= 10 || text.charCodeAt(i) === D0 ? 2 : 1;
  if (text.charCodeAt(i) === 44) i++;
  if (text.charCodeAt(i) !== 32) return false;
  i = skipSpaces(text, i);
  const year = digitsAt(text, i, 4);
  if (year >= 0 && !isDigit(text.charCodeAt(i + 4))) {
    if (text.charCodeAt(i + 4) === 32 && timeAt(text, i + 5, 58)) return withTime(out, text, year, month, day, true);
    return settle(out, text, clock.toMs(year, month, day, 0, 0, 0, 0), i + 4, true);
  }
  return timeAt(text, i, 58) && withTime(out, text, NO_YEAR, month, day, false);
}

function dayAt(text: string, at: number): number {
  const two = digitsAt(text, at, 2);
  if (two >= 0) return two;
  const one = digitsAt(text, at, 1);
  return one >= 0 && !isDigit(text.charCodeAt(at + 1)) ? one : -1;
}

function skipSpaces(text: string, at: number): number {
  while (text.charCodeAt(at) === 32) at++;
  return at;
}

const scratch: ScannedTimestamp = { ms: NaN, end: 0, hasYear: true };

/** A whole string read as one timestamp of any shape scanTimestamp knows (surrounding spaces allowed), or NaN. */
export function parseTimestamp(text: string): number {
  const trimmed = text.trim();
  if (trimmed.length === 0) return NaN;
  return scanTimestamp(trimmed, 0, scratch) && scratch.end === trimmed.length ? scratch.ms : NaN;
}

/** Like parseTimestamp, also telling whether the text carried a year. */
export function parseTimestampWithYear(text: string, out: ScannedTimestamp): boolean {
  const trimmed = text.trim();
  return trimmed.length > 0 && scanTimestamp(trimmed, 0, out) && out.end === trimmed.length;
}
