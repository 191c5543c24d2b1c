/**
 * The ranked list's rows as the user asked for them: filtered (text, level, timeline bucket, the
 * threshold being dragged) and sorted, as an order of row indices into the columnar rows.
 */
import type { DashboardRows, DashboardSortKey } from '../protocol';

export interface RowQuery {
  readonly sortKey: DashboardSortKey;
  readonly sortDescending: boolean;
  /** Case-insensitive; matches the message, template, reason, level or line number. */
  readonly text: string;
  /** '' for every level. */
  readonly level: string;
  readonly bucket: number | null;
  /** Rows scoring below are hidden (the threshold while it moves, before the host answers). */
  readonly minScore: number;
}

/** The text of row i's template. */
export function templateText(rows: DashboardRows, i: number): string {
  return rows.templates[rows.template[i]] ?? '';
}

/** The direction a column sorts in when first clicked: scores highest first, everything else ascending. */
export function naturalDescending(key: DashboardSortKey): boolean {
  return key === 'score';
}

const searchTexts = new WeakMap<DashboardRows, string[]>();

/** Lower-cased text a row is searched by, built once per rows object. */
function searchText(rows: DashboardRows): string[] {
  let texts = searchTexts.get(rows);
  if (texts === undefined) {
    texts = rows.line.map((line, i) =>
      `${line + 1}\n${rows.level[i]}\n${rows.message[i]}\n${templateText(rows, i)}\n${rows.reason[i]}`.toLowerCase(),
    );
    searchTexts.set(rows, texts);
  }
  return texts;
}

type Compare = (a: number, b: number) => number;

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function comparator(rows: DashboardRows, key: DashboardSortKey): Compare {
  const byText = (column: readonly string[]): Compare => (a, b) => compareText(column[a], column[b]);
  switch (key) {
    case 'rank':
      return (a, b) => rows.rank[a] - rows.rank[b];
    case 'score':
      return (a, b) => rows.score[a] - rows.score[b];
    case 'line':
      return (a, b) => rows.line[a] - rows.line[b];
    case 'time':
      // Lines without a time sort after every timed line, in either direction (see rowOrder).
      return (a, b) => (rows.time[a] ?? 0) - (rows.time[b] ?? 0);
    case 'level':
      return (a, b) => levelWeight(rows.level[a]) - levelWeight(rows.level[b]);
    case 'template':
      return (a, b) => compareText(templateText(rows, a), templateText(rows, b));
    case 'message':
      return byText(rows.message);
    case 'reason':
      return byText(rows.reason);
  }
}

const LEVEL_ORDER = ['TRACE', 'DEBUG', 'INFO', 'NOTICE', 'WARN', 'ERROR', 'FATAL'];

/** Severity order, so sorting by level puts FATAL next to ERROR rather than alphabetically. */
function levelWeight(level: string): number {
  return LEVEL_ORDER.indexOf(level);
}

/** Row indices to show, in display order. Ties keep rank order, then line order. */
export function rowOrder(rows: DashboardRows, query: RowQuery): Int32Array {
  const needle = query.text.trim().toLowerCase();
  const texts = needle === '' ? null : searchText(rows);
  const kept: number[] = [];
  for (let i = 0; i < rows.line.length; i++) {
    if (rows.score[i] < query.minScore) continue;
    if (query.level !== '' && rows.level[i] !== query.level) continue;
    if (query.bucket !== null && rows.bucket[i] !== query.bucket) continue;
    if (texts !== null && !texts[i].includes(needle)) continue;
    kept.push(i);
  }
  const compare = comparator(rows, query.sortKey);
  const sign = query.sortDescending ? -1 : 1;
  const untimedLast = query.sortKey === 'time';
  kept.sort((a, b) => {
    if (untimedLast && (rows.time[a] === null) !== (rows.time[b] === null)) return rows.time[a] === null ? 1 : -1;
    return sign * compare(a, b) || rows.rank[a] - rows.rank[b] || rows.line[a] - rows.line[b];
  });
  return Int32Array.from(kept);
}

/** Levels present in the rows, most severe first, for the level filter. */
export function levelsOf(rows: DashboardRows): string[] {
  const present = new Set(rows.level.filter((level) => level !== ''));
  return [...present].sort((a, b) => levelWeight(b) - levelWeight(a) || (a < b ? -1 : 1));
}

/** The rows at `indices`, in that order, every column alike; `templates` stays whole (rows index into it). */
export function pickRows(rows: DashboardRows, indices: readonly number[]): DashboardRows {
  const pick = <T>(column: readonly T[]): T[] => indices.map((i) => column[i]);
  return {
    ...rows,
    line: pick(rows.line),
    rank: pick(rows.rank),
    score: pick(rows.score),
    time: pick(rows.time),
    level: pick(rows.level),
    bucket: pick(rows.bucket),
    template: pick(rows.template),
    message: pick(rows.message),
    reason: pick(rows.reason),
  };
}

/** A rows object with no rows, for a dashboard that has nothing yet. */
export const NO_ROWS: DashboardRows = { total: 0, line: [], rank: [], score: [], time: [], level: [], bucket: [], template: [], message: [], reason: [], templates: [] };
