/**
 * Reading one line's header with a learned profile: fields are taken from the start while each is of a strong
 * kind, or of a weak kind the profile accepts after the kind of field before it (or at the start of the line),
 * or of one a lone `-` follows where the profile's header holds one; the message starts where they stop (after
 * a `component:` at the latest, and a timestamp, level or kernel uptime right after it).
 */
import { Level } from '../levels';
import { isDigit } from '../timestamps';
import { createField, type Field, FieldKind, FIRST_WEAK_KIND, KIND_COUNT, scanField, skipFieldSeparators } from './fields';

/** Columns a header may have; the message starts after them at the latest. */
export const MAX_FIELDS = 12;

/** Fields of one kind are told apart by their order up to this many: what follows the first `name` of a
 *  header may differ from what follows the second (`chrome.exe *64 - host:port message`). */
const MAX_ORDINAL = 3;
/** Points of a header the profile tells apart: one per kind of the field before and its ordinal. */
export const PLACE_COUNT = KIND_COUNT * MAX_ORDINAL;
/** The start of the line. */
export const LINE_START = 0;

/** The point after a field of `kind` that is the `ordinal`-th of its kind in its header (from 1). */
export function placeAfter(kind: number, ordinal: number): number {
  return kind + KIND_COUNT * (Math.min(ordinal, MAX_ORDINAL) - 1);
}

/** What a learned header is, learned from a sample (plain data: it can be stored and sent to a thread). */
export interface HeaderProfile {
  /** Per point of a header (placeAfter a kind of field and its ordinal, or LINE_START), a bit (1 << kind)
   *  for each weak kind accepted there. */
  readonly weakAfter: readonly number[];
  /**
   * A column (from 0) that holds a timestamp on nearly every line, with other fields before it (HPC's
   * `134681 node-246 unix.hw state_change.unavailable 1077804742 1 ...`): on a line with a timestamp there,
   * every field up to it is header, whatever its kind. -1 when there is none.
   */
  readonly timeColumn: number;
  /** Most headers of the sample have a timestamp: a line without one continues the entry above. */
  readonly timeRequired: boolean;
  readonly hasYear: boolean;
  /** The header's usual fields as the summary names them, e.g. ['timestamp', 'name', 'program[pid]']. */
  readonly structure: readonly string[];
  /** The usual header holds a lone `-`: a line's header reads on through a field the sample did not show
   *  where it is when a `-` comes right after it (`chrome.exe *64 - host:443 close`). */
  readonly dashSeparated: boolean;
}

/** What readHeader found on a line. */
export interface HeaderFields {
  timestamp: number;
  /** Where the timestamp is written: [timestampStart, timestampEnd), -1 without one. */
  timestampStart: number;
  timestampEnd: number;
  hasYear: boolean;
  level: Level;
  componentStart: number;
  componentEnd: number;
  messageStart: number;
  /** Fields read. */
  columns: number;
  /** Fields of a strong kind among them. */
  strong: number;
}

export function createHeaderFields(): HeaderFields {
  return { timestamp: NaN, timestampStart: -1, timestampEnd: -1, hasYear: true, level: Level.unknown, componentStart: 0, componentEnd: 0, messageStart: 0, columns: 0, strong: 0 };
}

/** Whether a field of `kind` at point `place` of a header belongs to it. */
export function accepts(weakAfter: readonly number[], place: number, kind: FieldKind): boolean {
  if (kind < FIRST_WEAK_KIND) return kind !== FieldKind.end && kind !== FieldKind.text;
  return (weakAfter[place] & (1 << kind)) !== 0;
}

/** A component ends the header. After a `-` the sample decides, as after any field: `ts - fraud-detection - msg`. */
export function endsHeader(kind: FieldKind): boolean {
  return kind === FieldKind.component;
}

const field: Field = createField();
/** Per kind, the fields of it read so far on the line. */
const ordinals = new Uint8Array(KIND_COUNT);

/**
 * The index after the field in `timeColumn` when it is a timestamp (taking every field up to it into `out`),
 * or -1 (and `out` as it was).
 */
function throughTimeColumn(line: string, at: number, timeColumn: number, out: HeaderFields): number {
  let scan = at;
  for (let column = 0; column < timeColumn; column++) {
    const kind = scanField(line, scan, field);
    if (kind === FieldKind.end || kind === FieldKind.time) return -1;
    scan = skipFieldSeparators(line, field.end);
  }
  if (scanField(line, scan, field) !== FieldKind.time) return -1;
  for (let column = 0; column <= timeColumn; column++) {
    const kind = scanField(line, at, field);
    ordinals[kind]++;
    if (kind !== FieldKind.text) {
      if (kind < FIRST_WEAK_KIND && kind !== FieldKind.dash) out.strong++;
      take(kind, out);
    }
    at = skipFieldSeparators(line, field.end);
  }
  return at;
}

/** Fields a level may lie past the point where the learned header stops. */
const LEVEL_REACH = 4;

/**
 * Whether a level of a strong kind (`ERROR`, `[WARN]`, `INFO:`) comes within LEVEL_REACH fields from `at`
 * with only names, numbers, brackets, tags or key=value before it: in a log of mixed shapes, whose columns the
 * sample cannot show, a line's header still runs through its level (`drainer-5  INFO  org.acme.Trust ...`); what
 * follows is read as after a level. The sample's columns are learned without these lines.
 * Overwrites `field`.
 */
function reachesLevel(line: string, at: number): boolean {
  for (let n = 0; n < LEVEL_REACH; n++) {
    const kind = scanField(line, at, field);
    if (kind === FieldKind.level) return true;
    if (kind < FIRST_WEAK_KIND || kind === FieldKind.letter || kind === FieldKind.levelWord) return false;
    at = skipFieldSeparators(line, field.end);
  }
  return false;
}

