/**
 * Timestamps as a learned header finds them: every shape `scanTimestamp` knows, epoch numbers in seconds,
 * milli-, micro- or nanoseconds (only within years 2000-2099, so a pid or a count is not taken for one),
 * `Mon-dd HH:MM:SS` (nextflow, some Java loggers) and date(1)'s `Sat Apr 27 03:33:07 PDT 2013` (a zone name
 * between the time and the year).
 */
import { daysInMonth, fractionAt, isDigit, monthAt, NO_YEAR, scanTimestamp, type ScannedTimestamp } from '../timestamps';

const EPOCH_2000_S = 946_684_800;
const EPOCH_2100_S = 4_102_444_800;
/** The fraction after an epoch in seconds, reused from call to call. */
const fraction = { ms: 0, end: 0 };
/** Digits of an epoch in s, ms, µs and ns, and the divisor to ms. */
const EPOCH_SCALE = new Map<number, number>([[10, 1e-3], [13, 1], [16, 1e3], [19, 1e6]]);

/** Whether `code` continues a word or number (a timestamp must not run into one). */
function joins(code: number): boolean {
  return isDigit(code) || ((code | 32) >= 97 && (code | 32) <= 122);
}

function epochAt(text: string, at: number, end: number, out: ScannedTimestamp): boolean {
  const scale = EPOCH_SCALE.get(end - at);
  if (scale === undefined) return false;
  const seconds = Number(text.slice(at, at + 10));
  if (seconds < EPOCH_2000_S || seconds >= EPOCH_2100_S) return false;
  let ms = end - at === 10 ? seconds * 1000 : Math.floor(Number(text.slice(at, end)) / scale);
  let stop = end;
  if (end - at === 10 && text.charCodeAt(end) === 46 && isDigit(text.charCodeAt(end + 1))) {
    fractionAt(text, end + 1, fraction);
    ms += fraction.ms;
    stop = fraction.end;
  }
  if (joins(text.charCodeAt(stop))) return false;
  out.ms = ms;
  out.end = stop;
  out.hasYear = true;
  return true;
}

const timeOnly: ScannedTimestamp = { ms: NaN, end: 0, hasYear: false };

/**
 * The time of day at `at` (scanned into timeOnly) on `month`/`day` of a year-less log, into `out`; false
 * when there is no time of day there or the day does not exist.
 */
function timeOnMonthDay(text: string, at: number, month: number, day: number, out: ScannedTimestamp): boolean {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(NO_YEAR, month)) return false;
  if (!scanTimestamp(text, at, timeOnly) || timeOnly.hasYear) return false;
  out.ms = timeOnly.ms + Date.UTC(NO_YEAR, month - 1, day) - Date.UTC(NO_YEAR, 0, 1);
  out.end = timeOnly.end;
  out.hasYear = false;
  return true;
}

/** `Mar-18 21:41:15.684`: a month name, a dash, the day, then a time of day (no year). */
function monthDashDayAt(text: string, at: number, out: ScannedTimestamp): boolean {
  const month = monthAt(text, at);
  if (month === 0 || text.charCodeAt(at + 3) !== 45 || !isDigit(text.charCodeAt(at + 4)) || !isDigit(text.charCodeAt(at + 5))) return false;
  return text.charCodeAt(at + 6) === 32 && timeOnMonthDay(text, at + 7, month, Number(text.slice(at + 4, at + 6)), out);
}

/**
 * glog's and klog's `I0105 10:15:29.606123`: a level letter against the month and day, then the time of day
 * (no year). At `at + 1`, after the letter, which the caller reads as the level.
 */
export function letterDateAt(text: string, at: number, out: ScannedTimestamp): boolean {
  for (let i = at; i < at + 4; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return text.charCodeAt(at + 4) === 32 && timeOnMonthDay(text, at + 5, Number(text.slice(at, at + 2)), Number(text.slice(at + 2, at + 4)), out);
}

/** date(1): weekday, month, day, time, a zone name, the year. */
const DATE_COMMAND = /[A-Z][a-z]{2} ([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d\d):(\d\d):(\d\d) [A-Z]{2,5} (\d{4})(?![\w])/y;

function dateCommandAt(text: string, at: number, out: ScannedTimestamp): boolean {
  DATE_COMMAND.lastIndex = at;
  const m = DATE_COMMAND.exec(text);
  const month = m === null ? 0 : monthAt(m[1], 0);
  if (m === null || month === 0) return false;
  const ms = Date.UTC(Number(m[6]), month - 1, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
  if (Number.isNaN(ms) || new Date(ms).getUTCDate() !== Number(m[2])) return false;
  out.ms = ms;
  out.end = at + m[0].length;
  out.hasYear = true;
  return true;
}

/** A timestamp starting exactly at `at`, of any shape above. */
export function scanStamp(text: string, at: number, out: ScannedTimestamp): boolean {
  const c = text.charCodeAt(at);
  if (isDigit(c)) {
    let end = at;
    while (isDigit(text.charCodeAt(end))) end++;
    // A bare run of epoch length is an epoch or nothing: scanTimestamp would take any 10 digits.
    if (EPOCH_SCALE.has(end - at)) return epochAt(text, at, end, out);
    return scanTimestamp(text, at, out);
  }
  return monthDashDayAt(text, at, out) || scanTimestamp(text, at, out) || (c >= 65 && c <= 90 && dateCommandAt(text, at, out));
}
