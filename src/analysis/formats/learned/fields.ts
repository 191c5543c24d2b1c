/**
 * One header field at a time: what the token at a position of a line is (a timestamp, a level, a pid, a
 * bracketed group, `program[pid]:`, `component:`, a host or logger name, `key=value`, a `-` separator) and
 * where it ends. Plain words are message text and end a header. Fields are separated by blanks, `|` and
 * `, `; brackets need no blank between them (`[2025-04-24 19:51:59.688][8][info]`).
 */
import { Level, levelFromLetter, levelFromSyslogPriority, levelFromWord } from '../levels';
import { isDigit, type ScannedTimestamp } from '../timestamps';
import { letterDateAt, scanStamp } from './stamps';

/** Kinds of field. A strong kind is a header field wherever the header runs; a weak one only in a column
 *  where the sample shows it on nearly every line. */
export const FieldKind = {
  end: 0,
  /** Message text: a plain word. */
  text: 1,
  time: 2,
  /** A level word in capitals, bracketed, padded like a column, followed by `:`, or `facility.level`. */
  level: 3,
  /** `program[pid]`, `program(detail)[pid]`. */
  program: 4,
  /** A lone `-` or `--` between header and message. */
  dash: 5,
  /** `name:` written against the timestamp after it (`amLog:06/09/2014 04:08:22 PM UTC: ...`). */
  stampedTag: 6,
  // Weak kinds from here on.
  /** A one-letter level (`I`, `W`, `E`, ...). */
  letter: 7,
  /** A level word in lower case or capitalised (`info`, `Warning`), easily a message's first word. */
  levelWord: 8,
  /** Digits, with a minus or not: a pid, a thread, a sequence number or a flag. */
  number: 9,
  /** `[...]`, `(...)` or `{...}` without a timestamp or level inside. */
  bracket: 10,
  /** `name:` (a tag or a component). */
  component: 11,
  /** A name that is not a plain word: a host, an IP, a logger or class (`org.acme.Foo`, `node-246`, `chrome.exe`). */
  name: 12,
  keyValue: 13,
} as const;
export type FieldKind = (typeof FieldKind)[keyof typeof FieldKind];

export const FIRST_WEAK_KIND = FieldKind.letter;
export const KIND_COUNT = 14;

/** How the summary names each kind of header field. */
export const KIND_LABELS: readonly string[] = [
  '', 'text', 'timestamp', 'level', 'program[pid]', '-', 'component:', 'level', 'level', 'number', '[…]', 'component:', 'name', 'key=value',
];

/** What scanField found; one object reused for every field. */
export interface Field {
  kind: FieldKind;
  /** Index after the field (and a `:` or `,` stuck to it). */
  end: number;
  /** Of a time field, and where that timestamp starts (after a bracket and blanks). */
  readonly stamp: ScannedTimestamp;
  stampStart: number;
  /** Of a level, letter, levelWord field, or of a bracketed timestamp followed by a level. */
  level: Level;
  /** The name in a program, component, name or bracket field: [nameStart, nameEnd). */
  nameStart: number;
  nameEnd: number;
}

