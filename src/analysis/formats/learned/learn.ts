/**
 * Learning a log's header from its first lines. Each line is split into typed fields (see fields.ts), and the
 * fields are aligned by what comes before them: after each kind of field, told apart by its order among the
 * fields of that kind (the first `name`, the second...), or at the start of the line, a weak
 * kind (a pid, a host or logger name, a one-letter level, a `name:` tag, a bracketed group) is taken for a
 * header field only when, with the strong kinds (timestamps, level words, `program[pid]`), it accounts for
 * nearly every line that reaches that point of its header. A line whose next field is of another kind ends its
 * header there; the alignment is redone until it settles, as accepted fields let lines reach further.
 */
import { isContinuation } from '../generic';
import { FieldKind, FIRST_WEAK_KIND, KIND_COUNT, KIND_LABELS } from './fields';
import { accepts, createHeaderFields, endsHeader, fieldKinds, type HeaderProfile, LINE_START, MAX_FIELDS, PLACE_COUNT, placeAfter, readHeader } from './header';

/** Share of the lines reaching a point of their header that the header's kinds must account for there. */
const COLUMN_SHARE = 0.8;
/** A weak kind must be at least this share of a point to count towards it. */
const MIN_KIND_SHARE = 0.1;
/** Brackets rarely open a message: this share of the lines reaching a point is enough for them. */
const BRACKET_SHARE = 0.3;
/** Share of headers with a timestamp above which a line without one (nor another strong field) continues
 *  the entry above. */
const TIMESTAMPED_SHARE = 0.3;
/** Fewer lines than this reaching a point, and nothing weak is accepted there. */
const MIN_LINES = 2;

/** The weak kinds accepted after one kind of field, as a bit mask, from the kinds seen there. */
function maskOf(counts: readonly number[]): number {
  let reached = 0;
  for (const count of counts) reached += count;
  if (reached < MIN_LINES) return 0;
  let covered = 0;
  for (let kind = FieldKind.time; kind < FIRST_WEAK_KIND; kind++) covered += counts[kind];
  const weak = [];
  for (let kind = FIRST_WEAK_KIND; kind < KIND_COUNT; kind++) if (counts[kind] >= reached * MIN_KIND_SHARE) weak.push(kind);
  weak.sort((a, b) => counts[b] - counts[a]);
  let mask = 0;
  for (const kind of weak) {
    if (covered >= reached * COLUMN_SHARE) break;
    mask |= 1 << kind;
    covered += counts[kind];
  }
  if (covered < reached * COLUMN_SHARE) mask = 0;
  if (counts[FieldKind.bracket] >= reached * BRACKET_SHARE) mask |= 1 << FieldKind.bracket;
  return mask;
}

/** The last column holding a timestamp on nearly every line, after a field that is not one; or -1. */
function timeColumnOf(kinds: readonly number[][]): number {
  for (let column = MAX_FIELDS - 1; column > 0; column--) {
    let times = 0;
    for (const line of kinds) if (line[column] === FieldKind.time && !line.slice(0, column).includes(FieldKind.time)) times++;
    if (times >= kinds.length * COLUMN_SHARE && kinds.length >= MIN_LINES) return column;
  }
  return -1;
}

/** Aligns the sample's field kinds until the accepted kinds settle. */
function learnWeakKinds(kinds: readonly number[][], timeColumn: number): number[] {
  let weakAfter = new Array<number>(PLACE_COUNT).fill(0);
  for (let round = 0; round < MAX_FIELDS; round++) {
    const counts = Array.from({ length: PLACE_COUNT }, () => new Array<number>(KIND_COUNT).fill(0));
    for (const line of kinds) {
      const anchored = timeColumn > 0 && line[timeColumn] === FieldKind.time && !line.slice(0, timeColumn).includes(FieldKind.time);
      const ordinals = new Array<number>(KIND_COUNT).fill(0);
      if (anchored) for (const kind of line.slice(0, timeColumn + 1)) ordinals[kind]++;
      let place = anchored ? placeAfter(FieldKind.time, 1) : LINE_START;
      for (let column = anchored ? timeColumn + 1 : 0; column < line.length; column++) {
        const kind = line[column] as FieldKind;
        counts[place][kind]++;
        if (!accepts(weakAfter, place, kind) || endsHeader(kind)) break;
        place = placeAfter(kind, ++ordinals[kind]);
      }
    }
    const next = counts.map(maskOf);
    if (next.every((mask, place) => mask === weakAfter[place])) break;
    weakAfter = next;
  }
  return weakAfter;
}

/** The profile of a sample's headers; an empty sample gives a message-only profile. */
export function learnHeader(sample: readonly string[]): HeaderProfile {
  const lines = sample.filter((line) => line.trim().length > 0 && !isContinuation(line));
  const kinds = lines.map((line) => {
    const into: number[] = [];
    fieldKinds(line, into);
    return into;
  });
  const timeColumn = timeColumnOf(kinds);
  const weakAfter = learnWeakKinds(kinds, timeColumn);

  const header = createHeaderFields();
  let timestamped = 0;
  let withYear = 0;
  const shapes = new Map<string, number>();
  lines.forEach((line, i) => {
    readHeader(line, { weakAfter, timeColumn, dashSeparated: false }, header);
    if (!Number.isNaN(header.timestamp)) {
      timestamped++;
      if (header.hasYear) withYear++;
    }
    const key = kinds[i].slice(0, header.columns).map((kind) => (kind === FieldKind.text ? FieldKind.name : kind)).join(',');
    shapes.set(key, (shapes.get(key) ?? 0) + 1);
  });
  let structure = '';
  let most = 0;
  for (const [key, count] of shapes) {
    if (count > most) {
      structure = key;
      most = count;
    }
  }
  const kindsOfStructure = structure.length > 0 ? structure.split(',').map(Number) : [];
  return {
    weakAfter,
    timeColumn,
    timeRequired: lines.length > 0 && timestamped >= lines.length * TIMESTAMPED_SHARE,
    hasYear: withYear * 2 >= timestamped,
    structure: kindsOfStructure.map((kind) => KIND_LABELS[kind]),
    dashSeparated: kindsOfStructure.includes(FieldKind.dash),
  };
}
