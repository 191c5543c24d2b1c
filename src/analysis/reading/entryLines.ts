/**
 * Which lines make up each entry, without a per-line entry table: an entry is its header line
 * (entryFirstLine) and the lines up to the next entry's header, less the blank lines among them
 * (one bit a line). Lines before the first header belong to no entry. This is 4 bytes an entry
 * and an eighth of a byte a line where an entry-of-each-line and a continuations-of-each-entry
 * column took 8 bytes a line; none when every line is an entry (as in HDFS: entry e is line e).
 */

/** What these functions read of a collected log. */
export interface EntrySpans {
  readonly lineCount: number;
  readonly entryCount: number;
  /** Header line of each entry, ascending; null when every line is an entry (read it with firstLineOf). */
  readonly entryFirstLine: Int32Array | null;
  /** Bit `line & 7` of byte `line >> 3` is set for a blank line. */
  readonly blankLines: Uint8Array;
}

/** The header line of an entry. */
export function firstLineOf(log: EntrySpans, entry: number): number {
  return log.entryFirstLine === null ? entry : log.entryFirstLine[entry];
}

export function isBlankLine(log: EntrySpans, line: number): boolean {
  return (log.blankLines[line >> 3] & (1 << (line & 7))) !== 0;
}

/** One past the last line of entry e's span: the next entry's header line, or the end of the log. */
export function entrySpanEnd(log: EntrySpans, entry: number): number {
  return entry + 1 < log.entryCount ? firstLineOf(log, entry + 1) : log.lineCount;
}

/** Continuation lines of an entry: the non-blank lines of its span after its header. */
export function continuationLines(log: EntrySpans, entry: number): number {
  const end = entrySpanEnd(log, entry);
  let lines = 0;
  for (let line = firstLineOf(log, entry) + 1; line < end; line++) if (!isBlankLine(log, line)) lines++;
  return lines;
}

/**
 * The entry of `line` given the entry of the line before (-1 at first): walking lines in order,
 * each header line moves to the next entry. -1 for a blank line or a line before the first header;
 * `current` is what to pass on for the next line.
 */
export function nextLineEntry(log: EntrySpans, line: number, current: number): number {
  return current + 1 < log.entryCount && firstLineOf(log, current + 1) === line ? current + 1 : current;
}

/** The entry `line` belongs to, when `walked` is nextLineEntry's entry for it. */
export function entryOfWalkedLine(log: EntrySpans, line: number, walked: number): number {
  return walked < 0 || isBlankLine(log, line) ? -1 : walked;
}