export function createField(): Field {
  return { kind: FieldKind.end, end: 0, stamp: { ms: NaN, end: 0, hasYear: true }, stampStart: 0, level: Level.unknown, nameStart: 0, nameEnd: 0 };
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

function isUpper(code: number): boolean {
  return code >= 65 && code <= 90;
}

function isLower(code: number): boolean {
  return code >= 97 && code <= 122;
}

/** Skips blanks, `|` column separators and a `,` before a blank. */
export function skipFieldSeparators(line: string, at: number): number {
  for (;;) {
    const c = line.charCodeAt(at);
    if (isBlank(c) || c === 124 || (c === 44 && isBlank(line.charCodeAt(at + 1)))) at++;
    else return at;
  }
}

/** The index after `]`, `)`, `}` or `>` closing the bracket at `open` (nested ones included), or -1 past MAX_GROUP. */
const MAX_GROUP = 200;
function groupEnd(line: string, open: number): number {
  const opener = line.charCodeAt(open);
  const closer = opener === 91 ? 93 : opener === 40 ? 41 : opener === 123 ? 125 : 62;
  let depth = 0;
  const limit = Math.min(line.length, open + MAX_GROUP);
  for (let i = open; i < limit; i++) {
    const c = line.charCodeAt(i);
    if (c === opener) depth++;
    else if (c === closer && --depth === 0) return i + 1;
  }
  return -1;
}

/** The level of a short word in [start, end), or unknown. */
function wordLevel(line: string, start: number, end: number): Level {
  return end - start >= 3 && end - start <= 13 ? levelFromWord(line.slice(start, end)) : Level.unknown;
}

/** A level word among the parts of a bracket's content split on `:`, `.`, blanks, `|`, `,` and `/`; only one
 *  in capitals when `capitals` is set. */
function levelInside(line: string, start: number, end: number, capitals: boolean): Level {
  let part = start;
  for (let i = start; i <= end; i++) {
    const c = i < end ? line.charCodeAt(i) : 32;
    if (c === 58 || c === 46 || c === 32 || c === 124 || c === 44 || c === 47 || c === 9) {
      const level = capitals && !allUpper(line, part, i) ? Level.unknown : wordLevel(line, part, i);
      if (level !== Level.unknown) return level;
      part = i + 1;
    }
  }
  return Level.unknown;
}

function allUpper(line: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isUpper(line.charCodeAt(i))) return false;
  return true;
}

/** A `:` or `,` stuck to the end of a field is part of it. */
function afterPunctuation(line: string, end: number): number {
  const c = line.charCodeAt(end);
  return c === 58 || (c === 44 && !isDigit(line.charCodeAt(end + 1))) ? end + 1 : end;
}

/** Characters of a bracket's content in which a level word may be in any case. */
const SHORT_GROUP = 32;

function scanGroup(line: string, at: number, field: Field): FieldKind {
  const end = groupEnd(line, at);
  if (end < 0) return FieldKind.text;
  const inner = at + 1;
  const innerEnd = end - 1;
  field.end = afterPunctuation(line, end);
  field.nameStart = inner;
  field.nameEnd = innerEnd;
  if (line.charCodeAt(at) === 60) {
    // <13> syslog priority.
    let i = inner;
    while (i < innerEnd && isDigit(line.charCodeAt(i))) i++;
    if (i === innerEnd && i > inner && i - inner <= 3) {
      field.level = levelFromSyslogPriority(Number(line.slice(inner, innerEnd)));
      return FieldKind.level;
    }
  }
  let start = inner;
  while (isBlank(line.charCodeAt(start))) start++;
  if (scanStamp(line, start, field.stamp) && field.stamp.end <= innerEnd) {
    field.stampStart = start;
    field.level = levelInside(line, field.stamp.end, innerEnd, false);
    return FieldKind.time;
  }
  // A short bracket's level word is a level in any case (`[info]`); a long one's only in capitals
  // (`[syncaas-grpc-5  INFO  com.acme.util.LookupService  opId=]`), not a word of a bracketed phrase.
  const level = levelInside(line, inner, innerEnd, innerEnd - inner > SHORT_GROUP);
  if (level !== Level.unknown) {
    field.level = level;
    return FieldKind.level;
  }
  return FieldKind.bracket;
}

/** The longest tag `L/tag(pid):` may have. */
const MAX_TAG = 64;

/**
 * logcat's brief and time formats, `V/Configuration( 1766):`: a level letter, `/`, a tag, the pid in
 * parentheses (padded) and `:`. Sets the field (a program with a level) and returns whether it is one.
 */