/** Whether a lone `-` comes right after the field that ends at `end` (overwrites `field`). */
function dashFollows(line: string, end: number): boolean {
  return scanField(line, skipFieldSeparators(line, end), field) === FieldKind.dash;
}

/** Reads the header of `line` into `out`. */
export function readHeader(line: string, profile: Pick<HeaderProfile, 'weakAfter' | 'timeColumn' | 'dashSeparated'>, out: HeaderFields): void {
  const { weakAfter, timeColumn } = profile;
  out.timestamp = NaN;
  out.timestampStart = out.timestampEnd = -1;
  out.hasYear = true;
  out.level = Level.unknown;
  out.componentStart = out.componentEnd = 0;
  out.strong = 0;
  let at = skipFieldSeparators(line, 0);
  let column = 0;
  let place = LINE_START;
  let levelPastTime = false;
  ordinals.fill(0);
  if (timeColumn > 0) {
    const through = throughTimeColumn(line, at, timeColumn, out);
    if (through >= 0) {
      at = through;
      column = timeColumn + 1;
      place = placeAfter(FieldKind.time, 1);
    }
  }
  for (; column < MAX_FIELDS; column++) {
    let kind = scanField(line, at, field);
    let reaching = !accepts(weakAfter, place, kind);
    if (reaching && profile.dashSeparated && kind >= FIRST_WEAK_KIND && dashFollows(line, field.end)) {
      reaching = false;
      kind = scanField(line, at, field);
    } else if (reaching) {
      if (out.level !== Level.unknown || !reachesLevel(line, at)) break;
      kind = scanField(line, at, field);
    }
    const next = skipFieldSeparators(line, field.end);
    // A weak field that would leave no message is the message (`ts [/etc/init.d/vvold[1787]: started]`).
    if (kind >= FIRST_WEAK_KIND && next >= line.length) break;
    // A timestamp past a level that came after the line's timestamp is the message's own
    // (`05-21 20:54:20.971  1215  1215 W [18:54:20.964683][dhd] dump`).
    if (kind === FieldKind.time && levelPastTime) break;
    // A tag against a timestamp opens a header; past the line's own timestamp it is the message's (`onExtend:1514038530000 14`).
    if (kind === FieldKind.stampedTag && !Number.isNaN(out.timestamp)) break;
    if (kind < FIRST_WEAK_KIND && kind !== FieldKind.dash) out.strong++;
    const levelPending = !Number.isNaN(out.timestamp) && out.level === Level.unknown;
    take(kind, out);
    if (levelPending && out.level !== Level.unknown) levelPastTime = true;
    at = next;
    place = placeAfter(kind, ++ordinals[kind]);
    if (endsHeader(kind) && !reaching) {
      at = afterUptime(line, at);
      column++;
      // A timestamp or a level right after the tag is still header (`# Time: 2021-01-26T23:45:57Z`, `app: ERROR: ...`).
      for (; column < MAX_FIELDS && mayOpenTimeOrLevel(line.charCodeAt(at)); column++) {
        const after = scanField(line, at, field);
        if (after !== FieldKind.time && after !== FieldKind.level) break;
        out.strong++;
        take(after, out);
        at = skipFieldSeparators(line, field.end);
      }
      break;
    }
  }
  out.messageStart = at;
  out.columns = column;
}

/** Whether a field starting with `code` may be a timestamp or a level (a digit, a capital, `[` or `<`), so a
 *  message opening with a small letter or a sign after a tag costs no second scan. */
function mayOpenTimeOrLevel(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || code === 91 || code === 60;
}

/**
 * After the `[ 1225.134675]` at `at` (the kernel's seconds since boot that syslog writes after `kernel:`), or
 * `at`: it is header, and its padding differs from line to line.
 */
function afterUptime(line: string, at: number): number {
  if (line.charCodeAt(at) !== 91) return at;
  let i = at + 1;
  while (line.charCodeAt(i) === 32) i++;
  const digits = i;
  while (isDigit(line.charCodeAt(i))) i++;
  if (i === digits || line.charCodeAt(i) !== 46) return at;
  const fraction = ++i;
  while (isDigit(line.charCodeAt(i))) i++;
  return i > fraction && line.charCodeAt(i) === 93 ? skipFieldSeparators(line, i + 1) : at;
}

function take(kind: FieldKind, out: HeaderFields): void {
  if (kind === FieldKind.time) {
    if (Number.isNaN(out.timestamp)) {
      out.timestamp = field.stamp.ms;
      out.timestampStart = field.stampStart;
      out.timestampEnd = field.stamp.end;
      out.hasYear = field.stamp.hasYear;
    }
  } else if (kind === FieldKind.program || kind === FieldKind.component || kind === FieldKind.stampedTag) {
    if (out.componentEnd === 0) {
      out.componentStart = field.nameStart;
      out.componentEnd = field.nameEnd;
    }
  }
  if (field.level !== Level.unknown && out.level === Level.unknown) out.level = field.level;
}

/** The kinds of a line's first MAX_FIELDS fields, plain words included (the learner's view). */
export function fieldKinds(line: string, into: number[]): void {
  into.length = 0;
  let at = skipFieldSeparators(line, 0);
  for (let column = 0; column < MAX_FIELDS; column++) {
    const kind = scanField(line, at, field);
    into.push(kind);
    if (kind === FieldKind.end) break;
    at = skipFieldSeparators(line, field.end);
  }
}
