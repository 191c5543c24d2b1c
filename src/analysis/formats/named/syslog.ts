import { Level } from '../levels';
import { inferLevel } from '../infer-level';
import { digitsAt, isDigit, monthAt, NO_YEAR, scanTimestamp, WallClock, type ScannedTimestamp } from '../timestamps';
import { levelAt, messageFrom, restFrom, tokenEnd } from '../fields';
import type { LogFormat, ParsedLine } from '../types';

const clock = new WallClock();

/** Syslog severities 0-7 (emerg ... debug) as Levels. */
const SEVERITY_LEVELS: readonly Level[] = [Level.fatal, Level.fatal, Level.fatal, Level.error, Level.warning, Level.notice, Level.info, Level.debug];

/** `<PRI>` at the start: returns the index after it and leaves the severity in `pri.severity` (-1 without). */
function priorityEnd(line: string, pri: { severity: number }): number {
  pri.severity = -1;
  if (line.charCodeAt(0) !== 60) return 0;
  const close = line.indexOf('>', 1);
  if (close < 2 || close > 4) return 0;
  const value = digitsAt(line, 1, close - 1);
  if (value < 0 || value > 191) return 0;
  pri.severity = value & 7;
  return close + 1;
}

const pri = { severity: -1 };

/**
 * `tag[pid]: message` or `tag: message` at `at`, the tag being the program (component). Without a tag the
 * component is empty and everything is the message; returns false then when `requireTag`.
 */
function tagThenMessage(line: string, at: number, out: ParsedLine, requireTag: boolean): boolean {
  const end = tokenEnd(line, at);
  if (end > at + 1 && line.charCodeAt(end - 1) === 58) {
    const bracket = line.charCodeAt(end - 2) === 93 ? line.lastIndexOf('[', end - 2) : -1;
    out.component = line.slice(at, bracket > at ? bracket : end - 1);
    messageFrom(line, end, out);
    return true;
  }
  if (requireTag) return false;
  out.component = '';
  messageFrom(line, at, out);
  return true;
}

/** A host name is a non-empty word that is not a level: `... 03:04:05 INFO app[1]: x` is not syslog. */
function isHost(line: string, start: number, end: number): boolean {
  return end > start && levelAt(line, start, end) === Level.unknown;
}

function levelOf(message: string): Level {
  return pri.severity >= 0 ? SEVERITY_LEVELS[pri.severity] : inferLevel(message);
}

/**
 * BSD syslog (RFC 3164) as written to /var/log: `Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure`.
 * No year in the timestamp (NO_YEAR is used); the level comes from a `<PRI>` prefix or is inferred from the message.
 */
export const SYSLOG_FORMAT: LogFormat = {
  name: 'syslog',
  label: 'syslog (RFC 3164)',
  hasYear: false,
  parse(line: string, out: ParsedLine): boolean {
    const start = priorityEnd(line, pri);
    const month = monthAt(line, start);
    if (month === 0 || line.charCodeAt(start + 3) !== 32) return false;
    // The day is space-padded: `Jun  9` or `Jun 14`.
    let i = start + 4;
    if (line.charCodeAt(i) === 32) i++;
    const dayDigits = isDigit(line.charCodeAt(i + 1)) ? 2 : 1;
    const day = digitsAt(line, i, dayDigits);
    if (day < 0) return false;
    i += dayDigits;
    if (line.charCodeAt(i) !== 32 || line.charCodeAt(i + 3) !== 58 || line.charCodeAt(i + 6) !== 58) return false;
    const hour = digitsAt(line, i + 1, 2);
    const minute = digitsAt(line, i + 4, 2);
    const second = digitsAt(line, i + 7, 2);
    if ((hour | minute | second) < 0 || line.charCodeAt(i + 9) !== 32) return false;
    const timestamp = clock.toMs(NO_YEAR, month, day, hour, minute, second, 0);
    if (Number.isNaN(timestamp)) return false;
    const hostEnd = tokenEnd(line, i + 10);
    if (!isHost(line, i + 10, hostEnd)) return false;
    out.timestamp = timestamp;
    out.timestampStart = start;
    out.timestampEnd = i + 9;
    tagThenMessage(line, hostEnd + 1, out, false);
    out.level = levelOf(out.message);
    return true;
  },
};

const stamp: ScannedTimestamp = { ms: NaN, end: 0, hasYear: true };

/**
 * Syslog with an ISO timestamp: RFC 5424 (`<34>1 2003-10-11T22:14:15.003Z host app 1234 ID47 [sd] message`) and
 * the RFC 3164 layout that rsyslog writes with high-precision time (`2023-01-02T03:04:05.123+01:00 host sshd[12]: msg`).
 */
export const SYSLOG_ISO_FORMAT: LogFormat = {
  name: 'syslog-iso',
  label: 'syslog (RFC 5424 / ISO time)',
  hasYear: true,
  parse(line: string, out: ParsedLine): boolean {
    let i = priorityEnd(line, pri);
    const rfc5424 = pri.severity >= 0 && isDigit(line.charCodeAt(i)) && line.charCodeAt(i + 1) === 32;
    if (rfc5424) i += 2;
    if (line.charCodeAt(i + 4) !== 45 || line.charCodeAt(i + 10) !== 84 || !scanTimestamp(line, i, stamp)) return false;
    if (line.charCodeAt(stamp.end) !== 32) return false;
    const hostEnd = tokenEnd(line, stamp.end + 1);
    if (!isHost(line, stamp.end + 1, hostEnd) || hostEnd >= line.length) return false;
    out.timestamp = stamp.ms;
    out.timestampStart = i;
    out.timestampEnd = stamp.end;
    if (rfc5424) {
      // APP-NAME PROCID MSGID STRUCTURED-DATA MSG, `-` for each missing field.
      const appEnd = tokenEnd(line, hostEnd + 1);
      const procEnd = tokenEnd(line, appEnd + 1);
      const idEnd = tokenEnd(line, procEnd + 1);
      const app = line.slice(hostEnd + 1, appEnd);
      out.component = app === '-' ? '' : app;
      out.message = restFrom(line, structuredDataEnd(line, idEnd + 1));
      if (out.message.charCodeAt(0) === 0xfeff) out.message = out.message.slice(1);
    } else if (!tagThenMessage(line, hostEnd + 1, out, true)) {
      return false;
    }
    out.level = levelOf(out.message);
    return true;
  },
};

/** Index after RFC 5424 structured data: `-` or `[id k="v"][id2 ...]`, where `\]` is an escaped bracket. */
function structuredDataEnd(line: string, at: number): number {
  if (line.charCodeAt(at) !== 91) return at + 1;
  let i = at;
  while (line.charCodeAt(i) === 91) {
    i++;
    while (i < line.length && line.charCodeAt(i) !== 93) i += line.charCodeAt(i) === 92 ? 2 : 1;
    i++;
  }
  return i;
}