function scanTaggedLetter(line: string, at: number, field: Field): boolean {
  const level = levelFromLetter(line.charCodeAt(at));
  if (level === Level.unknown) return false;
  const tagStart = at + 2;
  const limit = Math.min(line.length, tagStart + MAX_TAG);
  let open = tagStart;
  while (open < limit && line.charCodeAt(open) !== 40 && !isBlank(line.charCodeAt(open))) open++;
  if (open === tagStart || line.charCodeAt(open) !== 40) return false;
  let i = open + 1;
  while (isBlank(line.charCodeAt(i))) i++;
  const digits = i;
  while (isDigit(line.charCodeAt(i))) i++;
  if (i === digits || line.charCodeAt(i) !== 41 || line.charCodeAt(i + 1) !== 58) return false;
  field.end = i + 2;
  field.nameStart = tagStart;
  field.nameEnd = open;
  field.level = level;
  return true;
}

/**
 * Classifies the field starting at `at` (not a blank) and sets `field.end`. Returns FieldKind.end at the end
 * of the line and FieldKind.text for a plain word.
 */
export function scanField(line: string, at: number, field: Field): FieldKind {
  field.level = Level.unknown;
  if (at >= line.length) return (field.kind = FieldKind.end);
  const c = line.charCodeAt(at);
  if (c === 91 || c === 40 || c === 123 || c === 60) return (field.kind = scanGroup(line, at, field));
  if (scanStamp(line, at, field.stamp)) {
    field.stampStart = at;
    field.end = afterPunctuation(line, field.stamp.end);
    return (field.kind = FieldKind.time);
  }
  if (isUpper(c) && line.charCodeAt(at + 1) === 47 && scanTaggedLetter(line, at, field)) return (field.kind = FieldKind.program);
  if (isUpper(c) && isDigit(line.charCodeAt(at + 1)) && levelFromLetter(c) !== Level.unknown && letterDateAt(line, at + 1, field.stamp)) {
    field.level = levelFromLetter(c);
    field.stampStart = at + 1;
    field.end = field.stamp.end;
    return (field.kind = FieldKind.time);
  }
  let end = at;
  while (end < line.length && !isBlank(line.charCodeAt(end)) && line.charCodeAt(end) !== 124) end++;
  field.end = end;
  field.nameStart = at;
  field.nameEnd = end;
  if (isUpper(c) || isLower(c)) {
    const colon = stampedTagColon(line, at, end, field);
    if (colon > 0) {
      field.end = colon + 1;
      field.nameEnd = colon;
      return (field.kind = FieldKind.stampedTag);
    }
  }
  const kind = classifyToken(line, at, end, field);
  return (field.kind = kind === FieldKind.text && pipeColumnAt(line, at, field) ? FieldKind.name : kind);
}

/**
 * The `:` of a tag written against the timestamp after it (`amLog:06/09/2014 04:08:22:515 PM UTC: ...`), so
 * that the two are two fields; or -1. `field.stamp` serves as scratch.
 */
function stampedTagColon(line: string, at: number, end: number, field: Field): number {
  for (let i = at + 1; i < end - 1; i++) {
    const c = line.charCodeAt(i);
    if (c === 58) return isDigit(line.charCodeAt(i + 1)) && scanStamp(line, i + 1, field.stamp) ? i : -1;
    if (!isUpper(c) && !isLower(c) && !isDigit(c) && c !== 95 && c !== 45 && c !== 46) return -1;
  }
  return -1;
}

/** The most characters a `|`-bounded column of words may hold. */
const MAX_COLUMN = 40;

/**
 * Whether the words at `at` fill a column between two `|` (`INFO | jvm 1    | 2015/04/28 ...`): a column of
 * a `|`-separated header whatever it holds, so the name spans it. Only after a `|`, so a message's own
 * `GET /x | 200` is not taken apart.
 */
function pipeColumnAt(line: string, at: number, field: Field): boolean {
  let before = at - 1;
  while (before >= 0 && isBlank(line.charCodeAt(before))) before--;
  if (before < 0 || line.charCodeAt(before) !== 124) return false;
  const pipe = line.indexOf('|', at);
  if (pipe < 0 || pipe - at > MAX_COLUMN) return false;
  let end = pipe;
  while (isBlank(line.charCodeAt(end - 1))) end--;
  field.end = field.nameEnd = end;
  return true;
}

