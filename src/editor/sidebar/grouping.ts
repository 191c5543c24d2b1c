/** Ranked anomalous lines grouped by template or session for the sidebar. Pure: no `vscode`. */

export type GroupBy = 'none' | 'template' | 'session';
export const GROUP_BY_VALUES: readonly GroupBy[] = ['none', 'template', 'session'];

export interface LineGroup {
  /** A template id or a session index; -1 collects lines without one. */
  readonly key: number;
  /** The group's lines, most anomalous first. */
  readonly lines: Int32Array;
}

/** Groups `ranked` (most anomalous first) by `keyOf`; groups come in the order of their best line. */
export function groupRankedLines(ranked: Int32Array, keyOf: (line: number) => number): LineGroup[] {
  const members = new Map<number, number[]>();
  for (const line of ranked) {
    const key = keyOf(line);
    let lines = members.get(key);
    if (lines === undefined) members.set(key, (lines = []));
    lines.push(line);
  }
  return Array.from(members, ([key, lines]) => ({ key, lines: Int32Array.from(lines) }));
}
