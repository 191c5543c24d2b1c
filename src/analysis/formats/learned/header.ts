/**
 * Reading one line's header with a learned profile: fields are taken from the start while each is of a strong
 * kind, or of a weak kind the profile accepts after the kind of field before it (or at the start of the line);
 * the message starts where they stop (after a `component:` at the latest).
 */
import { Level } from '../levels';
import { createField, type Field, FieldKind, FIRST_WEAK_KIND, scanField, skipFieldSeparators } from './fields';

/** Columns a header may have; the message starts after them at the latest. */
export const MAX_FIELDS = 12;

/** What a learned header is, learned from a sample (plain data: it can be stored and sent to a thread). */
export interface HeaderProfile {
  /** Per kind of field (FieldKind.end for the start of the line), a bit (1 << kind) for each weak kind
   *  accepted after it. */
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

/** Whether a field of `kind` after one of kind `previous` belongs to the header. */
export function accepts(weakAfter: readonly number[], previous: number, kind: FieldKind): boolean {
  if (kind < FIRST_WEAK_KIND) return kind !== FieldKind.end && kind !== FieldKind.text;
  return (weakAfter[previous] & (1 << kind)) !== 0;
}

/** A component ends the header. After a `-` the sample decides, as after any field: `ts - fraud-detection - msg`. */
export function endsHeader(kind: FieldKind): boolean {
  return kind === FieldKind.component;
}

const field: Field = createField();

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
    if (kind !== FieldKind.text) {
      if (kind < FIRST_WEAK_KIND && kind !== FieldKind.dash) out.strong++;
      take(kind, out);
    }
    at = skipFieldSeparators(line, field.end);
  }
  return at;
}

/** Reads the header of `line` into `out`. */
export function readHeader(line: string, weakAfter: readonly number[], timeColumn: number, out: HeaderFields): void {
  out.timestamp = NaN;
  out.timestampStart = out.timestampEnd = -1;
  out.hasYear = true;
  out.level = Level.unknown;
  out.componentStart = out.componentEnd = 0;
  out.strong = 0;
  let at = skipFieldSeparators(line, 0);
  let column = 0;
  let previous: number = FieldKind.end;
  if (timeColumn > 0) {
    const through = throughTimeColumn(line, at, timeColumn, out);
    if (through >= 0) {
      at = through;
      column = timeColumn + 1;
      previous = FieldKind.time;
    }
  }
  for (; column < MAX_FIELDS; column++) {
    const kind = scanField(line, at, field);
    if (!accepts(weakAfter, previous, kind)) break;
    if (kind < FIRST_WEAK_KIND && kind !== FieldKind.dash) out.strong++;
    take(kind, out);
    at = skipFieldSeparators(line, field.end);
    previous = kind;
    if (endsHeader(kind)) {
      column++;
      break;
    }
  }
  out.messageStart = at;
  out.columns = column;
}

function take(kind: FieldKind, out: HeaderFields): void {
  if (kind === FieldKind.time) {
    if (Number.isNaN(out.timestamp)) {
      out.timestamp = field.stamp.ms;
      out.timestampStart = field.stampStart;
      out.timestampEnd = field.stamp.end;
      out.hasYear = field.stamp.hasYear;
    }
  } else if (kind === FieldKind.program || kind === FieldKind.component) {
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