function classifyToken(line: string, at: number, end: number, field: Field): FieldKind {
  const length = end - at;
  const c = line.charCodeAt(at);
  if (isSeparator(line, at, end)) return FieldKind.dash;
  if (closesHeader(line, at, end)) {
    field.nameEnd = end - 1;
    return FieldKind.name;
  }
  const colon = line.charCodeAt(end - 1) === 58 && length > 1;
  const wordEnd = colon ? end - 1 : end;
  field.nameEnd = wordEnd;
  let digits = 0;
  let upper = 0;
  let other = 0;
  let foreign = 0;
  let dot = -1;
  let equals = -1;
  for (let i = at; i < wordEnd; i++) {
    const d = line.charCodeAt(i);
    if (isDigit(d)) digits++;
    else if (isUpper(d)) upper++;
    else if (!isLower(d)) {
      other++;
      if (d === 46) dot = i;
      else if (d === 61 && equals < 0) equals = i;
      if (!isNameCharacter(d)) foreign++;
    }
  }
  const wordLength = wordEnd - at;
  // Digits, or digits after a minus (a flag column's `-1`): a number.
  if (digits === wordLength || (c === 45 && digits === wordLength - 1 && wordLength > 1)) return colon ? FieldKind.component : FieldKind.number;
  const pidOpen = pidBracketOf(line, at, wordEnd);
  if (pidOpen > 0) {
    field.nameEnd = pidOpen;
    return FieldKind.program;
  }
  if (other === 0 && digits === 0) {
    const level = wordLevel(line, at, wordEnd);
    if (level !== Level.unknown) {
      field.level = level;
      const padded = line.charCodeAt(end) === 9 || (line.charCodeAt(end) === 32 && isBlank(line.charCodeAt(end + 1)));
      return upper === wordLength || colon || padded || headerFieldFollows(line, end, field) ? FieldKind.level : FieldKind.levelWord;
    }
    if (wordLength === 1 && upper === 1 && levelFromLetter(c) !== Level.unknown) {
      field.level = levelFromLetter(c);
      return headerFieldFollows(line, end, field) ? FieldKind.level : FieldKind.letter;
    }
  }
  const priorityLevel = abbreviatedPriorityLevel(line, at, wordEnd);
  if (priorityLevel !== Level.unknown) {
    field.level = priorityLevel;
    return FieldKind.level;
  }
  if (dot > at && other === 1) {
    // facility.level (`user.warn`, `local.ERROR:`)
    const level = wordLevel(line, dot + 1, wordEnd);
    if (level !== Level.unknown) {
      field.level = level;
      return FieldKind.level;
    }
  }
  // An event code (`AH00163:`, `E1234:`) names what happened: it is the message's first word, not its source.
  if (colon) return isEventCode(line, at, wordEnd) ? FieldKind.text : FieldKind.component;
  if (paddedColonFollows(line, end)) {
    // logcat pads its tag: `FMQ     : message`
    field.end = line.indexOf(':', end) + 1;
    return FieldKind.component;
  }
  if (equals > at) return FieldKind.keyValue;
  if (foreign > 0) return FieldKind.text;
  // A plain word padded like a column (`Query\t`, `CBS    `) is a column too.
  const padded = line.charCodeAt(end) === 9 || (line.charCodeAt(end) === 32 && isBlank(line.charCodeAt(end + 1)));
  return other > 0 || digits > 0 || padded ? FieldKind.name : FieldKind.text;
}

/** A name with a `]` that no `[` in it opened (glog's `controller.go:123]` closes its header). */
function closesHeader(line: string, start: number, end: number): boolean {
  if (end - start < 2 || line.charCodeAt(end - 1) !== 93) return false;
  for (let i = start; i < end - 1; i++) {
    const code = line.charCodeAt(i);
    if (!isUpper(code) && !isLower(code) && !isDigit(code) && !isNameCharacter(code)) return false;
  }
  return true;
}

