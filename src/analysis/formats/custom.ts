import { levelFromWord } from './levels';
import { inferLevel } from './infer-level';
import { parseTimestampWithYear, type ScannedTimestamp } from './timestamps';
import type { LogFormat, ParsedLine } from './types';

const GROUPS = ['timestamp', 'level', 'component', 'message'] as const;

/** `/pattern/flags` or a bare pattern. The g and y flags are dropped: each line is matched on its own. */
function compile(option: string): RegExp {
  const literal = /^\/(.+)\/([a-z]*)$/s.exec(option);
  const source = literal ? literal[1] : option;
  const flags = literal ? literal[2].replace(/[gy]/g, '') : '';
  try {
    return new RegExp(source, flags);
  } catch (error) {
    throw new RangeError(`format "${option}" is not a valid regular expression (${(error as Error).message}); use "auto", a format name, or a regular expression with named groups`, { cause: error });
  }
}

/** The named groups of a regular expression, found by matching it against nothing as an optional branch. */
function groupNames(regex: RegExp): string[] {
  const probe = new RegExp(`(?:${regex.source})|`, regex.flags).exec('');
  return Object.keys(probe?.groups ?? {});
}

/**
 * A format from a regular expression with named groups: `message` (required), and optional `timestamp`
 * (read by the generic timestamp reader), `level` (a level word; without the group the level is inferred from
 * the message) and `component`. Lines the expression does not match are continuations.
 */
export function createCustomFormat(option: string, sample: readonly string[]): LogFormat {
  const regex = compile(option);
  const names = groupNames(regex);
  const unknown = names.filter((name) => !(GROUPS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new RangeError(`format regex has unknown named group(s) ${unknown.map((n) => `"${n}"`).join(', ')}; use only ${GROUPS.join(', ')}`);
  }
  if (!names.includes('message')) {
    throw new RangeError('format regex needs a named group (?<message>...) for the message; timestamp, level and component groups are optional');
  }
  const hasLevelGroup = names.includes('level');
  const stamp: ScannedTimestamp = { ms: NaN, end: 0, hasYear: true };

  const parse = (line: string, out: ParsedLine): boolean => {
    const groups = regex.exec(line)?.groups;
    if (groups === undefined) return false;
    const message = (groups.message ?? '').trim();
    const time = groups.timestamp;
    out.timestamp = time !== undefined && parseTimestampWithYear(time, stamp) ? stamp.ms : NaN;
    out.message = message;
    out.level = hasLevelGroup && groups.level !== undefined ? levelFromWord(groups.level.trim()) : inferLevel(message);
    out.component = groups.component?.trim() ?? '';
    return true;
  };

  let withYear = 0;
  let withoutYear = 0;
  for (const line of sample) {
    const time = regex.exec(line)?.groups?.timestamp;
    if (time !== undefined && parseTimestampWithYear(time, stamp)) {
      if (stamp.hasYear) withYear++;
      else withoutYear++;
    }
  }
  return { name: 'custom', label: `Custom (${regex.source})`, hasYear: withYear >= withoutYear, parse };
}