/** A lone `-`, `--` or `:` token in [start, end). */
function isSeparator(line: string, start: number, end: number): boolean {
  const c = line.charCodeAt(start);
  const length = end - start;
  return (c === 45 && length <= 2 && (length === 1 || line.charCodeAt(start + 1) === 45)) || (c === 58 && length === 1);
}

/** Characters a host, logger or class name may have besides letters and digits: `. _ - / $ # @ : * ~ +`. */
function isNameCharacter(code: number): boolean {
  return code === 46 || code === 95 || code === 45 || code === 47 || code === 36 || code === 35 || code === 64 || code === 58 || code === 42 || code === 126 || code === 43;
}

/** Blanks then a `:` and a blank (or the end) after a token. */
function paddedColonFollows(line: string, end: number): boolean {
  let i = end;
  while (line.charCodeAt(i) === 32) i++;
  return i > end && line.charCodeAt(i) === 58 && (i + 1 >= line.length || isBlank(line.charCodeAt(i + 1)));
}

/** The `[` of `program[pid]` in [start, end) (a name before it, a digit after it, `]` at the end), or -1. */
function pidBracketOf(line: string, start: number, end: number): number {
  if (line.charCodeAt(end - 1) !== 93) return -1;
  const open = line.lastIndexOf('[', end);
  return open > start && isDigit(line.charCodeAt(open + 1)) ? open : -1;
}

/**
 * Whether a timestamp (bracketed or not), a `program[pid]` or a lone `-`/`:` separator comes next after
 * blanks: a level word or letter before one is a header's level (`E [08/Jun/2013:11:28:58 -0700] ...`,
 * `... info vpxd[5160] ...`, `... error : Could not connect`), not the first word of a message.
 * `field.stamp` serves as scratch.
 */
function headerFieldFollows(line: string, end: number, field: Field): boolean {
  let start = end;
  while (isBlank(line.charCodeAt(start))) start++;
  if (start === end) return false;
  // Only numeric timestamps: a word after a level is far more often a name than a month.
  const stampAt = line.charCodeAt(start) === 91 ? start + 1 : start;
  if (isDigit(line.charCodeAt(stampAt)) && scanStamp(line, stampAt, field.stamp)) return true;
  let stop = start;
  while (stop < line.length && !isBlank(line.charCodeAt(stop))) stop++;
  if (isSeparator(line, start, stop)) return true;
  if (line.charCodeAt(stop - 1) === 58) stop--;
  return pidBracketOf(line, start, stop) > 0;
}

/** ESXi's `In(14)`, `Wa(180)`, `Db(167)`: a two-letter severity with the syslog priority it stands for in
 *  parentheses; the priority gives the level. */
function abbreviatedPriorityLevel(line: string, at: number, end: number): Level {
  const length = end - at;
  if (length < 5 || length > 7 || !isUpper(line.charCodeAt(at)) || !isLower(line.charCodeAt(at + 1))) return Level.unknown;
  if (line.charCodeAt(at + 2) !== 40 || line.charCodeAt(end - 1) !== 41) return Level.unknown;
  for (let i = at + 3; i < end - 1; i++) if (!isDigit(line.charCodeAt(i))) return Level.unknown;
  return levelFromSyslogPriority(Number(line.slice(at + 3, end - 1)));
}

/** Capital letters, then three digits or more, then at most one capital letter: `AH00163`, `E1234`, `JVMDUMP013I`. */
function isEventCode(line: string, from: number, to: number): boolean {
  let k = from;
  while (k < to && isUpper(line.charCodeAt(k))) k++;
  if (k === from) return false;
  const digitsFrom = k;
  while (k < to && isDigit(line.charCodeAt(k))) k++;
  if (k - digitsFrom < 3) return false;
  if (k < to && isUpper(line.charCodeAt(k))) k++;
  return k === to;
}
